"""Food-101 (a class subset) from the verified archive: file lists from its meta/ folder, JPEG batches.

``food-101.tar.gz`` holds ``food-101/images/<class>/<id>.jpg`` (1,000 photos per
class) and ``food-101/meta/`` with ``classes.txt`` and the official split,
``train.txt`` and ``test.txt`` (750 and 250 per class), one ``<class>/<id>`` per
line. :func:`find_food` extracts the archive once beside it and returns the
subset's paths and labels; :func:`jpeg_batches` decodes and resizes one batch at
a time, so the images are never held in memory together.

Example::

    food = find_food(("pizza", "sushi")); len(food.train_paths)   # 1,500 on the real data
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .download import DataError, extract, fetch

ARCHIVE = "food-101.tar.gz"
SUBSET = ("apple_pie", "caesar_salad", "chocolate_cake", "french_fries", "hamburger",
          "pizza", "ramen", "steak", "sushi", "tacos")  # ten dishes that look unlike each other


@dataclass
class Food:
    """Image paths and labels (indices into ``classes``) of the official train and test lists."""

    classes: tuple[str, ...]
    train_paths: list[Path]
    train_labels: np.ndarray
    test_paths: list[Path]
    test_labels: np.ndarray


def _read_list(root: Path, name: str, classes) -> tuple[list[Path], np.ndarray]:
    path = root / "meta" / name
    if not path.is_file():
        raise DataError(f"{path} is missing: the archive is not Food-101. Delete it and run again.")
    index = {c: i for i, c in enumerate(classes)}
    paths, labels = [], []
    for line in path.read_text().split():
        dish = line.split("/", 1)[0]
        if dish in index:
            paths.append(root / "images" / f"{line}.jpg")
            labels.append(index[dish])
    return paths, np.array(labels, dtype="int64")


def find_food(classes=SUBSET) -> Food:
    """Fetch and extract the archive (the stand-in in test mode) and list the chosen classes' images.

    Example::

        food = find_food(); np.bincount(food.test_labels)   # 250 per class on the real data
    """
    archive = fetch(ARCHIVE)
    root = extract(archive) / "food-101"
    known = set((root / "meta" / "classes.txt").read_text().split()) if (root / "meta" / "classes.txt").is_file() else set()
    absent = [c for c in classes if c not in known]
    if absent:
        raise DataError(f"{root}/meta/classes.txt does not list {', '.join(absent)}: not the Food-101 archive, "
                        f"or a class name is misspelt. Delete {archive} and run again, or fix the names.")
    train, test = _read_list(root, "train.txt", classes), _read_list(root, "test.txt", classes)
    missing = [p for p in train[0] + test[0] if not p.is_file()]
    if missing:
        raise DataError(f"{len(missing)} images listed in {root}/meta are missing, e.g. {missing[0]}. "
                        f"Delete {archive} and the folder beside it, and run again.")
    return Food(tuple(classes), *train, *test)


def load_jpeg(path: Path, size: int) -> np.ndarray:
    """One photo as uint8 (size, size, 3), resized whole (no crop).

    Example::

        load_jpeg(food.test_paths[0], 224).shape   # (224, 224, 3)
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return np.asarray(image.convert("RGB").resize((size, size), Image.BILINEAR), dtype="uint8")
    except (UnidentifiedImageError, OSError) as error:
        raise DataError(f"{path} is not a readable image ({error}). Delete the extracted folder and run again.") from None


def jpeg_batches(paths, labels, size: int, batch_size: int, shuffle: bool = False, seed: int = 0):
    """A ``keras.utils.PyDataset`` of (uint8 images, labels), decoded one batch at a time.

    Example::

        train = jpeg_batches(food.train_paths, food.train_labels, 224, 32, shuffle=True)
    """
    from .batches import ShuffledBatches

    def load(rows):
        return np.stack([load_jpeg(paths[r], size) for r in rows]), labels[rows]

    return ShuffledBatches(len(paths), batch_size, load, shuffle, seed)
