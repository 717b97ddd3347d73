"""helpers.higgs: streaming the first rows of HIGGS, caching them safely, and its stand-in.

No test touches the network: ``helpers.network._urlopen`` is replaced by fakes
that serve a local gzip file, fail, or break off mid-stream.
"""

from __future__ import annotations

import dataclasses
import gzip
import http.client
import io
import re
import urllib.error

import numpy as np
import pytest

from helpers import download, higgs, network, registry
from helpers.standins.higgs import higgs_rows, make_higgs

N_BIG = 12_000  # rows in the fake "full" file: more than any test reads


@pytest.fixture(scope="module")
def big_gzip(tmp_path_factory):
    path = tmp_path_factory.mktemp("remote") / "HIGGS.csv.gz"
    make_higgs(path, n_rows=N_BIG)
    return path


@pytest.fixture
def full_mode(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("COURSE_MODE", "full")
    monkeypatch.setenv("COURSE_DATA_DIR", str(data))
    monkeypatch.setenv("COURSE_BUILD_DIR", str(tmp_path / "build"))
    return data


class CountingStream(io.RawIOBase):
    """A readable binary stream over ``data`` that counts the bytes handed out.

    ``fail_after``: raise ``error`` once that many bytes have been read (a dropped connection).
    """

    def __init__(self, data: bytes, fail_after: int | None = None, error: BaseException | None = None):
        self._data = io.BytesIO(data)
        self.bytes_read = 0
        self.fail_after = fail_after
        self.error = error or ConnectionResetError("connection reset by peer")

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.fail_after is not None and self.bytes_read >= self.fail_after:
            raise self.error
        n = self._data.readinto(buffer)
        self.bytes_read += n
        return n


class FakeUrlopen:
    """Stands in for helpers.network._urlopen: records the URLs asked for and serves one stream."""

    def __init__(self, stream=None):
        self.stream = stream
        self.urls = []

    def __call__(self, remote, timeout=None):
        self.urls.append(remote.url)
        if self.stream is None:
            raise urllib.error.URLError("no network in tests")
        return self.stream


def _no_network(remote, timeout=None):
    raise AssertionError(f"the network was used: {remote.url}")


def _files(folder):
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


def test_standin_has_the_real_format(tmp_path):
    path = tmp_path / "HIGGS.csv.gz"
    make_higgs(path, n_rows=50)
    with gzip.open(path, "rt") as f:
        first = f.readline().rstrip("\n")
    fields = first.split(",")
    assert len(fields) == 29
    assert all(re.fullmatch(r"-?\d\.\d{18}e[+-]\d\d", v) for v in fields), first
    assert fields[0] in {"1.000000000000000000e+00", "0.000000000000000000e+00"}


def test_standin_labels_depend_on_the_features():
    rows = higgs_rows(3000)
    y = rows[:, 0]
    assert set(np.unique(y)) == {0.0, 1.0}
    assert 0.4 < y.mean() < 0.65, "signal and background should be roughly balanced, as in HIGGS"
    m_bb = rows[:, 26]
    near_peak = np.abs(m_bb - 1.0) < 0.15
    assert y[near_peak].mean() > y[~near_peak].mean() + 0.15, "the m_bb peak should carry signal"
    assert np.array_equal(rows, higgs_rows(3000)), "the stand-in must be deterministic"


def test_reader_stops_after_n_rows(big_gzip):
    data = big_gzip.read_bytes()
    stream = CountingStream(data)
    lines = higgs.read_first_lines(stream, 100)
    assert len(lines) == 100
    assert stream.bytes_read < len(data) / 10, (
        f"read {stream.bytes_read} of {len(data)} bytes for 100 rows: the reader did not stop early"
    )
    rows = higgs.parse_rows(lines, "test")
    assert rows.shape == (100, 29) and rows.dtype == np.float32
    np.testing.assert_array_equal(rows, higgs_rows(N_BIG)[:100])


def test_streams_from_url_stops_early_and_caches(full_mode, big_gzip, monkeypatch):
    data = big_gzip.read_bytes()
    opener = FakeUrlopen(CountingStream(data))
    monkeypatch.setattr(network, "_urlopen", opener)
    rows = higgs.load_higgs_rows(500)
    assert opener.urls == [higgs.find("HIGGS.csv.gz").url]
    assert opener.stream.closed, "the connection should be closed once the rows are read"
    assert opener.stream.bytes_read < len(data) / 4, "the whole file was downloaded"
    np.testing.assert_array_equal(rows, higgs_rows(N_BIG)[:500])
    cache = higgs.cache_path(500, full_mode)
    assert _files(full_mode) == sorted([cache.name, download.PINS_FILE])
    assert download.pinned_sha256(cache) == download.file_digest(cache)
    assert len(gzip.decompress(cache.read_bytes()).splitlines()) == 500


def test_cache_is_used_without_network(full_mode, big_gzip, monkeypatch):
    monkeypatch.setattr(network, "_urlopen", FakeUrlopen(CountingStream(big_gzip.read_bytes())))
    first = higgs.load_higgs_rows(300)
    monkeypatch.setattr(network, "_urlopen", _no_network)
    second = higgs.load_higgs_rows(300)
    np.testing.assert_array_equal(first, second)


def test_local_full_file_is_read_without_network(full_mode, big_gzip, monkeypatch):
    full_mode.mkdir(parents=True)
    (full_mode / "HIGGS.csv.gz").write_bytes(big_gzip.read_bytes())
    # The fake full file is small: let the registry publish its size, as it does the real one's.
    entry = registry.FILES["HIGGS.csv.gz"]
    monkeypatch.setitem(registry.FILES, "HIGGS.csv.gz", dataclasses.replace(entry, length=big_gzip.stat().st_size))
    monkeypatch.setattr(network, "_urlopen", _no_network)
    rows = higgs.load_higgs_rows(250)
    np.testing.assert_array_equal(rows, higgs_rows(N_BIG)[:250])
    assert higgs.cache_path(250, full_mode).exists()


@pytest.mark.parametrize(
    "error",
    [ConnectionResetError("connection reset by peer"), http.client.IncompleteRead(b""), KeyboardInterrupt()],
    ids=["reset", "incomplete-read", "ctrl-c"],
)
def test_interrupted_stream_leaves_no_cache(full_mode, big_gzip, monkeypatch, error):
    stream = CountingStream(big_gzip.read_bytes(), fail_after=200_000, error=error)
    monkeypatch.setattr(network, "_urlopen", FakeUrlopen(stream))
    expected = download.DataUnavailableError if isinstance(error, Exception) else KeyboardInterrupt
    with pytest.raises(expected) as raised:
        higgs.load_higgs_rows(11_000)
    assert stream.bytes_read >= 200_000, "the fake connection should have broken mid-stream"
    assert _files(full_mode) == [], f"an interrupted stream left files behind: {_files(full_mode)}"
    if expected is download.DataUnavailableError:
        message = str(raised.value)
        for part in ("HIGGS.csv.gz", higgs.find("HIGGS.csv.gz").url, str(full_mode), "head -n 11000"):
            assert part in message, f"{part!r} missing from the error message:\n{message}"


def test_no_network_and_no_file_says_how_to_supply_it(full_mode, monkeypatch):
    monkeypatch.setattr(network, "_urlopen", FakeUrlopen(None))
    with pytest.raises(download.DataUnavailableError, match="no network in tests") as raised:
        higgs.load_higgs_rows(1000)
    assert "HIGGS_first_1000_rows.csv.gz" in str(raised.value)
    assert "COURSE_DATA_DIR" in str(raised.value)


def test_truncated_stream_is_refused(full_mode, monkeypatch, tmp_path):
    short = tmp_path / "short.csv.gz"
    make_higgs(short, n_rows=40)
    monkeypatch.setattr(network, "_urlopen", FakeUrlopen(CountingStream(short.read_bytes())))
    with pytest.raises(download.DataUnavailableError, match="ended after 40 rows"):
        higgs.load_higgs_rows(100)
    assert _files(full_mode) == []


def test_corrupt_cache_is_refused(full_mode, big_gzip, monkeypatch):
    monkeypatch.setattr(network, "_urlopen", FakeUrlopen(CountingStream(big_gzip.read_bytes())))
    higgs.load_higgs_rows(300)
    cache = higgs.cache_path(300, full_mode)
    rows = gzip.decompress(cache.read_bytes()).splitlines(keepends=True)
    rows[7] = rows[7].replace(b"1", b"2", 3)  # a plausible-looking but altered row
    cache.write_bytes(gzip.compress(b"".join(rows)))
    monkeypatch.setattr(network, "_urlopen", _no_network)
    with pytest.raises(download.ChecksumError, match="wrong checksum") as raised:
        higgs.load_higgs_rows(300)
    assert cache.name in str(raised.value) and "sha256" in str(raised.value)


def test_hand_made_cache_is_pinned_on_first_use(full_mode, big_gzip, monkeypatch):
    full_mode.mkdir(parents=True)
    cache = higgs.cache_path(120, full_mode)
    with gzip.open(big_gzip, "rb") as f:
        cache.write_bytes(gzip.compress(b"".join(f.readline() for _ in range(120))))
    monkeypatch.setattr(network, "_urlopen", _no_network)
    rows = higgs.load_higgs_rows(120)
    np.testing.assert_array_equal(rows, higgs_rows(N_BIG)[:120])
    assert download.pinned_sha256(cache) == download.file_digest(cache), "the cache was not pinned on first use"


def test_test_mode_reads_the_standin_and_leaves_the_data_folder_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_MODE", "test")
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COURSE_BUILD_DIR", str(tmp_path / "build"))
    monkeypatch.setattr(network, "_urlopen", _no_network)
    rows = higgs.load_higgs_rows(2000)
    assert rows.shape == (2000, 29) and rows.dtype == np.float32
    np.testing.assert_array_equal(rows, higgs_rows()[:2000])
    assert not (tmp_path / "data").exists()
    with pytest.raises(download.DataUnavailableError, match="ended after 3000 rows"):
        higgs.load_higgs_rows(5000)


def test_rejects_a_non_positive_row_count(full_mode):
    with pytest.raises(ValueError, match="at least 1"):
        higgs.load_higgs_rows(0)
