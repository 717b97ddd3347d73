"""Exercises of week11_conv1d_text: sequence lengths through the convnet, its receptive field, padding by hand, balanced accuracy."""

import math

import numpy as np

from . import Wrong, choice, code, number
from ._sizes import receptive_field

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"model": "model", "max_len": "max_len", "wires": "wires_train", "predicted": "predicted", "labels": "y_test_3"}

KERNEL, POOL = 7, 5  # get_model's Conv1D kernel and MaxPooling1D size


def length_before_pooling(max_len, padding="valid"):
    if padding == "same":
        return max_len // 5
    return (max_len - 6) // 5 - 6


def _keras_length(max_len, padding):
    """What Keras computes for get_model's layers, with the two Conv1D layers padded as asked."""
    import keras

    shape = (None, max_len, 128)
    for layer in (keras.layers.Conv1D(32, KERNEL, padding=padding), keras.layers.MaxPooling1D(POOL),
                  keras.layers.Conv1D(32, KERNEL, padding=padding)):
        shape = layer.compute_output_shape(shape)
    return shape[1]


def check_length_before_pooling(function, ctx):
    for max_len in sorted({ctx.max_len, 100, 500, 123}):
        for padding in ("valid", "same"):
            got, want = function(max_len, padding), _keras_length(max_len, padding)
            if got == want:
                continue
            where = f"for {max_len} words with padding '{padding}'"
            after_conv = max_len - (KERNEL - 1) if padding == "valid" else max_len
            if got == after_conv // POOL and padding == "valid":
                raise Wrong(f"{where} you give {got}: that forgets the second Conv1D, which again loses kernel − 1 = {KERNEL - 1} positions")
            if got == (max_len - (KERNEL - 1)) // POOL - (KERNEL - 1) and padding == "same":
                raise Wrong(f"{where} you give {got}, the 'valid' length: with 'same' a Conv1D keeps the length, only the pooling divides it by {POOL}")
            if padding == "valid" and got in (want + 1, want - 1):
                raise Wrong(f"{where} you give {got}, the model {want}: a kernel of {KERNEL} fits at length − {KERNEL} + 1 positions")
            if padding == "valid" and got == max_len // POOL:
                raise Wrong(f"{where} you give {got}: 'valid' convolutions shorten the sequence by kernel − 1 = {KERNEL - 1} each")
            raise Wrong(f"{where} the model's GlobalMaxPooling1D receives {want} positions; your function gives {got}")


ALT_POOL = 2  # the exercise's variant of get_model: MaxPooling1D(2) instead of MaxPooling1D(5)


def receptive_field_words(ctx, pool=ALT_POOL):
    """The receptive field, in words, of the second Conv1D of ctx.model with its pooling window and stride set to ``pool``."""
    import keras

    windows = []
    for layer in ctx.model.layers:
        if isinstance(layer, keras.layers.Conv1D):
            windows.append(((layer.kernel_size[0] - 1) * layer.dilation_rate[0] + 1, layer.strides[0]))
        elif isinstance(layer, keras.layers.MaxPooling1D):
            windows.append((pool, pool) if pool else (layer.pool_size[0], layer.strides[0]))
    return receptive_field(windows)


def diagnose_receptive_field(value, ctx):
    if value == receptive_field_words(ctx, pool=None):
        return f"that is the notebook's model, with MaxPooling1D({POOL}); the question changes the pooling to MaxPooling1D({ALT_POOL})"
    if value == KERNEL * ALT_POOL:
        return f"{KERNEL} × {ALT_POOL} leaves out what the first convolution and the pooling window themselves add; use the recursion"
    if value == 2 * KERNEL - 1:
        return f"that ignores the pooling: after it, neighbouring positions are {ALT_POOL} words apart, so the second kernel's {KERNEL - 1} extra positions reach {KERNEL - 1} × {ALT_POOL} words"
    if value == KERNEL:
        return "that is the first convolution's field; the question asks about a unit of the second"
    return None


def pad_pre(sequences, max_len):
    padded = np.zeros((len(sequences), max_len), dtype="int32")
    for i, sequence in enumerate(sequences):
        kept = list(sequence)[-max_len:]
        if kept:
            padded[i, max_len - len(kept):] = kept
    return padded


def check_pad_pre(function, ctx):
    sequences = [list(s) for s in ctx.wires[:200]]
    lengths = [len(s) for s in sequences]
    for max_len in sorted({ctx.max_len, int(np.median(lengths)), 5}):
        got, want = function(sequences, max_len), pad_pre(sequences, max_len)
        if not hasattr(got, "shape"):
            raise Wrong(f"your function returns a {type(got).__name__}; it should return a NumPy array")
        if got.shape != want.shape:
            raise Wrong(f"for {len(sequences)} newswires and max_len={max_len} your array has shape {got.shape}; it should be {want.shape}")
        if np.array_equal(got, want):
            continue
        bad = int(np.flatnonzero(np.any(got != want, axis=1))[0])
        sequence = sequences[bad]
        if len(sequence) > max_len and list(got[bad]) == sequence[:max_len]:
            raise Wrong(f"wire {bad} has {len(sequence)} words and you keep its first {max_len}; "
                        "pad_sequences cuts at the front by default and keeps the end")
        if len(sequence) < max_len and list(got[bad][: len(sequence)]) == sequence:
            raise Wrong(f"wire {bad} has {len(sequence)} words and you put the zeros after them; pad_sequences puts them in front")
        raise Wrong(f"row {bad} (a wire of {len(sequence)} words, max_len={max_len}) differs from keras.utils.pad_sequences's")
    if not np.issubdtype(got.dtype, np.integer):
        raise Wrong(f"your rows are {got.dtype}; word indices are integers (pad_sequences gives int32)")


def balanced_accuracy(ctx):
    labels, predicted = np.asarray(ctx.labels), np.asarray(ctx.predicted)
    return float(np.mean([np.mean(predicted[labels == k] == k) for k in np.unique(labels)]))


def diagnose_balanced_accuracy(value, ctx):
    close = lambda other: math.isclose(value, other, rel_tol=1e-3)
    labels, predicted = np.asarray(ctx.labels), np.asarray(ctx.predicted)
    if close(np.mean(predicted == labels)) and not close(balanced_accuracy(ctx)):
        return "that is the plain accuracy, where every wire counts once; balanced accuracy averages the three per-topic accuracies"
    if close(100 * balanced_accuracy(ctx)):
        return "give a fraction between 0 and 1, not a percentage"
    return None


EXERCISES = [
    code(
        "What reaches the global pooling",
        "Write `length_before_pooling(max_len, padding=\"valid\")`: how many positions the `GlobalMaxPooling1D` "
        "of `get_model` receives for reviews of `max_len` words, when both `Conv1D(32, 7)` layers use this "
        "padding (`\"valid\"`, as in the notebook, or `\"same\"`); `MaxPooling1D(5)` stays as it is. The check "
        "compares it with Keras' shapes for several lengths.",
        starter='def length_before_pooling(max_len, padding="valid"):\n    ...  # your code: return a whole number',
        solution=length_before_pooling,
        check=check_length_before_pooling,
        hints=[
            "A 'valid' Conv1D with kernel k gives length − k + 1 positions; a 'same' one keeps the length.",
            "MaxPooling1D(5) has strides 5 and 'valid' padding: length // 5 windows.",
        ],
    ),
    number(
        "How many words one unit reads",
        "The notebook computed that one output of the second `Conv1D` depends on 41 consecutive words. Suppose "
        "`get_model` used `MaxPooling1D(2)` instead of `MaxPooling1D(5)`. How many consecutive words would one "
        "output of the second `Conv1D` depend on then? Use the receptive-field recursion (each layer adds "
        "(window − 1) × jump; a stride multiplies the jump).",
        solution=receptive_field_words,
        diagnose=diagnose_receptive_field,
        answer="words",
        hints=[
            "The layers become Conv1D(7, stride 1), MaxPooling1D(2, stride 2), Conv1D(7, stride 1).",
            "1 + 6 × 1, then + 1 × 1, and the jump becomes 2; then + 6 × 2.",
        ],
        explain="{answer} words, against 41 with MaxPooling1D(5): the pooling's stride sets how far apart the second convolution's inputs lie.",
    ),
    code(
        "Padding by hand",
        "Write `pad_pre(sequences, max_len)` that does what `keras.utils.pad_sequences(sequences, maxlen=max_len)` "
        "does with its defaults: an int32 array of shape `(len(sequences), max_len)`, each sequence cut to its "
        "*last* `max_len` indices and padded with zeros *in front*. The check runs it on 200 of this run's "
        "Reuters newswires (`wires_train`), which are not padded yet.",
        starter="def pad_pre(sequences, max_len):\n    ...  # your code: return the padded array",
        solution=pad_pre,
        check=check_pad_pre,
        hints=[
            "Start from `np.zeros((len(sequences), max_len), dtype=\"int32\")`.",
            "`sequence[-max_len:]` keeps the last max_len items; write them into the end of the row.",
        ],
    ),
    number(
        "Balanced accuracy on three topics",
        "Plain accuracy lets the most common topic dominate. *Balanced accuracy* is the mean of the per-topic "
        "accuracies (for each true topic, the share of its test wires predicted right). What is the 3-topic "
        "convnet's balanced accuracy on the test wires (`predicted`, `y_test_3`), as a fraction?",
        solution=balanced_accuracy,
        diagnose=diagnose_balanced_accuracy,
        relative=1e-3,
        answer="balanced",
        hints=[
            "For topic k: `np.mean(predicted[y_test_3 == k] == k)`.",
            "Average the three numbers; always guessing the most common topic would score exactly 1/3.",
        ],
        explain="{answer:.3f}, against 1/3 for always guessing the most common topic, whatever its share.",
    ),
    choice(
        "Why a convnet reads text fast",
        "The book finds this convnet several times faster to train than a recurrent network on the same reviews. Why?",
        options={
            "a": "It has far fewer parameters than an LSTM.",
            "b": "A Conv1D computes every position of the review at once; a recurrent layer must finish step t before step t + 1.",
            "c": "Max pooling stops the gradient from flowing back through most positions.",
        },
        correct="b",
        why={
            "a": "both models hold most of their weights in the same 10,000 × 128 embedding; speed depends on how the work can be split, not on the count.",
            "c": "the gradient still flows to every position that wins a pooling window, and the convolutions are computed everywhere in the forward pass anyway.",
        },
        hints=["Which layer needs the result of the previous word before it can process the next one?"],
        explain="The convolution's work over 500 positions is one large parallel operation; a recurrent layer's is a loop of 500 small ones.",
    ),
]
