"""week08_dogs_vs_cats's exercises: right answers pass, typical wrong answers get the intended sentence."""

import keras
import numpy as np
from exercise_checks import assert_exercises

IMAGE_SIZE = (32, 32)


def build_body(filters=(32, 64, 128, 256, 256), dropout=0.0):
    """The notebook's body at a small image size, untrained: the checks only read it and predict with it."""
    inputs = keras.Input(shape=IMAGE_SIZE + (3,))
    x = keras.layers.Rescaling(1.0 / 255)(inputs)
    for i, n in enumerate(filters):
        x = keras.layers.Conv2D(filters=n, kernel_size=3, activation="relu", padding="same" if i else "valid")(x)
        if i < len(filters) - 1:
            x = keras.layers.MaxPooling2D(pool_size=2)(x)
    x = keras.layers.Flatten()(x)
    if dropout:
        x = keras.layers.Dropout(dropout)(x)
    return keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(x))


def augmentation(*extra):
    return keras.Sequential([keras.layers.RandomFlip("horizontal"), keras.layers.RandomRotation(0.1),
                             keras.layers.RandomZoom(0.2), *extra])


def test_week08_dogs_vs_cats_exercises(standin_mode):
    keras.utils.set_random_seed(0)
    images = np.random.default_rng(0).integers(0, 256, (6, *IMAGE_SIZE, 3)).astype("float32")
    history = {"val_loss": [0.69, 0.66, 0.67, 0.62, 0.64, 0.60, 0.63]}
    # The notebook's layer pattern (valid 3 × 3 convolutions) at test mode's 80 × 80.
    inputs = keras.Input((80, 80, 3))
    x = inputs
    for n in (32, 64, 128, 256):
        x = keras.layers.MaxPooling2D(2)(keras.layers.Conv2D(n, 3)(x))
    scratch = keras.Model(inputs, keras.layers.Dense(1)(keras.layers.Flatten()(keras.layers.Conv2D(256, 3)(x))))
    context = dict(augmented_body=build_body(dropout=0.5), images=images, scratch=scratch, history=history)

    def always_on(body):  # a hand-made flip: a Lambda layer transforms in every mode
        inputs = keras.Input(shape=body.input.shape[1:])
        flip = keras.layers.Lambda(lambda images: keras.ops.flip(images, axis=2))
        return keras.Model(inputs, body(augmentation(keras.layers.RandomTranslation(0.1, 0.1), flip)(inputs)))

    def three_layers(body):
        inputs = keras.Input(shape=body.input.shape[1:])
        return keras.Model(inputs, body(augmentation()(inputs)))

    def no_body(body):
        inputs = keras.Input(shape=body.input.shape[1:])
        return keras.Model(inputs, augmentation(keras.layers.RandomTranslation(0.1, 0.1))(inputs))

    assert_exercises("week08_dogs_vs_cats", context, {
        "q1": [(always_on, "only when training=True"), (three_layers, "RandomTranslation"), (no_body, "body's own predictions"),
               (lambda body: body.layers, "keras.Model")],
        "q2": [(256, "this run's image size"), (5 * 5, "positions"), (2 * 2 * 256, "no pooling after the last convolution"), (6 * 6 * 256, "too high")],
        "q3": [(7, "not after every epoch"), (3, "first epoch"), (6, "last write")],
        "q4": [("a", "not an accuracy"), ("c", "towards 0"), ("d", "smaller learning rate")],
    })
