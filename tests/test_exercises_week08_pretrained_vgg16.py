"""week08_pretrained_vgg16's exercises: right answers pass, typical wrong answers get the intended sentence."""

import keras
import numpy as np
from exercise_checks import assert_exercises

from helpers.exercises.week08_pretrained_vgg16 import IMAGENET_MEAN_BGR


def small_vgg(side=64, filters=(4, 8, 8, 16, 16), convs=(2, 2, 3, 3, 3)):
    """VGG16's layout and layer names with few filters: five blocks of 'same' 3 × 3 convolutions, each with a pooling."""
    inputs = keras.Input((side, side, 3))
    x = inputs
    for block, (n, count) in enumerate(zip(filters, convs), 1):
        for i in range(1, count + 1):
            x = keras.layers.Conv2D(n, 3, padding="same", activation="relu", name=f"block{block}_conv{i}")(x)
        x = keras.layers.MaxPooling2D(2, name=f"block{block}_pool")(x)
    return keras.Model(inputs, x, name="vgg16")


def test_week08_pretrained_vgg16_exercises(standin_mode):
    conv_base = small_vgg()
    conv_base.trainable = True
    for layer in conv_base.layers[:-4]:
        layer.trainable = False
    inputs = keras.Input((64, 64, 3))
    model = keras.Model(inputs, keras.layers.Dense(1)(keras.layers.Flatten()(conv_base(inputs))))
    images = np.random.default_rng(0).uniform(0, 255, (6, 64, 64, 3)).astype("float32")
    context = dict(conv_base=conv_base, model=model, images=images)
    block5 = 3 * (3 * 3 * 16 + 1) * 16
    trainable = block5 + 2 * 2 * 16 + 1  # block 5 and the Dense layer on its 2 × 2 × 16 output

    assert_exercises("week08_pretrained_vgg16", context, {
        "q1": [(lambda x: x - np.array(IMAGENET_MEAN_BGR[::-1]), "RGB order"), (lambda x: x[..., ::-1], "mean pixel is not subtracted"),
               (lambda x: x / 255, "does not scale"), (lambda x: x[..., ::-1] - np.array(IMAGENET_MEAN_BGR[::-1]), "BGR order too"),
               (lambda x: x[:2], "shape"), (lambda x: list(x), "NumPy array")],
        "q2": [(2 * 2 * 16, "this run's images"), (5 * 5 * 16, "180 × 180"), (4 * 4, "positions"), (150 * 150 / 1024 * 16, "rounds down")],
        "q3": [(block5 - 3 * 16, "biases"), (trainable, "classifier"), (block5 // 3, "three"), (block5 + 1, "too high")],
        "q4": [("b", "not the same"), ("c", "trainable"), ("d", "any batch size")],
    })
