"""CIFAR-10 from the official python tarball: read the pickled batches, stream them resized.

``cifar-10-python.tar.gz`` holds ``cifar-10-batches-py/`` with ``data_batch_1`` ...
``data_batch_5`` (10,000 images each), ``test_batch`` (10,000) and
``batches.meta`` (the class names). Each batch is a pickled dict whose
``b"data"`` is uint8 of shape (N, 3072), every row the red, then green, then blue
32 × 32 plane, and whose ``b"labels"`` is a list of N ints in 0-9.

:func:`load_cifar10` reads them straight from the verified tarball (nothing is
extracted) into uint8 arrays (N, 32, 32, 3): 180 MB for all 60,000 images, a
quarter of what float32 would take. The batches are unpickled only after
:func:`helpers.download.fetch` has checked the archive's SHA-256 (unpickling an
unverified file could run code). :func:`image_batches` then hands a model one
batch at a time, so no resized float copy of the set is ever made.

Example::

    data = load_cifar10()
    data.train_images.shape, data.class_names[:3]   # (50000, 32, 32, 3), ['airplane', 'automobile', 'bird']
"""

from __future__ import annotations

import pickle
import tarfile
from dataclasses import dataclass

import numpy as np

from .download import BadFileError, fetch

ARCHIVE = "cifar-10-python.tar.gz"
FOLDER = "cifar-10-batches-py"
TRAIN_BATCHES = tuple(f"data_batch_{i}" for i in range(1, 6))
TEST_BATCH = "test_batch"
META = "batches.meta"
SIDE = 32


@dataclass
class Cifar10:
    """The training and official test images (uint8, N × 32 × 32 × 3), labels and class names."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    class_names: list[str]


def _unpickle(tar: tarfile.TarFile, name: str, archive) -> dict:
    try:
        member = tar.extractfile(f"{FOLDER}/{name}")
    except KeyError:
        member = None
    if member is None:
        raise BadFileError(f"{archive} has no {FOLDER}/{name}: it is not the CIFAR-10 python tarball. "
                           f"Delete it and run again to download it.")
    try:
        return pickle.load(member, encoding="bytes")
    except Exception as error:  # a truncated or foreign pickle can raise almost anything
        raise BadFileError(f"{archive}: {FOLDER}/{name} is not a readable pickle ({error}). "
                           f"Delete {archive} and run again.") from None


def batch_to_images(batch: dict, name: str = "batch") -> tuple[np.ndarray, np.ndarray]:
    """One unpickled batch to (images uint8 N × 32 × 32 × 3, labels int64 N), checked.

    Example::

        >>> images, labels = batch_to_images({b"data": np.zeros((2, 3072), "uint8"), b"labels": [3, 5]})
        >>> images.shape, labels.tolist()
        ((2, 32, 32, 3), [3, 5])
    """
    data, labels = batch.get(b"data"), batch.get(b"labels")
    if data is None or labels is None:
        raise BadFileError(f"{name} lacks b'data' or b'labels': not a CIFAR-10 batch.")
    data, labels = np.asarray(data), np.asarray(labels, dtype="int64")
    if data.dtype != np.uint8 or data.ndim != 2 or data.shape[1] != 3 * SIDE * SIDE or len(labels) != len(data):
        raise BadFileError(f"{name}: expected uint8 data of shape (N, 3072) and N labels, "
                           f"got {data.dtype} {data.shape} and {len(labels)} labels.")
    if labels.size and (labels.min() < 0 or labels.max() > 9):
        raise BadFileError(f"{name}: labels must be 0-9, found {labels.min()}..{labels.max()}.")
    # Rows are channel planes (3 × 32 × 32); images are channels-last.
    return data.reshape(-1, 3, SIDE, SIDE).transpose(0, 2, 3, 1), labels


def load_cifar10() -> Cifar10:
    """Fetch the verified tarball (the stand-in in test mode) and read all six batches.

    Example::

        data = load_cifar10(); np.bincount(data.test_labels)   # 1,000 of each class on the real data
    """
    archive = fetch(ARCHIVE)
    try:
        tar = tarfile.open(archive, "r:gz")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BadFileError(f"{archive} is not a readable .tar.gz ({error}). Delete it and run again.") from None
    with tar:
        parts = [batch_to_images(_unpickle(tar, name, archive), f"{archive}:{name}") for name in TRAIN_BATCHES]
        test_images, test_labels = batch_to_images(_unpickle(tar, TEST_BATCH, archive), f"{archive}:{TEST_BATCH}")
        meta = _unpickle(tar, META, archive)
    names = [n.decode() if isinstance(n, bytes) else str(n) for n in meta.get(b"label_names", [])]
    if len(names) != 10:
        raise BadFileError(f"{archive}: {META} should name 10 classes, it names {len(names)}.")
    return Cifar10(np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
                   test_images, test_labels, names)


def split_70_10_20(n: int, seed: int = 42) -> dict[str, np.ndarray]:
    """Indices of a shuffled 70/10/20 train/validation/test split of ``n`` items (the original's split).

    Example::

        >>> {k: len(v) for k, v in split_70_10_20(50).items()}
        {'train': 35, 'validation': 5, 'test': 10}
    """
    order = np.random.default_rng(seed).permutation(n)
    n_train, n_validation = round(0.7 * n), round(0.1 * n)
    return {"train": order[:n_train], "validation": order[n_train : n_train + n_validation],
            "test": order[n_train + n_validation :]}


def image_batches(images: np.ndarray, labels: np.ndarray, batch_size: int, shuffle: bool = False, seed: int = 0):
    """A ``keras.utils.PyDataset`` of (uint8 images, labels) batches, reshuffled every epoch if ``shuffle``.

    The images stay uint8 and 32 × 32 here; the model resizes and rescales each
    batch itself, so only one batch at a time is ever a large float array.

    Example::

        train = image_batches(x, y, 128, shuffle=True); model.fit(train, epochs=5)
    """
    from .batches import ShuffledBatches

    def load(rows):
        rows = np.sort(rows)
        return images[rows], labels[rows]

    return ShuffledBatches(len(images), batch_size, load, shuffle, seed)
