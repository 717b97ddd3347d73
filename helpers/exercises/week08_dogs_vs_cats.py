"""Exercises of week08_dogs_vs_cats: augmentation only in training, shapes at 150 × 150, checkpoints, a collapsed loss."""

import numpy as np

from . import Wrong, choice, code, number
from ._sizes import flattened_size

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"augmented_body": "augmented_body", "images": "np.asarray(images)", "scratch": "scratch",
           "history": "history_scratch.history"}


def with_augmentation(body):
    import keras

    augmentation = keras.Sequential(
        [
            keras.layers.RandomFlip("horizontal"),
            keras.layers.RandomRotation(0.1),
            keras.layers.RandomZoom(0.2),
            keras.layers.RandomTranslation(0.1, 0.1),
        ],
        name="more_augmentation",
    )
    inputs = keras.Input(shape=body.input.shape[1:])
    return keras.Model(inputs, body(augmentation(inputs)))  # Keras passes training on to every layer


def _all_layers(model):
    for layer in model.layers:
        yield layer
        if hasattr(layer, "layers"):
            yield from _all_layers(layer)


def check_with_augmentation(function, ctx):
    import keras

    x = ctx.images[:4].astype("float32")
    inputs = keras.Input(x.shape[1:])
    identity = keras.Model(inputs, keras.layers.Identity()(inputs), name="identity")
    probe = function(identity)
    if not isinstance(probe, keras.Model):
        raise Wrong(f"your function returns a {type(probe).__name__}; it should return a keras.Model")
    names = {type(layer).__name__ for layer in _all_layers(probe)}
    if "RandomTranslation" not in names:
        raise Wrong("your model has no RandomTranslation layer; put keras.layers.RandomTranslation(0.1, 0.1) after the other three")
    missing = {"RandomFlip", "RandomRotation", "RandomZoom"} - names
    if missing:
        raise Wrong(f"your model lacks {', '.join(sorted(missing))}; keep the notebook's three augmentation layers and add the fourth")
    at_inference = keras.ops.convert_to_numpy(probe(x, training=False))
    if at_inference.shape != x.shape or not np.allclose(at_inference, x):
        raise Wrong("at inference (training=False) your model changes the images; it must pass them unchanged. A layer "
                    "that transforms every time (a Lambda, or keras.ops called directly) ignores the mode: use Keras' "
                    "Random... layers, which act only when training=True")
    if np.allclose(keras.ops.convert_to_numpy(probe(x, training=True)), x):
        raise Wrong("in training (training=True) your augmentation leaves the images unchanged; it should flip, rotate, "
                    "zoom and shift them at random")
    model = function(ctx.augmented_body)
    want = keras.ops.convert_to_numpy(ctx.augmented_body(x, training=False))
    got = keras.ops.convert_to_numpy(model(x, training=False))
    if got.shape != want.shape or not np.allclose(got, want, atol=1e-5):
        raise Wrong(f"at inference your model's output {got.shape} should be the body's own predictions {want.shape}: "
                    "the images, unchanged, through `body`")
    return "At inference it predicts exactly what the body predicts; in training every epoch sees new versions."


def flatten_at_150(ctx):
    return flattened_size(ctx.scratch, 150)


def diagnose_flatten_at_150(value, ctx):
    right = flatten_at_150(ctx)
    this_run = ctx.scratch.layers[-1].input.shape[-1]
    if value == this_run and value != right:
        return f"that is for this run's image size ({ctx.scratch.input.shape[1]} × {ctx.scratch.input.shape[2]}), which the summary shows; redo it for 150 × 150"
    last_filters = [layer.filters for layer in ctx.scratch.layers if hasattr(layer, "filters")][-1]
    if value * last_filters == right:
        return f"that is the number of positions; each holds {last_filters} values, one per filter of the last convolution"
    if value == (int(np.sqrt(right // last_filters)) // 2) ** 2 * last_filters:
        return "there is no pooling after the last convolution: four poolings for five convolutions"
    return None


def checkpoint_writes(ctx):
    losses, best, writes = ctx.history["val_loss"], np.inf, 0
    for loss in losses:
        if loss < best:  # save_best_only: only an improvement on every earlier epoch is written
            best, writes = loss, writes + 1
    return writes


def diagnose_checkpoint_writes(value, ctx):
    right = checkpoint_writes(ctx)
    if value == len(ctx.history["val_loss"]) and value != right:
        return "with save_best_only=True the file is written only when the validation loss improves, not after every epoch"
    if value == right - 1:
        return "the first epoch always improves on 'no model yet' (Keras starts from an infinite best loss), so it is written too"
    if value == int(np.argmin(ctx.history["val_loss"])) + 1 and value != right:
        return "that is the epoch of the last write (the best epoch); the question asks how many times the file was written"
    return None


EXERCISES = [
    code(
        "Augmentation that switches itself off",
        "Write `with_augmentation(body)` that returns a `keras.Model` which applies random flips, rotations (0.1), "
        "zooms (0.2), as above, and also shifts, `keras.layers.RandomTranslation(0.1, 0.1)`, to its input images and "
        "then `body`. In training the images must change; at inference (`training=False`) they must pass unchanged, "
        "so that the model predicts exactly what `body` predicts. The check wraps `augmented_body` and an identity "
        "model, and calls them on four of this run's images.",
        starter="def with_augmentation(body):\n    ...  # your code: return a keras.Model",
        solution=with_augmentation,
        check=check_with_augmentation,
        hints=[
            "Build a `keras.Sequential` of the four Random... layers, then `inputs = keras.Input(shape=body.input.shape[1:])`.",
            "`keras.Model(inputs, body(augmentation(inputs)))`: when the model is called with training=False, Keras passes "
            "that on to every layer inside.",
        ],
    ),
    number(
        "Shapes at 150 × 150",
        "The book's first edition fed this convnet 150 × 150 images. At that size, how many values would `Flatten` "
        "pass to the output unit of the small convnet (`scratch`)? Work it out layer by layer: a 3 × 3 convolution "
        "without padding loses 2 pixels per side length, a 2 × 2 pooling halves it, rounding down.",
        solution=flatten_at_150,
        diagnose=diagnose_flatten_at_150,
        answer="flat_values",
        hints=[
            "150 → 148 after the first convolution, → 74 after the first pooling.",
            "Five convolutions, four poolings; the last feature map has 256 channels.",
        ],
        explain="{answer:,} values, each with one weight to the output unit.",
    ),
    number(
        "How often was the checkpoint written?",
        "`ModelCheckpoint(save_best_only=True, monitor='val_loss')` wrote `convnet_from_scratch.keras` during the "
        "first training. How many times was the file written in this run? Read it from `history_scratch.history`.",
        solution=checkpoint_writes,
        diagnose=diagnose_checkpoint_writes,
        answer="writes",
        hints=[
            "The file is written after an epoch whose validation loss is lower than every earlier epoch's.",
            "Walk through `history_scratch.history['val_loss']` keeping the lowest value so far; count the epochs that beat it.",
        ],
        explain="{answer} times: the last write is the best epoch, which is why reloading the file gives the best model.",
    ),
    choice(
        "A loss stuck at 0.693",
        "A model's training loss (binary cross-entropy) sits at 0.693 epoch after epoch. What does that say?",
        options={
            "a": "It is right on 69.3 % of the training images.",
            "b": "It predicts about 0.5 for every image: −ln 0.5 = ln 2 ≈ 0.693 whatever the label, so it has learned nothing.",
            "c": "It has overfitted: the training loss has stopped falling because it memorised the training images.",
            "d": "The learning rate is too small for the loss to move; training for longer will fix it.",
        },
        correct="b",
        why={
            "a": "a cross-entropy is not an accuracy: 0.693 is the loss of a model that gives every image probability 0.5.",
            "c": "an overfitting model's training loss keeps falling towards 0; a loss at ln 2 means no fit at all.",
            "d": "a collapsed model (dead ReLUs, an output stuck on one side) gets almost no gradient, so more epochs do "
                 "not help; the notebook's remedy is a smaller learning rate, 1e-4, not a longer run.",
        },
        hints=["Compute the binary cross-entropy of the prediction 0.5, for a cat and for a dog."],
        explain="With balanced classes, ln 2 is the loss of knowing nothing; a model stuck there has collapsed.",
    ),
]
