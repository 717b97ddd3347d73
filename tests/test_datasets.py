"""Full mode: Keras' own loaders read a verified file from COURSE_DATA_DIR, with no network."""

import hashlib
import shutil

import numpy as np
import pytest

from helpers import datasets, registry, standins
from helpers.download import ChecksumError


@pytest.fixture
def mirror(folders, monkeypatch):
    """A data folder holding a copy of the MNIST stand-in, registered under its own sha256."""
    data, build = folders
    monkeypatch.setenv("COURSE_MODE", "test")
    source = standins.make("mnist.npz")
    monkeypatch.setenv("COURSE_MODE", "full")
    shutil.copy(source, data / "mnist.npz")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    entry = registry.FILES["mnist.npz"]
    monkeypatch.setitem(registry.FILES, "mnist.npz", registry.RemoteFile(
        entry.filename, entry.url, f"sha256:{digest}", "test", entry.size))
    return data


def test_a_verified_file_in_the_data_folder_loads_with_no_network(mirror):
    (x_train, y_train), (x_test, y_test) = datasets.load_mnist()
    assert x_train.shape == (3000, 28, 28) and x_test.shape == (1000, 28, 28)


def test_a_truncated_copy_is_refused_with_a_checksum_message(mirror):
    path = mirror / "mnist.npz"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ChecksumError, match="wrong checksum"):
        datasets.load_mnist()
    assert path.stat().st_size == 1000, "a file the user supplied is reported, not deleted"


def test_the_real_hashes_are_the_ones_keras_pins():
    import inspect

    from keras.src.datasets import boston_housing, imdb, mnist, reuters

    for module, filename in [(imdb, "imdb.npz"), (reuters, "reuters.npz"), (mnist, "mnist.npz"),
                             (boston_housing, "boston_housing.npz"), (imdb, "imdb_word_index.json"),
                             (reuters, "reuters_word_index.json")]:
        assert registry.FILES[filename].digest in inspect.getsource(module), filename


def test_keras_loader_arguments_pass_through(folders, monkeypatch):
    monkeypatch.setenv("COURSE_MODE", "test")
    (x_train, _), _ = datasets.load_imdb(num_words=100, maxlen=80)
    assert max(len(x) for x in x_train) <= 80 and max(max(x) for x in x_train) < 100
    (x_train, _), (x_test, _) = datasets.load_boston_housing(test_split=0.5)
    assert len(x_train) == len(x_test) == 253
    assert np.isfinite(x_train).all()
