"""week01_neurons's exercises: right answers pass, typical wrong answers get the intended sentence."""

from types import SimpleNamespace

import numpy as np
from exercise_checks import assert_exercises

import helpers.toydata
from helpers.exercises.week01_neurons import best_constant_loss, first_epoch_of_best, parameters


def _context():
    x, y = helpers.toydata.playground("circle", 200, 0.1, seed=1)
    epochs = np.arange(1, 11)[:, None]
    seed_curves = np.column_stack([np.full(10, 0.1), 0.45 - 0.02 * epochs[:, 0], 0.6 / epochs[:, 0] ** 1.5])
    return dict(x_train=x[:100], x_test=x[100:], y_test=y[100:], seed_curves=seed_curves, bar=0.177)


def test_the_3_3_2_count_is_what_keras_counts():
    import keras

    model = keras.Sequential([keras.Input(shape=(2,))] + [keras.layers.Dense(n, activation="relu") for n in (3, 3, 2)]
                             + [keras.layers.Dense(1, activation="tanh")])
    assert model.count_params() == parameters((3, 3, 2)) == 32


def test_week01_neurons_exercises(standin_mode):
    context = _context()
    ctx = SimpleNamespace(**context)
    assert first_epoch_of_best(ctx) == 3  # column 2 ends lowest and first reaches 0.177 at epoch 3; column 0 is below it from epoch 1
    best = first_epoch_of_best(ctx)
    y = np.asarray(ctx.y_test, dtype="float64")

    def only_squares(x):
        return x**2

    def squares_first(x):
        return np.column_stack([x**2, x])

    def cubes(x):
        return np.column_stack([x, x**3])

    assert_exercises("week01_neurons", context, {
        "q1": [(0.5, "answering 0"), (2 * best_constant_loss(ctx), "half of it"), (0.5 * np.mean((y - 1) ** 2), "one label")],
        "q2": [(only_squares, "(100, 4)"), (squares_first, "order"), (cubes, "x1², x2² differ"), (lambda x: [1], "numpy array")],
        "q3": [(23, "weights only"), (29, "output neuron"), (13, "one hidden layer of 3")],
        "q4": [(best - 1, "counts rows from 0"), (1, "earliest of all")],
        "q5": [("a", "no gradient"), ("c", "linear neuron")],
    })
