"""week10_jena_climate's exercises: right answers pass, typical wrong answers get the intended sentence."""

from types import SimpleNamespace

import numpy as np
from exercise_checks import assert_exercises

from helpers.exercises.week10_jena_climate import _persistence_mae, gather_windows, recurrent_parameters
from helpers.windows import TimeseriesWindows


def test_week10_jena_climate_exercises(standin_mode):
    rng = np.random.default_rng(0)
    rows, sampling_rate, sequence_length = 2000, 6, 10
    delay = sampling_rate * (sequence_length + 24 - 1)
    temperature = (10 * np.sin(np.arange(rows) / 144 * 2 * np.pi) + rng.normal(0, 1, rows)).astype("float32")
    raw_data = np.column_stack([rng.normal(size=rows), temperature, rng.normal(size=rows)]).astype("float32")
    num_train, num_val = 1000, 500
    val_windows = TimeseriesWindows(raw_data[:-delay], targets=temperature[delay:], sampling_rate=sampling_rate,
                                    sequence_length=sequence_length, batch_size=64, start_index=num_train,
                                    end_index=num_train + num_val)
    context = dict(raw_data=raw_data, temperature=temperature, val_windows=val_windows, num_train_samples=num_train,
                   num_val_samples=num_val, sampling_rate=sampling_rate, sequence_length=sequence_length, delay=delay)
    ctx = SimpleNamespace(**context)

    def consecutive(data, starts, length, rate):
        return gather_windows(data, starts, length, 1)

    def one_short(data, starts, length, rate):
        return gather_windows(data, starts, length - 1, rate)

    def lstm_as_simple(kind, units, features):
        return recurrent_parameters("SimpleRNN", units, features)

    def gru_one_bias(kind, units, features):
        return 3 * (units * features + units * units + units) if kind == "GRU" else recurrent_parameters(kind, units, features)

    def no_bias(kind, units, features):
        return {"SimpleRNN": 1, "GRU": 3, "LSTM": 4}[kind] * units * (features + units)

    span = sampling_rate * (sequence_length - 1)
    assert_exercises("week10_jena_climate", context, {
        "q1": [(consecutive, "every 6th row"), (one_short, "shape"), (lambda *a: [], "NumPy array")],
        "q2": [(_persistence_mae(ctx, delay - span), "24-hour baseline"), (_persistence_mae(ctx, 12), "12 rows are 2 hours"),
               (_persistence_mae(ctx, 73), "one row off")],
        "q3": [(lstm_as_simple, "4 such sets"), (gru_one_bias, "two biases"), (no_bias, "biases")],
        "q4": [("b", "every season"), ("c", "not the rows inside")],
    })
