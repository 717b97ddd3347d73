"""Exercises of week01_neurons: the best constant answer, squared features, a parameter count, reading the curves, dead ReLUs."""

import numpy as np

from . import Wrong, choice, code, number
from ._sizes import dense_parameters

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"x_train": "x_train", "x_test": "x_test", "y_test": "y_test", "seed_curves": 'curves_by_network["3 ReLU"]',
           "bar": "CONVERGED"}

RADIUS = 2.5  # the circle set labels a point +1 inside radius 5 · 0.5 (helpers.toydata)


def best_constant_loss(ctx):
    y = np.asarray(ctx.y_test, dtype="float64")
    return float(0.5 * np.mean((y - y.mean()) ** 2))


def diagnose_constant(value, ctx):
    y = np.asarray(ctx.y_test, dtype="float64")
    if np.isclose(value, 0.5, rtol=1e-6):
        return "0.5 is the loss of answering 0; a constant nearer the more common label does better: try the mean label"
    if np.isclose(value, 2 * best_constant_loss(ctx), rtol=1e-4):
        return "that is the mean squared error; the Playground's loss is half of it, ½(y − ŷ)²"
    if np.isclose(value, 0.5 * np.mean((y - 1) ** 2), rtol=1e-4) or np.isclose(value, 0.5 * np.mean((y + 1) ** 2), rtol=1e-4):
        return "that answers one label, +1 or −1, everywhere; the best constant lies between the two, at the mean label"
    return None


def add_squares(x):
    return np.column_stack([x, x**2])


def check_add_squares(function, ctx):
    x = np.array(ctx.x_train[:100])
    got = function(x.copy())
    want = add_squares(x)
    if not hasattr(got, "shape"):
        raise Wrong(f"your function returns a {type(got).__name__}; it should return a NumPy array")
    if got.shape != want.shape:
        raise Wrong(f"for 100 points your array has shape {got.shape}; it should be (100, 4): x1, x2, x1², x2²")
    if np.allclose(got[:, :2], want[:, 2:]) and np.allclose(got[:, 2:], want[:, :2]):
        raise Wrong("your columns are in the order x1², x2², x1, x2; put the original coordinates first")
    if not np.allclose(got, want, rtol=1e-6):
        wrong = [name for name, g, w in zip(["x1", "x2", "x1²", "x2²"], got.T, want.T) if not np.allclose(g, w, rtol=1e-6)]
        raise Wrong(f"column{'s' if len(wrong) > 1 else ''} {', '.join(wrong)} differ{'' if len(wrong) > 1 else 's'} from what they should hold")
    features = function(np.array(ctx.x_test))
    inside = np.where(features[:, 2] + features[:, 3] < RADIUS**2, 1.0, -1.0)
    agree = float(np.mean(inside == np.asarray(ctx.y_test)))
    return (f"With these features one neuron is enough: weights (0, 0, −1, −1) and bias {RADIUS**2:g} put the boundary on "
            f"the circle of radius {RADIUS:g}, and that rule labels {agree:.1%} of this run's test points right (noise "
            "flips the rest).")


PLAYGROUND_3_3_2 = (3, 3, 2)


def parameters(hidden):
    return dense_parameters([2, *hidden, 1])


def diagnose_parameters(value, ctx):
    units = [2, *PLAYGROUND_3_3_2, 1]
    if value == sum(a * b for a, b in zip(units, units[1:])):
        return "that counts the weights only; every neuron also has a bias"
    if value == parameters(PLAYGROUND_3_3_2) - 3:
        return "the tanh output neuron counts too: 2 weights from the last hidden layer and a bias"
    if value == parameters((3,)):
        return "that is the network with one hidden layer of 3; the 3-3-2 network has three hidden layers"
    return None


def first_epoch_of_best(ctx):
    curves = np.asarray(ctx.seed_curves)
    best = int(np.argmin(curves[-1]))
    return int(np.flatnonzero(curves[:, best] <= ctx.bar)[0]) + 1


def diagnose_first_epoch(value, ctx):
    if value == first_epoch_of_best(ctx) - 1:
        return "np.flatnonzero counts rows from 0; the first row is epoch 1"
    curves = np.asarray(ctx.seed_curves)
    reached = [np.flatnonzero(c <= ctx.bar) for c in curves.T]
    firsts = [int(r[0]) + 1 for r in reached if len(r)]
    if firsts and value == min(firsts) and value != first_epoch_of_best(ctx):
        return "that is the earliest of all initialisations; the question asks about the one with the lowest *final* test loss"
    return None


EXERCISES = [
    number(
        "The best constant answer",
        "Answering 0 everywhere scores a test loss of 0.5. What is the lowest test loss (½ squared error, averaged over "
        "the test points) that a network answering the *same* constant $c$ for every point can reach on this run's "
        "test set? Compute it from `y_test`.",
        solution=best_constant_loss,
        diagnose=diagnose_constant,
        relative=1e-6,
        answer="loss",
        hints=[
            "The constant that minimises a mean squared error is the mean of the targets.",
            "`0.5 * np.mean((y_test - y_test.mean()) ** 2)`.",
        ],
        explain="{answer:.4f}: a network must beat this, not only 0.5, before it has learned anything about where the points are.",
    ),
    code(
        "Squares as features",
        "The Playground can also feed $x_1^2$ and $x_2^2$ to the network. Write `add_squares(x)` that takes the `(n, 2)` "
        "points and returns an `(n, 4)` array with the columns $x_1, x_2, x_1^2, x_2^2$, without a loop. The check runs "
        "it on the first 100 training points, then tries one neuron on your features.",
        starter="def add_squares(x):\n    ...  # your code: return the (n, 4) array",
        solution=add_squares,
        check=check_add_squares,
        hints=["`x ** 2` squares every entry.", "`np.column_stack([x, x ** 2])` puts the two (n, 2) arrays side by side."],
    ),
    number(
        "Counting the 3-3-2 network's parameters",
        "How many trainable parameters (weights and biases) does the 3-3-2 network of Task 5 have, with its two inputs "
        "and one tanh output? Work it out layer by layer, then compare with `build_network((3, 3, 2)).count_params()`.",
        solution=lambda ctx: parameters(PLAYGROUND_3_3_2),
        diagnose=diagnose_parameters,
        answer="parameters",
        hints=["A layer from n inputs to u neurons has n·u weights and u biases.",
               "The layers go 2 → 3 → 3 → 2 → 1."],
        explain="{answer} parameters, against 13 for one hidden layer of 3.",
    ),
    number(
        "When the best initialisation got there",
        "Among Task 3's initialisations of the 3 ReLU network, take the one with the lowest final test loss. At which "
        "epoch (counting from 1) is its test loss first at or below the bar `CONVERGED`? Use `curves_by_network['3 ReLU']`, "
        "whose rows are epochs and columns initialisations.",
        solution=first_epoch_of_best,
        diagnose=diagnose_first_epoch,
        answer="epoch",
        hints=["`np.argmin(curves[-1])` is the column of the lowest final test loss.",
               "`np.flatnonzero(curves[:, best] <= CONVERGED)[0]` is the first row at or below the bar; add 1 for the epoch."],
        explain="At epoch {answer}.",
    ),
    choice(
        "A dead ReLU",
        "A hidden ReLU neuron's weighted input is negative for every training point. What happens to it during training?",
        options={
            "a": "Its weights grow until its input turns positive, because the loss pushes every neuron to contribute.",
            "b": "It outputs 0 for every point and its slope is 0 there, so no gradient reaches its weights: it stays dead, and the network has one neuron fewer.",
            "c": "It behaves like a linear neuron until its input turns positive.",
        },
        correct="b",
        why={
            "a": "its weights get no gradient at all: ReLU's slope is 0 for a negative input, so the loss cannot push them.",
            "c": "for negative inputs ReLU outputs 0 with slope 0; a linear neuron would pass both the value and the gradient.",
        },
        hints=["What is the derivative of max(z, 0) for z < 0?"],
        explain="With slope 0 on every point, backpropagation multiplies this neuron's gradient by 0 at every step; only a new initialisation revives it.",
    ),
]
