"""Raw IMDB, AG News and GloVe: the stand-ins' formats and the loaders that read them."""

import csv
import tarfile
import zipfile

import numpy as np
import pytest

from helpers import ag_news, glove, imdb_raw, registry, standins
from helpers.download import BadFileError
from helpers.standins.projects_text import make_aclimdb, make_ag_news_train, make_glove


@pytest.fixture
def test_mode(folders, monkeypatch):
    monkeypatch.setenv("COURSE_MODE", "test")


@pytest.mark.parametrize("name", ["aclImdb_v1.tar.gz", "train.csv", "test.csv", "glove.6B.zip"])
def test_each_registered_file_has_a_standin(name):
    assert name in standins.GENERATORS and registry.find(name)


def test_ag_news_checksums_are_published_md5s_and_glove_is_unknown():
    assert registry.find("train.csv").checksum == "md5:b1a00f826fdfbd249f79597b59e1dc12"
    assert registry.find("glove.6B.zip").checksum is None


def test_the_imdb_standin_has_the_real_layout_with_an_unsup_folder(tmp_path):
    path = tmp_path / "aclImdb_v1.tar.gz"
    make_aclimdb(path)
    with tarfile.open(path) as tar:
        names = tar.getnames()
    assert "aclImdb/imdb.vocab" in names
    for folder in ("train/pos", "train/neg", "test/pos", "test/neg", "train/unsup"):
        assert any(n.startswith(f"aclImdb/{folder}/") for n in names), folder
    ratings = {int(n.rsplit("_", 1)[1][:-4]) for n in names if "/train/pos/" in n}
    assert ratings <= {7, 8, 9, 10}


def test_the_standins_are_byte_identical_from_run_to_run(tmp_path):
    for make, name in ((make_aclimdb, "a.tar.gz"), (make_glove, "g.zip"), (make_ag_news_train, "t.csv")):
        make(tmp_path / ("1" + name))
        make(tmp_path / ("2" + name))
        assert (tmp_path / ("1" + name)).read_bytes() == (tmp_path / ("2" + name)).read_bytes(), name


def test_reviews_are_read_without_unsup_and_without_html(test_mode):
    counts = imdb_raw.count_reviews("train")
    assert counts["unsup"] > 0
    train, validation = imdb_raw.load_reviews("train", batch_size=1000, validation_split=0.2)
    texts, labels = next(iter(train))
    texts_v, _ = next(iter(validation))
    assert len(texts) + len(texts_v) == counts["neg"] + counts["pos"]  # unsup left out
    assert set(np.asarray(labels).tolist()) == {0, 1}
    assert not any(b"<br" in t for t in np.asarray(texts).tolist())


def test_a_reviews_archive_without_its_folders_is_a_clear_error(test_mode, monkeypatch, tmp_path):
    bad = tmp_path / "aclImdb_v1.tar.gz"
    with tarfile.open(bad, "w:gz") as tar:
        tar.add(__file__, arcname="aclImdb/README")
    monkeypatch.setattr(imdb_raw, "fetch", lambda name: bad)
    with pytest.raises(imdb_raw.DataError, match="missing"):
        imdb_raw.reviews_folder()


def test_ag_news_rows_are_parsed_with_labels_0_to_3(test_mode):
    texts, labels = ag_news.load_ag_news("train")
    assert len(texts) == len(labels) == 640
    assert np.bincount(labels).tolist() == [160, 160, 160, 160]
    assert not any("\\" in t for t in texts)
    assert any('"quoted"' in t for t in texts)  # doubled quotes in the file read back as one


def test_an_ag_news_row_with_a_bad_class_is_a_clear_error(test_mode, monkeypatch, tmp_path):
    bad = tmp_path / "train.csv"
    with open(bad, "w", newline="") as f:
        csv.writer(f, quoting=csv.QUOTE_ALL).writerows([["1", "t", "d"], ["9", "t", "d"]])
    monkeypatch.setattr(ag_news, "fetch", lambda name: bad)
    with pytest.raises(BadFileError, match="row 2"):
        ag_news.load_ag_news("train")


def test_glove_vectors_are_streamed_for_the_vocabulary_only(test_mode):
    vocabulary = ["", "[UNK]", "team", "olympic", "shares"]
    matrix, found = glove.embedding_matrix(vocabulary, dim=100)
    assert matrix.shape == (5, 100) and matrix.dtype == np.float32
    assert found == 2  # "olympic" is not in the stand-in, as some words are not in the real GloVe
    assert not matrix[[0, 1, 3]].any() and matrix[[2, 4]].all(axis=1).all()


def test_glove_with_a_short_line_is_a_clear_error(test_mode, monkeypatch, tmp_path):
    bad = tmp_path / "glove.6B.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("glove.6B.50d.txt", "the 0.1 0.2\n")
    monkeypatch.setattr(glove, "fetch", lambda name: bad)
    with pytest.raises(BadFileError, match="line 1"):
        glove.embedding_matrix(["", "[UNK]", "the"], dim=50)
    with pytest.raises(BadFileError, match="no member"):
        glove.embedding_matrix(["the"], dim=100)
