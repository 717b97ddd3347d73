"""Imagenette for the VGG/ResNet/ResNeXt project: registry entry, stand-in in the real layout, loader."""

import tarfile

import pytest

from helpers import registry
from helpers.download import DataError
from helpers.imagenette import ARCHIVE, CLASSES, imagenette_root
from helpers.standins import make


def test_registered_with_torchvisions_md5():
    remote = registry.find(ARCHIVE)
    assert remote.checksum == "md5:e793b78cc4c9e9a4ccc0c1155377a412" and "torchvision" in remote.checksum_source
    assert remote.url.startswith("https://s3.amazonaws.com/fast-ai-imageclas/")


def test_standin_has_the_real_archive_layout(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_BUILD_DIR", str(tmp_path))
    with tarfile.open(make(ARCHIVE)) as tar:
        names = tar.getnames()
    assert "imagenette2-160/noisy_imagenette.csv" in names
    for wnid in CLASSES.values():
        assert any(n.startswith(f"imagenette2-160/train/{wnid}/{wnid}_") and n.endswith(".JPEG") for n in names)
        assert any(n.startswith(f"imagenette2-160/val/{wnid}/ILSVRC2012_val_") for n in names)
    assert len({n.split("/")[2] for n in names if n.count("/") == 3}) == 10, "all ten class folders, as in the real archive"


def test_loader_extracts_once_and_checks_the_class_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_MODE", "test")
    monkeypatch.setenv("COURSE_BUILD_DIR", str(tmp_path))
    root = imagenette_root()
    assert {p.name for p in (root / "train").iterdir()} >= set(CLASSES.values())
    assert imagenette_root() == root
    (root / "val" / CLASSES["church"]).rename(root / "val" / "moved")
    with pytest.raises(DataError, match="val/n03028079 is missing"):
        imagenette_root()
