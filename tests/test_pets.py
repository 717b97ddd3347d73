"""Oxford-IIIT Pets: the stand-in tarballs' layout, finding and pairing files, streamed batches."""

import tarfile

import numpy as np
import pytest
from PIL import Image

from helpers import download, pets, standins


@pytest.fixture
def test_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_BUILD_DIR", str(tmp_path / "build"))
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COURSE_MODE", "test")
    return tmp_path


def test_standin_tarballs_have_the_official_layout(test_mode):
    with tarfile.open(download.fetch("images.tar.gz")) as tar:
        images = tar.getnames()
    with tarfile.open(download.fetch("annotations.tar.gz")) as tar:
        annotations = tar.getnames()
    assert all(name.startswith("images/") for name in images)
    assert "images/Abyssinian_100.mat" in images, "the real tarball holds stray .mat files"
    assert {"images/Abyssinian_5.jpg", "images/Abyssinian_34.jpg"} <= set(images)
    assert "annotations/list.txt" in annotations
    trimaps = {n.removeprefix("annotations/trimaps/").removesuffix(".png") for n in annotations if n.startswith("annotations/trimaps/")}
    photos = {n.removeprefix("images/").removesuffix(".jpg") for n in images if n.endswith(".jpg")}
    assert trimaps == photos and len(photos) >= 60


def test_standins_are_deterministic(test_mode):
    first = download.file_digest(standins.make("annotations.tar.gz"))
    assert download.file_digest(standins.make("annotations.tar.gz")) == first


def test_find_pets_pairs_sorted_and_decodes_files_by_content(test_mode):
    data = pets.find_pets()
    assert "tarballs" in data.source
    names = [image.stem for image, _ in data.pairs]
    assert names == sorted(names)
    assert all(image.stem == trimap.stem for image, trimap in data.pairs)
    assert data.not_jpeg == {"Abyssinian_34.jpg": "GIF", "Abyssinian_5.jpg": "PNG"}
    assert data.unreadable == [] and data.without_trimap == []
    for name in data.not_jpeg:  # decoded correctly although they are not JPEG
        path = data.images_dir / name
        image = pets.load_image(path, (40, 50))
        assert image.shape == (40, 50, 3) and image.dtype == np.float32 and image.max() > 100


def test_trimaps_hold_1_2_3_and_masks_0_1_2(test_mode):
    data = pets.find_pets()
    _, trimap_path = data.pairs[0]
    with Image.open(trimap_path) as trimap:
        assert trimap.mode == "L"
        assert set(np.unique(np.asarray(trimap))) == {1, 2, 3}
    mask = pets.load_mask(trimap_path, (64, 64))
    assert mask.shape == (64, 64) and set(np.unique(mask)) == {0, 1, 2}


def test_batches_stream_the_right_shapes(test_mode):
    data = pets.find_pets()
    batches = pets.PetsBatches(data.pairs[:10], batch_size=4, image_size=(48, 48), shuffle=True)
    assert len(batches) == 3
    images, masks = batches[2]
    assert images.shape == (2, 48, 48, 3) and images.dtype == np.float32
    assert masks.shape == (2, 48, 48) and masks.dtype == np.uint8 and masks.max() <= 2
    order = batches._order.copy()
    batches.on_epoch_end()
    assert sorted(batches._order) == sorted(order)


def _write_pair(folder, name, photo_format="JPEG", trimap=True):
    (folder / "images").mkdir(parents=True, exist_ok=True)
    (folder / "annotations" / "trimaps").mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((20, 30, 3), 200, "uint8")).save(folder / "images" / f"{name}.jpg", format=photo_format)
    if trimap:
        values = np.full((20, 30), 2, "uint8")
        values[5:15, 10:20] = 1
        Image.fromarray(values).save(folder / "annotations" / "trimaps" / f"{name}.png")


def test_an_extracted_folder_is_used_in_full_mode(folders):
    data_dir, _ = folders
    root = data_dir / pets.EXTRACTED_FOLDER
    _write_pair(root, "Bengal_2")
    _write_pair(root, "Bengal_1", photo_format="PNG")
    _write_pair(root, "Bengal_3", trimap=False)
    (root / "images" / "Bengal_4.jpg").write_bytes(b"not an image at all")
    (root / "annotations" / "trimaps" / "Bengal_4.png").write_bytes(b"")
    data = pets.find_pets()  # no network needed: the folder is there
    assert "extracted folder" in data.source
    assert [image.name for image, _ in data.pairs] == ["Bengal_1.jpg", "Bengal_2.jpg"]
    assert data.not_jpeg == {"Bengal_1.jpg": "PNG"}
    assert data.without_trimap == ["Bengal_3.jpg"] and data.unreadable == ["Bengal_4.jpg"]


def test_no_pairs_is_a_clear_error(folders):
    data_dir, _ = folders
    root = data_dir / pets.EXTRACTED_FOLDER
    (root / "images").mkdir(parents=True)
    (root / "annotations" / "trimaps").mkdir(parents=True)
    with pytest.raises(download.DataError, match="No image/trimap pairs"):
        pets.find_pets()


def test_without_data_the_tarballs_are_asked_for(folders):
    with pytest.raises(download.DataError, match="images.tar.gz"):
        pets.find_pets()
