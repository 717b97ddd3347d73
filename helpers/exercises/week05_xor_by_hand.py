"""Exercises of week05_xor_by_hand: back-propagation through ReLU units, a third initial cost, reading the long run, symmetry."""

import numpy as np

from . import Wrong, choice, code, number

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"X": "X", "Y": "Y", "start": "START", "tanh_table": 'long_runs["START", "tanh"][0]'}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _cost(Y, P):
    return float(-np.mean(Y * np.log(P) + (1 - Y) * np.log(1 - P)))


def relu_gradients(X, Y, params):
    W1, b1, W2, b2 = params
    Z1 = X @ W1 + b1
    A1 = np.maximum(Z1, 0)
    P = sigmoid(A1 @ W2 + b2)
    dZ2 = (P - Y) / X.shape[0]
    dZ1 = (dZ2 @ W2.T) * (Z1 > 0)  # ReLU's slope: 1 where the unit is active, 0 elsewhere
    return [X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)]


def _with_slope(X, Y, params, slope):
    """The gradients with another (wrong) hidden slope, written in terms of A1 = ReLU(Z1)."""
    W1, b1, W2, b2 = params
    A1 = np.maximum(X @ W1 + b1, 0)
    dZ2 = (sigmoid(A1 @ W2 + b2) - Y) / X.shape[0]
    dZ1 = (dZ2 @ W2.T) * slope(A1)
    return [X.T @ dZ1, dZ1.sum(axis=0), A1.T @ dZ2, dZ2.sum(axis=0)]


def _same(got, want):
    return all(np.shape(g) == np.shape(w) and np.allclose(g, w, rtol=1e-7, atol=1e-12) for g, w in zip(got, want))


def check_relu_gradients(function, ctx):
    rng = np.random.default_rng(2)
    names = ["dW1", "db1", "dW2", "db2"]
    for point in range(2):  # random points: ReLU has no slope at exactly 0, which START hits on input 10
        params = [rng.normal(size=np.shape(p)) for p in ctx.start]
        got = function(ctx.X, ctx.Y, [p.copy() for p in params])
        if not isinstance(got, (list, tuple)) or len(got) != 4:
            raise Wrong("your function should return the list [dW1, db1, dW2, db2], in the order of params")
        got = [np.asarray(g, dtype="float64") for g in got]
        want = relu_gradients(ctx.X, ctx.Y, params)
        for name, g, w in zip(names, got, want):
            if g.shape != w.shape:
                raise Wrong(f"{name} has shape {g.shape}; it should have the shape of its weights, {w.shape}")
        if _same(got, want):
            continue
        if _same([g / len(ctx.X) for g in got], want):
            raise Wrong(f"your gradients are {len(ctx.X)} times too large: the cost is the mean over the samples, so dZ2 = (P − Y)/m")
        if _same(got, _with_slope(ctx.X, ctx.Y, params, lambda A: A * (1 - A))):
            raise Wrong("you used the sigmoid's slope A1·(1 − A1); ReLU's slope is 1 where Z1 > 0 and 0 elsewhere")
        if _same(got, _with_slope(ctx.X, ctx.Y, params, lambda A: np.ones_like(A))):
            raise Wrong("you treated the hidden units as linear (slope 1 everywhere); a ReLU unit passes no gradient where Z1 ≤ 0")
        if _same(got[2:], want[2:]):
            raise Wrong("the output layer's dW2 and db2 are right, but the hidden layer's dW1 and db1 are not: "
                        "dZ1 = (dZ2 @ W2.T) * (Z1 > 0), then dW1 = X.T @ dZ1 and db1 = dZ1.sum(axis=0)")
        wrong = [name for name, g, w in zip(names, got, want) if not np.allclose(g, w, rtol=1e-7, atol=1e-12)]
        raise Wrong(f"at a random point {', '.join(wrong)} differ{'s' if len(wrong) == 1 else ''} from the gradients of the mean "
                    f"cross-entropy; for example {wrong[0]} should be {np.round(want[names.index(wrong[0])], 5).tolist()}")
    return "Your gradients match at two random points; a gradient check with numerical_gradient would agree too."


def relu_initial_cost(ctx):
    W1, b1, W2, b2 = ctx.start
    return _cost(ctx.Y, sigmoid(np.maximum(ctx.X @ W1 + b1, 0) @ W2 + b2))


def diagnose_relu_cost(value, ctx):
    W1, b1, W2, b2 = ctx.start
    for name, g in (("sigmoid", sigmoid), ("tanh", np.tanh)):
        if np.isclose(value, _cost(ctx.Y, sigmoid(g(ctx.X @ W1 + b1) @ W2 + b2)), rtol=1e-4):
            return f"that is the initial cost with {name} hidden units; the exercise asks for ReLU, np.maximum(Z1, 0)"
    return None


def first_accurate_epoch(ctx):
    table = ctx.tanh_table
    return int(table.loc[table["accuracy"] == 1.0, "epoch"].iloc[0])


def diagnose_accurate(value, ctx):
    table = ctx.tanh_table
    solved = table[(table["accuracy"] == 1.0) & (table["cost"] < 0.1)]
    if value == first_accurate_epoch(ctx) - 1:
        return "positions count from 0; give the table's 'epoch' value, which counts from 1"
    if len(solved) and value == int(solved["epoch"].iloc[0]) and value != first_accurate_epoch(ctx):
        return ("that is the 'solved at' epoch, which also needs a cost below 0.1; the question asks only for all "
                "four answers right (accuracy 1)")
    return None


EXERCISES = [
    code(
        "Back-propagation through ReLU units",
        "Replace the hidden activation by ReLU, $g(z) = \\max(z, 0)$. Write `relu_gradients(X, Y, params)` that "
        "returns `[dW1, db1, dW2, db2]`, the gradients of the mean binary cross-entropy of the 2-2-1 network with ReLU "
        "hidden units and a sigmoid output. ReLU's slope cannot be written from its output alone as the sigmoid's "
        "and tanh's were, so keep $Z_1$. The check runs it at two random points.",
        starter="def relu_gradients(X, Y, params):\n    W1, b1, W2, b2 = params\n    ...  # your code: return [dW1, db1, dW2, db2]",
        solution=relu_gradients,
        check=check_relu_gradients,
        hints=[
            "Follow `back_propagate` above; only g'(Z1) changes.",
            "ReLU's slope is 1 where Z1 > 0 and 0 elsewhere: `dZ1 = (dZ2 @ W2.T) * (Z1 > 0)`.",
        ],
    ),
    number(
        "The initial cost with ReLU",
        "From the same start `START`, what is the initial cost (the mean binary cross-entropy before any update) with "
        "ReLU hidden units? Compare it with the sigmoid's and tanh's.",
        solution=relu_initial_cost,
        diagnose=diagnose_relu_cost,
        relative=1e-6,
        answer="cost",
        hints=["Compute A1 = np.maximum(X @ W1 + b1, 0), then P = sigmoid(A1 @ W2 + b2), as `feed_forward` does.",
               "`binary_cross_entropy(Y, P)` gives the cost."],
        explain="With ReLU the cost starts at {answer:.4f}: the hidden outputs, and so the output's inputs, differ again.",
    ),
    number(
        "All four right",
        "In the long run from `START` with tanh hidden units (`long_runs['START', 'tanh'][0]`), at which epoch are all "
        "four answers first right (accuracy 1)? Give the table's epoch.",
        solution=first_accurate_epoch,
        diagnose=diagnose_accurate,
        answer="epoch",
        hints=["Select the rows with `table['accuracy'] == 1.0`.", "The first of those rows' 'epoch' value is the answer."],
        explain="At epoch {answer}; the notebook's 'solved at' epoch also asks for a cost below 0.1, so it never comes earlier.",
    ),
    choice(
        "Starting from zero",
        "What happens if you train the 2-2-1 sigmoid network from all nine weights equal to 0?",
        options={
            "a": "It learns XOR as from START, only more slowly, since zero weights give small gradients.",
            "b": "Both hidden units receive the same gradients at every step and stay identical, so the network is no better than one with a single hidden unit, which cannot solve XOR.",
            "c": "Nothing can be said: the gradient check fails at zero weights.",
        },
        correct="b",
        why={
            "a": "the two hidden units start equal and get equal updates, so they never become different: XOR needs two different lines.",
            "c": "the hand-derived gradients are right at zero too; they are simply the same for both hidden units.",
        },
        hints=["At zero weights both hidden units compute the same output for every input. What does that make their gradients?"],
        explain="Equal units get equal gradients and stay equal (symmetry); random starts break the symmetry. On XOR it is "
                "worse still: with all weights 0 every hidden output is 0.5, the output's errors ±0.5 cancel in every sum, "
                "every gradient is exactly 0, and the network answers 0.5 forever.",
    ),
]
