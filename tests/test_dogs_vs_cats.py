"""The dogs-vs-cats split: made once from the archive, bad files skipped, a user's split used as is."""

import io
import json
import zipfile

import numpy as np
import pytest
from PIL import Image

from helpers import dogs_vs_cats, standins
from helpers.download import DataError

SMALL = {"train": 20, "validation": 10, "test": 10}


def _jpeg(seed):
    buffer = io.BytesIO()
    pixels = np.random.default_rng(seed).integers(0, 255, size=(40, 50, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def pet_images(tmp_path):
    """A PetImages folder with 45 good JPEGs per class and the kinds of bad files the real one has."""
    root = tmp_path / "PetImages"
    for folder in ("Cat", "Dog"):
        (root / folder).mkdir(parents=True)
        for n in range(45):
            (root / folder / f"{n}.jpg").write_bytes(_jpeg(n + (1000 if folder == "Dog" else 0)))
        (root / folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60))
    (root / "Cat" / "666.jpg").write_bytes(b"")
    (root / "Dog" / "11702.jpg").write_bytes(b"GIF89a" + bytes(30))
    (root / "Dog" / "99.jpg").write_bytes(_jpeg(7)[:200])  # truncated
    return root


def _make_user_split(folder, sizes, classes=("cats", "dogs")):
    for subset, n in sizes.items():
        for name in classes:
            (folder / subset / name).mkdir(parents=True)
            for i in range(n):
                (folder / subset / name / f"{name[:-1]}.{i}.jpg").write_bytes(b"\xff\xd8\xff")


def test_jpeg_problem_names_each_kind_of_bad_file(pet_images):
    assert dogs_vs_cats.jpeg_problem(pet_images / "Cat" / "0.jpg") is None
    assert dogs_vs_cats.jpeg_problem(pet_images / "Cat" / "666.jpg") == "empty (0 bytes)"
    assert dogs_vs_cats.jpeg_problem(pet_images / "Dog" / "11702.jpg") == "not a JPEG"
    assert dogs_vs_cats.jpeg_problem(pet_images / "Dog" / "99.jpg").startswith("does not decode")


def test_scan_skips_invalid_files_and_thumbs_db(pet_images):
    images, skipped = dogs_vs_cats.scan(pet_images)
    assert [len(images["cats"]), len(images["dogs"])] == [45, 45]
    assert sorted(p.name for p, _ in skipped) == ["11702.jpg", "666.jpg", "99.jpg", "Thumbs.db", "Thumbs.db"]


def test_make_split_has_the_sizes_no_overlap_and_repeats_with_the_seed(pet_images, tmp_path):
    first = dogs_vs_cats.make_split(pet_images, tmp_path / "a" / "cats_and_dogs_small", SMALL, seed=3)
    assert first["counts"] == {s: {"cats": n, "dogs": n} for s, n in SMALL.items()}
    assert len(first["skipped"]) == 5
    files = {s: sorted(p.name for p in (tmp_path / "a" / "cats_and_dogs_small" / s).rglob("*.jpg")) for s in SMALL}
    assert not (set(files["train"]) & set(files["test"])) and not (set(files["train"]) & set(files["validation"]))
    assert all(name.startswith(("cat.", "dog.")) for name in files["train"])
    dogs_vs_cats.make_split(pet_images, tmp_path / "b" / "cats_and_dogs_small", SMALL, seed=3)
    again = {s: sorted(p.name for p in (tmp_path / "b" / "cats_and_dogs_small" / s).rglob("*.jpg")) for s in SMALL}
    assert again == files
    assert not [p for p in (tmp_path / "a").iterdir() if p.name != "cats_and_dogs_small"], "no temporary folder left"


def test_make_split_refuses_too_few_images_and_leaves_nothing(pet_images, tmp_path):
    with pytest.raises(DataError, match="needs 1500"):
        dogs_vs_cats.make_split(pet_images, tmp_path / "out" / "cats_and_dogs_small", {"train": 1000, "validation": 250, "test": 250}, 1)
    assert not (tmp_path / "out" / "cats_and_dogs_small").exists()


@pytest.mark.parametrize(
    "sizes, words",
    [
        (dogs_vs_cats.FIRST_EDITION_SPLIT, "the book's first-edition split (1,000/500/500 images per class)"),
        (dogs_vs_cats.BOOK_SPLIT, "the book's split (second edition, 1,000/500/1,000 images per class)"),
        ({"train": 7, "validation": 3, "test": 4}, "a split of 7/3/4 images per class"),
    ],
)
def test_a_users_split_is_used_as_is_and_named(folders, capsys, sizes, words):
    data, _ = folders
    _make_user_split(data / "cats_and_dogs_small", sizes)
    assert dogs_vs_cats.prepare() == data / "cats_and_dogs_small"
    out = capsys.readouterr().out
    assert "found in the data folder" in out and words in out
    assert sorted(p.name for p in data.iterdir()) == ["cats_and_dogs_small"], "no download, nothing else written"


def test_a_wrong_layout_gets_one_message_showing_the_expected_layout(folders):
    data, _ = folders
    _make_user_split(data / "cats_and_dogs_small", {"train": 2, "validation": 1}, classes=("cats", "dogs"))
    (data / "cats_and_dogs_small" / "train" / "birds").mkdir()
    with pytest.raises(DataError) as error:
        dogs_vs_cats.prepare()
    message = str(error.value)
    assert "test/cats/ is missing" in message and "test/dogs/ is missing" in message
    assert "train/ holds other class folders: birds" in message
    assert "validation/dogs/  *.jpg" in message and str(data / "cats_and_dogs_small") in message


def test_empty_class_folder_is_a_layout_error(tmp_path):
    _make_user_split(tmp_path, {"train": 1, "validation": 1, "test": 1})
    for f in (tmp_path / "test" / "dogs").iterdir():
        f.unlink()
    with pytest.raises(DataError, match="test/dogs/ holds no images"):
        dogs_vs_cats.count_split(tmp_path)


def test_test_mode_makes_the_split_from_the_stand_in_and_reuses_it(folders, monkeypatch, capsys):
    data, build = folders
    monkeypatch.setenv("COURSE_MODE", "test")
    folder = dogs_vs_cats.prepare(SMALL, seed=5)
    assert folder == standins.folder() / "cats_and_dogs_small" and folder.is_relative_to(build)
    out = capsys.readouterr().out
    assert "of which 6 skipped as not usable JPEGs" in out and "2 empty (0 bytes)" in out and "2 not an image (Thumbs.db)" in out
    assert dogs_vs_cats.count_split(folder) == {s: {"cats": n, "dogs": n} for s, n in SMALL.items()}
    assert json.loads((folder / dogs_vs_cats.MADE_FROM).read_text())["seed"] == 5
    dogs_vs_cats.prepare(SMALL, seed=5)
    assert "made earlier from the stand-in" in capsys.readouterr().out
    dogs_vs_cats.prepare({"train": 5, "validation": 5, "test": 5}, seed=5)
    assert "Made " in capsys.readouterr().out, "new sizes make a new split"
    assert list(data.iterdir()) == [], "test mode writes nothing to the data folder"


def test_full_mode_extracts_the_archive_placed_in_the_data_folder(folders, monkeypatch, capsys):
    data, _ = folders
    monkeypatch.setenv("COURSE_MODE", "test")
    archive = standins.make(dogs_vs_cats.ARCHIVE)
    monkeypatch.setenv("COURSE_MODE", "full")
    (data / dogs_vs_cats.ARCHIVE).write_bytes(archive.read_bytes())  # as a user would, by hand
    folder = dogs_vs_cats.prepare(SMALL, seed=1)
    assert folder == data / "cats_and_dogs_small"
    assert "Made " in capsys.readouterr().out
    assert zipfile.is_zipfile(data / dogs_vs_cats.ARCHIVE)
    dogs_vs_cats.prepare(SMALL, seed=1)
    assert "made here earlier" in capsys.readouterr().out
