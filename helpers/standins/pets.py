"""Stand-ins for the Oxford-IIIT Pet tarballs, in the official layout.

- ``images.tar.gz``: ``images/<Breed>_<n>.jpg`` photos of various sizes, plus, as in
  the real tarball, a stray ``.mat`` file, one ``.jpg`` that is really a PNG (RGBA)
  and one that is really a GIF.
- ``annotations.tar.gz``: ``annotations/trimaps/<Breed>_<n>.png`` mode-L PNGs holding
  1 (pet), 2 (background) and 3 (border ring), and ``annotations/list.txt``.

Each "pet" is a saturated coloured blob on a grey textured background, with a
border ring around it in the trimap, so a small encoder-decoder learns the masks
in a few epochs.
"""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import numpy as np
from PIL import Image

BREEDS = ("Abyssinian", "Bengal", "american_bulldog")  # the three breeds of the course's mirror subset
PER_BREED = 22
NOT_JPEG = {"Abyssinian_5.jpg": "PNG", "Abyssinian_34.jpg": "GIF"}  # as in the official set
MTIME = 1_200_000_000  # fixed, so the tarballs are the same bytes on every run


def _scene(rng, height: int, width: int):
    """An RGB photo (uint8) and its trimap (1 pet, 2 background, 3 border)."""
    yy, xx = np.mgrid[0:height, 0:width].astype("float32")
    stripes = 0.5 + 0.5 * np.sin(xx * rng.uniform(0.2, 0.6) + yy * rng.uniform(0.1, 0.4))
    grey = 60 + 100 * stripes + rng.normal(0, 18, (height, width))
    photo = np.repeat(grey[..., None], 3, axis=2)
    cy, cx = rng.uniform(0.35, 0.65) * height, rng.uniform(0.35, 0.65) * width
    ry, rx = rng.uniform(0.26, 0.4) * height, rng.uniform(0.26, 0.4) * width
    distance = np.sqrt(((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2)
    pet = distance <= 1.0
    colour = np.array([rng.uniform(180, 250), rng.uniform(40, 110), rng.uniform(0, 60)])[rng.permutation(3)]
    photo[pet] = colour + rng.normal(0, 12, (pet.sum(), 3))
    trimap = np.full((height, width), 2, dtype="uint8")
    trimap[pet] = 1
    ring = 3.0 / min(ry, rx)  # about 3 pixels wide on each side of the outline
    trimap[np.abs(distance - 1.0) <= ring] = 3
    return np.clip(photo, 0, 255).astype("uint8"), trimap


def _names():
    names = [f"{breed}_{n}" for breed in BREEDS for n in range(1, PER_BREED + 1)]
    return names + [name.removesuffix(".jpg") for name in NOT_JPEG if name.removesuffix(".jpg") not in names]


def _encode(array: np.ndarray, kind: str) -> bytes:
    buffer = io.BytesIO()
    image = Image.fromarray(array)
    if kind == "PNG":
        image.convert("RGBA").save(buffer, format="PNG")
    elif kind == "GIF":
        image.convert("P", palette=Image.ADAPTIVE, colors=64).save(buffer, format="GIF")
    elif kind == "JPEG":
        image.save(buffer, format="JPEG", quality=90)
    else:  # a trimap
        image.save(buffer, format="PNG")
    return buffer.getvalue()


def _pairs():
    """name -> (photo bytes, trimap bytes), from one fixed seed."""
    rng = np.random.default_rng(37)
    out = {}
    for name in _names():
        height, width = int(rng.integers(90, 160)), int(rng.integers(90, 160))
        photo, trimap = _scene(rng, height, width)
        out[name] = (_encode(photo, NOT_JPEG.get(f"{name}.jpg", "JPEG")), _encode(trimap, "trimap"))
    return out


def _write_tar(path: Path, members: dict[str, bytes]) -> None:
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        with tarfile.open(fileobj=gz, mode="w") as tar:
            for name in sorted(members):
                info = tarfile.TarInfo(name)
                info.size, info.mtime, info.mode = len(members[name]), MTIME, 0o644
                tar.addfile(info, io.BytesIO(members[name]))


def make_images(path: Path) -> None:
    members = {f"images/{name}.jpg": photo for name, (photo, _) in _pairs().items()}
    members["images/Abyssinian_100.mat"] = b"MATLAB 5.0 MAT-file, stand-in: not an image\n"
    _write_tar(path, members)


def make_annotations(path: Path) -> None:
    pairs = _pairs()
    members = {f"annotations/trimaps/{name}.png": trimap for name, (_, trimap) in pairs.items()}
    lines = ["#Image CLASS-ID SPECIES BREED ID", "#ID: 1:37 Class ids", "#SPECIES: 1:Cat 2:Dog", "#BREED ID: 1-25:Cat 1:12:Dog"]
    species = {"Abyssinian": (1, 1, 1), "Bengal": (6, 1, 6), "american_bulldog": (2, 2, 1)}
    for name in pairs:
        class_id, kind, breed_id = species[name.rsplit("_", 1)[0]]
        lines.append(f"{name} {class_id} {kind} {breed_id}")
    members["annotations/list.txt"] = ("\n".join(lines) + "\n").encode()
    _write_tar(path, members)


GENERATORS = {"images.tar.gz": make_images, "annotations.tar.gz": make_annotations}
