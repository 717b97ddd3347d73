"""Exercises of week03_from_scratch: a stable cross-entropy, an L2 gradient, the largest stable rate, two models compared."""

import numpy as np

from . import Wrong, choice, code, number

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"x_train": "x_train", "y_train": "y_train", "x_line": "x_line", "splits": "splits"}


def _points(ctx):
    """Weights W (n, 1) and a bias b at a fixed random point, the same every run."""
    rng = np.random.default_rng(1)
    return rng.normal(size=(ctx.x_train.shape[1], 1)), rng.normal(size=1)


def cross_entropy_from_scores(Y, Z):
    # log p = -log(1 + e^-z) and log(1 - p) = -log(1 + e^z), without forming p
    return float(np.mean(Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)))


def check_cross_entropy(function, ctx):
    W, b = _points(ctx)
    Y = ctx.y_train
    moderate = ctx.x_train @ W + b
    for label, Z in (("moderate scores", moderate), ("scores 50 times larger", 50 * moderate)):
        got = function(Y, Z)
        want = cross_entropy_from_scores(Y, Z)
        if np.ndim(got) != 0:
            raise Wrong(f"your function returns an array of shape {np.shape(got)}; it should return one number, the mean cost")
        got = float(got)
        if not np.isfinite(got):
            raise Wrong(f"for {label} (largest |z| = {np.abs(Z).max():.0f}) your cost is {got}: p = σ(z) rounds to exactly "
                        "0 or 1 there and its log is -inf. Write log p and log(1 − p) from z, e.g. log p = −np.logaddexp(0, −z)")
        if np.isclose(got, -want, rtol=1e-9):
            raise Wrong("your cost is negative: the cross-entropy is minus the mean log-probability of the right label")
        if np.isclose(got, len(Y) * want, rtol=1e-9):
            raise Wrong(f"your cost is {len(Y)} times too large: it sums over the {len(Y)} samples; take the mean")
        if not np.isclose(got, want, rtol=1e-9, atol=1e-12):
            raise Wrong(f"for {label} on the first {len(Y)} training kernels the cost should be {want:.6g}; yours is {got:.6g}")
    return "It agrees with binary_cross_entropy where that works, and stays finite where σ(z) rounds to 0 or 1."


LAMBDA = 0.1


def back_propagate_l2(X, Y, P, W, lam):
    dZ = (P - Y) / X.shape[0]
    return X.T @ dZ + lam * W, dZ.sum(axis=0)  # (λ/2)‖W‖² adds λW to dW; the bias is not penalised


def check_l2(function, ctx):
    W, b = _points(ctx)
    X, Y = ctx.x_train, ctx.y_train
    P = 1 / (1 + np.exp(-(X @ W + b)))
    got = function(X, Y, P, W.copy(), LAMBDA)
    if not isinstance(got, tuple) or len(got) != 2:
        raise Wrong(f"your function returns {type(got).__name__}; it should return the pair (dW, db)")
    dW, db = (np.asarray(g, dtype="float64") for g in got)
    want_dW, want_db = back_propagate_l2(X, Y, P, W, LAMBDA)
    if dW.shape != want_dW.shape:
        raise Wrong(f"dW has shape {dW.shape}; it should have W's shape {W.shape}")
    plain = want_dW - LAMBDA * W
    if not np.allclose(db.reshape(-1), want_db, rtol=1e-9, atol=1e-12):
        raise Wrong(f"db should be {want_db[0]:.6g} (the penalty does not touch the bias); yours is {np.ravel(db)}")
    if np.allclose(dW, want_dW, rtol=1e-9, atol=1e-12):
        return ""
    if np.allclose(dW, plain, rtol=1e-9, atol=1e-12):
        raise Wrong("your dW is the gradient without the penalty: (λ/2)‖W‖² adds λ·W to dW")
    if np.allclose(dW, plain + 2 * LAMBDA * W, rtol=1e-9):
        raise Wrong("you add 2λ·W: the derivative of (λ/2)·w² is λ·w, the ½ cancels the 2")
    if np.allclose(dW, plain + LAMBDA * W / len(X), rtol=1e-9):
        raise Wrong(f"you divide the penalty's gradient by m = {len(X)}: the penalty is added once to the mean cost, not averaged over samples")
    raise Wrong(f"with λ = {LAMBDA} at a random W, dW should be {np.round(want_dW[:, 0], 5)}; yours is {np.round(dW.reshape(-1), 5)}")


def largest_rate(ctx):
    A = np.column_stack([ctx.x_line[:, 0], np.ones(len(ctx.x_line))])
    hessian = 2 * A.T @ A / len(A)
    return float(2 / np.linalg.eigvalsh(hessian).max())


def diagnose_rate(value, ctx):
    right = largest_rate(ctx)
    slope_only = 1 / np.mean(ctx.x_line**2)
    if np.isclose(value, slope_only, rtol=1e-3) and not np.isclose(value, right, rtol=1e-3):
        return ("that is 1/mean(x²), the limit for the slope alone; the bias is learned at the same time, with its own "
                "curvature (H's entry for b is 2) and coupled to the slope through the mean of x: the limit comes from "
                "the largest eigenvalue of the 2×2 matrix H")
    if np.isclose(value, 2 * right, rtol=1e-3):
        return "that is twice the limit: the MSE's gradient carries a factor 2, so H = (2/m)·AᵀA, not AᵀA/m"
    if np.isclose(value, right / 2, rtol=1e-3):
        return ("at that rate the error along the steepest direction is removed in one step (factor 1 − ηλ = 0); "
                "divergence starts where the factor reaches −1, at twice that rate")
    return None


def hand_beats_library(ctx):
    return int((ctx.splits["hand-written"] > ctx.splits["scikit-learn"]).sum())


def diagnose_beats(value, ctx):
    hand, library = ctx.splits["hand-written"], ctx.splits["scikit-learn"]
    if value == int((hand >= library).sum()) and value != hand_beats_library(ctx):
        return "that counts the ties too; the question asks for splits where the hand-written model scores strictly higher"
    if value == int((hand < library).sum()) and value != hand_beats_library(ctx):
        return "that is where scikit-learn scores higher; the question asks the other way round"
    if value == int((hand == library).sum()) and value != hand_beats_library(ctx):
        return "that is the number of ties"
    return None


EXERCISES = [
    code(
        "Cross-entropy from the scores",
        "`binary_cross_entropy(Y, P)` takes probabilities, and fails once $p$ rounds to exactly 0 or 1 (try it with "
        "`P = feed_forward(x_train, 50 * W_seeds, b_seeds)`). Write `cross_entropy_from_scores(Y, Z)` that takes the "
        "scores $Z = XW + b$ instead and returns the same mean cost, finite for any $Z$. The check runs it on the "
        "seeds training kernels at a random point, and at scores 50 times larger.",
        starter="def cross_entropy_from_scores(Y, Z):\n    ...  # your code: return the mean cost, one number",
        solution=cross_entropy_from_scores,
        check=check_cross_entropy,
        hints=[
            "With p = σ(z): log p = −log(1 + e^(−z)) and log(1 − p) = −log(1 + e^z).",
            "`np.logaddexp(0, a)` computes log(1 + e^a) without overflow: the cost is the mean of Y·logaddexp(0, −Z) + (1 − Y)·logaddexp(0, Z).",
        ],
    ),
    code(
        "An L2 penalty in the gradient",
        "scikit-learn's `LogisticRegression` adds a penalty on the weights. Add one to our cost: "
        "$C_\\lambda = C + \\frac{\\lambda}{2}\\lVert W\\rVert^2$ (the bias is not penalised). Write "
        "`back_propagate_l2(X, Y, P, W, lam)` returning `(dW, db)` for $C_\\lambda$, like `back_propagate`. "
        f"The check runs it on the seeds training kernels at a random point with λ = {LAMBDA}.",
        starter="def back_propagate_l2(X, Y, P, W, lam):\n    ...  # your code: return dW, db",
        solution=back_propagate_l2,
        check=check_l2,
        hints=[
            "Start from `back_propagate(X, Y, P)`: the penalty only adds a term to dW.",
            "The derivative of (λ/2)·w² with respect to w is λ·w, so dW gains lam * W; db is unchanged.",
        ],
    ),
    number(
        "The largest learning rate for the line",
        "For 2c each epoch shrinks the slope's error by $1 - 2\\eta\\,\\overline{x^2}$. With the bias learned at the "
        "same time, the errors in $(w, b)$ are multiplied by $I - \\eta H$, where $H = \\frac{2}{m}A^\\top A$ is the "
        "MSE's Hessian and $A$ the (200, 2) matrix of `x_line` with a column of ones. Gradient descent diverges when a "
        "factor $1 - \\eta\\lambda$ drops below −1 for an eigenvalue λ of $H$. What is the largest learning rate at which "
        "it still converges? Compute it from `x_line`.",
        solution=largest_rate,
        diagnose=diagnose_rate,
        relative=1e-3,
        answer="rate",
        hints=[
            "`A = np.column_stack([x_line[:, 0], np.ones(len(x_line))])`, then `H = 2 * A.T @ A / len(A)`.",
            "`np.linalg.eigvalsh(H).max()` is the largest eigenvalue λ; the factor 1 − ηλ reaches −1 at η = 2/λ.",
        ],
        explain="Above η = {answer:.4g} the error along the steepest direction grows every epoch; the notebook's 0.05 is far below it.",
    ),
    number(
        "Hand-written against scikit-learn",
        "In the table `splits` (one row per stratified split), on how many of the splits does the hand-written model "
        "score a strictly higher test accuracy than scikit-learn's `LogisticRegression`?",
        solution=hand_beats_library,
        diagnose=diagnose_beats,
        answer="count",
        hints=["Compare the two columns row by row: `splits['hand-written'] > splits['scikit-learn']` is a column of True/False.",
               "`.sum()` counts the True values."],
        explain="On {answer} of them. The notebook prints on how many splits the two tie; on the rest scikit-learn scores higher.",
    ),
    choice(
        "Why divide by m",
        "`back_propagate` computes $dZ = (P - Y)/m$. Why divide by the number of samples $m$?",
        options={
            "a": "Because the sigmoid's slope is at most 1/m.",
            "b": "Because the cost is the mean over the samples; so the gradient's size does not grow with m, and the same learning rate suits the 4 AND rows and the seeds training kernels.",
            "c": "Only so that our weights match Keras'; gradient descent would take the same steps without it.",
        },
        correct="b",
        why={
            "a": "σ'(z) is at most 1/4 whatever the number of samples.",
            "c": "without it every step would be m times larger, as many times as there are training kernels: far too large for learning rate 1.",
        },
        hints=["What is the derivative of a mean of m terms, compared with that of their sum?"],
        explain="The cost is a mean, so its gradient is the mean of the samples' gradients; Keras' losses are means too.",
    ),
]
