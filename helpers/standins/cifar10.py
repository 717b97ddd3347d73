"""Stand-in for ``cifar-10-python.tar.gz`` in the real layout, small and learnable.

The tarball holds ``cifar-10-batches-py/data_batch_1`` ... ``data_batch_5``,
``test_batch`` and ``batches.meta``, pickled dicts as in the real file (uint8
``b"data"`` of shape (N, 3072) in red, green, blue planes; ``b"labels"`` a list
of ints; ``b"label_names"`` in the meta). Each class is a noisy image of one
colour with a bar of the complementary colour whose position depends on the class, so a small convnet
separates them in a few steps.
"""

from __future__ import annotations

import gzip
import io
import pickle
import tarfile
from pathlib import Path

import numpy as np

NAMES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
PER_TRAIN_BATCH = 48
PER_TEST_BATCH = 60


def _images(rng, labels):
    # A distinct base colour per class (matplotlib's tab10 palette), darker or lighter than its bar.
    hues = np.array([[31, 119, 180], [255, 127, 14], [44, 160, 44], [214, 39, 40], [148, 103, 189],
                     [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207]]) / 255
    images = np.empty((len(labels), 32, 32, 3))
    for i, label in enumerate(labels):
        image = hues[label] + rng.normal(0, 0.08, (32, 32, 3))
        row = 3 * label + 1
        image[row : row + 3, :, :] = 1.0 - hues[label]
        images[i] = image
    pixels = np.clip(images * 255, 0, 255).astype("uint8")
    return pixels.transpose(0, 3, 1, 2).reshape(len(labels), 3072)  # channel planes, as in the real file


def _add(tar, name, obj):
    data = pickle.dumps(obj, protocol=2)
    info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
    info.size, info.mtime = len(data), 1_262_304_000
    tar.addfile(info, io.BytesIO(data))


def make_cifar10(path: Path) -> None:
    rng = np.random.default_rng(1010)
    # No file name and a fixed time in the gzip header: the same bytes on every run.
    with open(path, "wb") as raw:

        with gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz, tarfile.open(fileobj=gz, mode="w") as tar:
            _add(tar, "batches.meta", {b"label_names": [n.encode() for n in NAMES], b"num_vis": 3072,
                                       b"num_cases_per_batch": PER_TRAIN_BATCH})
            for b in range(1, 6):
                labels = rng.integers(0, 10, PER_TRAIN_BATCH)
                labels[:10] = np.arange(10)  # every class in every batch
                _add(tar, f"data_batch_{b}", {b"batch_label": f"training batch {b} of 5".encode(),
                                               b"labels": labels.tolist(), b"data": _images(rng, labels)})
            labels = np.arange(PER_TEST_BATCH) % 10
            _add(tar, "test_batch", {b"batch_label": b"testing batch 1 of 1", b"labels": labels.tolist(),
                                     b"data": _images(rng, labels)})


GENERATORS = {"cifar-10-python.tar.gz": make_cifar10}
