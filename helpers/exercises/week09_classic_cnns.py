"""Exercises of week09_classic_cnns: a residual block's parameters, LeNet-5 by hand, the batch VGG can afford, two design choices."""

import functools

from . import Wrong, choice, code, number

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {
    "residual": "residual",
    "lenet": "lenet5()",
    "vgg_model": "vgg(VGG_SIZE, VGG_RATIO)",
    "budget_bytes": "MEMORY_BUDGET_GB * 2**30",
}


def residual_parameters(in_channels, filters, strides=1):
    conv = lambda k, c_in, c_out: k * k * c_in * c_out + c_out
    count = conv(3, in_channels, filters) + conv(3, filters, filters) + 2 * 4 * filters  # batch norm: 4 numbers per channel
    if strides != 1 or in_channels != filters:
        count += conv(1, in_channels, filters)  # the shortcut's 1 × 1 convolution
    return count


def _notebook_block(ctx, in_channels, filters, strides):
    """The notebook's residual block on an 8 × 8 × in_channels input: (parameters, filters it really has)."""
    return _built_block(ctx.residual, in_channels, filters, strides)


@functools.lru_cache(maxsize=16)
def _built_block(residual, in_channels, filters, strides):
    import keras  # built once per case: every check, and the self-check of the reference, reuse it

    inputs = keras.Input((8, 8, in_channels))
    block = keras.Model(inputs, residual(inputs, filters, strides))
    real_filters = next(layer.filters for layer in block.layers if isinstance(layer, keras.layers.Conv2D))
    return block.count_params(), real_filters


def check_residual_parameters(function, ctx):
    _, first = _notebook_block(ctx, 3, 64, 1)
    cases = [(first, 64, 1), (first, 128, 2), (3, 64, 1)]
    for in_channels, nominal, strides in cases:
        want, filters = _notebook_block(ctx, in_channels, nominal, strides)
        got = function(in_channels, filters, strides)
        if got == want:
            continue
        where = f"for a block from {in_channels} to {filters} channels with strides {strides}"
        shortcut = 1 * 1 * in_channels * filters + filters
        needs_shortcut = strides != 1 or in_channels != filters
        if needs_shortcut and got == want - shortcut:
            raise Wrong(f"{where} you give {got:,}, {shortcut:,} short: the shortcut needs a 1 × 1 convolution "
                        "when the block changes the number of channels or the map's size")
        if not needs_shortcut and got == want + shortcut:
            raise Wrong(f"{where} you add a 1 × 1 shortcut convolution, but input and output have the same shape: "
                        "the shortcut is the identity, with no weights")
        if got == want - 4 * filters:
            raise Wrong(f"{where} you give {got:,}: each BatchNormalization keeps 4 numbers per channel (scale, offset, "
                        "moving mean, moving variance); count_params() counts the last two too")
        if got == want - 8 * filters:
            raise Wrong(f"{where} you give {got:,}: you left out the two BatchNormalization layers (4 numbers per channel each)")
        raise Wrong(f"{where} the notebook's `residual` has {want:,} parameters, your function gives {got:,}")


def _first_dense(ctx):
    import keras

    return next(layer for layer in ctx.lenet.layers if isinstance(layer, keras.layers.Dense))


def lenet_dense_parameters(ctx):
    return _first_dense(ctx).count_params()


def diagnose_lenet_dense(value, ctx):
    dense = _first_dense(ctx)
    inputs, units = dense.input.shape[-1], dense.units
    if value == inputs * units:
        return "you left out the 120 biases"
    if value == 7 * 7 * 16 * units + units:
        return "that assumes the second convolution keeps 14 × 14; it has no padding ('valid'), so a 5 × 5 kernel leaves 10 × 10, pooled to 5 × 5"
    if value == 28 * 28 * units + units or value == 14 * 14 * 16 * units + units:
        return "follow the map through both poolings: 28 → 14 (first pooling) → 10 (second convolution, no padding) → 5"
    return None


def largest_batch(ctx):
    import numpy as np

    activations = sum(int(np.prod(layer.output.shape[1:])) for layer in ctx.vgg_model.layers[1:])
    weights = 4 * ctx.vgg_model.count_params() * 4
    return int((ctx.budget_bytes - weights) // (2 * 4 * activations))


def diagnose_largest_batch(value, ctx):
    import numpy as np

    activations = sum(int(np.prod(layer.output.shape[1:])) for layer in ctx.vgg_model.layers[1:])
    weights = 4 * ctx.vgg_model.count_params() * 4
    if value == int((ctx.budget_bytes / 2**30 * 1e9 - weights) // (2 * 4 * activations)):
        return "that uses a budget in GB (10⁹ bytes); the notebook compares the estimate with MEMORY_BUDGET_GB × 2³⁰ bytes"
    if value == int((ctx.budget_bytes - weights / 4) // (2 * 4 * activations)):
        return "you counted the weights once; the estimate keeps 4 copies (weights, gradients, Adam's two moments)"
    if value == int((ctx.budget_bytes - weights) // (4 * activations)):
        return "you counted the activations once; the estimate keeps each layer's output and its gradient"
    if value == largest_batch(ctx) + 1:
        return "one more than fits: round down, since a batch that needs more than the budget does not fit"
    return None


EXERCISES = [
    code(
        "Parameters of a residual block",
        "Write `residual_parameters(in_channels, filters, strides=1)`: how many parameters (as `count_params()` "
        "counts them) the notebook's `residual` block has when it reads `in_channels` channels and its "
        "convolutions have `filters` filters. Remember the batch normalisations and the shortcut. The check "
        "builds the notebook's own block for three cases and compares.",
        starter="def residual_parameters(in_channels, filters, strides=1):\n    ...  # your code: return a number",
        solution=residual_parameters,
        check=check_residual_parameters,
        hints=[
            "A k × k convolution from c_in to c_out channels has k·k·c_in·c_out weights and c_out biases.",
            "Each BatchNormalization counts 4 numbers per channel; the 1 × 1 shortcut exists only when strides ≠ 1 or the channels change.",
        ],
    ),
    number(
        "LeNet-5's first dense layer, by hand",
        "How many parameters has LeNet-5's first `Dense` layer (120 units)? Follow the 28 × 28 map through "
        "`lenet5()`'s convolutions and poolings to find how many numbers `Flatten` hands it.",
        solution=lenet_dense_parameters,
        diagnose=diagnose_lenet_dense,
        answer="parameters",
        hints=[
            "The first convolution keeps 28 × 28 ('same'); the second has no padding.",
            "28 → 14 → 10 → 5: Flatten gives 5 × 5 × 16 = 400 numbers; add one bias per unit.",
        ],
        explain="{answer:,} parameters: more than both convolutions together, as in AlexNet the dense layers hold the weights.",
    ),
    number(
        "The largest batch VGG can afford",
        "With the notebook's estimate (`estimate_training_bytes`, Adam), what is the largest batch size with which "
        "the chosen VGG-11 (`vgg(VGG_SIZE, VGG_RATIO)`) still fits `MEMORY_BUDGET_GB`?",
        solution=largest_batch,
        diagnose=diagnose_largest_batch,
        answer="batch",
        hints=[
            "The estimate is a fixed part (the weights' 4 copies) plus a part proportional to the batch size.",
            "(budget − 4 × parameters × 4) // (2 × 4 × activations per example), with the budget in bytes (× 2**30).",
        ],
        explain="A batch of {answer}: beyond it the activations kept for the backward pass outgrow the budget.",
    ),
    choice(
        "The 1 × 1 convolutions of Inception",
        "In an Inception block, the 3 × 3 and 5 × 5 branches start with a 1 × 1 convolution. What is it for?",
        options={
            "a": "It enlarges the receptive field before the larger kernel.",
            "b": "It cuts the number of channels the 3 × 3 or 5 × 5 convolution reads, and with it that convolution's "
                 "weights and multiply-adds.",
            "c": "It halves the size of the map, as a pooling layer would.",
        },
        correct="b",
        why={
            "a": "a 1 × 1 kernel looks at one pixel: it adds nothing to the receptive field.",
            "c": "with stride 1 and 'same' padding it keeps the map's size; only the channels change.",
        },
        hints=["A k × k convolution costs k·k·(input channels)·(output channels) per pixel. Which factor can a 1 × 1 layer change?"],
        explain="A 5 × 5 convolution reading 16 channels instead of 192 needs 12 times fewer weights and multiply-adds.",
    ),
    choice(
        "Why residual connections",
        "ResNet-18 is deeper than VGG-11 and still trains well. What do its residual connections change?",
        options={
            "a": "They remove half of the convolutions at inference time.",
            "b": "The gradient reaches early layers through the additions unchanged, and each block only has to learn "
                 "a correction to its input.",
            "c": "They replace batch normalisation.",
        },
        correct="b",
        why={
            "a": "every convolution runs at inference; the shortcut is added to their output, not used instead of it.",
            "c": "the notebook's blocks use both: a BatchNormalization after each convolution, and the shortcut.",
        },
        hints=["Differentiate y = x + F(x) with respect to x."],
        explain="dy/dx = 1 + dF/dx: even when F's gradient is small, the identity passes the signal back.",
    ),
]
