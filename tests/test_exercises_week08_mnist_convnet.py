"""week08_mnist_convnet's exercises: right answers pass, typical wrong answers get the intended sentence."""

import keras
from exercise_checks import assert_exercises

from helpers.exercises.week08_mnist_convnet import conv2d_params


def build_convnet(max_pooling=True):
    """The notebook's network, untrained: the checks only read its layers."""
    inputs = keras.Input(shape=(28, 28, 1))
    x = keras.layers.Conv2D(filters=32, kernel_size=3, activation="relu")(inputs)
    if max_pooling:
        x = keras.layers.MaxPooling2D(pool_size=2)(x)
    x = keras.layers.Conv2D(filters=64, kernel_size=3, activation="relu")(x)
    if max_pooling:
        x = keras.layers.MaxPooling2D(pool_size=2)(x)
    x = keras.layers.Conv2D(filters=128, kernel_size=3, activation="relu")(x)
    x = keras.layers.Flatten()(x)
    return keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(x))


def test_week08_mnist_convnet_exercises(standin_mode):
    context = dict(convnet=build_convnet(), convnet_no_pool=build_convnet(max_pooling=False))
    assert_exercises("week08_mnist_convnet", context, {
        "q1": [(lambda k, c, f: k * k * c * f, "one bias"), (lambda k, c, f: (k * k + 1) * f, "every input channel"),
               (lambda k, c, f: (k * c + 1) * f, "k² weights"), (lambda k, c, f: float(conv2d_params(k, c, f)), "int")],
        "q2": [(3 * 3 * 128, "padding='valid'"), (7 * 7, "positions"), (28 * 28 * 128, "poolings"), (6 * 6 * 128, "too low")],
        "q3": [(18, "3 × 3 first kernel"), (1 + 4 + 2 + 2, "leaves out the poolings"), (19, "start from 1")],
        "q4": [("a", "nothing to learn"), ("c", "stay 3 × 3"), ("d", "smaller window")],
    })
