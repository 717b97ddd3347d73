"""The test-mode stand-ins have the real files' formats, are deterministic and learnable."""

import gzip
import json
import shutil

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

from helpers import datasets, registry, standins
from keras.src.datasets import npz_utils


@pytest.fixture
def test_mode(folders, monkeypatch):
    monkeypatch.setenv("COURSE_MODE", "test")
    return folders


def test_every_generator_is_for_a_registered_file():
    assert set(standins.GENERATORS) <= set(registry.FILES)


def test_the_keras_and_uci_files_all_have_stand_ins():
    keras_files = {f.filename for name in ("imdb", "reuters", "boston_housing", "mnist", "fashion_mnist", "seeds")
                   for f in registry.DATASETS[name].files}
    assert keras_files <= set(standins.GENERATORS)


@pytest.mark.parametrize("filename", sorted(standins.GENERATORS))
def test_stand_ins_are_deterministic(test_mode, filename):
    first = standins.make(filename)
    copy = first.with_name("first-copy")
    shutil.copy(first, copy)
    second = standins.make(filename)
    if filename.endswith(".npz"):
        a, b = npz_utils.load_npz(str(copy)), npz_utils.load_npz(str(second))
        assert set(a) == set(b)
        for key in a:
            assert [list(x) for x in a[key]] == [list(x) for x in b[key]] if a[key].dtype == object else np.array_equal(a[key], b[key])
    else:
        assert copy.read_bytes() == second.read_bytes()


def test_an_unchanged_stand_in_archive_is_kept_so_its_extraction_is_reused(test_mode):
    from helpers import download

    archive = standins.make("annotations.tar.gz")
    made = archive.stat().st_mtime_ns
    folder = download.extract(archive)
    (folder / "kept.txt").write_text("extracted once")
    again = standins.make("annotations.tar.gz")
    assert again.stat().st_mtime_ns == made, "an identical stand-in must not be rewritten"
    assert (download.extract(again) / "kept.txt").exists(), "extract() should reuse the folder it made"


def test_imdb_npz_has_keras_keys_dtypes_and_ranks(test_mode):
    f = npz_utils.load_npz(str(standins.make("imdb.npz")))
    assert sorted(f) == ["x_test", "x_train", "y_test", "y_train"]
    assert f["x_train"].dtype == object and isinstance(f["x_train"][0], list)
    assert min(min(x) for x in f["x_train"]) >= 1, "ranks start at 1; Keras adds index_from"
    assert f["y_train"].dtype == np.int64 and set(f["y_train"]) == {0, 1}
    index = json.loads(standins.make("imdb_word_index.json").read_text())
    assert sorted(index.values()) == list(range(1, len(index) + 1))


def test_keras_reads_the_imdb_stand_in_with_its_conventions(test_mode):
    (x_train, y_train), (x_test, y_test) = datasets.load_imdb(num_words=10_000)
    assert all(x[0] == 1 for x in x_train[:50]), "start_char"
    assert max(max(x) for x in x_train) < 10_000 and 2 in {w for x in x_train for w in x}, "OOV is 2"
    reverse = {rank + 3: word for word, rank in datasets.imdb_word_index().items()}
    assert all(w in reverse for w in x_train[0][1:] if w > 2)


def multi_hot(sequences, size=2_000):
    x = np.zeros((len(sequences), size), dtype="float32")
    for i, s in enumerate(sequences):
        x[i, s] = 1
    return x


def test_the_text_stand_ins_are_learnable(test_mode):
    for loader in (datasets.load_imdb, datasets.load_reuters):
        # A small vocabulary keeps this fast; the signal words are among the most frequent.
        (x_train, y_train), (x_test, y_test) = loader(num_words=2_000)
        model = LogisticRegression(max_iter=100).fit(multi_hot(x_train), y_train)
        majority = np.mean(y_test == np.bincount(y_train).argmax())
        assert model.score(multi_hot(x_test), y_test) > majority + 0.2


def test_reuters_keeps_46_topics_with_two_dominant(test_mode):
    (x_train, y_train), (x_test, y_test) = datasets.load_reuters(num_words=10_000)
    labels = np.concatenate([y_train, y_test])
    assert set(labels) <= set(range(46)) and len(set(labels)) > 40
    assert set(np.argsort(np.bincount(labels))[-2:]) == {3, 4}
    assert len(x_test) == pytest.approx(0.2 * (len(x_train) + len(x_test)), abs=1)


def test_boston_housing_has_the_real_shapes_and_a_learnable_price(test_mode):
    (x_train, y_train), (x_test, y_test) = datasets.load_boston_housing()
    assert x_train.shape == (404, 13) and x_test.shape == (102, 13) and x_train.dtype == np.float64
    assert 5 <= y_train.min() and y_train.max() <= 50
    from sklearn.linear_model import LinearRegression

    fit = LinearRegression().fit(x_train, y_train)
    assert np.abs(fit.predict(x_test) - y_test).mean() < np.abs(y_train.mean() - y_test).mean()


@pytest.mark.parametrize("loader", [datasets.load_mnist, datasets.load_fashion_mnist])
def test_image_sets_have_uint8_28x28_and_ten_learnable_classes(test_mode, loader):
    (x_train, y_train), (x_test, y_test) = loader()
    assert x_train.dtype == np.uint8 and x_train.shape[1:] == (28, 28) and y_train.dtype == np.uint8
    assert set(y_train) == set(range(10))
    model = LogisticRegression(max_iter=500).fit(x_train[:500].reshape(500, -1) / 255, y_train[:500])
    assert model.score(x_test[:300].reshape(300, -1) / 255, y_test[:300]) > 0.8


def test_fashion_mnist_files_have_idx_headers(test_mode):
    with gzip.open(standins.make("train-images-idx3-ubyte.gz")) as f:
        assert np.frombuffer(f.read(16), ">i4").tolist() == [2051, 3000, 28, 28]
    with gzip.open(standins.make("t10k-labels-idx1-ubyte.gz")) as f:
        assert np.frombuffer(f.read(8), ">i4").tolist() == [2049, 1000]


def test_seeds_is_a_whitespace_table_of_210_rows_and_three_varieties(test_mode):
    path = standins.make("seeds_dataset.txt")
    assert "\t\t" in path.read_text(), "the real file's doubled tabs are kept"
    table = pd.read_csv(path, sep=r"\s+", header=None)
    assert table.shape == (210, 8)
    assert table[7].value_counts().to_dict() == {1: 70, 2: 70, 3: 70}
    assert table[2].between(0.8, 0.95).mean() > 0.95, "compactness stays in its real range"
