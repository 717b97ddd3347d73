"""Exercises of week11_char_language_model: a word vocabulary, the unigram bar, bits per character, clipping without side effects."""

import collections
import math

import numpy as np

from . import Wrong, choice, code, number

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"text": "text", "corpus": "corpus", "histories": "histories", "clip_gradients": "clip_gradients"}


def word_vocab(text, min_freq):
    counts = collections.Counter(text.split())
    return ["<unk>"] + [word for word, n in counts.most_common() if n >= min_freq]


def check_word_vocab(function, ctx):
    counts = collections.Counter(ctx.text.split())
    for min_freq in (1, 2, 5):
        got = function(ctx.text, min_freq)
        where = f"with min_freq={min_freq}"
        if not isinstance(got, (list, tuple)):
            raise Wrong(f"your function returns a {type(got).__name__}; it should return a list of tokens, '<unk>' first")
        if not got or got[0] != "<unk>":
            raise Wrong(f"{where} your list starts with {got[:1]}; index 0 must be '<unk>', as in the notebook's Vocab")
        words = list(got[1:])
        if "" in words or " " in words:
            raise Wrong("your vocabulary contains an empty or blank token: `text.split()` with no argument splits on runs of spaces")
        if words and all(len(w) == 1 for w in words) and any(len(w) > 1 for w in counts):
            raise Wrong("your tokens are single characters; this vocabulary is of words: split the text on spaces")
        if len(set(words)) != len(words):
            raise Wrong(f"{where} some words appear twice in your list; each word gets one index")
        want = {w for w, n in counts.items() if n >= min_freq}
        if set(words) - want:
            extra = sorted(set(words) - want, key=counts.get)[0]
            raise Wrong(f"{where} your list has '{extra}', which occurs only {counts.get(extra, 0)} time(s); keep words that occur at least min_freq times")
        if want - set(words):
            missing = sorted(want - set(words), key=counts.get, reverse=True)[0]
            raise Wrong(f"{where} '{missing}' ({counts[missing]} times) is missing")
        frequencies = [counts[w] for w in words]
        if any(a < b for a, b in zip(frequencies, frequencies[1:])):
            raise Wrong(f"{where} your words are not in decreasing order of frequency: the most frequent word, "
                        f"'{counts.most_common(1)[0][0]}', should get index 1")
    return f"With min_freq=1 this text has {len(counts):,} distinct words against {len(set(ctx.text))} distinct characters."


def unigram_perplexity(ctx):
    counts = np.bincount(np.asarray(ctx.corpus))
    p = counts[counts > 0] / counts.sum()
    return float(np.exp(-np.sum(p * np.log(p))))


def diagnose_unigram(value, ctx):
    close = lambda other: math.isclose(value, other, rel_tol=1e-3)
    entropy = math.log(unigram_perplexity(ctx))
    if value == len(np.unique(ctx.corpus)) or value == len(np.unique(ctx.corpus)) + 1:
        return "that is the uniform guess's perplexity, the vocabulary size; this model uses each character's frequency"
    if close(entropy):
        return "that is the entropy in nats, the mean cross-entropy; perplexity is its exponential"
    if close(entropy / math.log(2)):
        return "that is the entropy in bits; perplexity is 2 to that power (or e to the entropy in nats)"
    return None


def lstm_bits(ctx):
    return ctx.histories["LSTM"]["loss"][-1] / math.log(2)


def diagnose_lstm_bits(value, ctx):
    close = lambda other: math.isclose(value, other, rel_tol=1e-3)
    loss = ctx.histories["LSTM"]["loss"][-1]
    if close(loss):
        return "that is the loss in nats (Keras uses the natural logarithm); a bit is ln 2 nats, so divide by ln 2"
    if close(math.exp(loss)):
        return "that is the perplexity; bits per character is log2 of it"
    if close(loss / math.log(10)):
        return "that divides by ln 10; bits are base-2, so divide by ln 2"
    for name, history in ctx.histories.items():
        if name != "LSTM" and close(history["loss"][-1] / math.log(2)):
            return f"that is the {name}'s; the question asks about the LSTM"
    if close(ctx.histories["LSTM"]["loss"][0] / math.log(2)):
        return "that is the first epoch's; take the last"
    return None


def clipped(grads, theta):
    norm = math.sqrt(sum(float(np.sum(np.asarray(g, dtype="float64") ** 2)) for g in grads.values()))
    scale = min(1.0, theta / norm) if norm > 0 else 1.0
    return {name: g * scale for name, g in grads.items()}


def _gradients(scale, seed=0):
    """A dict of gradients shaped like the scratch RNN's (28 tokens, 8 hidden units)."""
    rng = np.random.default_rng(seed)
    shapes = {"W_xh": (28, 8), "W_hh": (8, 8), "b_h": (8,), "W_hq": (8, 28), "b_q": (28,)}
    return {name: (scale * rng.normal(size=shape)).astype("float32") for name, shape in shapes.items()}


def check_clipped(function, ctx):
    theta = 1.0
    for scale in (10.0, 0.01):
        grads = _gradients(scale)
        before = {name: g.copy() for name, g in grads.items()}
        got = function(grads, theta)
        if not isinstance(got, dict) or set(got) != set(grads):
            raise Wrong(f"your function returns {type(got).__name__}; it should return a new dict with the same keys ({', '.join(grads)})")
        if any(not np.array_equal(grads[name], before[name]) for name in grads):
            raise Wrong("your function changed the gradients it was given; return scaled copies and leave the input as it was")
        want = {name: g.copy() for name, g in grads.items()}
        norm = ctx.clip_gradients(want, theta)  # the notebook's in-place version, on a copy
        if all(np.allclose(got[name], want[name], rtol=1e-5, atol=1e-12) for name in grads):
            continue
        if norm <= theta:
            raise Wrong(f"the gradients' global norm is {norm:.3g}, under theta = {theta}: they must come back unchanged "
                        "(the factor is min(1, theta / norm))")
        if all(np.isclose(np.linalg.norm(got[name]), min(np.linalg.norm(before[name]), theta), rtol=1e-4) for name in grads):
            raise Wrong("you clipped each gradient on its own (what Keras' `clipnorm` does); clip by the global norm: one "
                        "factor for all, from the norm of all of them together")
        raise Wrong(f"for gradients of global norm {norm:.3g} and theta = {theta} your result differs from the notebook's "
                    "`clip_gradients`")


EXERCISES = [
    code(
        "A vocabulary of words",
        "The notebook's tokens are characters. Write `word_vocab(text, min_freq)` that returns the list of tokens "
        "(`idx_to_token`) of a *word* vocabulary of `text`: `'<unk>'` first, then every word (split on spaces) "
        "that occurs at least `min_freq` times, most frequent first. The check runs it on this run's `text`.",
        starter="def word_vocab(text, min_freq):\n    ...  # your code: return the list of tokens",
        solution=word_vocab,
        check=check_word_vocab,
        hints=[
            "`collections.Counter(text.split())` counts the words.",
            "`Counter.most_common()` lists (word, count) pairs, most frequent first; keep those with count >= min_freq.",
        ],
    ),
    number(
        "The unigram model's perplexity",
        "Between the uniform guess (perplexity V) and the trained models lies a model that ignores the context and "
        "predicts every character with its frequency in `corpus`. What is its perplexity on `corpus`?",
        solution=unigram_perplexity,
        diagnose=diagnose_unigram,
        relative=1e-3,
        answer="perplexity_unigram",
        hints=[
            "Its mean cross-entropy on the corpus is the entropy of the character frequencies, −Σ p log p.",
            "`p = np.bincount(corpus) / len(corpus)`; drop the zeros, then `np.exp(-np.sum(p * np.log(p)))`.",
        ],
        explain="{answer:.2f}, below the uniform guess's V: knowing which letters are common is worth that much; a model must get under it to show that it uses the context.",
    ),
    number(
        "Bits per character",
        "Language models are often compared in *bits per character*: the mean cross-entropy with base-2 "
        "logarithms. What is the LSTM's, for its last training epoch in this run (`histories`)?",
        solution=lstm_bits,
        diagnose=diagnose_lstm_bits,
        relative=1e-3,
        unit=" bits",
        answer="bits",
        hints=[
            "Keras' cross-entropy uses the natural logarithm: its loss is in nats.",
            "bits = nats / ln 2: `histories['LSTM']['loss'][-1] / np.log(2)`; perplexity is 2 ** bits.",
        ],
        explain="{answer:.2f} bits per character, that is a perplexity of 2 to that power.",
    ),
    code(
        "Clipping without side effects",
        "The notebook's `clip_gradients` scales the gradients in place. Write `clipped(grads, theta)` that "
        "returns a *new* dict of gradients clipped by their global norm (the same numbers `clip_gradients` "
        "gives) and leaves `grads` unchanged. The check compares it with the notebook's `clip_gradients`.",
        starter="def clipped(grads, theta):\n    ...  # your code: return a new dict",
        solution=clipped,
        check=check_clipped,
        hints=[
            "The global norm is the square root of the sum of squares of every gradient entry, all tensors together.",
            "One factor min(1, theta / norm) for all; `{name: g * factor for name, g in grads.items()}` makes new arrays.",
        ],
    ),
    choice(
        "Global norm or each gradient alone",
        "Keras offers `clipnorm`, which clips each weight's gradient separately, and `global_clipnorm`, which clips "
        "them together as `clip_gradients` does. Why does the notebook use the global norm?",
        options={
            "a": "Clipping each gradient on its own can shrink some and not others, which changes the direction of the "
                 "update; the global norm shortens the step and keeps its direction.",
            "b": "The global norm is always smaller, so it clips less often.",
            "c": "Clipping each gradient separately cannot bound the size of an update.",
        },
        correct="a",
        why={
            "b": "the global norm is at least as large as each gradient's own norm, so it reaches theta first, not last.",
            "c": "it does bound it: with k weight tensors the update's norm is at most √k × theta.",
        },
        hints=["Think of two gradients, one huge and one tiny: what does clipping each do to their ratio?"],
        explain="Backpropagation gave a direction of steepest descent; global clipping only limits how far to step along it.",
    ),
]
