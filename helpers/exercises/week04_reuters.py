"""Exercises of week04_reuters: the random baseline computed, top-k accuracy, the bottleneck's parameters, softmax or sigmoids."""

import numpy as np

from . import Wrong, choice, code, number
from ._sizes import dense_parameters

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"test_labels": "test_labels", "probabilities": "probabilities", "random_acc": "random_acc",
           "num_words": "NUM_WORDS", "num_topics": "NUM_TOPICS"}


def expected_random_accuracy(ctx):
    shares = np.bincount(ctx.test_labels, minlength=ctx.num_topics) / len(ctx.test_labels)
    return float(np.sum(shares**2))


def diagnose_random(value, ctx):
    shares = np.bincount(ctx.test_labels, minlength=ctx.num_topics) / len(ctx.test_labels)
    if np.isclose(value, 1 / ctx.num_topics, rtol=1e-3):
        return (f"1/{ctx.num_topics} is a classifier that guesses every topic equally often; this one guesses each "
                "topic as often as it occurs, so it is right more often on the large topics")
    if np.isclose(value, shares.max(), rtol=1e-3):
        return "that is always guessing the most frequent topic, the other baseline; a random guess is right with probability Σ q_k²"
    if np.isclose(value, ctx.random_acc, rtol=1e-9) and not np.isclose(value, expected_random_accuracy(ctx), rtol=1e-3):
        return ("that is the notebook's one shuffle, a measurement with some luck in it; compute the expected accuracy "
                "from the topics' shares instead")
    if np.isclose(value, np.sum(shares), rtol=1e-3):
        return "the shares add up to 1; square each share before adding: the guess and the true topic must both be k"
    return None


def top_k_accuracy(probabilities, labels, k):
    top = np.argsort(probabilities, axis=1)[:, -k:]  # the k largest probabilities of each row
    return float(np.mean(np.any(top == np.asarray(labels)[:, None], axis=1)))


def _bounds(probabilities, labels, k):
    """The top-k accuracy if ties with the true topic's probability count for it, and if they count against it."""
    true = probabilities[np.arange(len(labels)), labels][:, None]
    optimistic = np.mean(np.sum(probabilities > true, axis=1) < k)
    pessimistic = np.mean(np.sum(probabilities >= true, axis=1) <= k)
    return pessimistic, optimistic


def check_top_k(function, ctx):
    probabilities, labels = np.asarray(ctx.probabilities), np.asarray(ctx.test_labels)
    for k in (1, 3, 5):
        got = function(probabilities, labels, k)
        if np.ndim(got) != 0:
            raise Wrong(f"for k = {k} your function returns an array of shape {np.shape(got)}; it should return one number, a fraction")
        got = float(got)
        low, high = _bounds(probabilities, labels, k)
        if low - 1e-9 <= got <= high + 1e-9:
            continue
        if low - 1e-9 <= got / len(labels) <= high + 1e-9:
            raise Wrong(f"for k = {k} you return {got:g}, a count of wires; give the fraction of the {len(labels)} test wires")
        lowest = float(np.mean(np.any(np.argsort(probabilities, axis=1)[:, :k] == labels[:, None], axis=1)))
        if np.isclose(got, lowest):
            raise Wrong("np.argsort sorts from the smallest up: your columns are the k *least* likely topics; take the last k columns")
        raise Wrong(f"for k = {k} the top-{k} accuracy of this run's test predictions is {top_k_accuracy(probabilities, labels, k):.4f}; "
                    f"yours is {got:.4f}")
    top1, top3 = top_k_accuracy(probabilities, labels, 1), top_k_accuracy(probabilities, labels, 3)
    return f"The true topic is the first guess for {top1:.1%} of the test wires, and among the first three for {top3:.1%}."


def bottleneck_parameters(ctx):
    return dense_parameters([ctx.num_words, 64, 4, ctx.num_topics])


def diagnose_parameters(value, ctx):
    units = [ctx.num_words, 64, 4, ctx.num_topics]
    if value == sum(a * b for a, b in zip(units, units[1:])):
        return "that counts the weights only; every unit also has a bias"
    wide = [ctx.num_words, 64, 64, ctx.num_topics]
    if value == sum((a + 1) * b for a, b in zip(wide, wide[1:])):
        return "that is the 64-64-46 network; the bottleneck's middle layer has 4 units"
    if value == bottleneck_parameters(ctx) - (ctx.num_words + 1) * 64:
        return f"the first layer counts too: {ctx.num_words} inputs times 64 units, plus 64 biases"
    return None


EXERCISES = [
    number(
        "The random baseline, computed",
        "The notebook measures a random classifier by shuffling the test labels once. Compute instead its *expected* "
        "accuracy: a classifier that guesses topic $k$ with probability $q_k$, the share of topic $k$ among the test "
        "labels, is right with probability $\\sum_k q_k^2$. Compute it from `test_labels`.",
        solution=expected_random_accuracy,
        diagnose=diagnose_random,
        relative=1e-3,
        answer="expected",
        hints=[
            "`np.bincount(test_labels, minlength=NUM_TOPICS) / len(test_labels)` gives the 46 shares.",
            "A guess of topic k is right when the wire's topic is also k, with probability q_k·q_k; add over k.",
        ],
        explain="{answer:.4f}, never less than 1/{ctx.num_topics} (equal shares): the large topics are guessed most often, and are most often right.",
    ),
    code(
        "Top-k accuracy",
        "Sometimes the right topic is the model's second or third guess. Write `top_k_accuracy(probabilities, labels, k)` "
        "that returns the fraction of wires whose true topic is among the `k` topics with the largest probabilities, "
        "without a Python loop over wires. The check runs it on this run's test predictions for k = 1, 3 and 5.",
        starter="def top_k_accuracy(probabilities, labels, k):\n    ...  # your code: return a fraction",
        solution=top_k_accuracy,
        check=check_top_k,
        hints=[
            "`np.argsort(probabilities, axis=1)` orders each row's topic indices from least to most likely.",
            "Keep the last k columns, then compare with `labels[:, None]` and take `.any(axis=1).mean()`.",
        ],
    ),
    number(
        "The bottleneck's parameters",
        "How many trainable parameters (weights and biases) does the 64-4-46 bottleneck model have, for this "
        "notebook's `NUM_WORDS` inputs? Work it out layer by layer, then compare with `bottleneck_model.count_params()`.",
        solution=bottleneck_parameters,
        diagnose=diagnose_parameters,
        answer="parameters",
        hints=["A Dense layer from n inputs to u units has n·u weights and u biases.",
               "Add (NUM_WORDS + 1)·64, (64 + 1)·4 and (4 + 1)·46."],
        explain="{answer:,} parameters, nearly all of them in the first layer.",
    ),
    choice(
        "Softmax or 46 sigmoids",
        "Why does the output layer use one softmax over 46 units, rather than 46 independent sigmoid units?",
        options={
            "a": "A sigmoid cannot output a probability.",
            "b": "Each wire has exactly one topic: softmax makes the 46 outputs a single probability distribution that sums to 1. Independent sigmoids suit multi-label problems, where a wire could have several topics.",
            "c": "Softmax needs fewer parameters than 46 sigmoids.",
        },
        correct="b",
        why={
            "a": "each sigmoid does output a number between 0 and 1; but the 46 of them need not add up to 1.",
            "c": "both are one Dense(46) layer with the same weights and biases; only the activation differs.",
        },
        hints=["Do the 46 outputs of a softmax depend on each other? Do 46 sigmoids?"],
        explain="Softmax's outputs compete: raising one topic's probability lowers the others', as it should when exactly one is right.",
    ),
]
