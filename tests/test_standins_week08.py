"""Week 8's stand-ins: the Kaggle archive's layout with learnable images, and loadable VGG16 weights."""

import io
import zipfile

import h5py
import keras
import numpy as np
import pytest
from PIL import Image

from helpers import standins
from helpers.standins import vgg16 as vgg16_standin

VGG = "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"


@pytest.fixture
def test_mode(folders, monkeypatch):
    monkeypatch.setenv("COURSE_MODE", "test")
    return folders


def test_the_archive_has_the_real_layout_and_bad_files(test_mode):
    with zipfile.ZipFile(standins.make("kagglecatsanddogs_5340.zip")) as zf:
        names = zf.namelist()
        assert "PetImages/Cat/Thumbs.db" in names and "PetImages/Dog/Thumbs.db" in names
        assert zf.getinfo("PetImages/Cat/666.jpg").file_size == 0
        assert all(n.startswith("PetImages/") or n == "readme[1].txt" for n in names)
        assert zf.read("PetImages/Dog/50.jpg").startswith(b"\x89PNG"), "a PNG named .jpg"
        sizes = [Image.open(io.BytesIO(zf.read(f"PetImages/Cat/{n}.jpg"))).size for n in range(5)]
    assert all(280 <= w <= 500 and 230 <= h <= 400 for w, h in sizes), "about the real photos' size"


def test_cats_and_dogs_differ_in_a_way_a_simple_model_learns(test_mode):
    from sklearn.linear_model import LogisticRegression

    x, y = [], []
    with zipfile.ZipFile(standins.make("kagglecatsanddogs_5340.zip")) as zf:
        for label, folder in enumerate(("Cat", "Dog")):
            for n in range(60):
                image = Image.open(io.BytesIO(zf.read(f"PetImages/{folder}/{n}.jpg"))).convert("RGB").resize((16, 16))
                x.append(np.asarray(image, dtype=np.float32).ravel() / 255)
                y.append(label)
    x, y = np.array(x), np.array(y)
    model = LogisticRegression(max_iter=2000).fit(x[::2], y[::2])
    assert model.score(x[1::2], y[1::2]) > 0.85


def test_vgg16_layout_is_the_legacy_keras_one(test_mode):
    with h5py.File(standins.make(VGG), "r") as f:
        names = [n.decode() for n in f.attrs["layer_names"]]
        assert names[0] == "block1_conv1" and names[-1] == "block5_pool" and len(names) == 18
        assert [n.decode() for n in f["block1_conv1"].attrs["weight_names"]] == ["block1_conv1_W_1:0", "block1_conv1_b_1:0"]
        assert f["block5_conv3"]["block5_conv3_W_1:0"].shape == (3, 3, 512, 512)
        assert len(f["block3_pool"].attrs["weight_names"]) == 0


def test_keras_loads_the_stand_in_into_vgg16(test_mode):
    path = standins.make(VGG)
    model = keras.applications.VGG16(weights=str(path), include_top=False, input_shape=(32, 32, 3))
    with h5py.File(path, "r") as f:
        for name, kernel in vgg16_standin.layers():
            if kernel:
                loaded_kernel, loaded_bias = model.get_layer(name).get_weights()
                np.testing.assert_array_equal(loaded_kernel, f[name][f"{name}_W_1:0"][()])
                np.testing.assert_array_equal(loaded_bias, f[name][f"{name}_b_1:0"][()])
    features = model.predict(np.random.default_rng(0).uniform(-100, 100, size=(2, 32, 32, 3)), verbose=0)
    assert features.shape == (2, 1, 1, 512) and np.isfinite(features).all() and features.std() > 0
