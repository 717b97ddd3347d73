"""Exercises of week10_jena_climate: windows by hand, a 12-hour baseline, recurrent layers' parameters, splitting in time."""

import math

import numpy as np

from . import Wrong, choice, code, number

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {
    "raw_data": "raw_data",
    "temperature": "temperature",
    "val_windows": "val_windows",
    "num_train_samples": "num_train_samples",
    "num_val_samples": "num_val_samples",
    "sampling_rate": "sampling_rate",
    "sequence_length": "sequence_length",
    "delay": "delay",
}


def gather_windows(data, starts, sequence_length, sampling_rate):
    offsets = np.arange(sequence_length) * sampling_rate
    return data[np.asarray(starts)[:, None] + offsets]


def check_gather_windows(function, ctx):
    samples, _ = ctx.val_windows[0]
    starts = ctx.num_train_samples + np.arange(len(samples))
    got = function(ctx.raw_data, starts, ctx.sequence_length, ctx.sampling_rate)
    if not hasattr(got, "shape"):
        raise Wrong(f"your function returns a {type(got).__name__}; it should return one NumPy array")
    want_shape = (len(starts), ctx.sequence_length, ctx.raw_data.shape[-1])
    if got.shape != want_shape:
        raise Wrong(f"for {len(starts)} windows your array has shape {got.shape}; it should be {want_shape}: "
                    "windows × hours per window × features")
    if np.array_equal(got, samples):
        return "Your windows are the ones `val_windows` gives `fit`, row for row."
    first = int(starts[0])
    if np.array_equal(got[0], ctx.raw_data[first : first + ctx.sequence_length]):
        raise Wrong(f"your first window is rows {first} to {first + ctx.sequence_length - 1}, one after the other; "
                    f"a window keeps one row per hour, every {ctx.sampling_rate}th row")
    bad = int(np.flatnonzero(np.any(got != samples, axis=(1, 2)))[0])
    raise Wrong(f"window {bad} (starting at row {int(starts[bad])}) differs from the one `val_windows` gives: "
                f"it should hold rows {int(starts[bad])}, {int(starts[bad]) + ctx.sampling_rate}, ..., "
                f"{int(starts[bad]) + (ctx.sequence_length - 1) * ctx.sampling_rate}")


def _last_rows(ctx):
    """The row of each validation window's last hour."""
    span = ctx.sampling_rate * (ctx.sequence_length - 1)
    first = np.arange(ctx.num_train_samples, ctx.num_train_samples + ctx.num_val_samples - span)
    return first + span


def _persistence_mae(ctx, ahead):
    last = _last_rows(ctx)
    return float(np.mean(np.abs(ctx.temperature[last + ahead] - ctx.temperature[last])))


def baseline_12_hours(ctx):
    return _persistence_mae(ctx, 12 * 6)


def diagnose_baseline_12_hours(value, ctx):
    close = lambda other: math.isclose(value, other, rel_tol=1e-3)
    span = ctx.sampling_rate * (ctx.sequence_length - 1)
    if close(_persistence_mae(ctx, ctx.delay - span)):
        return "that is the 24-hour baseline of the notebook; the question asks 12 hours ahead"
    if close(_persistence_mae(ctx, 12)):
        return "12 rows are 2 hours: a row is 10 minutes, so 12 hours are 72 rows"
    if close(_persistence_mae(ctx, 12 * ctx.sampling_rate - 1)) or close(_persistence_mae(ctx, 12 * ctx.sampling_rate + 1)):
        return "one row off: the target is exactly 72 rows after the window's last row"
    return None


def recurrent_parameters(kind, units, features):
    gates = {"SimpleRNN": 1, "GRU": 3, "LSTM": 4}[kind]
    biases = 2 if kind == "GRU" else 1  # Keras' GRU (reset_after=True) has one bias for the input, one for the state
    return gates * (units * features + units * units + biases * units)


def _keras_count(kind, units, features):
    import keras

    layer = getattr(keras.layers, kind)(units)
    layer.build((None, None, features))
    return layer.count_params()


def check_recurrent_parameters(function, ctx):
    features = ctx.raw_data.shape[-1]
    cases = [("LSTM", 16, features), ("LSTM", 32, features), ("GRU", 32, features), ("GRU", 32, 32), ("SimpleRNN", 8, 3)]
    for kind, units, inputs in cases:
        got, want = function(kind, units, inputs), _keras_count(kind, units, inputs)
        if got == want:
            continue
        where = f"{kind}({units}) reading {inputs} features"
        gates = {"SimpleRNN": 1, "GRU": 3, "LSTM": 4}[kind]
        single = units * inputs + units * units + units
        if kind != "SimpleRNN" and got == single:
            raise Wrong(f"for {where} you give {got:,}, the count of one SimpleRNN: a {kind} has {gates} such sets of "
                        f"weights ({'input, forget and output gates and the candidate' if kind == 'LSTM' else 'update and reset gates and the candidate'})")
        if kind == "GRU" and got == 3 * single:
            raise Wrong(f"for {where} you give {got:,}, {3 * units} short of {want:,}: Keras' GRU (reset_after=True) "
                        "has two biases per gate, one added to the input's product and one to the state's")
        if got == gates * (units * inputs + units * units):
            raise Wrong(f"for {where} you give {got:,}: you left out the biases")
        raise Wrong(f"for {where} Keras counts {want:,} parameters, your function {got:,}")


EXERCISES = [
    code(
        "Windows by hand",
        "Write `gather_windows(data, starts, sequence_length, sampling_rate)` that returns, for each row index in "
        "`starts`, the window `data[i], data[i + r], ..., data[i + (L - 1) r]`, as one array of shape "
        "`(len(starts), L, features)`, with no Python loop (one fancy-indexing operation). The check gathers "
        "the first batch of validation windows with it and compares them with `val_windows[0]`.",
        starter="def gather_windows(data, starts, sequence_length, sampling_rate):\n    ...  # your code: return the windows",
        solution=gather_windows,
        check=check_gather_windows,
        hints=[
            "`np.arange(sequence_length) * sampling_rate` are the offsets of a window's rows from its first one.",
            "`starts[:, None] + offsets` is a (windows, L) array of row indices; `data[indices]` gathers them all.",
        ],
    ),
    number(
        "A baseline twelve hours ahead",
        "Keep the validation windows of the notebook (same first rows), but forecast the temperature 12 hours "
        "after each window's last hour instead of 24. What is the common-sense baseline's validation MAE, in °C? "
        "Compute it from the `temperature` column, as `direct_naive_mae` does.",
        solution=baseline_12_hours,
        diagnose=diagnose_baseline_12_hours,
        relative=1e-3,
        unit=" °C",
        answer="mae_12h",
        hints=[
            "The window starting at row i has its last hour at row i + span; `window_first_rows` gives the i's.",
            "A row is 10 minutes: the target is 12 × 6 = 72 rows after the last hour.",
        ],
        explain="{answer:.2f} °C. Compare it with the 24-hour baseline printed above: a shorter horizon leaves the weather less "
                "time to change, but 12 hours ahead also sets the daily cycle against the guess (afternoon against night).",
    ),
    code(
        "Parameters of recurrent layers",
        "Write `recurrent_parameters(kind, units, features)` that returns how many parameters Keras' "
        "`SimpleRNN`, `GRU` or `LSTM` layer (`kind` is one of these names) with `units` units has when it reads "
        "`features` numbers per step, from the formulas, not from Keras. The check compares it with Keras' own "
        "count, for the layers of this notebook.",
        starter="def recurrent_parameters(kind, units, features):\n    ...  # your code: return a number",
        solution=recurrent_parameters,
        check=check_recurrent_parameters,
        hints=[
            "A SimpleRNN has an input kernel (features × units), a recurrent kernel (units × units) and a bias (units).",
            "An LSTM has 4 such sets (three gates and the candidate), a GRU 3; Keras' GRU has two biases per set (reset_after=True).",
        ],
    ),
    choice(
        "Why split in time",
        "The notebook trains on the first half of the record, validates on the next quarter and tests on the "
        "last. Why not shuffle all the windows and split them at random?",
        options={
            "a": "Neighbouring windows overlap and share most of their hours, so a random split would put near-copies of "
                 "each validation window in the training set, and the validation MAE would be optimistic.",
            "b": "A random split would give the validation set too few winter days.",
            "c": "Shuffling windows would destroy the order of the hours inside each window.",
        },
        correct="a",
        why={
            "b": "a random split samples every season in proportion; it is the time split that can be unbalanced.",
            "c": "shuffling changes which windows go where, not the rows inside a window; the training windows are shuffled anyway.",
        },
        hints=["Two windows whose first rows are 10 minutes apart: how many of their hours do they share?"],
        explain="A forecast is asked about a future it has not seen; only a split in time measures that.",
    ),
]
