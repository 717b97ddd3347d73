"""The dogs-vs-cats images of Week 8, split on disk into train / validation / test folders.

The official source is Microsoft's Kaggle archive ``kagglecatsanddogs_5340.zip``
(``PetImages/Cat/<n>.jpg`` and ``PetImages/Dog/<n>.jpg``, 12,500 each). A few
of its files are not usable JPEGs (an empty ``Cat/666.jpg``, files in another
format, ``Thumbs.db``): :func:`prepare` detects and skips them, says how many,
and copies a random sample (fixed seed) into the book's layout::

    cats_and_dogs_small/
        train/{cats,dogs}/        1,000 images per class
        validation/{cats,dogs}/     500 images per class
        test/{cats,dogs}/         1,000 images per class

A folder of that layout already in the data folder (your own split, or the
book's first-edition split of 1,000/500/500 per class) is used as it is.

Example::

    folder = prepare()                       # data/cats_and_dogs_small
    train = keras.utils.image_dataset_from_directory(folder / "train", image_size=(180, 180))
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np

from . import publish, settings
from .download import DataError, extract, fetch, file_digest
from .staging import lock

ARCHIVE = "kagglecatsanddogs_5340.zip"
FOLDER = "cats_and_dogs_small"
SUBSETS = ("train", "validation", "test")
CLASSES = ("cats", "dogs")
ARCHIVE_CLASSES = {"cats": "Cat", "dogs": "Dog"}  # PetImages/<name> in the archive
BOOK_SPLIT = {"train": 1000, "validation": 500, "test": 1000}  # per class, 2nd edition
FIRST_EDITION_SPLIT = {"train": 1000, "validation": 500, "test": 500}
MADE_FROM = ".made-from"  # in a split made here: which archive, seed and sizes it came from
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".gif")  # what image_dataset_from_directory reads

LAYOUT = (
    "  cats_and_dogs_small/\n"
    "      train/cats/       *.jpg\n"
    "      train/dogs/       *.jpg\n"
    "      validation/cats/  *.jpg\n"
    "      validation/dogs/  *.jpg\n"
    "      test/cats/        *.jpg\n"
    "      test/dogs/        *.jpg"
)


def root() -> Path:
    """Where the split lives: the data folder, or the stand-in folder in test mode.

    Example::

        root() / "cats_and_dogs_small"
    """
    if settings.is_test():
        from . import standins

        return standins.folder()
    return settings.data_dir()


def count_split(folder: Path) -> dict[str, dict[str, int]]:
    """Image files per subset and class, e.g. ``{"train": {"cats": 1000, "dogs": 1000}, ...}``.

    Raises :class:`DataError`, showing the expected layout, when a subset or
    class folder is missing or empty, or a subset holds other class folders.

    Example::

        count_split(Path("data/cats_and_dogs_small"))["test"]["cats"]   # 500
    """
    folder = Path(folder)
    problems = []
    counts: dict[str, dict[str, int]] = {}
    for subset in SUBSETS:
        counts[subset] = {}
        if (folder / subset).is_dir():
            extra = sorted(p.name for p in (folder / subset).iterdir() if p.is_dir() and p.name not in CLASSES)
            if extra:
                problems.append(f"{subset}/ holds other class folders: {', '.join(extra)}")
        for name in CLASSES:
            path = folder / subset / name
            if not path.is_dir():
                problems.append(f"{subset}/{name}/ is missing")
                continue
            n = sum(1 for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
            if n == 0:
                problems.append(f"{subset}/{name}/ holds no images")
            counts[subset][name] = n
    if problems:
        raise DataError(
            f"{folder} does not have the layout of a dogs-vs-cats split:\n"
            + "".join(f"  - {p}\n" for p in problems)
            + f"Expected (any number of images in each folder):\n{LAYOUT}\n"
            f"Fix or remove {folder}; without it, the split is made from {ARCHIVE}."
        )
    return counts


def describe(counts: dict[str, dict[str, int]]) -> str:
    """Which split ``counts`` is, in words.

    >>> describe({s: {"cats": n, "dogs": n} for s, n in FIRST_EDITION_SPLIT.items()})
    "the book's first-edition split (1,000/500/500 images per class)"
    """
    per_class = {s: set(counts[s].values()) for s in SUBSETS}
    sizes = "/".join(",".join(f"{n:,}" for n in sorted(per_class[s])) for s in SUBSETS)
    if all(len(v) == 1 for v in per_class.values()):
        equal = {s: per_class[s].pop() for s in SUBSETS}
        if equal == BOOK_SPLIT:
            return f"the book's split (second edition, {sizes} images per class)"
        if equal == FIRST_EDITION_SPLIT:
            return f"the book's first-edition split ({sizes} images per class)"
        return f"a split of {sizes} images per class (train/validation/test)"
    detail = ", ".join(f"{s} {counts[s]['cats']:,} cats + {counts[s]['dogs']:,} dogs" for s in SUBSETS)
    return f"an unbalanced split: {detail}"


def jpeg_problem(path: Path) -> str | None:
    """Why ``path`` is not a usable JPEG image (``"empty"``, ``"not a JPEG"``, ...), or None.

    The checks: not empty, the JPEG start-of-image marker ``FF D8 FF``, and a
    complete decode (at reduced scale, which still reads all the data).

    Example::

        jpeg_problem(Path("PetImages/Cat/666.jpg"))   # 'empty (0 bytes)'
    """
    from PIL import Image

    size = path.stat().st_size
    if size == 0:
        return "empty (0 bytes)"
    with open(path, "rb") as f:
        if f.read(3) != b"\xff\xd8\xff":
            return "not a JPEG"
    try:
        with Image.open(path) as image:
            image.draft("RGB", (image.width // 8 or 1, image.height // 8 or 1))
            image.load()
    except (OSError, SyntaxError, ValueError) as error:
        return f"does not decode ({error})"
    return None


def scan(pet_images: Path) -> tuple[dict[str, list[Path]], list[tuple[Path, str]]]:
    """The usable images per class under ``PetImages/``, and the skipped files with the reason.

    Example::

        images, skipped = scan(Path("data/kagglecatsanddogs_5340/PetImages"))
    """
    images: dict[str, list[Path]] = {}
    skipped: list[tuple[Path, str]] = []
    for name, archive_name in ARCHIVE_CLASSES.items():
        folder = pet_images / archive_name
        if not folder.is_dir():
            raise DataError(f"{pet_images} has no {archive_name}/ folder: is {ARCHIVE} the official archive?")
        images[name] = []
        for path in sorted(folder.iterdir(), key=lambda p: (len(p.name), p.name)):
            problem = "not an image (Thumbs.db)" if path.name == "Thumbs.db" else jpeg_problem(path)
            if problem:
                skipped.append((path, problem))
            else:
                images[name].append(path)
    return images, skipped


def make_split(pet_images: Path, target: Path, sizes: dict[str, int], seed: int, made_from: dict | None = None) -> dict:
    """Copy a random sample (``seed``) of the usable images into ``target``'s layout, atomically.

    The split is written into a temporary folder beside ``target`` and renamed
    into place when complete, so an interrupted run leaves no half split.
    Returns ``{"skipped": [(path, reason), ...], "counts": {...}}``.

    Example::

        make_split(Path("data/kagglecatsanddogs_5340/PetImages"), Path("data/cats_and_dogs_small"),
                   BOOK_SPLIT, seed=1337)
    """
    images, skipped = scan(pet_images)
    needed = sum(sizes[s] for s in SUBSETS)
    for name, paths in images.items():
        if len(paths) < needed:
            raise DataError(f"{pet_images} holds {len(paths)} usable {name} images; the split needs {needed}.")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part"))
    try:
        rng = np.random.default_rng(seed)
        for name, paths in images.items():
            order = rng.permutation(len(paths))[:needed]
            start = 0
            for subset in SUBSETS:
                folder = staging / subset / name
                folder.mkdir(parents=True)
                for i in order[start : start + sizes[subset]]:
                    source = paths[i]
                    shutil.copyfile(source, folder / f"{name[:-1]}.{source.name}")
                start += sizes[subset]
        record = dict(made_from or {}, seed=seed, sizes=sizes, skipped=len(skipped))
        (staging / MADE_FROM).write_text(json.dumps(record, sort_keys=True) + "\n")
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a shared data folder should be readable
        if target.exists():  # a stale stand-in split (test mode only reaches here then)
            stale = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
            os.replace(target, stale / target.name)
            shutil.rmtree(stale, ignore_errors=True)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {"skipped": skipped, "counts": count_split(target)}


def _summarise_skipped(skipped: list[tuple[Path, str]]) -> str:
    reasons: dict[str, int] = {}
    for _, reason in skipped:
        key = reason.split(" (")[0] if reason.startswith("does not decode") else reason
        reasons[key] = reasons.get(key, 0) + 1
    return ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items()))


def prepare(sizes: dict[str, int] | None = None, seed: int = 1337) -> Path:
    """The split folder, made from the official archive on first use; prints which split it is.

    ``sizes`` is the number of images per class in each subset (default
    :data:`BOOK_SPLIT`). An existing ``cats_and_dogs_small`` folder in the data
    folder is used as it is (its layout checked). In test mode the split is made
    from the stand-in archive under ``build/standin-data`` and remade when that
    archive or ``sizes`` change.

    Example::

        folder = prepare()                     # data/cats_and_dogs_small
    """
    sizes = dict(sizes or BOOK_SPLIT)
    target = root() / FOLDER
    marker = target / MADE_FROM
    if target.exists() and not settings.is_test():
        counts = count_split(target)
        origin = "made here earlier from " + ARCHIVE if marker.exists() else "found in the data folder"
        print(f"Using {settings.shown(target)} ({origin}): {describe(counts)}.")
        publish.note_folder(target)  # the images the run reads, for a published copy's banner
        return target
    archive = fetch(ARCHIVE)
    made_from = {"archive": ARCHIVE, "sha256": file_digest(archive)}
    # Two notebooks use this split, and make test may run them at once: one makes it while the
    # other waits, then reuses it instead of making it again and swapping it out under the first.
    with lock(target):
        if target.exists() and not settings.is_test():  # made by another process while we waited
            print(f"Using {settings.shown(target)} (made here just now from {ARCHIVE}): {describe(count_split(target))}.")
            publish.note_folder(target, "data folder, made from the archive")
            return target
        if target.exists():  # test mode: reuse the stand-in split only if it is from this archive
            try:
                record = json.loads(marker.read_text())
            except (OSError, ValueError):
                record = {}
            if record.get("sha256") == made_from["sha256"] and record.get("seed") == seed and record.get("sizes") == sizes:
                counts = count_split(target)
                print(f"Using {settings.shown(target)} (made earlier from the stand-in {ARCHIVE}): {describe(counts)}.")
                publish.note_folder(target, "stand-in")
                return target
        extracted = extract(archive)
        result = make_split(extracted / "PetImages", target, sizes, seed, made_from)
    skipped = result["skipped"]
    total = sum(1 for _ in (extracted / "PetImages").rglob("*") if _.is_file())
    print(
        f"{ARCHIVE}: {total:,} files, of which {len(skipped)} skipped as not usable JPEGs "
        f"({_summarise_skipped(skipped)})."
    )
    print(f"Made {settings.shown(target)} with seed {seed}: {describe(result['counts'])}.")
    publish.note_folder(target, "stand-in" if settings.is_test() else "data folder, made from the archive")
    return target
