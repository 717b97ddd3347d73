"""week11_conv1d_text's exercises: right answers pass, typical wrong answers get the intended sentence."""

from types import SimpleNamespace

import keras
import numpy as np
from exercise_checks import assert_exercises

from helpers.exercises.week11_conv1d_text import balanced_accuracy, length_before_pooling, pad_pre


def test_week11_conv1d_text_exercises(standin_mode):
    rng = np.random.default_rng(0)
    max_len = 60
    model = keras.Sequential([keras.Input((max_len,), dtype="int32"), keras.layers.Embedding(50, 4),
                              keras.layers.Conv1D(2, 7, activation="relu"), keras.layers.MaxPooling1D(5),
                              keras.layers.Conv1D(2, 7, activation="relu"), keras.layers.GlobalMaxPooling1D(),
                              keras.layers.Dense(1, activation="sigmoid")])
    wires = [list(rng.integers(1, 50, size=n)) for n in rng.integers(3, 80, size=250)]
    labels = rng.choice(3, size=300, p=[0.6, 0.3, 0.1])
    predicted = np.where(rng.random(300) < 0.7, labels, 0)
    context = dict(model=model, max_len=max_len, wires=wires, predicted=predicted, labels=labels)

    def forgets_second_conv(max_len, padding="valid"):
        return (max_len - 6) // 5 if padding == "valid" else max_len // 5

    def same_as_valid(max_len, padding="valid"):
        return length_before_pooling(max_len, "valid")

    def keeps_start(sequences, max_len):
        return pad_pre([s[:max_len] for s in sequences], max_len)

    def pads_after(sequences, max_len):
        return keras.utils.pad_sequences(sequences, maxlen=max_len, padding="post")

    def floats(sequences, max_len):
        return pad_pre(sequences, max_len).astype("float32")

    assert_exercises("week11_conv1d_text", context, {
        "q1": [(forgets_second_conv, "second Conv1D"), (same_as_valid, "keeps the length")],
        "q2": [(41, "MaxPooling1D(2)"), (14, "recursion"), (13, "ignores the pooling"), (7, "first convolution")],
        "q3": [(keeps_start, "keeps the end"), (pads_after, "in front"), (floats, "integers")],
        "q4": [(float(np.mean(predicted == labels)), "plain accuracy"), (100 * balanced_accuracy(SimpleNamespace(**context)), "percentage")],
        "q5": [("a", "embedding"), ("c", "still flows")],
    })
