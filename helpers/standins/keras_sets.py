"""Stand-ins for the Keras datasets: the same files, keys, dtypes and index conventions.

- ``imdb.npz`` / ``reuters.npz``: pickled object arrays of word-rank lists
  (rank 1 is the most frequent word; Keras adds ``index_from=3`` when loading),
  with ``*_word_index.json`` mapping words to those ranks.
- ``boston_housing.npz``: ``x`` (506, 13) float64 and ``y`` (506,) float64.
- ``mnist.npz``: uint8 images (n, 28, 28) and uint8 labels.
- Fashion-MNIST: the four gzipped IDX files (big-endian headers, uint8 data).

The text sets carry their signal in a few words per class, the images in a
class template plus noise and a random shift, and house prices in a smooth
function of the features, so small models learn them in an epoch or two.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np

FILLER = (
    "the a and of to is in it this that was as with for but film movie on are his one have "
    "be all at by an who so from like there her or just about out if what some has more when "
    "very up can even my which would their time story only really see well also much get people"
).split()
POSITIVE = "great excellent wonderful loved best beautiful brilliant perfect superb enjoyed".split()
NEGATIVE = "bad worst awful boring waste terrible poor dull stupid horrible".split()


def _vocabulary(size: int, special: list[str]) -> list[str]:
    """Words by frequency rank (index 0 is rank 1): real-looking words first, then word<N>."""
    words = FILLER + special
    return words + [f"word{i}" for i in range(len(words), size)]


def _write_ragged_npz(path: Path, **arrays) -> None:
    objects = {}
    for key, value in arrays.items():
        if isinstance(value, list):
            array = np.empty(len(value), dtype=object)
            array[:] = value
            objects[key] = array
        else:
            objects[key] = value
    with open(path, "wb") as f:
        np.savez(f, **objects)


def _sequences(rng, n, vocabulary_size, signal_words, labels, length=(30, 160)):
    """Word-rank lists: Zipf-like filler plus words that carry each sample's label."""
    sequences = []
    for label in labels:
        size = int(rng.integers(*length))
        filler = np.minimum(rng.zipf(1.3, size), vocabulary_size).tolist()
        cues = rng.choice(signal_words[label], size=max(2, size // 12)).tolist()
        sequence = filler + cues
        rng.shuffle(sequence)
        sequences.append([int(w) for w in sequence])
    return sequences


def make_imdb(path: Path, n_train: int = 1500, n_test: int = 1500, vocabulary_size: int = 12000) -> None:
    rng = np.random.default_rng(113)
    words = _vocabulary(vocabulary_size, POSITIVE + NEGATIVE)
    rank = {w: i + 1 for i, w in enumerate(words)}
    signal = {0: [rank[w] for w in NEGATIVE], 1: [rank[w] for w in POSITIVE]}
    arrays = {}
    for split, n in (("train", n_train), ("test", n_test)):
        labels = rng.permutation(np.arange(n) % 2)
        arrays[f"x_{split}"] = _sequences(rng, n, vocabulary_size, signal, labels)
        arrays[f"y_{split}"] = labels.astype("int64")
    _write_ragged_npz(path, **arrays)


def make_imdb_word_index(path: Path, vocabulary_size: int = 12000) -> None:
    words = _vocabulary(vocabulary_size, POSITIVE + NEGATIVE)
    path.write_text(json.dumps({w: i + 1 for i, w in enumerate(words)}))


TOPICS = 46
# Reuters is very unbalanced (two topics hold most wires); the stand-in keeps that shape.
_TOPIC_WEIGHTS = np.array([0.35, 0.22] + [0.43 / 44] * 44)


def _topic_words(topic: int) -> list[str]:
    return [f"topic{topic}term{j}" for j in range(6)]


def make_reuters(path: Path, n: int = 2000, vocabulary_size: int = 12000) -> None:
    rng = np.random.default_rng(46)
    special = [w for t in range(TOPICS) for w in _topic_words(t)]
    words = _vocabulary(vocabulary_size, special)
    rank = {w: i + 1 for i, w in enumerate(words)}
    signal = {t: [rank[w] for w in _topic_words(t)] for t in range(TOPICS)}
    order = np.array([3, 4] + [t for t in range(TOPICS) if t not in (3, 4)])  # topics 3 and 4 dominate, as in Reuters
    labels = order[rng.choice(TOPICS, size=n, p=_TOPIC_WEIGHTS)]
    _write_ragged_npz(path, x=_sequences(rng, n, vocabulary_size, signal, labels, length=(20, 120)), y=labels.astype("int64"))


def make_reuters_word_index(path: Path, vocabulary_size: int = 12000) -> None:
    special = [w for t in range(TOPICS) for w in _topic_words(t)]
    words = _vocabulary(vocabulary_size, special)
    path.write_text(json.dumps({w: i + 1 for i, w in enumerate(words)}))


def make_boston_housing(path: Path, n: int = 506) -> None:
    rng = np.random.default_rng(1978)
    # Feature scales roughly like the real columns (crime rate, zoning, ..., % lower status).
    scales = np.array([3.6, 11.4, 11.1, 0.07, 0.55, 6.3, 68.6, 3.8, 9.5, 408.0, 18.5, 356.7, 12.7])
    spread = scales * np.array([2.4, 2.0, 0.6, 3.6, 0.2, 0.1, 0.4, 0.55, 0.9, 0.4, 0.1, 0.25, 0.55])
    x = np.abs(scales + rng.standard_normal((n, 13)) * spread)
    z = (x - scales) / spread
    price = 22.5 + 4.0 * z[:, 5] - 4.5 * z[:, 12] + 2.0 * np.tanh(z[:, 0]) - 1.5 * z[:, 10] + 1.0 * z[:, 5] * z[:, 12]
    y = np.clip(price + rng.normal(0, 1.5, n), 5.0, 50.0)
    with open(path, "wb") as f:  # a file object: np.savez would add ".npz" to a bare path
        np.savez(f, x=x.astype("float64"), y=y.astype("float64"))


def _images(rng, n: int, templates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    labels = rng.integers(0, len(templates), n).astype("uint8")
    images = templates[labels] * rng.uniform(0.7, 1.0, (n, 1, 1))
    images = images + rng.normal(0, 0.12, images.shape)
    for i, (dy, dx) in enumerate(rng.integers(-2, 3, (n, 2))):
        images[i] = np.roll(images[i], (dy, dx), axis=(0, 1))
    return (np.clip(images, 0, 1) * 255).astype("uint8"), labels


def _templates(seed: int) -> np.ndarray:
    """Ten smooth 28x28 blobs in [0, 1], one per class, with blank borders like MNIST."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:28, 0:28]
    templates = np.zeros((10, 28, 28))
    for k in range(10):
        for cy, cx in rng.uniform(7, 21, (4, 2)):
            templates[k] += np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * rng.uniform(2, 4) ** 2))
    return templates / templates.max(axis=(1, 2), keepdims=True)


def make_mnist(path: Path, n_train: int = 3000, n_test: int = 1000) -> None:
    rng = np.random.default_rng(784)
    templates = _templates(0)
    x_train, y_train = _images(rng, n_train, templates)
    x_test, y_test = _images(rng, n_test, templates)
    with open(path, "wb") as f:
        np.savez(f, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)


def _fashion(split: str, kind: str):
    def make(path: Path) -> None:
        rng = np.random.default_rng({"train": 60, "t10k": 10}[split])
        images, labels = _images(rng, {"train": 3000, "t10k": 1000}[split], _templates(1))
        if kind == "labels":
            header, payload = np.array([2049, len(labels)], ">i4"), labels
        else:
            header, payload = np.array([2051, len(images), 28, 28], ">i4"), images
        # No file name or time in the gzip header, so the bytes are the same on every run.
        with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as f:
            f.write(header.tobytes() + payload.tobytes())

    return make


GENERATORS = {
    "imdb.npz": make_imdb,
    "imdb_word_index.json": make_imdb_word_index,
    "reuters.npz": make_reuters,
    "reuters_word_index.json": make_reuters_word_index,
    "boston_housing.npz": make_boston_housing,
    "mnist.npz": make_mnist,
    **{
        f"{split}-{kind}-idx{1 if kind == 'labels' else 3}-ubyte.gz": _fashion(split, kind)
        for split in ("train", "t10k")
        for kind in ("labels", "images")
    },
}
