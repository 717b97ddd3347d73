"""week05_xor_by_hand's exercises: right answers pass, typical wrong answers get the intended sentence."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
from exercise_checks import assert_exercises

from helpers.exercises.week05_xor_by_hand import _cost, sigmoid, _with_slope, relu_gradients, relu_initial_cost

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float64")
Y = np.array([[0], [1], [1], [0]], dtype="float64")
START = [np.array([[-0.5, 2.0], [0.5, -0.5]]), np.array([0.5, -0.5]), np.array([[-0.5], [0.5]]), np.array([-0.5])]


def _context():
    table = pd.DataFrame({"epoch": np.arange(1, 7), "accuracy": [0.5, 0.75, 1.0, 0.75, 1.0, 1.0],
                          "cost": [0.7, 0.6, 0.4, 0.3, 0.09, 0.05]})
    return dict(X=X, Y=Y, start=START, tanh_table=table)


def test_the_relu_reference_agrees_with_finite_differences():
    params = [np.random.default_rng(5).normal(size=p.shape) for p in START]

    def cost():
        W1, b1, W2, b2 = params
        return _cost(Y, sigmoid(np.maximum(X @ W1 + b1, 0) @ W2 + b2))

    numeric = []
    for theta in params:
        gradient = np.zeros_like(theta)
        for index in np.ndindex(theta.shape):
            saved = theta[index]
            theta[index] = saved + 1e-6
            plus = cost()
            theta[index] = saved - 1e-6
            gradient[index] = (plus - cost()) / 2e-6
            theta[index] = saved
        numeric.append(gradient)
    assert all(np.allclose(a, n, rtol=1e-5, atol=1e-9) for a, n in zip(relu_gradients(X, Y, params), numeric))


def test_a_zero_start_keeps_the_two_hidden_units_identical():
    """What the choice exercise claims: from all-zero weights the sigmoid network's hidden units never differ (on XOR nothing moves)."""
    params = [np.zeros_like(p) for p in START]
    for _ in range(500):
        W1, b1, W2, b2 = params
        A1 = sigmoid(X @ W1 + b1)
        dZ2 = (sigmoid(A1 @ W2 + b2) - Y) / len(X)
        dZ1 = (dZ2 @ W2.T) * A1 * (1 - A1)
        params = [p - g for p, g in zip(params, [X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)])]
    W1, b1, W2, _ = params
    assert np.array_equal(W1[:, 0], W1[:, 1]) and b1[0] == b1[1] and W2[0, 0] == W2[1, 0]
    assert all(np.all(p == 0) for p in params), "on XOR every gradient at the zero start is 0, as the explanation says"


def test_week05_xor_by_hand_exercises(standin_mode):
    context = _context()
    ctx = SimpleNamespace(**context)
    sigmoid_cost = _cost(Y, sigmoid(sigmoid(X @ START[0] + START[1]) @ START[2] + START[3]))
    assert not np.isclose(relu_initial_cost(ctx), sigmoid_cost, rtol=1e-4)

    def summed(X, Y, params):
        return [len(X) * g for g in relu_gradients(X, Y, params)]

    def sigmoid_slope(X, Y, params):
        return _with_slope(X, Y, params, lambda A: A * (1 - A))

    def linear(X, Y, params):
        return _with_slope(X, Y, params, np.ones_like)

    def no_hidden_gradient(X, Y, params):
        return [np.zeros((2, 2)), np.zeros(2)] + relu_gradients(X, Y, params)[2:]

    assert_exercises("week05_xor_by_hand", context, {
        "q1": [(summed, "times too large"), (sigmoid_slope, "sigmoid's slope"), (linear, "as linear"),
               (no_hidden_gradient, "hidden layer's dW1"), (lambda X, Y, params: params[0], "list [dW1")],
        "q2": [(sigmoid_cost, "sigmoid hidden units"), (0.1, "too low")],
        "q3": [(2, "count from 0"), (5, "solved at"), (6, "too high")],
        "q4": [("a", "never become different"), ("c", "right at zero")],
    })
