import hashlib
import io
import json
import tarfile
import zipfile

import pytest

from helpers import download, network, registry
from helpers.download import ChecksumError, DataUnavailableError, UnsafeArchiveError

CONTENT = b"x1,x2,y\n" * 1000


class FakeResponse(io.BytesIO):
    def __init__(self, payload, fail_after=None):
        super().__init__(payload)
        self.headers = {"Content-Length": str(len(payload))}
        self.fail_after = fail_after

    def read(self, size=-1):
        if self.fail_after is not None and self.tell() >= self.fail_after:
            raise ConnectionResetError("connection reset by peer")
        return super().read(size if self.fail_after is None else min(size, 100))

    read1 = read

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def register(monkeypatch, filename="toy.csv", checksum="sha256"):
    digest = {"sha256": hashlib.sha256, "md5": hashlib.md5}[checksum](CONTENT).hexdigest() if checksum else None
    remote = registry.RemoteFile(
        filename, f"https://example.org/{filename}", f"{checksum}:{digest}" if checksum else None,
        "test" if checksum else registry.UNKNOWN, "8 KB",
    )
    monkeypatch.setitem(registry.FILES, filename, remote)
    return remote


def serve(monkeypatch, payload=CONTENT, fail_after=None):
    calls = []

    def urlopen(remote, timeout=None):
        calls.append(remote.url)
        return FakeResponse(payload, fail_after)

    monkeypatch.setattr(network, "_urlopen", urlopen)
    return calls


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def files(folder):
    """What is in ``folder``, leaving out the lock files that downloads and extractions keep."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def test_a_good_file_in_the_data_folder_is_used_without_network(folders, monkeypatch):
    data, _ = folders
    register(monkeypatch)
    (data / "toy.csv").write_bytes(CONTENT)
    assert download.fetch("toy.csv") == data / "toy.csv"


def test_md5_checksums_from_keras_are_verified_too(folders, monkeypatch):
    data, _ = folders
    register(monkeypatch, checksum="md5")
    (data / "toy.csv").write_bytes(CONTENT[:-1])
    with pytest.raises(ChecksumError, match="md5"):
        download.fetch("toy.csv")


def test_a_truncated_file_is_refused_with_the_expected_and_found_checksums(folders, monkeypatch):
    data, _ = folders
    remote = register(monkeypatch)
    (data / "toy.csv").write_bytes(CONTENT[:100])
    with pytest.raises(ChecksumError) as error:
        download.fetch("toy.csv")
    message = str(error.value)
    assert str(data / "toy.csv") in message and remote.digest in message
    assert hashlib.sha256(CONTENT[:100]).hexdigest() in message and remote.url in message


def test_a_download_is_verified_and_moved_into_place(folders, monkeypatch):
    data, _ = folders
    register(monkeypatch)
    calls = serve(monkeypatch)
    path = download.fetch("toy.csv")
    assert path.read_bytes() == CONTENT and calls == ["https://example.org/toy.csv"]
    assert leftovers(data) == []
    download.fetch("toy.csv")
    assert len(calls) == 1, "a verified file is not downloaded twice"


def test_a_corrupt_download_leaves_nothing_behind(folders, monkeypatch):
    data, _ = folders
    register(monkeypatch)
    serve(monkeypatch, payload=CONTENT[:-10])
    with pytest.raises(ChecksumError, match="nothing was kept"):
        download.fetch("toy.csv")
    assert files(data) == []


def test_an_interrupted_download_leaves_nothing_behind(folders, monkeypatch):
    data, _ = folders
    register(monkeypatch)
    serve(monkeypatch, fail_after=2000)
    with pytest.raises(DataUnavailableError):
        download.fetch("toy.csv")
    assert files(data) == []


def test_no_network_names_the_file_url_checksum_and_folder(folders, monkeypatch):
    data, _ = folders
    remote = register(monkeypatch)
    with pytest.raises(DataUnavailableError) as error:
        download.fetch("toy.csv")  # the autouse fixture refuses every connection
    message = str(error.value)
    for part in ("toy.csv", remote.url, remote.digest, str(data), "COURSE_DATA_DIR"):
        assert part in message
    assert error.value.__cause__ is None and error.value.__suppress_context__


def test_errors_render_as_a_short_message_in_notebooks():
    lines = DataUnavailableError("first line\nsecond line")._render_traceback_()
    assert lines == ["DataUnavailableError: first line", "second line"]


def test_unknown_checksums_are_pinned_on_first_download_and_checked_after(folders, monkeypatch):
    data, _ = folders
    register(monkeypatch, checksum=None)
    serve(monkeypatch)
    path = download.fetch("toy.csv")
    pins = json.loads((data / download.PINS_FILE).read_text())
    assert pins == {"toy.csv": hashlib.sha256(CONTENT).hexdigest()}
    path.write_bytes(CONTENT + b"tampered")
    with pytest.raises(ChecksumError, match="pinned on first use") as error:
        download.fetch("toy.csv")


    assert "drop the pin" in str(error.value) and download.PINS_FILE in str(error.value)


def test_unknown_checksums_are_pinned_for_a_file_placed_by_hand(folders, monkeypatch):
    data, _ = folders
    register(monkeypatch, checksum=None)
    (data / "toy.csv").write_bytes(CONTENT)
    download.fetch("toy.csv")
    assert "toy.csv" in json.loads((data / download.PINS_FILE).read_text())


def test_atomic_write_replaces_whole_files(tmp_path):
    target = tmp_path / "sub" / "out.json"
    download.atomic_write_text(target, "old")
    download.atomic_write_text(target, "new")
    assert target.read_text() == "new" and leftovers(target.parent) == []


def test_test_mode_never_reads_the_data_folder(folders, monkeypatch):
    data, build = folders
    monkeypatch.setenv("COURSE_MODE", "test")
    (data / "mnist.npz").write_bytes(b"not even an npz")
    path = download.fetch("mnist.npz")
    assert path.parent == build.resolve() / "standin-data"


def make_zip(path, names):
    with zipfile.ZipFile(path, "w") as zf:
        for name in names:
            zf.writestr(name, "data")


def test_extract_zip_into_a_folder(tmp_path):
    make_zip(tmp_path / "a.zip", ["inner/one.csv", "two.csv"])
    folder = download.extract(tmp_path / "a.zip")
    assert (folder / "inner" / "one.csv").read_text() == "data" and (folder / "two.csv").exists()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("evil", ["../escape.txt", "/tmp/absolute-escape.txt", "ok/../../escape.txt"])
def test_a_zip_that_writes_outside_its_folder_is_refused_and_writes_nothing(tmp_path, evil):
    make_zip(tmp_path / "evil.zip", ["fine.txt", evil])
    with pytest.raises(UnsafeArchiveError, match="outside"):
        download.extract(tmp_path / "evil.zip", tmp_path / "out")
    assert not (tmp_path / "out").exists() and not (tmp_path / "escape.txt").exists()
    assert files(tmp_path) == ["evil.zip"]


def test_a_tar_with_a_link_pointing_outside_is_refused(tmp_path):
    with tarfile.open(tmp_path / "evil.tar.gz", "w:gz") as tf:
        link = tarfile.TarInfo("inside/link")
        link.type, link.linkname = tarfile.SYMTYPE, "../../../etc/passwd"
        tf.addfile(link)
    with pytest.raises(UnsafeArchiveError):
        download.extract(tmp_path / "evil.tar.gz", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_tar_gz_extracts(tmp_path):
    payload = b"hello"
    with tarfile.open(tmp_path / "good.tar.gz", "w:gz") as tf:
        info = tarfile.TarInfo("dir/hello.txt")
        info.size = len(payload)
        tf.addfile(info, io.BytesIO(payload))
    folder = download.extract(tmp_path / "good.tar.gz")
    assert (folder / "dir" / "hello.txt").read_bytes() == payload


def test_make_data_reports_failures_and_exits_non_zero(folders, monkeypatch, capsys):
    register(monkeypatch)
    assert download.main(["toy.csv"]) == 1
    assert "toy.csv: FAILED" in capsys.readouterr().out


def test_a_folder_is_reused_for_its_archive_and_extracted_afresh_for_a_new_one(tmp_path):
    make_zip(tmp_path / "a.zip", ["old.csv"])
    folder = download.extract(tmp_path / "a.zip")
    (folder / "old.csv").write_text("read from the folder, not the archive")
    assert download.extract(tmp_path / "a.zip") == folder
    assert (folder / "old.csv").read_text() == "read from the folder, not the archive"
    make_zip(tmp_path / "a.zip", ["new.csv", "more.csv"])
    folder = download.extract(tmp_path / "a.zip")
    assert sorted(p.name for p in folder.iterdir()) == [download.EXTRACTED_FROM, "more.csv", "new.csv"]
    assert leftovers(tmp_path) == [] and files(tmp_path) == ["a", "a.zip"]
