"""week03_from_scratch's exercises: right answers pass, typical wrong answers get the intended sentence."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
from exercise_checks import assert_exercises

from helpers.exercises.week03_from_scratch import LAMBDA, back_propagate_l2, largest_rate


def _context():
    rng = np.random.default_rng(0)
    x_train = rng.normal(size=(98, 7))
    y_train = (x_train[:, :1] + 0.5 * rng.normal(size=(98, 1)) > 0).astype("float64")
    x_line = rng.normal(loc=0.1, size=(200, 1))
    splits = pd.DataFrame({"hand-written": [0.95, 0.9, 1.0, 0.93], "scikit-learn": [0.93, 0.9, 0.98, 0.95],
                           "majority class": [0.5] * 4})
    return dict(x_train=x_train, y_train=y_train, x_line=x_line, splits=splits)


def naive(Y, Z):
    P = 1 / (1 + np.exp(-Z))
    with np.errstate(divide="ignore", invalid="ignore"):  # the log of an exact 0 is what this wrong answer shows
        return float(-np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P)))


def summed(Y, Z):
    return float(np.sum(Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)))


def no_penalty(X, Y, P, W, lam):
    return back_propagate_l2(X, Y, P, W, 0.0)


def doubled_penalty(X, Y, P, W, lam):
    dW, db = back_propagate_l2(X, Y, P, W, lam)
    return dW + lam * W, db


def averaged_penalty(X, Y, P, W, lam):
    dW, db = back_propagate_l2(X, Y, P, W, 0.0)
    return dW + lam * W / len(X), db


def test_the_l2_reference_agrees_with_finite_differences():
    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(20, 3)), rng.integers(0, 2, size=(20, 1)).astype("float64")
    W, b = rng.normal(size=(3, 1)), rng.normal(size=1)

    def cost(W):
        Z = X @ W + b
        return np.mean(Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)) + LAMBDA / 2 * np.sum(W**2)

    numeric = np.array([(cost(W + e) - cost(W - e)) / 2e-6 for e in np.eye(3)[:, :, None] * 1e-6]).reshape(3, 1)
    dW, _ = back_propagate_l2(X, Y, 1 / (1 + np.exp(-(X @ W + b))), W, LAMBDA)
    assert np.allclose(dW, numeric, rtol=1e-6)


def test_week03_from_scratch_exercises(standin_mode):
    context = _context()
    ctx = SimpleNamespace(**context)
    right = largest_rate(ctx)
    assert not np.isclose(right, 1 / np.mean(ctx.x_line**2), rtol=1e-3), "the slope-only limit should differ from the answer"
    assert_exercises("week03_from_scratch", context, {
        "q1": [(naive, "rounds to exactly 0 or 1"), (summed, "times too large"), (lambda Y, Z: Z, "one number")],
        "q2": [(no_penalty, "without the penalty"), (doubled_penalty, "2λ"), (averaged_penalty, "divide the penalty")],
        "q3": [(1 / np.mean(ctx.x_line**2), "slope alone"), (2 * right, "factor 2"), (right / 2, "one step")],
        "q4": [(3, "ties too"), (1, "scikit-learn scores higher"), (0, "too low")],
        "q5": [("a", "at most 1/4"), ("c", "m times larger")],
    })
