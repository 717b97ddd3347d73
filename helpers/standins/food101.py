"""Stand-in for ``food-101.tar.gz`` in the real layout, small and learnable.

``food-101/images/<class>/<id>.jpg`` and ``food-101/meta/{classes,labels,train,test}.txt``
as in the real archive, for the project's ten classes and two more (to show that
only the chosen ones are read); 8 training and 4 test JPEGs (96 × 96) per class.
Each class is a plate of its own colour on a grey table, with noise.
"""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import numpy as np

CLASSES = ("apple_pie", "beignets", "caesar_salad", "chocolate_cake", "french_fries", "hamburger",
           "pizza", "ramen", "steak", "sushi", "tacos", "waffles")
TRAIN, TEST = 8, 4


def _jpeg(rng, colour) -> bytes:
    from PIL import Image

    y, x = np.mgrid[:96, :96]
    plate = (y - 48) ** 2 + (x - 48) ** 2 < 36 ** 2
    image = np.where(plate[..., None], colour, 0.5) + rng.normal(0, 0.05, (96, 96, 3))
    buffer = io.BytesIO()
    Image.fromarray(np.clip(image * 255, 0, 255).astype("uint8")).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def _add(tar, name, data: bytes):
    info = tarfile.TarInfo(f"food-101/{name}")
    info.size, info.mtime = len(data), 1_400_000_000
    tar.addfile(info, io.BytesIO(data))


def make_food101(path: Path) -> None:
    rng = np.random.default_rng(101)
    colours = np.random.default_rng(7).random((len(CLASSES), 3)) * 0.8 + 0.1
    lists = {"train": [], "test": []}
    # No file name and a fixed time in the gzip header: the same bytes on every run.
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz, \
            tarfile.open(fileobj=gz, mode="w") as tar:
        for c, dish in enumerate(CLASSES):
            for i in range(TRAIN + TEST):
                image_id = 100_000 + 37 * i + c
                lists["train" if i < TRAIN else "test"].append(f"{dish}/{image_id}")
                _add(tar, f"images/{dish}/{image_id}.jpg", _jpeg(rng, colours[c]))
        _add(tar, "meta/classes.txt", "".join(f"{d}\n" for d in CLASSES).encode())
        _add(tar, "meta/labels.txt", "".join(f"{d.replace('_', ' ').capitalize()}\n" for d in CLASSES).encode())
        for part, lines in lists.items():
            _add(tar, f"meta/{part}.txt", "".join(f"{line}\n" for line in lines).encode())


GENERATORS = {"food-101.tar.gz": make_food101}
