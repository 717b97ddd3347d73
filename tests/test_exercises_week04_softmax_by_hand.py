"""week04_softmax_by_hand's exercises: right answers pass, typical wrong answers get the intended sentence."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
from exercise_checks import assert_exercises

from helpers.exercises.week04_softmax_by_hand import epoch_all_above_half, sigmoid_floor, softmax_jacobian


def _context():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float64")
    labels = np.array([0, 1, 2, 3])
    rng = np.random.default_rng(0)
    right = np.array([[0.25, 0.25, 0.25, 0.25], [0.3, 0.4, 0.35, 0.45], [0.45, 0.55, 0.48, 0.6],
                      [0.55, 0.6, 0.52, 0.7], [0.6, 0.7, 0.6, 0.8]])
    table = pd.DataFrame({"epoch": np.arange(1, 6), "accuracy": [0.0, 1.0, 1.0, 1.0, 1.0]})
    for column, (x1, x2) in enumerate(X.astype(int)):
        table[f"p(right | {x1}{x2})"] = right[:, column]
    return dict(X=X, Y=np.eye(4)[labels], W=rng.normal(size=(2, 4)), b=rng.normal(size=4),
                table_softmax=table, table_sigmoid=table.assign(accuracy=0.0))


def diagonal_only(p):
    return np.diag(p * (1 - p))


def plus_sign(p):
    return np.diag(p) + np.outer(p, p) - 2 * np.diag(p * p)


def test_the_jacobian_reference_agrees_with_finite_differences():
    s = np.array([0.3, -1.0, 2.0, 0.5])

    def softmax(s):
        return np.exp(s) / np.exp(s).sum()

    numeric = np.column_stack([(softmax(s + e) - softmax(s - e)) / 2e-6 for e in np.eye(4) * 1e-6])
    assert np.allclose(softmax_jacobian(softmax(s)), numeric, atol=1e-9)


def test_week04_softmax_by_hand_exercises(standin_mode):
    context = _context()
    assert epoch_all_above_half(SimpleNamespace(**context)) == 4
    assert_exercises("week04_softmax_by_hand", context, {
        "q1": [(diagonal_only, "off-diagonal entries are 0"), (plus_sign, "wrong sign"), (lambda p: p, "shape")],
        "q2": [(3, "count rows from 0"), (2, "accuracy 1"), (5, "too high")],
        "q3": [(sigmoid_floor(4), "4 classes"), (np.log(1 + 46 / np.e), "45 wrong classes"), (np.log(46), "uniform guess"),
               (np.e / (np.e + 45), "minus its logarithm")],
        "q4": [("a", "exactly"), ("c", "sum")],
    })
