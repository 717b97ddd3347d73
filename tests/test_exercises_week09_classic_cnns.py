"""week09_classic_cnns's exercises: right answers pass, typical wrong answers get the intended sentence."""

from types import SimpleNamespace

import keras
from exercise_checks import assert_exercises

from helpers.exercises.week09_classic_cnns import largest_batch, residual_parameters


def residual(x, filters, strides=1):  # the notebook's block at 1/8 width
    filters = max(2, filters // 8)
    y = keras.layers.Conv2D(filters, 3, strides=strides, padding="same")(x)
    y = keras.layers.Activation("relu")(keras.layers.BatchNormalization()(y))
    y = keras.layers.BatchNormalization()(keras.layers.Conv2D(filters, 3, padding="same")(y))
    if strides != 1 or x.shape[-1] != filters:
        x = keras.layers.Conv2D(filters, 1, strides=strides)(x)
    return keras.layers.Activation("relu")(keras.layers.Add()([x, y]))


def lenet5():
    inputs = keras.Input((28, 28, 1))
    x = keras.layers.AveragePooling2D(2)(keras.layers.Conv2D(6, 5, padding="same")(inputs))
    x = keras.layers.AveragePooling2D(2)(keras.layers.Conv2D(16, 5)(x))
    x = keras.layers.Dense(120)(keras.layers.Flatten()(x))
    return keras.Model(inputs, keras.layers.Dense(10)(x))


def small_vgg():
    inputs = keras.Input((16, 16, 1))
    x = keras.layers.MaxPooling2D(2)(keras.layers.Conv2D(4, 3, padding="same")(inputs))
    x = keras.layers.Dense(64)(keras.layers.Flatten()(x))
    return keras.Model(inputs, keras.layers.Dense(10)(x))


def test_week09_classic_cnns_exercises(standin_mode):
    vgg = small_vgg()
    context = dict(residual=residual, lenet=lenet5(), vgg_model=vgg, budget_bytes=0.01 * 2**30)
    ctx = SimpleNamespace(**context)
    activations = 16 * 16 * 4 + 8 * 8 * 4 + 256 + 64 + 10  # every layer's output after the input
    weights = 16 * vgg.count_params()

    def no_shortcut(in_channels, filters, strides=1):
        return residual_parameters(in_channels, filters, 1) - (in_channels * filters + filters if in_channels != filters else 0)

    def two_per_norm(in_channels, filters, strides=1):
        return residual_parameters(in_channels, filters, strides) - 4 * filters

    def always_shortcut(in_channels, filters, strides=1):
        return residual_parameters(in_channels, filters, strides) + (in_channels * filters + filters if in_channels == filters and strides == 1 else 0)

    assert largest_batch(ctx) == int((0.01 * 2**30 - weights) // (8 * activations))
    assert_exercises("week09_classic_cnns", context, {
        "q1": [(no_shortcut, "shortcut needs a 1 × 1"), (two_per_norm, "4 numbers per channel"), (always_shortcut, "identity")],
        "q2": [(400 * 120, "biases"), (784 * 120 + 120, "10 × 10")],
        "q3": [(int((0.01 * 1e9 - weights) // (8 * activations)), "GB"), (int((0.01 * 2**30 - weights / 4) // (8 * activations)), "4 copies"),
               (int((0.01 * 2**30 - weights) // (4 * activations)), "its gradient"), (largest_batch(ctx) + 1, "round down")],
        "q4": [("a", "receptive field"), ("c", "keeps the map's size")],
        "q5": [("a", "every convolution runs"), ("c", "use both")],
    })
