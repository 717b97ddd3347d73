"""Checking hand-derived gradients: finite differences, and step-by-step agreement with Keras.

Week 2 writes a finite-difference check out in full; later weeks reuse these.

Example::

    analytic = back_propagate(X, Y, feed_forward(X, W, b))
    numeric = numerical_gradient(lambda: cost(Y, feed_forward(X, W, b)), [W, b])
    assert relative_error(analytic, numeric) < 1e-6
"""

from __future__ import annotations

import numpy as np


def numerical_gradient(cost_of, params, eps: float = 1e-6):
    """Central differences of ``cost_of()`` with respect to every entry of every array in ``params``.

    The arrays are nudged in place and restored, so ``cost_of`` reads them as they are.

    Example::

        numerical_gradient(lambda: np.sum(w ** 2), [w])   # ≈ [2 * w]
    """
    gradients = []
    for theta in params:
        gradient = np.zeros_like(theta)
        for index in np.ndindex(theta.shape):
            saved = theta[index]
            theta[index] = saved + eps
            cost_plus = cost_of()
            theta[index] = saved - eps
            cost_minus = cost_of()
            theta[index] = saved
            gradient[index] = (cost_plus - cost_minus) / (2 * eps)
        gradients.append(gradient)
    return gradients


def relative_error(analytic, numeric) -> float:
    """‖a − n‖ / (‖a‖ + ‖n‖) over all arrays: far below 1e-6 for a correct float64 gradient.

    Example::

        relative_error([np.array([1.0, 2.0])], [np.array([1.0, 2.0 + 1e-9])])   # ≈ 3e-10
    """
    a = np.concatenate([np.ravel(g) for g in analytic])
    n = np.concatenate([np.ravel(g) for g in numeric])
    return float(np.linalg.norm(a - n) / max(np.linalg.norm(a) + np.linalg.norm(n), 1e-300))


def keras_steps(model, x, y, epochs: int):
    """Train a compiled Keras model one full-batch step per epoch; its weights after every step.

    Example::

        steps = keras_steps(model, X, Y, epochs=70)   # steps[k] = model.get_weights() after step k + 1
    """
    steps = []
    for _ in range(epochs):
        model.train_on_batch(x.astype("float32"), y.astype("float32"))
        steps.append([np.array(w) for w in model.get_weights()])
    return steps


def largest_gap(numpy_steps, keras_steps_) -> float:
    """The largest absolute difference between matching weights over all steps.

    Example::

        largest_gap(steps_numpy, steps_keras)   # e.g. 3e-6
    """
    return max(
        float(np.max(np.abs(k - n))) for ours, theirs in zip(numpy_steps, keras_steps_) for n, k in zip(ours, theirs)
    )


def same_steps(numpy_steps, keras_steps_, rtol: float = 1e-4, atol: float = 1e-5) -> bool:
    """True when both runs took as many steps and every weight agrees to float32 tolerance.

    Example::

        assert same_steps(steps_numpy, steps_keras)
    """
    return len(numpy_steps) == len(keras_steps_) and all(
        np.allclose(k, n, rtol=rtol, atol=atol) for ours, theirs in zip(numpy_steps, keras_steps_) for n, k in zip(ours, theirs)
    )
