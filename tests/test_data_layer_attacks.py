"""The data layer under attack (issue 11): a hostile server on 127.0.0.1 and files placed by hand.

One section per cause of the issue. Every test checks that the bad input gets one clear error
from the project's own classes, that nothing corrupt or partial is left where a good file is
expected, and that nothing is written outside the data folder.
"""

from __future__ import annotations

import dataclasses
import errno
import gzip
import hashlib
import http.client
import io
import json
import os
import sys
import tarfile
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

import numpy as np
import pytest
from local_server import LocalServer, chunked_cut, cut_short, not_http, ok, redirect, trickle

from helpers import download, higgs, network, registry
from helpers.download import DataError, DataUnavailableError

CSV = b"x1,x2,y\n" + b"0.5,1.5,1\n" * 2000


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


ZIP = zip_bytes({f"inner/file{i:03d}.csv": CSV[: 200 + i] for i in range(50)})


def register(monkeypatch, filename, url, checksum=None, **extra):
    """A registry entry for ``filename`` at ``url``: with a sha256 of ``checksum`` bytes, or unknown."""
    digest = f"sha256:{hashlib.sha256(checksum).hexdigest()}" if checksum is not None else None
    remote = registry.RemoteFile(filename, url, digest, "test" if digest else registry.UNKNOWN, "1 KB", **extra)
    monkeypatch.setitem(registry.FILES, filename, remote)
    return remote


def visible(folder: Path) -> list[str]:
    """Every path under ``folder`` except lock files, relative."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.name.endswith(".lock"))


def pins(folder: Path) -> dict:
    path = folder / download.PINS_FILE
    return json.loads(path.read_text()) if path.exists() else {}


# --- 1. a crafted tar must not write outside its folder -------------------------------------


def cve_2025_4517_tar(path: Path, destination: Path, target: str) -> None:
    """The tar of CPython's test_realpath_limit_attack (CVE-2025-4517), aimed at ``escape/<target>``.

    Directories and symlinks nest until the unexpanded path fits in PATH_MAX but the expanded one
    does not, so os.path.realpath stops resolving and tarfile's "data" filter is fooled: "escape"
    then leads to the destination's parent, a hard link reaches ``target`` there, and writing
    through the link overwrites it.
    """
    steps = "abcdefghijklmnop"
    max_path = os.pathconf(destination.parent, "PC_PATH_MAX") if "PC_PATH_MAX" in os.pathconf_names else 4096
    component = "d" * ((max_path - len(str(destination)) - 1) // (len(steps) + 1))
    with tarfile.open(path, "w") as tf:

        def add(name, *, type=tarfile.REGTYPE, linkname="", content=None, mode=0o644):
            info = tarfile.TarInfo(name)
            info.type, info.linkname, info.mode = type, linkname, mode
            data = None
            if content is not None:
                data = io.BytesIO(content)
                info.size = len(content)
            tf.addfile(info, data)

        parent = ""
        for step in steps:
            add(os.path.join(parent, component), type=tarfile.DIRTYPE, mode=0o777)
            add(os.path.join(parent, step), type=tarfile.SYMTYPE, linkname=component)
            parent = os.path.join(parent, component)
        link = os.path.join(*steps, "l" * 254)
        add(link, type=tarfile.SYMTYPE, linkname=os.path.join(*[".."] * len(steps)))
        add("escape", type=tarfile.SYMTYPE, linkname=os.path.join(link, ".."))
        add("flaglink", type=tarfile.LNKTYPE, linkname=os.path.join("escape", target))
        add("flaglink", content=b"overwrite")
        add("escape/newfile", content=b"new")


def test_the_cve_2025_4517_tar_writes_nothing_outside_and_keeps_the_pins(folders):
    data, _ = folders
    (data / download.PINS_FILE).write_text('{"seeds_dataset.txt": "' + "a" * 64 + '"}\n')
    before = (data / download.PINS_FILE).read_bytes()
    archive = data / "evil.tar"
    cve_2025_4517_tar(archive, data / "evil", download.PINS_FILE)
    with pytest.raises(download.UnsafeArchiveError, match="Refusing to extract"):
        download.extract(archive)
    assert (data / download.PINS_FILE).read_bytes() == before, "the pins were overwritten through a hard link"
    assert not (data / "newfile").exists() and not (data.parent / "newfile").exists()
    assert visible(data) == [download.PINS_FILE, "evil.tar"]


@pytest.mark.parametrize(
    "members",
    [
        [("link", tarfile.SYMTYPE, "/etc"), ("link/passwd", tarfile.REGTYPE, "")],
        [("up", tarfile.SYMTYPE, ".."), ("up/escaped.txt", tarfile.REGTYPE, "")],
        [("hard", tarfile.LNKTYPE, "../outside.txt")],
        [("dir", tarfile.DIRTYPE, ""), ("dirlink", tarfile.SYMTYPE, "dir"), ("dirlink/x.txt", tarfile.REGTYPE, "")],
        [("null", tarfile.CHRTYPE, "")],
        [("fifo", tarfile.FIFOTYPE, "")],
    ],
    ids=["symlink-out-then-write", "symlink-up", "hardlink-out", "write-through-inner-symlink", "device", "fifo"],
)
def test_tar_links_and_special_members_are_refused_and_write_nothing(tmp_path, members):
    outside = tmp_path / "outside.txt"
    outside.write_text("mine")
    archive = tmp_path / "evil.tar"
    with tarfile.open(archive, "w") as tf:
        for name, kind, linkname in members:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, linkname
            payload = b"pwned" if kind == tarfile.REGTYPE else None
            info.size = len(payload) if payload else 0
            tf.addfile(info, io.BytesIO(payload) if payload else None)
    with pytest.raises(download.UnsafeArchiveError):
        download.extract(archive, tmp_path / "out")
    assert outside.read_text() == "mine"
    assert visible(tmp_path) == ["evil.tar", "outside.txt"]


def test_links_to_earlier_files_of_the_archive_are_extracted_as_copies(tmp_path):
    archive = tmp_path / "ok.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        info = tarfile.TarInfo("d/real.txt")
        info.size = 5
        tf.addfile(info, io.BytesIO(b"hello"))
        links = [("d/hard.txt", tarfile.LNKTYPE, "d/real.txt"), ("d/soft.txt", tarfile.SYMTYPE, "real.txt")]
        for name, kind, target in links:
            link = tarfile.TarInfo(name)
            link.type, link.linkname = kind, target
            tf.addfile(link)
    folder = download.extract(archive)
    for name in ("real.txt", "hard.txt", "soft.txt"):
        path = folder / "d" / name
        assert path.read_bytes() == b"hello" and not path.is_symlink()
    assert os.stat(folder / "d" / "hard.txt").st_nlink == 1, "a hard link on disk could reach outside"


# --- 2. no https -> http downgrade, no redirect to a host the registry does not name ----------


@pytest.fixture
def tls_pretended(monkeypatch):
    """Let https://127.0.0.1 URLs reach the plain-HTTP local server (the redirect logic is what is tested)."""

    def https_open(self, req):
        return self.do_open(http.client.HTTPConnection, req)

    monkeypatch.setattr(urllib.request.HTTPSHandler, "https_open", https_open)


def test_an_https_url_redirecting_to_plain_http_is_refused(folders, tls_pretended, monkeypatch):
    data, _ = folders
    with LocalServer({"/toy.csv": redirect("PLAIN"), "/plain.csv": ok(CSV, "text/csv")}) as server:
        server.httpd.routes["/toy.csv"] = redirect(server.url("/plain.csv"))
        register(monkeypatch, "toy.csv", f"https://127.0.0.1:{server.port}/toy.csv")
        with pytest.raises(download.UnsafeDownloadError, match="from https to plain http"):
            download.fetch("toy.csv")
        assert server.requests == ["/toy.csv"], "the plain-http copy was fetched"
    assert visible(data) == []


def test_a_redirect_to_another_host_is_refused(folders, monkeypatch):
    data, _ = folders
    with LocalServer({"/toy.csv": redirect("http://mirror.example.net/toy.csv")}) as server:
        register(monkeypatch, "toy.csv", server.url("/toy.csv"))
        with pytest.raises(download.UnsafeDownloadError, match="mirror.example.net, a host the registry does not name"):
            download.fetch("toy.csv")
    assert visible(data) == []


def test_a_redirect_within_the_host_is_followed(folders, monkeypatch):
    with LocalServer({"/old.csv": redirect("/new/toy.csv"), "/new/toy.csv": ok(CSV, "text/csv")}) as server:
        register(monkeypatch, "toy.csv", server.url("/old.csv"), CSV)
        assert download.fetch("toy.csv").read_bytes() == CSV


def test_the_handler_refuses_a_downgrade_even_to_the_same_host():
    remote = registry.RemoteFile("a.zip", "https://example.org/a.zip", None, registry.UNKNOWN, "1 KB")
    handler = download._SafeRedirects(remote)
    request = urllib.request.Request(remote.url)
    with pytest.raises(download.UnsafeDownloadError, match="plain http"):
        handler.redirect_request(request, io.BytesIO(), 302, "Found", {}, "http://example.org/a.zip")
    assert handler.redirect_request(request, io.BytesIO(), 302, "Found", {}, "https://example.org/b.zip")


# --- 3. trust on first use pins only a complete file of the right format ---------------------


@pytest.mark.parametrize(
    "route, error",
    [
        (cut_short(ZIP, len(ZIP) // 2), "cut short"),
        (ok(b""), "empty"),
        (ok(b"<!DOCTYPE html><html><body>Please log in</body></html>", "text/html"), "HTML page"),
        (ok(b"<html><body>Please log in</body></html>"), "HTML page"),
        (ok(ZIP[: len(ZIP) // 2]), "truncated or corrupt"),
    ],
    ids=["cut-in-half-clean-close", "empty", "captive-portal", "html-without-content-type", "truncated-zip"],
)
def test_a_bad_first_download_is_neither_kept_nor_pinned(folders, monkeypatch, route, error):
    data, _ = folders
    with LocalServer({"/a.zip": route}) as server:
        register(monkeypatch, "a.zip", server.url("/a.zip"))
        with pytest.raises(DataError, match=error):
            download.fetch("a.zip")
    assert visible(data) == [], "a bad download was kept or pinned"


@pytest.mark.parametrize(
    "name, content, error",
    [
        ("a.zip", b"", "empty"),
        ("a.zip", b"<html><head><title>Wi-Fi login</title></head></html>", "HTML page"),
        ("a.zip", ZIP[:-100], "truncated or corrupt"),
        ("a.tar.gz", gzip.compress(b"\0" * 10_000)[:-20], "truncated or corrupt"),
        ("a.csv", CSV + b"0.5,1.", "last row has 2 fields"),
    ],
    ids=["empty", "html", "truncated-zip", "truncated-tar-gz", "truncated-csv"],
)
def test_a_bad_file_placed_by_hand_is_refused_before_it_is_pinned(folders, monkeypatch, name, content, error):
    data, _ = folders
    register(monkeypatch, name, f"https://example.org/{name}")
    (data / name).write_bytes(content)
    with pytest.raises(download.BadFileError, match=error) as raised:
        download.fetch(name)
    assert "delete it" in str(raised.value)
    assert pins(data) == {}, "a bad file was pinned"


def test_the_official_file_is_accepted_after_a_bad_copy_was_refused(folders, monkeypatch):
    data, _ = folders
    register(monkeypatch, "a.zip", "https://example.org/a.zip")
    (data / "a.zip").write_bytes(ZIP[:-100])
    with pytest.raises(download.BadFileError):
        download.fetch("a.zip")
    (data / "a.zip").write_bytes(ZIP)
    assert download.fetch("a.zip") == data / "a.zip"
    assert pins(data) == {"a.zip": hashlib.sha256(ZIP).hexdigest()}


def test_a_published_size_is_checked_before_the_checksum(folders, monkeypatch):
    data, _ = folders
    register(monkeypatch, "toy.csv", "https://example.org/toy.csv", CSV, length=len(CSV))
    (data / "toy.csv").write_bytes(CSV[:-1])
    with pytest.raises(download.ChecksumError, match=f"expected {len(CSV)} bytes"):
        download.fetch("toy.csv")


@pytest.mark.parametrize(
    "filename, length",
    [
        ("HIGGS.csv.gz", 2816407858),
        ("images.tar.gz", 791918971),
        ("annotations.tar.gz", 19173078),
        ("aclImdb_v1.tar.gz", 84125825),
        ("seeds_dataset.txt", 9300),
        ("nyc_taxi.csv", 265771),
        ("AirQualityUCI.zip", 1543989),
    ],
)
def test_files_with_a_published_checksum_carry_it_with_its_source_and_size(filename, length):
    remote = registry.find(filename)
    assert remote.checksum and remote.checksum.startswith("sha256:")
    assert "TensorFlow Datasets" in remote.checksum_source or "MANIFEST" in remote.checksum_source
    assert remote.length == length


# --- 4. a damaged pin store is reported, naming the file, before anything is downloaded -------


@pytest.mark.parametrize(
    "content", ["{not json", "", "[1, 2]", '{"a.zip": 3}'], ids=["invalid", "empty", "list", "number"]
)
def test_a_damaged_pin_store_is_named_before_any_download(folders, monkeypatch, content):
    data, _ = folders
    (data / download.PINS_FILE).write_text(content)
    with LocalServer({"/a.zip": ok(ZIP)}) as server:
        register(monkeypatch, "a.zip", server.url("/a.zip"))
        with pytest.raises(download.PinStoreError, match=r"\.pinned-sha256\.json is damaged") as raised:
            download.fetch("a.zip")
        assert server.requests == [], "the file was downloaded before the pin store was read"
    assert str(data / download.PINS_FILE) in str(raised.value) and "Delete it" in str(raised.value)


def test_a_damaged_pin_store_stops_higgs_before_streaming(folders, monkeypatch):
    data, _ = folders
    (data / download.PINS_FILE).write_text("[]")

    def no_network(remote, timeout=None):
        raise AssertionError("rows were streamed before the pin store was read")

    monkeypatch.setattr(network, "_urlopen", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    with pytest.raises(download.PinStoreError, match="damaged"):
        higgs.load_higgs_rows(100)


# --- 5. extract() replaces only folders it made ------------------------------------------------


def test_extract_leaves_a_users_folder_of_the_same_name_alone(tmp_path):
    (tmp_path / "a.zip").write_bytes(ZIP)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "my-notes.txt").write_text("three weeks of notes")
    with pytest.raises(DataError, match="was not made by extract"):
        download.extract(tmp_path / "a.zip")
    assert (tmp_path / "a" / "my-notes.txt").read_text() == "three weeks of notes"
    assert visible(tmp_path) == ["a", "a.zip", "a/my-notes.txt"]


@pytest.mark.parametrize("where", ["data", "parent-of-data", "archive-folder"])
def test_extract_refuses_to_replace_the_data_folder_or_the_archives_folder(folders, where):
    data, _ = folders
    sub = data / "sub"
    sub.mkdir()
    archive = sub / "a.zip"
    archive.write_bytes(ZIP)
    (data / "mnist.npz").write_bytes(b"another dataset")
    target = {"data": data, "parent-of-data": data.parent, "archive-folder": sub}[where]
    with pytest.raises(DataError, match="Refusing to extract"):
        download.extract(archive, target)
    assert (data / "mnist.npz").read_bytes() == b"another dataset" and archive.read_bytes() == ZIP


# --- 6. two processes extracting the same archive do not swap the folder under each other ----


def test_concurrent_extractions_of_one_archive_do_not_pull_the_folder_away(tmp_path, monkeypatch):
    archive = tmp_path / "a.zip"
    archive.write_bytes(ZIP)
    real_open = zipfile.ZipFile.open

    def slow_open(self, *args, **kwargs):  # widen the window in which the two overlap
        time.sleep(0.004)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", slow_open)
    errors, barrier = [], threading.Barrier(3)

    def worker():
        barrier.wait()
        try:
            folder = download.extract(archive)
            for path in sorted((folder / "inner").iterdir()):  # read it slowly, as a training loop would
                path.read_bytes()
                time.sleep(0.005)
        except Exception as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [], f"{len(errors)} readers failed, e.g. {errors[:1]}"
    assert len(list((tmp_path / "a" / "inner").iterdir())) == 50
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


# --- 7. leftovers of a killed process are cleaned up, and only those ---------------------------


def test_leftovers_of_a_killed_process_are_removed(folders, monkeypatch):
    data, _ = folders
    old = time.time() - 2 * 24 * 3600
    part = data / ".toy.csv.k1ll3d_x.part"  # a download killed half way
    part.write_bytes(CSV[:100])
    pins_part = data / f".{download.PINS_FILE}.abcd1234.part"  # a pin store write killed half way
    pins_part.write_text("{")
    staging = data / ".a.zzzz9999.part"  # an extraction killed half way
    (staging / "tree").mkdir(parents=True)
    (staging / download.STAGING_MARKER).write_text("a.zip\n")
    users = data / ".a.notmine1.part"  # a folder of that shape without our marker: not ours
    users.mkdir()
    for path in (part, pins_part, staging, users):
        os.utime(path, (old, old))
    with LocalServer({"/toy.csv": ok(CSV, "text/csv")}) as server:
        register(monkeypatch, "toy.csv", server.url("/toy.csv"), CSV)
        download.fetch("toy.csv")
    (data / "a.zip").write_bytes(ZIP)
    download.extract(data / "a.zip")
    assert not part.exists() and not pins_part.exists() and not staging.exists()
    assert users.exists()


# --- 8. no raw exception reaches the notebook --------------------------------------------------


@pytest.mark.parametrize(
    "route, reason",
    [
        (chunked_cut(CSV, 100), "broke off"),
        (not_http(), "not HTTP"),
        (cut_short(CSV, 100), "cut short"),
    ],
    ids=["incomplete-read", "bad-status-line", "clean-close"],
)
def test_broken_replies_become_data_unavailable_errors(folders, monkeypatch, route, reason):
    data, _ = folders
    with LocalServer({"/toy.csv": route}) as server:
        register(monkeypatch, "toy.csv", server.url("/toy.csv"), CSV)
        with pytest.raises(DataUnavailableError, match=reason) as raised:
            download.fetch("toy.csv")
    assert "toy.csv" in str(raised.value)
    assert raised.value.__context__ is None or raised.value.__suppress_context__, "a raw traceback is chained"
    assert visible(data) == []


def test_a_read_only_data_folder_is_a_clear_error(folders, monkeypatch):
    register(monkeypatch, "toy.csv", "https://example.org/toy.csv", CSV)

    def read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(download.tempfile, "mkstemp", read_only)
    monkeypatch.setattr(download.os, "open", read_only)  # the lock file cannot be made either
    with pytest.raises(DataError, match="permission denied or read-only") as raised:
        download.fetch("toy.csv")
    assert "COURSE_DATA_DIR" in str(raised.value)


def test_course_data_dir_naming_a_file_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_MODE", "full")
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "a-file"))
    (tmp_path / "a-file").write_text("not a folder")
    register(monkeypatch, "toy.csv", "https://example.org/toy.csv", CSV)
    with pytest.raises(DataError, match="COURSE_DATA_DIR .* is a file"):
        download.fetch("toy.csv")


def test_a_folder_with_the_datasets_name_is_a_clear_error(folders, monkeypatch):
    data, _ = folders
    register(monkeypatch, "toy.csv", "https://example.org/toy.csv", CSV)
    (data / "toy.csv").mkdir()
    with pytest.raises(DataError, match="is a folder"):
        download.fetch("toy.csv")


@pytest.mark.parametrize(
    "name, content",
    [
        ("a.tar.gz", None),  # a tar.gz cut short: EOFError inside tarfile
        ("a.tar", b"this is not a tar archive at all" * 40),  # ReadError
        ("a.zip", ZIP[: len(ZIP) // 2]),  # BadZipFile
    ],
    ids=["eof", "read-error", "bad-zip"],
)
def test_a_truncated_archive_is_a_clear_error(tmp_path, name, content):
    if content is None:
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as tf:
            info = tarfile.TarInfo("big.bin")
            payload = os.urandom(200_000)
            info.size = len(payload)
            tf.addfile(info, io.BytesIO(payload))
        content = buffer.getvalue()[:100_000]
    (tmp_path / name).write_bytes(content)
    with pytest.raises(download.BadFileError, match="truncated, corrupt") as raised:
        download.extract(tmp_path / name, tmp_path / "out")
    assert "Delete it" in str(raised.value)
    assert visible(tmp_path) == [name]


# --- 9. a full disk is called a full disk ------------------------------------------------------


def test_a_full_disk_is_reported_as_such(folders, monkeypatch):
    data, _ = folders
    real_fdopen = os.fdopen

    class Full(io.RawIOBase):
        def __init__(self, f):
            self.f = f

        def write(self, chunk):
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self):
            self.f.close()

    def fdopen(fd, mode="r", *args, **kwargs):
        f = real_fdopen(fd, mode, *args, **kwargs)
        return Full(f) if "w" in mode and f.name is not None else f

    with LocalServer({"/toy.csv": ok(CSV, "text/csv")}) as server:
        register(monkeypatch, "toy.csv", server.url("/toy.csv"), CSV)
        monkeypatch.setattr(os, "fdopen", fdopen)
        with pytest.raises(DataError, match="disk is full") as raised:
            download.fetch("toy.csv")
        monkeypatch.undo()
    assert "machine with internet" not in str(raised.value)
    assert [p for p in data.iterdir() if p.name.endswith(".part")] == []


def test_too_little_free_space_is_reported_before_downloading(folders, monkeypatch):
    with LocalServer({"/toy.csv": ok(CSV, "text/csv")}) as server:
        register(monkeypatch, "toy.csv", server.url("/toy.csv"), CSV)
        monkeypatch.setattr(download.shutil, "disk_usage", lambda path: _Usage(10))
        with pytest.raises(download.DiskFullError, match="needs"):
            download.fetch("toy.csv")


class _Usage:
    def __init__(self, free):
        self.total, self.used, self.free = free, 0, free


# --- 10. a trickling server is abandoned ---------------------------------------------------------


def test_a_server_trickling_bytes_is_abandoned(folders, monkeypatch):
    data, _ = folders
    monkeypatch.setattr(network, "STALL_SECONDS", 0.6)
    with LocalServer({"/toy.csv": trickle(len(CSV), every=0.15, limit=8)}) as server:
        register(monkeypatch, "toy.csv", server.url("/toy.csv"), CSV)
        start = time.monotonic()
        with pytest.raises(download.DownloadTimeoutError, match="stalled"):
            download.fetch("toy.csv")
        assert time.monotonic() - start < 4
    assert visible(data) == []


def test_a_download_past_its_deadline_is_abandoned(folders, monkeypatch):
    monkeypatch.setattr(network, "DEADLINE_SECONDS", 0.5)
    monkeypatch.setattr(network, "STALL_BYTES", 1)
    with LocalServer({"/toy.csv": trickle(len(CSV), every=0.05, limit=8)}) as server:
        register(monkeypatch, "toy.csv", server.url("/toy.csv"), CSV)
        with pytest.raises(download.DownloadTimeoutError, match="COURSE_DOWNLOAD_TIMEOUT"):
            download.fetch("toy.csv")


def test_a_silent_server_is_abandoned(folders, monkeypatch):
    monkeypatch.setattr(network, "STALL_SECONDS", 0.5)
    with LocalServer({"/toy.csv": lambda handler: time.sleep(3)}) as server:
        register(monkeypatch, "toy.csv", server.url("/toy.csv"), CSV)
        start = time.monotonic()
        with pytest.raises(DataUnavailableError):
            download.fetch("toy.csv")
        assert time.monotonic() - start < 2.5


# --- 11. make data tries every file and ends with a summary -----------------------------------


def test_make_data_tries_every_file_and_summarises(folders, monkeypatch, capsys):
    data, _ = folders
    with LocalServer({"/a.csv": not_http(), "/b.csv": ok(CSV, "text/csv"), "/c.csv": ok(b"")}) as server:
        for name in ("a.csv", "b.csv", "c.csv"):
            register(monkeypatch, name, server.url(f"/{name}"))
        assert download.main(["a.csv", "b.csv", "c.csv", "nope.csv"]) == 1
    out = capsys.readouterr().out
    summary = out[out.index("Summary"):]
    assert "ok      b.csv" in summary
    assert "FAILED  a.csv: DataUnavailableError" in summary and "not HTTP" in summary
    assert "FAILED  c.csv: BadFileError" in summary and "empty" in summary
    assert "FAILED  nope.csv: KeyError" in summary
    assert "1 of 4 files are in" in summary
    assert (data / "b.csv").read_bytes() == CSV


# --- 12. HIGGS: a hand-placed cache is checked before it is pinned; nan and inf are refused ------


def higgs_row(label=1.0, value="0.5"):
    return (f"{label}," + ",".join([value] * 28) + "\n").encode()


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_hand_placed_higgs_cache_with_nan_or_inf_is_refused_and_not_pinned(folders, value):
    data, _ = folders
    cache = higgs.cache_path(20, data)
    rows = [higgs_row() for _ in range(20)]
    rows[7] = higgs_row(value=value)
    cache.write_bytes(gzip.compress(b"".join(rows)))
    with pytest.raises(download.BadFileError, match="nan, inf") as raised:
        higgs.load_higgs_rows(20)
    assert "row 8" in str(raised.value) and cache.name in str(raised.value)
    assert pins(data) == {}, "a bad cache was pinned"


def test_a_hand_placed_higgs_cache_with_bad_rows_is_not_pinned(folders):
    data, _ = folders
    cache = higgs.cache_path(20, data)
    cache.write_bytes(gzip.compress(b"1,2,3\n" * 20))
    with pytest.raises(DataError, match="columns"):
        higgs.load_higgs_rows(20)
    assert pins(data) == {}


def test_a_higgs_label_must_be_0_or_1():
    with pytest.raises(download.BadFileError, match="label"):
        higgs.parse_rows([higgs_row(label=2.0)], "example")
    assert higgs.parse_rows([higgs_row(label=0.0)], "example").shape == (1, 29)


def test_a_good_hand_placed_higgs_cache_is_pinned(folders):
    data, _ = folders
    cache = higgs.cache_path(20, data)
    cache.write_bytes(gzip.compress(b"".join(higgs_row() for _ in range(20))))
    rows = higgs.load_higgs_rows(20)
    assert rows.shape == (20, 29) and np.isfinite(rows).all()
    assert pins(data) == {cache.name: hashlib.sha256(cache.read_bytes()).hexdigest()}


def test_a_full_higgs_file_of_the_wrong_size_is_refused(folders, monkeypatch):
    data, _ = folders
    (data / "HIGGS.csv.gz").write_bytes(gzip.compress(b"".join(higgs_row() for _ in range(50))))
    monkeypatch.setattr(network, "_urlopen", lambda remote, timeout=None: pytest.fail("network used"))
    with pytest.raises(download.ChecksumError, match="2816407858 bytes"):
        higgs.load_higgs_rows(20)


def test_higgs_streaming_follows_the_safe_redirect_rules(folders, monkeypatch):
    data, _ = folders
    with LocalServer({"/HIGGS.csv.gz": redirect("http://elsewhere.example.com/HIGGS.csv.gz")}) as server:
        entry = registry.FILES["HIGGS.csv.gz"]
        monkeypatch.setitem(registry.FILES, "HIGGS.csv.gz", dataclasses.replace(entry, url=server.url("/HIGGS.csv.gz")))
        with pytest.raises(download.UnsafeDownloadError, match="elsewhere.example.com") as raised:
            higgs.load_higgs_rows(20)
    assert "head -n 20" in str(raised.value)
    assert visible(data) == []


if sys.platform == "win32":  # pragma: no cover
    pytestmark = pytest.mark.skip("the attack tests use POSIX paths and locks")


def test_an_html_page_instead_of_a_checksummed_file_is_named_as_such(folders, monkeypatch):
    data, _ = folders
    with LocalServer({"/toy.csv": ok(b"<!doctype html><html>Log in to the Wi-Fi</html>", "text/html")}) as server:
        register(monkeypatch, "toy.csv", server.url("/toy.csv"), CSV)
        with pytest.raises(download.ChecksumError, match="is an HTML page"):
            download.fetch("toy.csv")
    assert visible(data) == []
