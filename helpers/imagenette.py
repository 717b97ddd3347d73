"""Three classes of Imagenette (fast.ai's ten-class subset of ImageNet), read from the verified archive.

``imagenette2-160.tgz`` (images with a shorter side of 160 pixels) is checked
against the MD5 that ``torchvision.datasets.Imagenette`` pins, extracted once
(safely, by :func:`helpers.download.extract`) and read class folder by class
folder with ``keras.utils.image_dataset_from_directory(..., class_names=...)``,
so that only the three classes used here are loaded, batch by batch.

Example::

    root = imagenette_root()            # data/imagenette2-160/imagenette2-160
    train = keras.utils.image_dataset_from_directory(root / "train", class_names=list(CLASSES.values()))
"""

from __future__ import annotations

from pathlib import Path

from .download import DataError, extract, fetch

ARCHIVE = "imagenette2-160.tgz"
# The course's three classes, standing in for the original's dogs, food and vehicles.
CLASSES = {"English springer": "n02102040", "church": "n03028079", "garbage truck": "n03417042"}


def imagenette_root() -> Path:
    """The extracted ``imagenette2-160`` folder (with ``train/`` and ``val/``), fetching the archive first.

    Example::

        sorted(p.name for p in (imagenette_root() / "train").iterdir())[:2]   # ['n01440764', 'n02102040']
    """
    archive = fetch(ARCHIVE)
    root = extract(archive) / "imagenette2-160"
    for subset in ("train", "val"):
        for wnid in CLASSES.values():
            if not (root / subset / wnid).is_dir():
                raise DataError(
                    f"{archive} extracted to {root.parent}, but {subset}/{wnid} is missing: it is not fast.ai's "
                    f"imagenette2-160.tgz. Delete {archive} and {root.parent} and run again."
                )
    return root
