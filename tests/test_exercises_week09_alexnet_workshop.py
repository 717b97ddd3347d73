"""week09_alexnet_workshop's exercises: right answers pass, typical wrong answers get the intended sentence."""

import math
from types import SimpleNamespace

import keras
from exercise_checks import assert_exercises

from helpers.exercises.week09_alexnet_workshop import conv_output_size, layer_parameters, training_gib


def small_alexnet():
    inputs = keras.Input((28, 28, 1))
    x = keras.layers.Resizing(64, 64)(inputs)
    x = keras.layers.Conv2D(4, 11, strides=4, activation="relu")(x)
    x = keras.layers.MaxPooling2D(3, strides=2)(x)
    x = keras.layers.Conv2D(6, 3, padding="same", activation="relu")(x)
    x = keras.layers.Flatten()(x)
    x = keras.layers.Dense(512, activation="relu")(x)
    outputs = keras.layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def small_28(width=1):
    inputs = keras.Input((28, 28, 1))
    x = keras.layers.Conv2D(max(2, 8 // width), 3, padding="same")(inputs)
    x = keras.layers.MaxPooling2D(2)(x)
    x = keras.layers.Conv2D(max(2, 8 // width), 3, padding="same")(x)
    x = keras.layers.MaxPooling2D(2)(x)
    x = keras.layers.Flatten()(x)
    return keras.Model(inputs, keras.layers.Dense(10)(x))


def test_week09_alexnet_workshop_exercises(standin_mode):
    model = small_alexnet()
    context = dict(model=model, alexnet_28=small_28)

    def one_short(size, kernel, stride=1, padding="valid"):
        return (size - kernel) // stride

    def ignores_padding(size, kernel, stride=1, padding="valid"):
        return (size - kernel) // stride + 1

    def no_bias(layer):
        count = layer_parameters(layer)
        return count - getattr(layer, "filters", getattr(layer, "units", 0)) if count else 0

    def no_channels(layer):
        if isinstance(layer, keras.layers.Conv2D):
            return math.prod(layer.kernel_size) * layer.filters + layer.filters
        return layer_parameters(layer)

    params, gib = 4 * model.count_params() * 4, training_gib(SimpleNamespace(model=model))
    activations = (gib * 2**30 - params) / (2 * 128)
    assert conv_output_size(224, 11, 4) == 54 and conv_output_size(26, 5, 1, "same") == 26
    assert_exercises("week09_alexnet_workshop", context, {
        "q1": [(one_short, "one short"), (ignores_padding, "'same' padding adds zeros"), (lambda *a: 3.5, "whole number")],
        "q2": [(no_bias, "also has a bias"), (no_channels, "input channels"), (lambda layer: None, "return a number")],
        "q3": [(gib * 2**30 / 1e9, "GB"), ((params / 4 + 2 * activations * 128) / 2**30, "4 copies"),
               ((params + activations * 128) / 2**30, "twice"), ((params + 2 * activations) / 2**30, "batch size")],
        "q4": [(1 + 2 + 1 + 2 + 1, "multiply by the jump"), (195, "224 px")],
        "q5": [("a", "less noisy"), ("d", "whatever the batch size")],
    })
