"""Exercises of week08_pretrained_vgg16: VGG16's preprocessing, its output at 150 × 150, block 5's weights, BatchNorm when frozen."""

import numpy as np

from . import Wrong, choice, code, number
from ._sizes import flattened_size

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"conv_base": "conv_base", "model": "model", "images": "np.asarray(images)"}

IMAGENET_MEAN_BGR = (103.939, 116.779, 123.68)


def vgg16_preprocess(images):
    bgr = np.asarray(images, dtype="float32")[..., ::-1]  # VGG16 was trained in Caffe, on BGR images
    return bgr - np.array(IMAGENET_MEAN_BGR, dtype="float32")


def check_vgg16_preprocess(function, ctx):
    import keras

    x = np.array(ctx.images[:4], dtype="float32")
    want = keras.applications.vgg16.preprocess_input(x.copy())  # Keras may change its argument in place
    got = function(x.copy())
    if not hasattr(got, "shape"):
        raise Wrong(f"your function returns a {type(got).__name__}; it should return a NumPy array")
    got = np.asarray(got, dtype="float64")
    if got.shape != want.shape:
        raise Wrong(f"for 4 images your array has shape {got.shape}; it should keep the images' shape {want.shape}")
    if np.allclose(got, want, atol=1e-3):
        return "It matches keras.applications.vgg16.preprocess_input."
    mean_rgb = np.array(IMAGENET_MEAN_BGR[::-1])
    mistakes = [
        (x - mean_rgb, "you subtracted the mean pixel but kept the channels in RGB order; VGG16 expects BGR: reverse the last axis first"),
        (x - np.array(IMAGENET_MEAN_BGR), "the channels are still RGB, and the BGR means went to the wrong channels: reverse the last axis, then subtract"),
        (x[..., ::-1], "the channels are reversed, but ImageNet's mean pixel is not subtracted"),
        (x / 255.0, "VGG16's preprocessing does not scale to 0–1: it keeps 0–255, reverses the channels to BGR and subtracts the mean pixel"),
        (x / 127.5 - 1.0, "that is the 'tf' preprocessing of other networks (to −1..1); VGG16 uses the 'caffe' mode: BGR minus the mean pixel"),
        (x[..., ::-1] - mean_rgb, "after reversing to BGR, the means must be in BGR order too: (103.939, 116.779, 123.68)"),
    ]
    for value, sentence in mistakes:
        if np.allclose(got, value, atol=1e-3):
            raise Wrong(sentence)
    raise Wrong("your array differs from keras.applications.vgg16.preprocess_input's: reverse the channels (RGB → BGR), "
                "then subtract (103.939, 116.779, 123.68)")


def values_at_150(ctx):
    return flattened_size(ctx.conv_base, 150)


def diagnose_values_at_150(value, ctx):
    channels = ctx.conv_base.output.shape[-1]
    right = values_at_150(ctx)
    this_run = int(np.prod(ctx.conv_base.output.shape[1:]))
    if value == this_run and value != right:
        return f"that is for this run's images ({ctx.conv_base.input.shape[1]} × {ctx.conv_base.input.shape[2]}); redo it for 150 × 150"
    if value == flattened_size(ctx.conv_base, 180) and value != right:
        return "that is for 180 × 180, the full run's size; redo it for 150 × 150"
    if value == right // channels:
        return f"that is the number of positions; each holds {channels} values, one per filter of the last convolution"
    if np.isclose(value, (150 / 32) ** 2 * channels, rtol=0.01):
        return "a pooling layer rounds down: 75 → 37, not 37.5"
    return None


def block5_weights(ctx):
    return sum(layer.count_params() for layer in ctx.conv_base.layers if layer.name.startswith("block5_conv"))


def diagnose_block5_weights(value, ctx):
    block5 = [layer for layer in ctx.conv_base.layers if layer.name.startswith("block5_conv")]
    trainable = sum(int(np.prod(w.shape)) for w in ctx.model.trainable_weights)
    if value == block5_weights(ctx) - sum(layer.filters for layer in block5):
        return "that leaves out the biases: every filter has one"
    if value == trainable and value != block5_weights(ctx):
        return "that is every trainable weight of the model, the classifier on top included; count block 5's convolutions only"
    if value == block5[-1].count_params():
        return "that is one convolution; block 5 has three (block5_conv1 to block5_conv3)"
    return None


EXERCISES = [
    code(
        "VGG16's preprocessing by hand",
        "`keras.applications.vgg16.preprocess_input` prepares images the way VGG16 was trained in 2014 (Caffe style). "
        "Write `vgg16_preprocess(images)` that does the same for a float array of RGB images in 0–255: reverse the "
        "channels to BGR, then subtract ImageNet's mean pixel, (103.939, 116.779, 123.68) in BGR order. The check "
        "compares it with Keras' function on four of this run's images.",
        starter="def vgg16_preprocess(images):\n    ...  # your code: return the preprocessed array",
        solution=vgg16_preprocess,
        check=check_vgg16_preprocess,
        hints=[
            "`images[..., ::-1]` reverses the last axis, the channels.",
            "Subtracting a 3-element array broadcasts over every pixel of every image.",
        ],
    ),
    number(
        "VGG16's output at 150 × 150",
        "How many values would `conv_base` output per image for 150 × 150 images (the book's first edition used that "
        "size)? VGG16's convolutions use `padding='same'`; each of its five poolings halves the side, rounding down.",
        solution=values_at_150,
        diagnose=diagnose_values_at_150,
        answer="values",
        hints=[
            "150 → 75 → 37 → ... after each block's pooling.",
            "The last block has 512 filters: the output is side × side × 512.",
        ],
        explain="{answer:,} values per image, from 150 × 150 × 3 = 67,500 input values: features that a small Dense "
                "classifier can separate.",
    ),
    number(
        "Unfreezing block 5",
        "Fine-tuning unfreezes `block5_conv1` to `block5_conv3`. How many of the base's weights (biases included) "
        "does that make trainable? Compute it from the layers' shapes (each is 3 × 3 with 512 filters over 512 "
        "channels), then compare with their `count_params()`.",
        solution=block5_weights,
        diagnose=diagnose_block5_weights,
        answer="weights",
        hints=[
            "One such convolution has (3 × 3 × 512 + 1) × 512 parameters.",
            "There are three of them.",
        ],
        explain="{answer:,} weights, about half of the base's 14.7 million: the learning rate of 1e-5 keeps them near "
                "their ImageNet values.",
    ),
    choice(
        "A frozen base with batch normalisation",
        "VGG16 has no BatchNormalization layers, but most newer bases (ResNet50, EfficientNet, ...) do. When such a "
        "base is frozen, or later partly unfrozen for fine-tuning, Keras' advice is to keep it in inference mode, "
        "calling it as `base(x, training=False)`. Why?",
        options={
            "a": "In inference mode batch normalisation uses the moving mean and variance learned on ImageNet; in "
                 "training mode it would normalise with the statistics of each small batch of cats and dogs, and update "
                 "the moving ones, wrecking what the layers above learned to expect.",
            "b": "Inference mode is faster, and the result is the same.",
            "c": "In inference mode the base's weights cannot change, so `trainable = False` would be unnecessary.",
            "d": "Batch normalisation only works with batches of 32 or more, which fine-tuning does not use.",
        },
        correct="a",
        why={
            "b": "the result is not the same: batch statistics of 32 pet photos differ from ImageNet's moving averages.",
            "c": "training=False decides how layers compute (dropout, batch statistics), not whether gradients update "
                 "weights: that is `trainable`, and fine-tuning needs both settings.",
            "d": "batch normalisation works with any batch size above 1; the issue is whose statistics it uses.",
        },
        hints=["What does a BatchNormalization layer compute differently in training and at inference?"],
        explain="Keras 3 also runs a BatchNormalization layer whose `trainable` is False in inference mode, so a frozen "
                "base is safe; the explicit training=False keeps it so after unfreezing.",
    ),
]
