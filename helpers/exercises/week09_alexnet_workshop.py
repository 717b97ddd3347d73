"""Exercises of week09_alexnet_workshop: output sizes, parameters from shapes, training memory, receptive fields."""

import functools
import math

import numpy as np

from . import Wrong, choice, code, number
from ._sizes import receptive_field

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"model": "model", "alexnet_28": "alexnet_28"}

# Spatial sizes a Conv2D or pooling layer can meet, beyond the ones in the two AlexNets.
_EXTRA_CASES = [(27, 3, 2, "same"), (28, 5, 1, "valid"), (7, 2, 2, "valid"), (13, 3, 2, "same"), (31, 4, 3, "valid")]


def conv_output_size(size, kernel, stride=1, padding="valid"):
    if padding == "same":
        return math.ceil(size / stride)
    return (size - kernel) // stride + 1


def _spatial_layers(model):
    """(layer, input size, kernel, stride, padding, output size) of every Conv2D and 2-D pooling layer."""
    import keras

    found = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv2D):
            kernel, stride = layer.kernel_size[0], layer.strides[0]
        elif isinstance(layer, (keras.layers.MaxPooling2D, keras.layers.AveragePooling2D)):
            kernel, stride = layer.pool_size[0], layer.strides[0]
        else:
            continue
        found.append((layer.name, layer.input.shape[1], kernel, stride, layer.padding, layer.output.shape[1]))
    return found


def _small_28(ctx):
    """The notebook's 28 × 28 AlexNet at 1/64 of its width: the same layers and sizes, quick to build."""
    return _built_28(ctx.alexnet_28)


@functools.lru_cache(maxsize=4)
def _built_28(alexnet_28):
    return alexnet_28(64)  # built once: every check, and the self-check of the reference, reuse it


def check_conv_output_size(function, ctx):
    cases = _spatial_layers(ctx.model) + _spatial_layers(_small_28(ctx))
    cases += [(f"a {padding} layer", size, k, s, padding, conv_output_size(size, k, s, padding)) for size, k, s, padding in _EXTRA_CASES]
    for name, size, kernel, stride, padding, want in cases:
        got = function(size, kernel, stride, padding)
        if isinstance(got, float) and got.is_integer():
            got = int(got)
        if not isinstance(got, (int, np.integer)):
            raise Wrong(f"for size {size}, kernel {kernel}, stride {stride} your function returns {got!r}; "
                        "it should return a whole number of positions (use // rather than /)")
        if got == want:
            continue
        where = f"{name} (input {size}, kernel {kernel}, stride {stride}, padding '{padding}')"
        if padding == "valid" and got == want - 1:
            raise Wrong(f"for {where} you give {got}, one short of {want}: the first window starts at position 0, "
                        "so count it too: (size - kernel) // stride + 1")
        if padding == "same" and got == conv_output_size(size, kernel, stride, "valid"):
            raise Wrong(f"for {where} you give {got}, the 'valid' size: 'same' padding adds zeros around the input so "
                        "that every stride-th position gets a window, ceil(size / stride) of them")
        raise Wrong(f"for {where} the model gives {want}, your function {got}")


def layer_parameters(layer):
    import keras

    if isinstance(layer, keras.layers.Conv2D):
        k_h, k_w = layer.kernel_size
        return k_h * k_w * layer.input.shape[-1] * layer.filters + layer.filters
    if isinstance(layer, keras.layers.Dense):
        return layer.input.shape[-1] * layer.units + layer.units
    return 0


def check_layer_parameters(function, ctx):
    import keras

    for layer in ctx.model.layers[1:] + _small_28(ctx).layers[1:]:
        want, got = layer.count_params(), function(layer)
        if got == want:
            continue
        kind = type(layer).__name__
        if not isinstance(got, (int, np.integer, float)):
            raise Wrong(f"for {layer.name} ({kind}) your function returns {got!r}; return a number (0 for a layer without weights)")
        if want == 0:
            raise Wrong(f"{layer.name} ({kind}) has no weights, so 0 parameters; your function gives {got:,}")
        units = layer.filters if isinstance(layer, keras.layers.Conv2D) else layer.units
        if got == want - units:
            raise Wrong(f"for {layer.name} ({kind}) you give {got:,}, {units:,} short of {want:,}: every filter or unit "
                        "also has a bias")
        if isinstance(layer, keras.layers.Conv2D) and got == np.prod(layer.kernel_size) * layer.filters + layer.filters:
            raise Wrong(f"for {layer.name} you give {got:,}: a filter spans all {layer.input.shape[-1]} input channels, "
                        "so its kernel has kernel height × width × input channels weights")
        raise Wrong(f"for {layer.name} ({kind}) the model counts {want:,} parameters, your function {got:,}")


def _activation_bytes(model):
    return sum(int(np.prod(layer.output.shape[1:])) for layer in model.layers[1:]) * 4


BATCH = 128


def training_gib(ctx):
    return (4 * ctx.model.count_params() * 4 + 2 * _activation_bytes(ctx.model) * BATCH) / 2**30


def diagnose_training_gib(value, ctx):
    params, activations = 4 * ctx.model.count_params(), _activation_bytes(ctx.model)
    close = lambda other: math.isclose(value, other, rel_tol=0.01)
    if close(training_gib(ctx) * 2**30 / 1e9):
        return "that is in GB (10⁹ bytes); give it in GiB (2³⁰ bytes), as the notebook's MiB are 2²⁰ bytes"
    if close((params + 2 * activations * BATCH) / 2**30):
        return "you counted the weights once; training also keeps their gradients and Adam's two moments: 4 copies"
    if close((4 * params + activations * BATCH) / 2**30):
        return "you counted the activations once; the backward pass also needs a gradient of each: twice"
    if close((4 * params + 2 * activations * 64) / 2**30) or close((4 * params + 2 * activations * 256) / 2**30):
        return "that is for another batch size; the question asks for batches of 128"
    if close((4 * params + 2 * activations) / 2**30):
        return "the table's activations are per example; multiply them by the batch size, 128"
    return None


def receptive_field_28(ctx):
    return receptive_field([(kernel, stride) for _, _, kernel, stride, _, _ in _spatial_layers(_small_28(ctx))])


def diagnose_receptive_field_28(value, ctx):
    layers = _spatial_layers(_small_28(ctx))
    if value == 1 + sum(kernel - 1 for _, _, kernel, _, _, _ in layers):
        return "you added kernel − 1 for every layer, but after each pooling with stride 2 neighbouring units are twice as far apart in the input: multiply by the jump"
    if value == 195:
        return "195 is the 224 px AlexNet's; the 28 × 28 version has different kernels and strides"
    if value == 28:
        return "count the field as the recursion does, even where it grows past the image's edge; then compare it with 28"
    return None


EXERCISES = [
    code(
        "The output size of a convolution or pooling",
        "Write `conv_output_size(size, kernel, stride=1, padding=\"valid\")`: the height (or width) of the output "
        "map of a `Conv2D` or pooling layer whose input is `size` pixels high, for padding `\"valid\"` (no zeros "
        "added) and `\"same\"` (zeros added so that the output is the input divided by the stride, rounded up). "
        "The check compares it with every convolution and pooling layer of both AlexNets.",
        starter='def conv_output_size(size, kernel, stride=1, padding="valid"):\n    ...  # your code: return a whole number',
        solution=conv_output_size,
        check=check_conv_output_size,
        hints=[
            "With 'valid', count the positions where a window of `kernel` pixels fits, moving `stride` pixels at a time.",
            "'valid': (size - kernel) // stride + 1; 'same': math.ceil(size / stride).",
        ],
    ),
    code(
        "Parameters from shapes",
        "Write `layer_parameters(layer)` that returns how many parameters a Keras layer has, computed from its "
        "shapes (`layer.kernel_size`, `layer.input.shape`, `layer.filters`, `layer.units`) without "
        "`count_params()`: for a `Conv2D` and a `Dense` layer, the weights and biases; 0 for any other layer. "
        "The check compares it with `count_params()` for every layer of both AlexNets.",
        starter="def layer_parameters(layer):\n    ...  # your code: return a number",
        solution=layer_parameters,
        check=check_layer_parameters,
        hints=[
            "`isinstance(layer, keras.layers.Conv2D)` tells the kinds apart; `layer.input.shape[-1]` is the number of input channels or features.",
            "A Conv2D filter has k_h × k_w × input channels weights and one bias; a Dense unit has one weight per input and one bias.",
        ],
    ),
    number(
        "Training memory of the full-size AlexNet",
        f"Using the estimate of section 4 (weights, their gradients and Adam's two moments: 4 copies of the "
        f"parameters; every layer's output and its gradient: 2 copies of the activations per example), how many "
        f"GiB would training the 224 px AlexNet (`model`, `table`) need in batches of {BATCH}, in float32?",
        solution=training_gib,
        diagnose=diagnose_training_gib,
        relative=0.01,
        unit=" GiB",
        answer="gibibytes",
        hints=[
            "`table['activation KiB'].sum() * 1024` is the activations of one example, in bytes.",
            f"4 × parameters × 4 bytes + 2 × activation bytes × {BATCH}, then divide by 2**30.",
        ],
        explain="About {answer:.2f} GiB. At this batch size the activations kept for the backward pass cost about as much as "
                "the four copies of the weights, and unlike them they grow with the batch.",
    ),
    number(
        "The receptive field of AlexNet for 28 × 28",
        "How many pixels wide is the receptive field of one unit of the last pooling layer of `alexnet_28`, the "
        "version without resizing? Compute it with the recursion of section 3 (it may exceed the image: say how "
        "much of the 28 × 28 input that unit sees).",
        solution=receptive_field_28,
        diagnose=diagnose_receptive_field_28,
        answer="field",
        hints=[
            "`conv_pool_layers(alexnet_28(), upto=...)` lists its (kernel, stride) pairs; pass them to `receptive_field`.",
            "Three 2 × 2 poolings with stride 2 multiply the jump by 8 along the way.",
        ],
        explain="{answer} pixels: more than the 28 px image, so each unit of the last pooling layer sees the whole picture, "
                "as the 224 px network's units see most of theirs.",
    ),
    choice(
        "Bigger batches, same epochs",
        "Section 4 trains AlexNet with batch 64 and batch 256 for the same number of epochs. Which is the main "
        "reason why the larger batch can end with a lower accuracy after a fixed number of epochs?",
        options={
            "a": "Each of its gradients is noisier, because it averages over more examples.",
            "b": "It makes four times fewer weight updates in the same epochs.",
            "c": "It needs more memory, and memory pressure slows down learning.",
            "d": "Dropout switches off more units when the batch is larger.",
        },
        correct="b",
        why={
            "a": "averaging over more examples makes a gradient less noisy, not more.",
            "c": "memory decides whether a run fits and how fast it goes, not what the weights learn per update.",
            "d": "dropout drops each unit with probability 0.5 whatever the batch size.",
        },
        hints=["Count the optimizer steps in one epoch for each batch size."],
        explain="An epoch of N examples is N/64 updates with batch 64 but N/256 with batch 256; with the same learning "
                "rate the larger batch has simply moved the weights fewer times.",
    ),
]
