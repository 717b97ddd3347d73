"""week03_imdb's exercises: right answers pass, typical wrong answers get the intended sentence."""

import numpy as np
from exercise_checks import assert_exercises

from helpers.exercises.week03_imdb import build_three_layer_model, count_encode


def test_week03_imdb_exercises(standin_mode):
    rng = np.random.default_rng(0)
    reviews = [rng.integers(1, 50, size=n) for n in rng.integers(5, 40, size=120)]
    history = {"loss": [0.6, 0.4, 0.3, 0.2], "val_loss": [0.5, 0.45, 0.47, 0.5]}
    context = dict(train_data=reviews, history=history, x_train=np.zeros((120, 50), "uint8"), num_words=50)

    def multi_hot(sequences, num_words):
        return np.minimum(count_encode(sequences, num_words), 1)

    def one_short(sequences, num_words):
        return count_encode(sequences, num_words)[:, :-1]

    def sixteen_units(num_words):
        model = build_three_layer_model(num_words)
        import keras

        return keras.Sequential([keras.Input((num_words,)), keras.layers.Dense(16, activation="relu"),
                                 keras.layers.Dense(1, activation="sigmoid")])

    assert_exercises("week03_imdb", context, {
        "q1": [(multi_hot, "np.add.at"), (one_short, "shape"), (lambda s, n: None, "numpy array")],
        "q2": [(1, "np.argmin counts from 0"), (4, "training loss"), (3, "too high")],
        "q3": [(120 * 50 / 1e9, "uint8"), (120 * 50 * 8 / 1e9, "float64")],
        "q4": [("a", "overfitting"), ("c", "optimistic")],
        "q5": [(sixteen_units, "three Dense layers of 32")],
    })
