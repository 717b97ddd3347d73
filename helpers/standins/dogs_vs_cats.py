"""Stand-in for Microsoft's Kaggle cats-and-dogs archive, in the real archive's layout.

``kagglecatsanddogs_5340.zip`` holds ``PetImages/Cat/<n>.jpg`` and
``PetImages/Dog/<n>.jpg`` (real-size JPEGs, about 300×250 to 500×400 pixels),
a ``Thumbs.db`` in each folder, a ``readme[1].txt``, and the kinds of bad
files the real archive has: an empty ``Cat/666.jpg`` and ``Dog/11702.jpg``,
a PNG named ``.jpg`` and a truncated JPEG.

The animals are drawn shapes on a noisy, randomly lit background: a cat is a
round orange head with pointed ears, a dog a long grey-brown head with
hanging ears, each at a random place, size and brightness. A small convnet
tells them apart in an epoch or two, even at 32×32 pixels and after flips,
rotations and zooms.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np

PER_CLASS = 160  # usable images per class
DATE = (2017, 2, 9, 12, 0, 0)  # a fixed member date, so the zip is the same bytes every time


def _image(rng, cat: bool, noise: np.ndarray) -> np.ndarray:
    """One RGB uint8 picture of a cat-like or dog-like shape, about the real photos' size."""
    from PIL import Image, ImageDraw

    height, width = int(rng.integers(230, 400)), int(rng.integers(280, 500))
    corners = rng.uniform(40, 200, size=(2, 2, 3)) * rng.uniform(0.6, 1.0)  # lighting: a smooth gradient
    picture = Image.fromarray(corners.astype(np.uint8)).resize((width, height), Image.BILINEAR)
    draw = ImageDraw.Draw(picture)
    s = min(height, width) * rng.uniform(0.22, 0.32)
    cy, cx = height * rng.uniform(0.35, 0.65), width * rng.uniform(0.35, 0.65)
    if cat:  # a round orange head with two pointed ears
        colour = tuple(int(c) for c in np.array([235, 140, 50]) * rng.uniform(0.75, 1.05))
        for side in (-1, 1):
            ex = cx + side * 0.6 * s
            draw.polygon([(ex - 0.45 * s, cy - 0.5 * s), (ex + 0.45 * s, cy - 0.5 * s), (ex, cy - 1.6 * s)], fill=colour)
        draw.ellipse([cx - s, cy - s, cx + s, cy + s], fill=colour)
    else:  # a long grey-blue head with two hanging ears
        colour = tuple(int(c) for c in np.array([110, 95, 150]) * rng.uniform(0.75, 1.05))
        draw.ellipse([cx - 1.5 * s, cy - 0.75 * s, cx + 1.5 * s, cy + 0.75 * s], fill=colour)
        for side in (-1, 1):
            ex = cx + side * 1.3 * s
            draw.rectangle([ex - 0.3 * s, cy - 0.3 * s, ex + 0.3 * s, cy + 1.3 * s], fill=colour)
    oy, ox = int(rng.integers(0, noise.shape[0] - height)), int(rng.integers(0, noise.shape[1] - width))
    array = np.asarray(picture, dtype=np.int16) + noise[oy : oy + height, ox : ox + width]
    return np.clip(array, 0, 255).astype(np.uint8)


def _jpeg(array: np.ndarray, quality: int = 85) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def _png(array: np.ndarray) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


def make_kaggle_cats_and_dogs(path: Path, per_class: int = PER_CLASS) -> None:
    rng = np.random.default_rng(5340)
    noise = rng.normal(0, 16, size=(512, 640, 3)).astype(np.int16)  # cropped at random for each image
    thumbs = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # an OLE2 header, as Windows writes them
    members: list[tuple[str, bytes]] = [("readme[1].txt", b"Stand-in for the Kaggle Cats and Dogs Dataset.\r\n")]
    bad = {
        "Cat": {666: b"", 140: "truncated"},
        "Dog": {11702: b"", 50: "png"},
    }
    for folder, cat in (("Cat", True), ("Dog", False)):
        numbers = list(range(per_class)) + [n for n in bad[folder] if n >= per_class]
        for n in numbers:
            name = f"PetImages/{folder}/{n}.jpg"
            kind = bad[folder].get(n)
            if kind == b"":
                members.append((name, b""))
                continue
            array = _image(rng, cat, noise)
            if kind == "truncated":
                data = _jpeg(array)
                members.append((name, data[: len(data) * 3 // 5]))
            elif kind == "png":
                members.append((name, _png(array)))
            else:
                members.append((name, _jpeg(array)))
        members.append((f"PetImages/{folder}/Thumbs.db", thumbs))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name, date_time=DATE), data)


GENERATORS = {"kagglecatsanddogs_5340.zip": make_kaggle_cats_and_dogs}
