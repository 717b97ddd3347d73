"""The first rows of UCI HIGGS, without downloading its 2.8 GB.

Week 7 needs 11,000 of HIGGS' 11 million rows. :func:`load_higgs_rows` reads
them, trying in order:

1. a small cache in the data folder, ``HIGGS_first_<n>_rows.csv.gz`` (the
   first ``n`` lines of the real file, gzipped), checked against the SHA-256
   pinned in the data folder's ``.pinned-sha256.json`` when it was made;
2. a full ``HIGGS.csv.gz`` in the data folder (its size checked against the
   published one), decompressed as it is read and closed after ``n`` lines;
3. the official URL, streamed the same way (with the safe redirects, stall
   limit and deadline of :func:`helpers.download.open_url`): the download
   stops, and the connection is closed, once ``n`` lines have been
   decompressed (about 3 MB of the 2.8 GB for 11,000 rows).

Rows are checked before they are trusted: 29 finite numbers per row, a label
of 0 or 1. Rows read by 2 or 3 are written to the cache atomically (a
temporary file renamed into place), so an interrupted stream leaves no partial
cache; a cache placed by hand is checked the same way before it is pinned. The
full file itself is not checksummed here (that would mean reading all 2.8 GB;
``make data`` does it); the rows taken from it are pinned instead. In test
mode the rows come from the stand-in that ``helpers.download.fetch`` returns,
read by the same streaming code, and the data folder is not touched.

Example::

    rows = load_higgs_rows(11_000)          # (11000, 29) float32
    y, x = rows[:, 0], rows[:, 1:]
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import io
import zlib
from pathlib import Path

import numpy as np

from . import download, publish, settings
from .registry import find

FILENAME = "HIGGS.csv.gz"
N_COLUMNS = 29  # the label, then 28 features
# What a dropped or bad connection raises: URLError, socket/SSL errors and BadGzipFile are OSErrors,
# IncompleteRead an HTTPException, a gzip stream cut short EOFError.
_STREAM_ERRORS = (OSError, http.client.HTTPException, EOFError, ValueError, zlib.error)


def cache_path(n_rows: int, folder: Path | None = None) -> Path:
    """Where the first ``n_rows`` rows are cached: ``<data folder>/HIGGS_first_<n>_rows.csv.gz``."""
    return (folder or settings.data_dir()) / f"HIGGS_first_{n_rows}_rows.csv.gz"


def read_first_lines(raw, n_rows: int, progress=None) -> list[bytes]:
    """The first ``n_rows`` lines of the gzip stream ``raw`` (a binary file object), decompressed as read.

    Reading stops as soon as ``n_rows`` lines are out; ``raw`` is read in
    blocks of ~128 KB, so only a little past those lines is ever read.

    Example::

        with open("data/HIGGS.csv.gz", "rb") as f:
            lines = read_first_lines(f, 100)
    """
    lines = []
    with gzip.GzipFile(fileobj=raw, mode="rb") as text:
        for line in text:
            if not line.strip():
                continue
            lines.append(line if line.endswith(b"\n") else line + b"\n")
            if progress is not None:
                progress.update(1)
            if len(lines) == n_rows:
                break
    return lines


def parse_rows(lines: list[bytes], source: str) -> np.ndarray:
    """Lines of comma-separated floats -> a (len(lines), 29) float32 array (a DataError if malformed).

    Every value must be a finite number and every label 0 or 1, as in HIGGS.

    Example::

        >>> parse_rows([b"1," + b"0.5," * 27 + b"0.5\\n"], "example").shape
        (1, 29)
    """
    try:
        rows = np.loadtxt(io.BytesIO(b"".join(lines)), delimiter=",", dtype=np.float32, ndmin=2)
    except ValueError as error:
        raise download.BadFileError(f"{source} is not a HIGGS CSV file: {error}") from None
    if rows.shape[1] != N_COLUMNS:
        raise download.BadFileError(f"{source} has {rows.shape[1]} columns per row; HIGGS has {N_COLUMNS}")
    bad = ~np.isfinite(rows).all(axis=1) | ~np.isin(rows[:, 0], (0.0, 1.0))
    if bad.any():
        first = int(np.argmax(bad))
        raise download.BadFileError(
            f"{source} is not HIGGS: {int(bad.sum())} rows hold nan, inf or a label other than 0 and 1 "
            f"(the first is row {first + 1}: {lines[first][:80]!r})."
        )
    return rows


def _how_to_supply(n_rows: int, folder: Path, url: str) -> str:
    cache = cache_path(n_rows, folder)
    return (
        f"To supply the data by hand, on a machine with internet access either download\n"
        f"  {url}  (2.8 GB) into {folder}\n"
        f"or keep only the rows needed:\n"
        f"  curl -s {url} | gunzip | head -n {n_rows} | gzip > {cache.name}\n"
        f"and copy {cache.name} into {folder} (or set COURSE_DATA_DIR to the folder that holds it)."
    )


def _check_count(lines: list[bytes], n_rows: int, source: str, hint: str) -> None:
    if len(lines) < n_rows:
        raise download.DataUnavailableError(
            f"{source} ended after {len(lines)} rows; {n_rows} were asked for.\n{hint}"
        )


def _stream_from_url(remote, n_rows: int, folder: Path) -> list[bytes]:
    from tqdm.auto import tqdm

    url = remote.url
    try:
        with download.open_url(remote) as response:
            with tqdm(total=n_rows, unit=" rows", desc=f"{FILENAME} (first rows only)") as bar:
                return read_first_lines(response, n_rows, progress=bar)
    except download.DataUnavailableError as error:  # stalled, too slow, or an unsafe redirect
        raise type(error)(f"{error}\n" + _how_to_supply(n_rows, folder, url)) from None
    except _STREAM_ERRORS as error:
        if isinstance(error, OSError) and download._disk_full(error):
            raise download._local_error(error, folder, "write in") from None
        reason = download.network_reason(error)
        raise download.DataUnavailableError(
            f"Could not stream the first {n_rows} rows of {FILENAME} from {url} ({reason}).\n"
            f"Nothing was cached in {folder}.\n" + _how_to_supply(n_rows, folder, url)
        ) from None


def _read_local(path: Path, n_rows: int, remote) -> list[bytes]:
    url = remote.url
    try:
        size = path.stat().st_size
        if remote.length is not None and size != remote.length:
            raise download.ChecksumError(
                f"{path} is {size} bytes; the official {FILENAME} is {remote.length} bytes "
                f"({remote.checksum_source}): it is truncated or another file.\n"
                f"Delete it and run again to stream the rows from {url}."
            )
        with open(path, "rb") as f:
            return read_first_lines(f, n_rows)
    except (OSError, EOFError, zlib.error) as error:
        raise download.BadFileError(
            f"{path} could not be read as gzip ({error}): it is corrupt or not HIGGS.csv.gz.\n"
            f"Delete it and run again to stream the rows from {url}."
        ) from None


def write_cache(cache: Path, lines: list[bytes]) -> None:
    """Write ``lines`` gzipped to ``cache`` atomically, pinning its SHA-256 first.

    The pin goes first: a run stopped between the two leaves a pin with no
    cache (the rows are simply read again), never a cache trusted without a pin.
    """
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as f:
        f.writelines(lines)
    data = buffer.getvalue()
    download.pin_sha256(cache, hashlib.sha256(data).hexdigest())
    download.atomic_write_bytes(cache, data)


def read_cache(cache: Path, n_rows: int) -> tuple[list[bytes], str, bool]:
    """The lines of a cache file, its SHA-256 and whether it was pinned (ChecksumError if the pin differs).

    A cache placed by hand has no pin yet: the caller checks its rows before pinning it.
    """
    try:
        data = cache.read_bytes()
    except OSError as error:
        raise download._local_error(error, cache, "read") from None
    expected = download.pinned_sha256(cache)
    actual = hashlib.sha256(data).hexdigest()
    if expected is not None and actual != expected:
        raise download.ChecksumError(
            f"{cache} has the wrong checksum: it is corrupt or was changed after it was made.\n"
            f"  expected sha256 {expected} (pinned in {download.PINS_FILE} when the cache was written)\n"
            f"  found    sha256 {actual}\n"
            f"Delete {cache.name} and run again to read the rows afresh."
        )
    try:
        lines = read_first_lines(io.BytesIO(data), n_rows)
    except (OSError, EOFError, zlib.error) as error:
        raise download.BadFileError(f"{cache} is not a gzip file ({error}); delete it and run again.") from None
    if len(lines) != n_rows:
        raise download.BadFileError(f"{cache} holds {len(lines)} rows, not {n_rows}; delete it and run again.")
    return lines, actual, expected is not None


def load_higgs_rows(n_rows: int = 11_000) -> np.ndarray:
    """The first ``n_rows`` rows of HIGGS as a (n_rows, 29) float32 array: label, then 28 features.

    Example::

        rows = load_higgs_rows(11_000)
        x_train, y_train = rows[:10_000, 1:], rows[:10_000, 0]
    """
    if n_rows < 1:
        raise ValueError(f"n_rows must be at least 1, not {n_rows}")
    remote = find(FILENAME)
    if settings.is_test():
        path = download.fetch(FILENAME)  # a small stand-in of the same format
        with open(path, "rb") as f:
            lines = read_first_lines(f, n_rows)
        hint = "The test-mode stand-in is small: ask for fewer rows in test mode (helpers.by_mode)."
        _check_count(lines, n_rows, f"The stand-in {path}", hint)
        return parse_rows(lines, str(path))

    folder = settings.data_dir()
    if folder.exists() and not folder.is_dir():
        raise download.DataError(f"COURSE_DATA_DIR is {folder}, which is a file, not a folder.")
    cache = cache_path(n_rows, folder)
    download.pinned_sha256(cache)  # a damaged pin store is reported now, before any rows are streamed
    if cache.exists():
        lines, digest, pinned = read_cache(cache, n_rows)
        try:
            rows = parse_rows(lines, str(cache))
        except download.DataError as error:
            raise type(error)(f"{error}\nDelete {cache.name} and run again to read the rows afresh.") from None
        if not pinned:  # put there by hand and now checked: pin it (trust on first use)
            download.pin_sha256(cache, digest)
        publish.note_served(cache.name, cache, digest, f"data folder: the first {n_rows:,} rows of {FILENAME}")
        return rows
    full = folder / FILENAME
    if full.exists():
        lines = _read_local(full, n_rows, remote)
        source = str(full)
    else:
        lines = _stream_from_url(remote, n_rows, folder)
        source = remote.url
    hint = "The file is truncated, or not HIGGS.\n" + _how_to_supply(n_rows, folder, remote.url)
    _check_count(lines, n_rows, source, hint)
    rows = parse_rows(lines, source)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_cache(cache, lines)
    except (OSError, download.DataError) as error:
        print(f"Note: could not cache the rows in {cache} ({error}); they will be read again next time.")
    else:
        # the cache holds exactly the rows used, so its checksum identifies them for the banner
        publish.note_served(cache.name, cache, source=f"data folder: the first {n_rows:,} rows of {FILENAME}, just read")
    return rows
