"""The generated shapes and the backend-agnostic gradient norms of the vanishing-gradients project."""

import keras
import numpy as np

from helpers.gradients import gradient_norms
from helpers.shapes import CLASS_NAMES, shape_images


def test_shapes_are_deterministic_balanced_uint8_images():
    x, y = shape_images(40, seed=5)
    again, y_again = shape_images(40, seed=5)
    assert x.shape == (40, 28, 28, 1) and x.dtype == np.uint8 and y.dtype == np.uint8
    assert np.array_equal(x, again) and np.array_equal(y, y_again)
    assert np.bincount(y, minlength=len(CLASS_NAMES)).tolist() == [10, 10, 10, 10]
    assert not np.array_equal(x, shape_images(40, seed=6)[0])


def test_the_shape_is_brighter_than_the_background():
    # the mean image of each class shows its shape: e.g. bars are longer along their own axis
    x, y = shape_images(2_000, seed=0)
    mean = {k: x[y == k, ..., 0].astype(float).mean(axis=0) for k in range(4)}
    horizontal, vertical = mean[0], mean[1]
    assert horizontal[14, 6] > horizontal[6, 14] and vertical[6, 14] > vertical[14, 6]
    assert mean[3][14, 14] > mean[2][14, 14]  # a disc is filled, an outline is hollow


def test_gradient_norms_match_the_gradient_worked_out_by_hand():
    # one linear unit, loss = mean squared error: d loss / d w = 2/n · xᵀ (x w + b − y)
    keras.utils.set_random_seed(0)
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(1, name="unit")(inputs))  # functional: paths are "<layer>/<weight>"
    x = np.random.default_rng(0).normal(size=(8, 3)).astype("float32")
    y = np.random.default_rng(1).normal(size=(8, 1)).astype("float32")
    w, b = model.get_weights()
    residual = x @ w + b - y
    expected_w = np.linalg.norm(2 / len(x) * x.T @ residual)
    expected_b = np.linalg.norm(2 / len(x) * residual.sum(axis=0))
    norms = gradient_norms(model, x, y, keras.losses.MeanSquaredError())
    assert set(norms) == {"unit/kernel", "unit/bias"}
    assert np.isclose(norms["unit/kernel"], expected_w, rtol=1e-5)
    assert np.isclose(norms["unit/bias"], expected_b, rtol=1e-5)
    assert np.array_equal(model.get_weights()[0], w), "measuring must not change the weights"
