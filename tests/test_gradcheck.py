import keras
import numpy as np

from helpers import gradcheck


def test_numerical_gradient_of_a_quadratic_matches_the_formula_and_restores_params():
    w = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = w.copy()
    (numeric,) = gradcheck.numerical_gradient(lambda: np.sum(w**3), [w])
    assert gradcheck.relative_error([3 * before**2], [numeric]) < 1e-8
    assert np.array_equal(w, before)


def test_relative_error_flags_a_wrong_gradient():
    assert gradcheck.relative_error([np.ones(3)], [np.ones(3)]) == 0
    assert gradcheck.relative_error([np.ones(3)], [-np.ones(3)]) == 1


def test_keras_steps_match_a_hand_written_sgd_step():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    y = np.array([[1.0], [2.0]])
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="mse")
    w, b = np.zeros((2, 1)), np.zeros(1)
    model.set_weights([w, b])
    steps = gradcheck.keras_steps(model, x, y, epochs=2)
    hand = []
    for _ in range(2):
        error = x @ w + b - y
        w, b = w - 0.01 * 2 * x.T @ error / len(x), b - 0.01 * 2 * error.mean(axis=0)
        hand.append([w, b])
    assert gradcheck.same_steps(hand, steps) and gradcheck.largest_gap(hand, steps) < 1e-6
    assert not gradcheck.same_steps(hand[:1], steps)
