"""week02_and_perceptron's exercises: right answers pass, typical wrong answers get the intended sentence."""

import numpy as np
import pandas as pd
from exercise_checks import assert_exercises

from helpers.exercises.week02_and_perceptron import gradient_step


def _context(epochs=70):
    """The notebook's AND run, rebuilt with the reference step (the notebook's spreadsheet gives the same weights)."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float64")
    Y = np.array([0, 0, 0, 1], dtype="float64")
    weights, rows = [(np.array([10.0, 10.0]), 10.0)], []
    for epoch in range(1, epochs + 1):
        w, b = weights[-1]
        z = X @ w + b
        rows.append({"epoch": epoch, "w1": w[0], "w2": w[1], "b": b,
                     "cost": np.mean(Y * np.logaddexp(0, -z) + (1 - Y) * np.logaddexp(0, z))})
        weights.append(gradient_step(X, Y, w, b, 1.0))
    return dict(X=X, Y=Y, weights=weights, per_epoch=pd.DataFrame(rows), learning_rate=1.0, threshold=0.09)


def summed(X, Y, w, b, learning_rate):
    dc_dz = 1 / (1 + np.exp(-(X @ w + b))) - Y
    return w - learning_rate * dc_dz @ X, b - learning_rate * dc_dz.sum()


def uphill(X, Y, w, b, learning_rate):
    new_w, new_b = gradient_step(X, Y, w, b, learning_rate)
    return 2 * w - new_w, 2 * b - new_b


def frozen_bias(X, Y, w, b, learning_rate):
    return gradient_step(X, Y, w, b, learning_rate)[0], b


def test_week02_and_perceptron_exercises(standin_mode):
    context = _context()
    from helpers.exercises.week02_and_perceptron import epoch_below_from_zero, w1_moved
    from types import SimpleNamespace

    ctx = SimpleNamespace(**context)
    right_epoch = epoch_below_from_zero(ctx)
    logbook_epoch = int(ctx.per_epoch.loc[ctx.per_epoch["cost"] < 0.09, "epoch"].iloc[0])
    assert right_epoch != logbook_epoch, "the zero start should cross the threshold at another epoch than the logbook's"
    last_row = ctx.per_epoch["w1"].iloc[-1] - 10
    assert_exercises("week02_and_perceptron", context, {
        "q1": [(summed, "sums the gradient"), (uphill, "uphill"), (frozen_bias, "b is not"),
               (lambda X, Y, w, b, rate: w, "pair (new_w, new_b)")],
        "q2": [(right_epoch - 1, "counts updates"), (logbook_epoch, "logbook's start"), (right_epoch + 5, "too high")],
        "q3": [(last_row, "69 updates"), (-w1_moved(ctx), "sign is reversed"), (ctx.weights[-1][0][0], "final w1 itself")],
        "q4": [("a", "rounding"), ("c", "smaller change")],
    })
