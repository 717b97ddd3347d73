"""CIFAR-10: the stand-in has the real tarball's layout, the loader decodes it right and rejects bad files."""

import io
import pickle
import tarfile

import numpy as np
import pytest

from helpers import cifar10, standins
from helpers.download import BadFileError, DataError


pytestmark = pytest.mark.usefixtures("standin_mode")


def write_tar(path, members):
    with tarfile.open(path, "w:gz") as tar:
        for name, obj in members.items():
            data = obj if isinstance(obj, bytes) else pickle.dumps(obj, protocol=2)
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_standin_has_the_real_members_and_pickles():
    with tarfile.open(standins.make(cifar10.ARCHIVE)) as tar:
        names = sorted(tar.getnames())
        assert names == sorted(f"cifar-10-batches-py/{n}" for n in (*cifar10.TRAIN_BATCHES, "test_batch", "batches.meta"))
        batch = pickle.load(tar.extractfile("cifar-10-batches-py/data_batch_1"), encoding="bytes")
    assert batch[b"data"].dtype == np.uint8 and batch[b"data"].shape[1] == 3072
    assert isinstance(batch[b"labels"], list) and len(batch[b"labels"]) == len(batch[b"data"])


def test_loader_reads_the_standin():
    data = cifar10.load_cifar10()
    assert data.train_images.shape == (5 * 48, 32, 32, 3) and data.train_images.dtype == np.uint8
    assert data.test_images.shape == (60, 32, 32, 3) and len(data.test_labels) == 60
    assert data.class_names[0] == "airplane" and len(data.class_names) == 10
    assert set(np.unique(data.train_labels)) == set(range(10)), "every class appears in training"


def test_rows_are_channel_planes():
    row = np.zeros(3072, dtype="uint8")
    row[:1024] = 200  # the red plane
    row[2048 + 5 * 32 + 7] = 99  # blue at row 5, column 7
    images, labels = cifar10.batch_to_images({b"data": row[None], b"labels": [4]})
    assert images.shape == (1, 32, 32, 3) and labels.tolist() == [4]
    assert (images[0, :, :, 0] == 200).all() and (images[0, :, :, 1] == 0).all()
    assert images[0, 5, 7, 2] == 99 and images[0, 7, 5, 2] == 0


def test_a_file_that_is_not_a_tarball_is_a_bad_file(monkeypatch, tmp_path):
    path = tmp_path / cifar10.ARCHIVE
    path.write_bytes(b"<html>not found</html>")
    monkeypatch.setattr(cifar10, "fetch", lambda name: path)
    with pytest.raises(BadFileError, match="not a readable .tar.gz"):
        cifar10.load_cifar10()


def test_a_missing_batch_is_named(monkeypatch, tmp_path):
    path = tmp_path / cifar10.ARCHIVE
    good = {b"data": np.zeros((2, 3072), "uint8"), b"labels": [0, 1]}
    write_tar(path, {f"data_batch_{i}": good for i in range(1, 5)} | {"test_batch": good})
    monkeypatch.setattr(cifar10, "fetch", lambda name: path)
    with pytest.raises(BadFileError, match="data_batch_5"):
        cifar10.load_cifar10()


@pytest.mark.parametrize("batch, problem", [
    ({b"data": np.zeros((2, 3000), "uint8"), b"labels": [0, 1]}, "3072"),
    ({b"data": np.zeros((2, 3072), "float32"), b"labels": [0, 1]}, "uint8"),
    ({b"data": np.zeros((2, 3072), "uint8"), b"labels": [0, 10]}, "0-9"),
    ({b"labels": [0, 1]}, "lacks"),
])
def test_malformed_batches_are_data_errors(batch, problem):
    with pytest.raises(DataError, match=problem):
        cifar10.batch_to_images(batch, "data_batch_1")


def test_a_damaged_pickle_is_a_bad_file(monkeypatch, tmp_path):
    path = tmp_path / cifar10.ARCHIVE
    write_tar(path, {"data_batch_1": b"\x80\x02}q\x00(X"})
    monkeypatch.setattr(cifar10, "fetch", lambda name: path)
    with pytest.raises(BadFileError, match="not a readable pickle"):
        cifar10.load_cifar10()


def test_split_is_70_10_20_and_disjoint():
    split = cifar10.split_70_10_20(50_000)
    assert [len(split[p]) for p in ("train", "validation", "test")] == [35_000, 5_000, 10_000]
    assert len(np.unique(np.concatenate(list(split.values())))) == 50_000


def test_batches_cover_every_image_once_per_epoch():
    images = np.arange(10 * 32 * 32 * 3, dtype="int64").reshape(10, 32, 32, 3).astype("uint8")
    labels = np.arange(10)
    batches = cifar10.image_batches(images, labels, 4, shuffle=True, seed=1)
    assert len(batches) == 3 and len(batches[2][1]) == 2
    seen = np.concatenate([y for _, y in batches])
    assert sorted(seen.tolist()) == list(range(10))
    first = [y.tolist() for _, y in batches]
    batches.on_epoch_end()
    assert sorted(np.concatenate([y for _, y in batches]).tolist()) == list(range(10))
    assert first != [y.tolist() for _, y in batches], "a new order every epoch"
    with pytest.raises(IndexError):
        batches[3]
