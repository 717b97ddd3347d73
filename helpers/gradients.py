"""The gradient of a loss with respect to every weight of a Keras model, on one batch, on any backend.

``keras.ops`` has no gradient function, so this is the one place where the
backend shows: TensorFlow's ``GradientTape``, ``jax.grad`` over the model's
``stateless_call``, or PyTorch's ``backward``. Notebooks call
:func:`gradient_norms` and stay backend-agnostic.

Example::

    norms = gradient_norms(model, x_batch, y_batch, keras.losses.SparseCategoricalCrossentropy())
    norms["conv_1/kernel"]   # the L2 norm of d loss / d kernel of layer conv_1
"""

from __future__ import annotations

import keras
import numpy as np


def _gradients(model, x, y, loss_fn):
    backend = keras.backend.backend()
    weights = model.trainable_weights
    if backend == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=True))
        return [np.asarray(g) for g in tape.gradient(loss, weights)]
    if backend == "jax":
        import jax

        trainable = [v.value for v in weights]
        non_trainable = [v.value for v in model.non_trainable_weights]

        def loss_of(trainable):
            predictions, _ = model.stateless_call(trainable, non_trainable, x, training=True)
            return loss_fn(y, predictions)

        return [np.asarray(g) for g in jax.grad(loss_of)(trainable)]
    if backend == "torch":
        model.zero_grad()
        loss = loss_fn(y, model(x, training=True))
        loss.backward()
        return [v.value.grad.detach().cpu().numpy() for v in weights]
    raise NotImplementedError(f"gradient_norms: no gradient for Keras backend {backend!r}")


def gradient_norms(model, x, y, loss_fn) -> dict[str, float]:
    """L2 norm of d loss(y, model(x)) / d w for every trainable weight ``w``, keyed by its path.

    The batch is run in training mode (as a training step would), and nothing is updated.

    Example::

        {path: norm for path, norm in gradient_norms(model, x, y, loss).items() if path.endswith("kernel")}
    """
    x = keras.ops.convert_to_tensor(x)
    y = keras.ops.convert_to_tensor(y)
    grads = _gradients(model, x, y, loss_fn)
    return {w.path: float(np.linalg.norm(g)) for w, g in zip(model.trainable_weights, grads)}
