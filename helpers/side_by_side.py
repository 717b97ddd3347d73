"""Train several copies of one small network at once, each as if it were trained alone.

Week 1 trains the same tiny network from many initialisations and with several
learning rates. One at a time, each ``fit`` would spend most of its time in
Keras' per-step overhead, not in the maths. :func:`fit_copies` puts the copies
side by side in one Keras model, so one ``fit`` trains them all; see its
docstring for why that is exact.
"""

from __future__ import annotations

import math

import keras
import numpy as np

__all__ = ["fit_copies"]


def fit_copies(build, learning_rates, x, y, loss, *, batch_size, epochs, seed=0, watch=None, shuffle=True):
    """Train one copy of ``build()`` per learning rate with plain SGD; return the copies and their curves.

    The trick, and why it is exact: the copies share the input and the batches
    but no weights, and the model's loss is the *sum* of the copies' losses.
    The gradient of a sum with respect to one copy's weights is the gradient of
    that copy's own loss, so each copy takes exactly the SGD step it would take
    alone. With plain SGD a step is ``learning_rate * gradient``, so multiplying
    a copy's loss by ``rate / max(rates)`` under an optimiser at ``max(rates)``
    trains it at its own rate. Why it is fast: one ``fit`` replaces one per
    copy, and ``steps_per_execution`` runs a whole epoch per call into the
    backend, so the Python overhead is paid once per epoch, not once per batch
    and copy (except on PyTorch, where Keras runs one batch per call). (Only
    plain SGD: momentum or Adam would not scale this way.)

    ``build()`` returns a fresh, uncompiled model with one output; ``loss(y_true,
    y_pred)`` gives the loss of every point (elementwise, no mean), written with
    arithmetic operators so that it works on NumPy arrays too. With ``watch=(x_val,
    y_val)`` the mean ``loss`` of each copy on those points is measured after
    every epoch, in one call for all copies.

    Returns ``(copies, curves)``: the trained copies, each a model of its own
    (``copies[0].predict(x)``), and an array of shape ``(epochs, copies)``, or
    ``None`` without ``watch``.

    Example::

        def build():
            return keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, "relu"), keras.layers.Dense(1, "tanh")])

        def half_squared_error(y_true, y_pred):
            return 0.5 * (y_true - y_pred) ** 2

        # three initialisations at rate 0.03 and one at 0.1, in one fit
        copies, curves = fit_copies(build, [0.03, 0.03, 0.03, 0.1], x_train, y_train, half_squared_error,
                                    batch_size=10, epochs=40, watch=(x_test, y_test))
        curves[-1]  # the final test loss of each copy
    """
    learning_rates = [float(rate) for rate in learning_rates]
    if not learning_rates or min(learning_rates) <= 0:
        raise ValueError(f"fit_copies needs one positive learning rate per copy, got {learning_rates}")
    keras.utils.set_random_seed(seed)
    copies = [build() for _ in learning_rates]  # built in order: the same seed gives the same initial weights
    inputs = keras.Input(shape=np.shape(x)[1:])
    outputs = [copy(inputs) for copy in copies]
    together = keras.Model(inputs, keras.layers.Concatenate()(outputs) if len(outputs) > 1 else outputs[0])
    scale = np.array(learning_rates, dtype="float32") / max(learning_rates)
    together.compile(
        optimizer=keras.optimizers.SGD(learning_rate=max(learning_rates)),
        # keras.ops.multiply, not *: on PyTorch a NumPy array times a tensor is a TypeError
        loss=lambda y_true, y_pred: keras.ops.sum(keras.ops.multiply(scale, loss(y_true, y_pred)), axis=-1),
        # one call into the backend per epoch; Keras' PyTorch backend accepts only 1 (slower, same steps)
        steps_per_execution=1 if keras.backend.backend() == "torch" else math.ceil(len(x) / batch_size),
    )
    curves = []
    callbacks = []
    if watch is not None:
        x_watch, y_watch = watch

        def measure(epoch, logs):
            predictions = keras.ops.convert_to_numpy(together(x_watch))
            curves.append(np.mean(loss(np.asarray(y_watch)[:, None], predictions), axis=0))

        callbacks.append(keras.callbacks.LambdaCallback(on_epoch_end=measure))
    together.fit(x, np.asarray(y)[:, None], batch_size=batch_size, epochs=epochs, verbose=0, shuffle=shuffle, callbacks=callbacks)
    return copies, (np.array(curves) if watch is not None else None)
