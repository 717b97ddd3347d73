"""Exercises of week08_mnist_convnet: Conv2D parameters by hand, shapes with 'same' padding, the receptive field, pooling."""

import numpy as np

from . import Wrong, choice, code, number
from . import _sizes as sizes
from ._sizes import flattened_size

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"convnet": "convnet", "convnet_no_pool": "convnet_no_pool"}


def conv2d_params(kernel_size, in_channels, filters):
    return (kernel_size * kernel_size * in_channels + 1) * filters


def check_conv2d_params(function, ctx):
    import keras

    extra = keras.layers.Conv2D(filters=16, kernel_size=5)
    extra.build((None, 12, 12, 7))
    layers = [layer for model in (ctx.convnet, ctx.convnet_no_pool) for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    cases = [(layer.kernel_size[0], layer.kernel.shape[2], layer.filters, layer.count_params()) for layer in layers]
    cases.append((5, 7, 16, extra.count_params()))
    for k, c, f, want in cases:
        got = function(k, c, f)
        if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
            raise Wrong(f"your function returns {type(got).__name__} {got!r}; a parameter count is an int")
        if got == want:
            continue
        where = f"for a {k} × {k} kernel over {c} input channels with {f} filters you give {got:,}; Keras counts {want:,}"
        if got == k * k * c * f:
            raise Wrong(f"{where}: each filter also has one bias")
        if got == (k * k + 1) * f and c > 1:
            raise Wrong(f"{where}: a filter spans every input channel, so it has k × k × in_channels weights, not k × k")
        if got == (k * c + 1) * f:
            raise Wrong(f"{where}: a kernel_size of {k} means a {k} × {k} window: k² weights per input channel")
        raise Wrong(f"{where}. Count one filter's weights and bias, then multiply by the number of filters")
    return "count_params() agrees for every Conv2D layer of both networks."


def same_padding_dense_input(ctx):
    return flattened_size(ctx.convnet, ctx.convnet.input.shape[1], padding="same")


def diagnose_same_padding(value, ctx):
    import keras

    valid = ctx.convnet.layers[-1].input.shape[-1]
    channels = [layer.filters for layer in ctx.convnet.layers if isinstance(layer, keras.layers.Conv2D)][-1]
    right = same_padding_dense_input(ctx)
    if value == valid:
        return "that is the notebook's network, with padding='valid'; with padding='same' a convolution keeps the size"
    if value == right // channels:
        return f"that is the number of positions; each holds {channels} values, one per filter of the last convolution"
    if value == ctx.convnet.input.shape[1] ** 2 * channels:
        return "that leaves out the two poolings: each 2 × 2 MaxPooling2D halves the height and the width"
    return None


def receptive_field(model, first_kernel=None):
    """The receptive field of ``model``'s last layer, with its first Conv2D's kernel set to ``first_kernel`` if given."""
    import keras

    windows = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv2D):
            k = first_kernel if first_kernel and not windows else layer.kernel_size[0]
            windows.append((k, layer.strides[0]))
        elif isinstance(layer, keras.layers.MaxPooling2D):
            windows.append((layer.pool_size[0], layer.strides[0]))
    return sizes.receptive_field(windows)


def wider_first_kernel(ctx):
    return receptive_field(ctx.convnet, first_kernel=5)


def diagnose_wider_first_kernel(value, ctx):
    import keras

    convs = [layer for layer in ctx.convnet.layers if isinstance(layer, keras.layers.Conv2D)]
    without_pooling = 1 + (5 - 1) + sum(layer.kernel_size[0] - 1 for layer in convs[1:])
    if value == receptive_field(ctx.convnet):
        return "that is the notebook's network, with a 3 × 3 first kernel; make it 5 × 5"
    if value == without_pooling:
        return "that leaves out the poolings: a 2 × 2 pooling adds 1 × the jump and doubles the jump for the layers after it"
    if value == wider_first_kernel(ctx) - 1:
        return "start from 1, not 0: before any layer, a unit is one input pixel"
    return None


EXERCISES = [
    code(
        "Conv2D parameters by hand",
        "Write `conv2d_params(kernel_size, in_channels, filters)` that returns the number of parameters of a `Conv2D` "
        "layer with `filters` square kernels of `kernel_size` × `kernel_size` over `in_channels` input channels. The "
        "check compares it with `count_params()` of every Conv2D layer of both networks above, and of one more.",
        starter="def conv2d_params(kernel_size, in_channels, filters):\n    ...  # your code: return an int",
        solution=conv2d_params,
        check=check_conv2d_params,
        hints=[
            "One filter looks at a kernel_size × kernel_size window of every input channel at once.",
            "Each filter has kernel_size² × in_channels weights and one bias.",
        ],
    ),
    number(
        "Shapes with 'same' padding",
        "Suppose all three convolutions of the pooled convnet used `padding='same'` (the poolings unchanged). How "
        "many values would `Flatten` pass to the Dense layer? Work it out layer by layer; you can check it by "
        "building that model and reading `model.layers[-1].input.shape`.",
        solution=same_padding_dense_input,
        diagnose=diagnose_same_padding,
        answer="dense_inputs",
        hints=[
            "With padding='same' a 3 × 3 convolution keeps 28 × 28 as 28 × 28; a 2 × 2 pooling halves each side.",
            "The last feature map is height × width × 128 values.",
        ],
        explain="{answer:,} values: the padding keeps the borders, so the Dense layer gets more inputs and more weights.",
    ),
    number(
        "A wider first kernel",
        "If the first convolution of the pooled convnet had a 5 × 5 kernel (everything else unchanged), how large "
        "would the receptive field of the last convolution be, in pixels on a side?",
        solution=wider_first_kernel,
        diagnose=diagnose_wider_first_kernel,
        answer="field",
        hints=[
            "Follow `receptive_field` above by hand: start at 1 with a jump of 1; a k × k kernel adds (k − 1) × jump.",
            "A 2 × 2 pooling adds 1 × jump and then doubles the jump.",
        ],
        explain="{answer} × {answer} pixels: the first kernel's extra width counts once, at the finest jump, so it widens "
                "the field by only 2 pixels.",
    ),
    choice(
        "What a pooling layer costs",
        "Which statement about the two `MaxPooling2D(pool_size=2)` layers is true?",
        options={
            "a": "Each learns 2 × 2 weights per channel that choose which value to keep.",
            "b": "They have no parameters; the convnet has fewer parameters than the one without pooling because its "
                 "Dense layer gets a smaller input.",
            "c": "They make the convolutions' kernels smaller, which saves parameters.",
            "d": "They have no effect on the receptive field, only on the speed.",
        },
        correct="b",
        why={
            "a": "max pooling takes the largest value of each window; there is nothing to learn (model.summary() shows 0 parameters).",
            "c": "the kernels stay 3 × 3 with or without pooling, so the convolutions have the same parameters in both networks.",
            "d": "the notebook measured it: without pooling the last convolution sees a smaller window of the digit.",
        },
        hints=["Compare the two summaries above layer by layer: which rows differ?"],
        explain="Pooling shrinks the maps (and so the Dense layer) and widens the receptive field, at no cost in parameters.",
    ),
]
