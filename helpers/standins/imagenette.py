"""Stand-in for fast.ai's ``imagenette2-160.tgz``, in the real archive's layout.

The real archive holds ``imagenette2-160/train/<wnid>/<wnid>_<n>.JPEG`` and
``imagenette2-160/val/<wnid>/ILSVRC2012_val_<n>.JPEG`` for ten ImageNet classes
(JPEGs whose shorter side is 160 pixels) and ``imagenette2-160/noisy_imagenette.csv``.
Here the three classes the course uses get drawn pictures a small convnet tells
apart quickly (a brown dog-like shape, a grey church with a pointed roof, a green
truck on two wheels, at a random place and size on a noisy background); the other
seven classes get two plain noise images each, only to keep the layout.
"""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import numpy as np

WNIDS = ("n01440764", "n02102040", "n02979186", "n03000684", "n03028079",
         "n03394916", "n03417042", "n03425413", "n03445777", "n03888257")
DRAWN = {"n02102040": "dog", "n03028079": "church", "n03417042": "truck"}
PER_CLASS = {"train": 64, "val": 24}  # drawn classes; the others get 2
MTIME = 1_575_000_000  # a fixed member date, so the archive is the same bytes every time


def _picture(rng, kind: str | None) -> bytes:
    from PIL import Image, ImageDraw

    height, width = (160, int(rng.integers(160, 240))) if rng.random() < 0.6 else (int(rng.integers(160, 240)), 160)
    base = rng.uniform(60, 190, size=3)
    array = np.clip(base + rng.normal(0, 18, size=(height, width, 3)), 0, 255).astype(np.uint8)
    picture = Image.fromarray(array)
    draw = ImageDraw.Draw(picture)
    s = min(height, width) * rng.uniform(0.18, 0.28)
    cy, cx = height * rng.uniform(0.4, 0.6), width * rng.uniform(0.4, 0.6)
    if kind == "dog":  # a brown body with a round head
        colour = tuple(int(c) for c in np.array([140, 90, 40]) * rng.uniform(0.8, 1.1))
        draw.ellipse([cx - 1.4 * s, cy - 0.6 * s, cx + 1.0 * s, cy + 0.6 * s], fill=colour)
        draw.ellipse([cx + 0.6 * s, cy - 1.2 * s, cx + 1.5 * s, cy - 0.2 * s], fill=colour)
    elif kind == "church":  # a tall grey nave under a pointed roof
        colour = tuple(int(c) for c in np.array([200, 200, 210]) * rng.uniform(0.8, 1.0))
        draw.rectangle([cx - 0.6 * s, cy - 0.5 * s, cx + 0.6 * s, cy + 1.3 * s], fill=colour)
        draw.polygon([(cx - 0.8 * s, cy - 0.5 * s), (cx + 0.8 * s, cy - 0.5 * s), (cx, cy - 1.6 * s)], fill=(90, 40, 40))
    elif kind == "truck":  # a green box on two black wheels
        colour = tuple(int(c) for c in np.array([40, 150, 60]) * rng.uniform(0.8, 1.1))
        draw.rectangle([cx - 1.5 * s, cy - 0.7 * s, cx + 1.5 * s, cy + 0.5 * s], fill=colour)
        for wx in (cx - 0.9 * s, cx + 0.9 * s):
            draw.ellipse([wx - 0.35 * s, cy + 0.3 * s, wx + 0.35 * s, cy + 1.0 * s], fill=(20, 20, 20))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def make_imagenette_160(path: Path) -> None:
    rng = np.random.default_rng(160)
    members: list[tuple[str, bytes]] = []
    rows = ["path,noisy_labels_0,noisy_labels_1,noisy_labels_5,noisy_labels_25,noisy_labels_50,is_valid"]
    val_number = 0
    for subset in ("train", "val"):
        for wnid in WNIDS:
            kind = DRAWN.get(wnid)
            for n in range(PER_CLASS[subset] if kind else 2):
                if subset == "train":
                    name = f"{subset}/{wnid}/{wnid}_{1000 + 7 * n}.JPEG"
                else:
                    val_number += 1
                    name = f"{subset}/{wnid}/ILSVRC2012_val_{val_number:08d}.JPEG"
                members.append((f"imagenette2-160/{name}", _picture(rng, kind)))
                rows.append(f"{name},{wnid},{wnid},{wnid},{wnid},{wnid},{subset == 'val'}")
    members.append(("imagenette2-160/noisy_imagenette.csv", ("\n".join(rows) + "\n").encode()))
    # gzip's header holds a date and a file name too: fixed, so that the same stand-in is the same bytes
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.GNU_FORMAT) as tar:
        folders = sorted({str(Path(name).parent) for name, _ in members} | {"imagenette2-160/train", "imagenette2-160/val"})
        for folder in ["imagenette2-160"] + [f for f in folders if f != "imagenette2-160"]:
            info = tarfile.TarInfo(folder)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, MTIME
            tar.addfile(info)
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, MTIME
            tar.addfile(info, io.BytesIO(data))


GENERATORS = {"imagenette2-160.tgz": make_imagenette_160}
