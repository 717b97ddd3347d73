"""Oxford-IIIT Pets for segmentation: find the files, pair photos with trimaps, stream batches.

The data is looked for in this order:

1. an already extracted folder ``COURSE_DATA_DIR/oxford_pets/`` with the tarballs'
   layout, ``images/*.jpg`` and ``annotations/trimaps/*.png`` (full mode only);
2. the two official tarballs ``images.tar.gz`` and ``annotations.tar.gz``, fetched
   and checked by :func:`helpers.download.fetch`, extracted beside them into
   ``oxford_pets_images/`` and ``oxford_pets_annotations/`` (in test mode these are
   the stand-in tarballs).

A few files in the official set are not what their extension says (a GIF or a PNG
named ``.jpg``): Pillow decodes by content, not by name, so they load correctly;
a file Pillow cannot read at all is skipped and counted.

Example::

    data = find_pets()
    pairs = data.pairs                       # [(image path, trimap path), ...], sorted
    batches = PetsBatches(pairs, batch_size=32, image_size=(200, 200))
    images, masks = batches[0]               # (32, 200, 200, 3) float32, (32, 200, 200) uint8
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import keras
import numpy as np
from PIL import Image, UnidentifiedImageError

from . import publish, settings
from .download import DataError, extract, fetch

EXTRACTED_FOLDER = "oxford_pets"  # COURSE_DATA_DIR/oxford_pets/{images,annotations/trimaps}
TARBALLS = ("images.tar.gz", "annotations.tar.gz")


@dataclass
class PetsData:
    """The paired files and what was found on the way."""

    images_dir: Path
    trimaps_dir: Path
    source: str  # a sentence: where the files came from
    pairs: list[tuple[Path, Path]] = field(default_factory=list)
    not_jpeg: dict[str, str] = field(default_factory=dict)  # image name -> real format (decoded anyway)
    unreadable: list[str] = field(default_factory=list)  # image names Pillow cannot decode (skipped)
    without_trimap: list[str] = field(default_factory=list)  # image names with no trimap (skipped)


def _extracted_folder() -> Path | None:
    folder = settings.data_dir() / EXTRACTED_FOLDER
    if (folder / "images").is_dir() and (folder / "annotations" / "trimaps").is_dir():
        return folder
    return None


def locate() -> tuple[Path, Path, str]:
    """(images folder, trimaps folder, where they came from), fetching the tarballs if need be.

    Example::

        images_dir, trimaps_dir, source = locate()
    """
    folder = None if settings.is_test() else _extracted_folder()
    if folder is not None:
        images_dir, trimaps_dir = folder / "images", folder / "annotations" / "trimaps"
        for read in (images_dir, trimaps_dir):  # for a published copy's banner (tarballs are noted by fetch())
            publish.note_folder(read)
        return images_dir, trimaps_dir, f"the extracted folder {settings.shown(folder)}"
    images_tar, annotations_tar = (fetch(name) for name in TARBALLS)
    images_root = extract(images_tar, images_tar.parent / "oxford_pets_images")
    annotations_root = extract(annotations_tar, annotations_tar.parent / "oxford_pets_annotations")
    images_dir, trimaps_dir = images_root / "images", annotations_root / "annotations" / "trimaps"
    for needed in (images_dir, trimaps_dir):
        if not needed.is_dir():
            raise DataError(
                f"{needed} is missing after extracting {images_tar.name} and {annotations_tar.name}: "
                "they are not the Oxford-IIIT Pet tarballs. Delete them and run again."
            )
    where = settings.shown(images_tar.parent)
    return images_dir, trimaps_dir, f"the tarballs {images_tar.name} and {annotations_tar.name} in {where}"


def pair_files(images_dir: Path, trimaps_dir: Path, source: str = "") -> PetsData:
    """Pair ``images_dir/<name>.jpg`` with ``trimaps_dir/<name>.png`` in sorted order.

    Only the image headers are read, to find files that are not JPEG (kept: Pillow
    decodes them by content) and files that are no image at all (skipped, counted).
    Images without a trimap are skipped and counted too.

    Example::

        data = pair_files(Path("data/oxford_pets/images"), Path("data/oxford_pets/annotations/trimaps"))
    """
    data = PetsData(Path(images_dir), Path(trimaps_dir), source)
    for image_path in sorted(Path(images_dir).glob("*.jpg")):
        trimap_path = Path(trimaps_dir) / f"{image_path.stem}.png"
        if not trimap_path.exists():
            data.without_trimap.append(image_path.name)
            continue
        try:
            with Image.open(image_path) as image:
                kind = image.format
        except (UnidentifiedImageError, OSError):
            data.unreadable.append(image_path.name)
            continue
        if kind != "JPEG":
            data.not_jpeg[image_path.name] = kind
        data.pairs.append((image_path, trimap_path))
    if not data.pairs:
        raise DataError(
            f"No image/trimap pairs found in {images_dir} and {trimaps_dir}: expected images/<Breed>_<n>.jpg "
            "and annotations/trimaps/<Breed>_<n>.png as in the official tarballs."
        )
    return data


def find_pets() -> PetsData:
    """Locate the data (see the module docstring) and pair the files.

    Example::

        data = find_pets(); print(data.source, len(data.pairs))
    """
    return pair_files(*locate())


def load_image(path: Path, size: tuple[int, int]) -> np.ndarray:
    """An RGB photo resized to ``size`` (height, width), float32 in 0–255; decoded by content.

    Example::

        load_image(Path("data/oxford_pets/images/Bengal_1.jpg"), (200, 200)).shape   # (200, 200, 3)
    """
    with Image.open(path) as image:
        image = image.convert("RGB").resize((size[1], size[0]), Image.BILINEAR)
        return np.asarray(image, dtype="float32")


def load_mask(path: Path, size: tuple[int, int]) -> np.ndarray:
    """A trimap resized to ``size`` with nearest-neighbour sampling, 1/2/3 shifted to classes 0/1/2.

    Class 0 is the pet, 1 the background, 2 the border (unclassified) ring.

    Example::

        np.unique(load_mask(Path("data/oxford_pets/annotations/trimaps/Bengal_1.png"), (200, 200)))   # [0 1 2]
    """
    with Image.open(path) as trimap:
        trimap = trimap.convert("L").resize((size[1], size[0]), Image.NEAREST)
        return np.asarray(trimap, dtype="uint8") - 1


class PetsBatches(keras.utils.PyDataset):
    """(photos, masks) batches read from disk on demand: never the whole set in memory.

    Photos are (batch, height, width, 3) float32 in 0–255, masks (batch, height, width)
    uint8 classes 0/1/2. With ``shuffle=True`` the order changes after every epoch
    (from a fixed seed, so a run repeats).

    Example::

        train = PetsBatches(pairs[:-1000], batch_size=64, image_size=(200, 200), shuffle=True)
        model.fit(train, epochs=50)
    """

    def __init__(self, pairs, batch_size: int, image_size=(200, 200), shuffle: bool = False, seed: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.pairs = list(pairs)
        self.batch_size = batch_size
        self.image_size = tuple(image_size)
        self.shuffle = shuffle
        self._rng = np.random.default_rng(seed)
        self._order = np.arange(len(self.pairs))
        if shuffle:
            self._rng.shuffle(self._order)

    def __len__(self) -> int:
        return math.ceil(len(self.pairs) / self.batch_size)

    def __getitem__(self, index: int):
        chosen = self._order[index * self.batch_size : (index + 1) * self.batch_size]
        images = np.stack([load_image(self.pairs[i][0], self.image_size) for i in chosen])
        masks = np.stack([load_mask(self.pairs[i][1], self.image_size) for i in chosen])
        return images, masks

    def on_epoch_end(self) -> None:
        if self.shuffle:
            self._rng.shuffle(self._order)
