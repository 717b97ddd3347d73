"""Exercises of week02_and_perceptron: one gradient step with dC/dz = p - y, epochs and updates, h."""

import numpy as np

from . import Wrong, choice, code, number

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"X": "X", "Y": "Y", "weights": "weights", "per_epoch": "per_epoch", "learning_rate": "LEARNING_RATE",
           "threshold": "THRESHOLD"}


def gradient_step(X, Y, w, b, learning_rate):
    dc_dz = 1 / (1 + np.exp(-(X @ w + b))) - Y  # dC/dp · dp/dz simplifies to p - y
    return w - learning_rate * (dc_dz @ X) / len(X), b - learning_rate * dc_dz.mean()


def check_gradient_step(function, ctx):
    points = [0, 10, 40]  # the logbook's start and two later points of this run
    for k in points:
        w, b = ctx.weights[k]
        got = function(ctx.X, ctx.Y, np.array(w, dtype="float64"), float(b), ctx.learning_rate)
        if not isinstance(got, tuple) or len(got) != 2:
            raise Wrong(f"your function returns {type(got).__name__}; it should return the pair (new_w, new_b)")
        new_w, new_b = np.asarray(got[0], dtype="float64"), np.asarray(got[1], dtype="float64")
        if new_w.shape != (2,) or new_b.size != 1:
            raise Wrong(f"new_w has shape {new_w.shape} and new_b {new_b.shape}; they should be shape (2,) and one number, like w and b")
        new_b = float(new_b.reshape(-1)[0])
        want_w, want_b = ctx.weights[k + 1]
        if np.allclose(new_w, want_w, rtol=1e-7, atol=1e-10) and np.isclose(new_b, want_b, rtol=1e-7, atol=1e-10):
            continue
        step_w, step_b = np.asarray(want_w) - w, want_b - b
        if np.allclose(new_w - w, len(ctx.X) * step_w, rtol=1e-6) and np.isclose(new_b - b, len(ctx.X) * step_b, rtol=1e-6):
            raise Wrong(f"your step is {len(ctx.X)} times too large: it sums the gradient over the {len(ctx.X)} samples; "
                        "batch gradient descent uses their mean")
        if np.allclose(new_w - w, -step_w, rtol=1e-6) and np.isclose(new_b - b, -step_b, rtol=1e-6):
            raise Wrong("your step goes uphill: gradient descent subtracts the gradient, w - learning_rate * dC/dw")
        if np.allclose(new_w, want_w, rtol=1e-6) and not np.isclose(new_b, want_b, rtol=1e-6):
            raise Wrong(f"w is right but b is not: dC/db is the mean of dC/dz (x is 1 for the bias); after epoch {k + 1} "
                        f"b should be {want_b:.6g}, yours is {new_b:.6g}")
        raise Wrong(f"from the weights at the start of epoch {k + 1} (w = {np.round(w, 4)}, b = {b:.4g}) the notebook's step "
                    f"gives w = {np.round(want_w, 6)}, b = {want_b:.6g}; yours gives w = {np.round(new_w, 6)}, b = {new_b:.6g}")
    return f"It reproduces the spreadsheet's 'updated w1', 'updated w2' and 'updated b' at epochs {', '.join(str(k + 1) for k in points)}."


def epoch_below_from_zero(ctx):
    w, b = np.zeros(2), 0.0
    for epoch in range(1, 100_000):
        z = ctx.X @ w + b
        cost = np.mean(ctx.Y * np.logaddexp(0, -z) + (1 - ctx.Y) * np.logaddexp(0, z))
        if cost < ctx.threshold:
            return epoch
        w, b = gradient_step(ctx.X, ctx.Y, w, b, ctx.learning_rate)
    raise RuntimeError("the cost from zero weights never fell below the threshold")


def diagnose_epoch_below(value, ctx):
    right = epoch_below_from_zero(ctx)
    logbook_start = int(ctx.per_epoch.loc[ctx.per_epoch["cost"] < ctx.threshold, "epoch"].iloc[0])
    if value == right - 1:
        return (f"that counts updates, not epochs: the epoch-{right} row holds the cost *before* its update, "
                f"i.e. after {right - 1} updates (per_epoch's rows work the same way)")
    if value == logbook_start and value != right:
        return "that is the epoch for the logbook's start w = b = 10, the one in per_epoch; the exercise starts from w = b = 0"
    return None


def w1_moved(ctx):
    return float(ctx.weights[-1][0][0] - ctx.weights[0][0][0])


def diagnose_w1_moved(value, ctx):
    last_row = float(ctx.per_epoch["w1"].iloc[-1] - ctx.weights[0][0][0])
    if np.isclose(value, last_row, rtol=1e-6):
        return ("per_epoch's last row holds w1 at the *start* of epoch 70, after 69 updates; the weights after the "
                "70th update are the last entry of `weights`")
    if np.isclose(value, -w1_moved(ctx), rtol=1e-6):
        return "the sign is reversed: give the final w1 minus the starting w1"
    if np.isclose(value, ctx.weights[-1][0][0], rtol=1e-6):
        return "that is the final w1 itself; the question asks how far it moved from its start of 10"
    return None


EXERCISES = [
    code(
        "One step with dC/dz = p − y",
        "The spreadsheet computes $\\partial C/\\partial z$ as the product $\\partial C/\\partial p \\cdot \\partial p/\\partial z$, "
        "whose first factor is huge and second tiny at the logbook's start. Write `gradient_step(X, Y, w, b, learning_rate)` "
        "that does one epoch of batch gradient descent using the simplified form $\\partial C/\\partial z = p - y$ directly "
        "(no $\\partial C/\\partial p$), and returns the pair `(new_w, new_b)`. No loop over the samples. The check "
        "starts it from this run's weights at epochs 1, 11 and 41 and compares with the spreadsheet's updated weights.",
        starter="def gradient_step(X, Y, w, b, learning_rate):\n    ...  # your code: return new_w, new_b",
        solution=gradient_step,
        check=check_gradient_step,
        hints=[
            "`p = sigmoid(X @ w + b)` gives the four probabilities at once; `p - Y` is then dC/dz for every sample.",
            "dC/dw averaged over the samples is `(p - Y) @ X / len(X)`; dC/db is `(p - Y).mean()`.",
        ],
    ),
    number(
        "Starting from zero",
        "The *What to try* note suggests starting from $w_1 = w_2 = b = 0$. With the same learning rate, at which epoch "
        "is the mean cost first below `THRESHOLD` (0.09)? Count epochs as `per_epoch` does: the row of epoch $e$ holds "
        "the cost of the weights at the start of epoch $e$, so epoch 1 is the cost of the starting weights. "
        "(Your `gradient_step` from Exercise 1 helps.)",
        solution=epoch_below_from_zero,
        diagnose=diagnose_epoch_below,
        answer="epoch",
        hints=[
            "Loop over epochs: compute the mean cost of the current weights, stop when it is below THRESHOLD, else take one step.",
            "Compute the cost with np.logaddexp as in `mean_cost` above; check the cost *before* each update, and count the first epoch as 1.",
        ],
        explain="From zero weights the cost first drops below the threshold at epoch {answer}.",
    ),
    number(
        "How far the weights moved",
        "How far has $w_1$ moved during the 70 epochs, from its start of 10 to its value after the 70th update? "
        "Give the final $w_1$ minus the starting one (a negative number if it went down). Read it from the run.",
        solution=w1_moved,
        diagnose=diagnose_w1_moved,
        tolerance=1e-6,
        answer="moved",
        hints=[
            "`weights` holds (w, b) before the first update and after every update: 71 entries for 70 epochs.",
            "`weights[-1][0][0] - weights[0][0][0]`; per_epoch's last row is one update short.",
        ],
        explain="w1 moved by {answer:.4f}: the spreadsheet's epoch-70 row still shows the weights before the 70th update.",
    ),
    choice(
        "Choosing the step h",
        "The finite-difference check uses $h = 10^{-6}$ in float64. Why not a much smaller step, such as $h = 10^{-13}$?",
        options={
            "a": "A smaller h is always more accurate; 1e-6 is only used because it is faster.",
            "b": "The two costs C(θ + h) and C(θ − h) then agree in almost all of their ~16 digits, so their difference is mostly rounding error.",
            "c": "With h = 1e-13 the weights would change too much and the cost would leave the region where it is smooth.",
        },
        correct="b",
        why={
            "a": "both ways cost the same two cost evaluations per parameter; and a tiny h is less accurate, not more, because of rounding.",
            "c": "1e-13 is a smaller change than 1e-6, not a larger one; the cost is smooth at every scale.",
        },
        hints=["float64 keeps about 16 significant digits. How many of them survive in C(θ + h) − C(θ − h) when h is 1e-13?"],
        explain="The truncation error of a central difference shrinks like h², but the rounding error grows like 1e-16 / h; "
                "h around 1e-6 balances the two, leaving about 8 to 10 correct digits.",
    ),
]
