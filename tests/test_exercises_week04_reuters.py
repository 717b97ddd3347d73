"""week04_reuters's exercises: right answers pass, typical wrong answers get the intended sentence."""

from types import SimpleNamespace

import numpy as np
from exercise_checks import assert_exercises

from helpers.exercises.week04_reuters import bottleneck_parameters, expected_random_accuracy, top_k_accuracy


def _context():
    rng = np.random.default_rng(0)
    labels = rng.choice(46, size=300, p=np.r_[0.4, 0.3, np.full(44, 0.3 / 44)])
    logits = rng.normal(size=(300, 46))
    logits[np.arange(300), labels] += rng.normal(1.5, 1.0, size=300)  # right often, not always
    probabilities = (np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)).astype("float32")
    return dict(test_labels=labels, probabilities=probabilities, random_acc=float(np.mean(rng.permutation(labels) == labels)),
                num_words=1000, num_topics=46)


def test_the_expected_random_accuracy_is_what_shuffling_gives_on_average():
    ctx = SimpleNamespace(**_context())
    rng = np.random.default_rng(1)
    shuffles = [np.mean(rng.permutation(ctx.test_labels) == ctx.test_labels) for _ in range(2000)]
    assert abs(np.mean(shuffles) - expected_random_accuracy(ctx)) < 0.002


def test_week04_reuters_exercises(standin_mode):
    context = _context()
    ctx = SimpleNamespace(**context)
    shares = np.bincount(ctx.test_labels, minlength=46) / len(ctx.test_labels)
    assert not np.isclose(ctx.random_acc, expected_random_accuracy(ctx), rtol=1e-3)
    assert 0 < top_k_accuracy(ctx.probabilities, ctx.test_labels, 1) < top_k_accuracy(ctx.probabilities, ctx.test_labels, 3) < 1

    def ascending(probabilities, labels, k):
        return float(np.mean(np.any(np.argsort(probabilities, axis=1)[:, :k] == labels[:, None], axis=1)))

    def count(probabilities, labels, k):
        return len(labels) * top_k_accuracy(probabilities, labels, k)

    def per_wire(probabilities, labels, k):
        return np.any(np.argsort(probabilities, axis=1)[:, -k:] == labels[:, None], axis=1)

    wide = (1000 + 1) * 64 + (64 + 1) * 64 + (64 + 1) * 46
    assert_exercises("week04_reuters", context, {
        "q1": [(1 / 46, "equally often"), (shares.max(), "most frequent topic"), (ctx.random_acc, "one shuffle"),
               (1.0, "square each share")],
        "q2": [(ascending, "least* likely"), (count, "count of wires"), (per_wire, "one number")],
        "q3": [(1000 * 64 + 64 * 4 + 4 * 46, "weights only"), (wide, "64-64-46"),
               (bottleneck_parameters(ctx) - 1001 * 64, "first layer")],
        "q4": [("a", "need not add up"), ("c", "same weights")],
    })
