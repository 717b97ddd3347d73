"""week11_char_language_model's exercises: right answers pass, typical wrong answers get the intended sentence."""

import collections
import math

import numpy as np
from exercise_checks import assert_exercises

from helpers.exercises.week11_char_language_model import clipped, unigram_perplexity, word_vocab


def global_norm(grads):  # the notebook's two functions
    return float(np.sqrt(sum(np.sum(g.astype("float64") ** 2) for g in grads.values())))


def clip_gradients(grads, theta):
    norm = global_norm(grads)
    if norm > theta:
        for g in grads.values():
            g *= theta / norm
    return norm


def test_week11_char_language_model_exercises(standin_mode):
    text = " the time traveller for so it will be convenient to speak of him was expounding a recondite matter to us " * 3
    text += "the fire burned brightly and the time was late "
    corpus = np.array([ord(c) - 96 if c != " " else 27 for c in text])
    histories = {"SimpleRNN": {"loss": [3.0, 2.6]}, "LSTM": {"loss": [3.1, 2.2]}}
    context = dict(text=text, corpus=corpus, histories=histories, clip_gradients=clip_gradients)

    def ascending(text, min_freq):
        return ["<unk>"] + word_vocab(text, min_freq)[:0:-1]

    def characters(text, min_freq):
        return ["<unk>"] + [c for c, n in collections.Counter(text.replace(" ", "")).most_common() if n >= min_freq]

    def keeps_rare(text, min_freq):
        return word_vocab(text, 1)

    def in_place(grads, theta):
        clip_gradients(grads, theta)
        return grads

    def each_alone(grads, theta):
        return {name: g * min(1.0, theta / np.linalg.norm(g)) for name, g in grads.items()}

    def always_scaled(grads, theta):
        norm = global_norm(grads)
        return {name: g * theta / norm for name, g in grads.items()}

    entropy = math.log(unigram_perplexity(type("ctx", (), {"corpus": corpus})))
    assert_exercises("week11_char_language_model", context, {
        "q1": [(ascending, "decreasing order"), (characters, "single characters"), (keeps_rare, "at least min_freq"),
               (lambda text, min_freq: word_vocab(text, min_freq)[1:], "'<unk>'")],
        "q2": [(len(np.unique(corpus)), "uniform guess"), (entropy, "nats"), (entropy / math.log(2), "in bits")],
        "q3": [(2.2, "nats"), (math.exp(2.2), "perplexity"), (2.6 / math.log(2), "SimpleRNN"), (3.1 / math.log(2), "first epoch")],
        "q4": [(in_place, "changed the gradients"), (each_alone, "each gradient on its own"), (always_scaled, "unchanged")],
        "q5": [("b", "reaches theta first"), ("c", "√k")],
    })
