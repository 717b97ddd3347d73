"""Food-101: the stand-in has the real archive's layout; the loader lists the chosen classes only."""

import numpy as np
import pytest

from helpers import food101
from helpers.download import DataError


pytestmark = pytest.mark.usefixtures("standin_mode")


def test_the_subset_is_read_from_the_standin():
    food = food101.find_food()
    assert food.classes == food101.SUBSET
    assert np.bincount(food.train_labels).tolist() == [8] * 10 and np.bincount(food.test_labels).tolist() == [4] * 10
    assert all("beignets" not in str(p) for p in food.train_paths), "only the chosen classes"
    image = food101.load_jpeg(food.test_paths[0], 64)
    assert image.shape == (64, 64, 3) and image.dtype == np.uint8


def test_an_unknown_class_is_named():
    with pytest.raises(DataError, match="pizzza"):
        food101.find_food(("pizza", "pizzza"))


def test_a_corrupt_jpeg_is_a_data_error(tmp_path):
    path = tmp_path / "broken.jpg"
    path.write_bytes(b"not a jpeg")
    with pytest.raises(DataError, match="broken.jpg"):
        food101.load_jpeg(path, 32)


def test_batches_decode_one_batch_at_a_time():
    food = food101.find_food()
    batches = food101.jpeg_batches(food.test_paths, food.test_labels, 48, 16)
    images, labels = batches[2]
    assert len(batches) == 3 and images.shape == (8, 48, 48, 3) and len(labels) == 8
