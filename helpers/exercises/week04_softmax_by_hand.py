"""Exercises of week04_softmax_by_hand: the softmax Jacobian, reading the table, the sigmoid's cost floor, the row maximum."""

import numpy as np

from . import Wrong, choice, code, number

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"X": "X", "Y": "Y", "W": "W_softmax", "b": "b_softmax", "table_softmax": "table_softmax",
           "table_sigmoid": "table_sigmoid"}


def _probabilities(ctx):
    S = ctx.X @ ctx.W + ctx.b
    E = np.exp(S - S.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def softmax_jacobian(p):
    # ∂p_i/∂s_j = p_i (δ_ij − p_j)
    return np.diag(p) - np.outer(p, p)


def check_jacobian(function, ctx):
    P = _probabilities(ctx)
    for i, (p, y) in enumerate(zip(P, ctx.Y)):
        got = np.asarray(function(p.copy()), dtype="float64")
        want = softmax_jacobian(p)
        if got.shape != want.shape:
            raise Wrong(f"for one row of {len(p)} probabilities your matrix has shape {got.shape}; it should be "
                        f"({len(p)}, {len(p)}): the derivative of each probability with respect to each score")
        if np.allclose(got, np.diag(p * (1 - p)), atol=1e-12):
            raise Wrong("your off-diagonal entries are 0, but raising one score lowers every other probability: "
                        "∂p_i/∂s_j = −p_i·p_j for i ≠ j")
        if np.allclose(got, np.diag(p) + np.outer(p, p) - 2 * np.diag(p * p), atol=1e-12):
            raise Wrong("your off-diagonal entries have the wrong sign: raising s_j lowers p_i, so ∂p_i/∂s_j = −p_i·p_j")
        if not np.allclose(got, want, rtol=1e-9, atol=1e-12):
            raise Wrong(f"for input row {i} (probabilities {np.round(p, 4)}) the Jacobian should be\n{np.round(want, 4)}\n"
                        f"but yours is\n{np.round(got, 4)}")
    p, y = P[0], ctx.Y[0]
    chained = function(p) @ (-y / p)  # J is symmetric: ∂C/∂s = J·∂C/∂p with ∂C/∂p = −y/p
    return (f"Multiplied by ∂C/∂p = −y/p it gives {np.round(chained, 4)} for the first input, which is p − y = "
            f"{np.round(p - y, 4)}: the (P − Y)/m of back_propagate, per sample.")


def epoch_all_above_half(ctx):
    right = ctx.table_softmax.filter(like="p(right")
    above = np.flatnonzero(right.min(axis=1).to_numpy() >= 0.5)
    if not len(above):
        raise RuntimeError("the softmax decoder never gives every right class at least 0.5")
    return int(ctx.table_softmax["epoch"].iloc[above[0]])


def diagnose_above_half(value, ctx):
    right = epoch_all_above_half(ctx)
    first_accurate = int(ctx.table_softmax.loc[ctx.table_softmax["accuracy"] == 1.0, "epoch"].iloc[0])
    if value == right - 1:
        return "np.argmax and np.flatnonzero count rows from 0; the table's epochs start at 1 (use its 'epoch' column)"
    if value == first_accurate and value != right:
        return ("that is the first epoch with accuracy 1, where the right class has the *largest* probability of the "
                "four; it can still be below 0.5 then. Take the smallest of the four p(right | ...) columns")
    return None


def sigmoid_floor(classes):
    return float(np.log(1 + (classes - 1) / np.e))


REUTERS_TOPICS = 46


def diagnose_floor(value, ctx):
    if np.isclose(value, sigmoid_floor(4), rtol=1e-4):
        return "that is the floor for the decoder's 4 classes; with 46 topics there are 45 wrong classes at score 0"
    if np.isclose(value, np.log(1 + REUTERS_TOPICS / np.e), rtol=1e-4):
        return "the right class takes one of the 46 places: 45 wrong classes share the denominator with it"
    if np.isclose(value, np.log(REUTERS_TOPICS), rtol=1e-4):
        return "log 46 is the cost of a uniform guess (all scores equal), as at the zero start; the floor is lower"
    if np.isclose(value, np.e / (np.e + REUTERS_TOPICS - 1), rtol=1e-4):
        return "that is the best probability of the right class; the cost is minus its logarithm"
    return None


EXERCISES = [
    code(
        "The softmax Jacobian",
        "`back_propagate` uses the result $\\partial C/\\partial S = P - Y$ (per sample), in which the softmax's derivative "
        "and the logarithm's $1/P$ cancel. Check that step yourself: write `softmax_jacobian(p)` that takes one row of "
        "probabilities `p` (shape `(K,)`) and returns the `(K, K)` matrix of derivatives $\\partial p_i/\\partial s_j$. "
        "The check runs it on the trained decoder's four rows of probabilities.",
        starter="def softmax_jacobian(p):\n    ...  # your code: return the (K, K) matrix",
        solution=softmax_jacobian,
        check=check_jacobian,
        hints=[
            "Differentiate p_i = e^(s_i) / Σ_k e^(s_k) with the quotient rule, once for j = i and once for j ≠ i.",
            "∂p_i/∂s_i = p_i(1 − p_i) and ∂p_i/∂s_j = −p_i·p_j: that is `np.diag(p) - np.outer(p, p)`.",
        ],
    ),
    number(
        "Confident on every input",
        "Accuracy 1 only needs the right class to have the largest of the four probabilities. At which epoch (the "
        "table's `epoch` column) does the plain softmax decoder first give the right class a probability of at "
        "least 0.5 on *all four* inputs? Read it from `table_softmax`.",
        solution=epoch_all_above_half,
        diagnose=diagnose_above_half,
        answer="epoch",
        hints=[
            "`table_softmax.filter(like='p(right')` keeps the four probability columns.",
            "Take `.min(axis=1)` over those columns and find the first row where it is at least 0.5.",
        ],
        explain="At epoch {answer} every input's right class first has at least half of the probability; accuracy 1 came no later, since a probability above 0.5 is always the largest of the four.",
    ),
    number(
        "The sigmoid's floor with 46 classes",
        "With a sigmoid before the softmax the decoder's cost can never go below $\\log(1 + 3/e)$. Reuters, this "
        "week's other notebook, has 46 topics. If its output layer put a sigmoid before the softmax, what would the "
        "lowest possible mean cross-entropy be (in nats)?",
        solution=lambda ctx: sigmoid_floor(REUTERS_TOPICS),
        diagnose=diagnose_floor,
        relative=1e-4,
        answer="floor",
        hints=[
            "The best a sigmoid allows is a score of 1 for the right class and 0 for every other one.",
            "The right class then gets e / (e + 45); the cost is minus its logarithm, log(1 + 45/e).",
        ],
        explain="{answer:.3f} nats: the right topic could never get more than e/(e + 45) ≈ 0.057 of the probability.",
    ),
    choice(
        "Why subtract the row maximum",
        "`softmax` subtracts each row's largest score before `np.exp`. Why?",
        options={
            "a": "It makes the probabilities more accurate, because the scores are centred.",
            "b": "It keeps np.exp from overflowing for large scores (e^1000 is inf in float64), and changes nothing else: softmax is the same for scores shifted by a constant.",
            "c": "It is what makes each row of probabilities sum to 1.",
        },
        correct="b",
        why={
            "a": "softmax(s − c) equals softmax(s) exactly, for any c: the factor e^(−c) cancels between numerator and denominator.",
            "c": "dividing by the row's sum does that; the shift cancels out of the division.",
        },
        hints=["Compute softmax of [1000, 0] with and without the shift."],
        explain="Because e^(s − c) / Σ e^(s_k − c) = e^s / Σ e^(s_k); with c the largest score every exponent is at most 0, so nothing overflows.",
    ),
]
