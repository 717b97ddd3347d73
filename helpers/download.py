"""Verified, cached downloads and safe archive extraction.

A file is looked for in the data folder (``COURSE_DATA_DIR``, default
``data/``) under its official name; if it is there with the right size and
checksum it is used as is, with no network. Otherwise it is downloaded with a
progress bar to a hidden ``.part`` file, which is moved into place only once
its size and checksum match. Where no checksum is published, the first copy is
pinned (trust on first use), but only after it has passed format checks: not
empty, not an HTML page, the whole archive readable, the CSV rows complete.

What can go wrong is reported with one of this module's errors, each naming
the file and what to do: :class:`DataUnavailableError` (offline, a server
error, a download cut short, stalled or too slow), :class:`ChecksumError`,
:class:`BadFileError` (not the expected format), :class:`UnsafeDownloadError`
(a redirect to plain http or to a host the registry does not name),
:class:`UnsafeArchiveError`, :class:`DiskFullError` and :class:`PinStoreError`.

Example::

    path = fetch("imdb.npz")            # data/imdb.npz, verified
    folder = extract(fetch("jena_climate_2009_2016.csv.zip"))
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import hashlib
import http.client
import io
import json
import os
import posixpath
import re
import shutil
import stat
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from tqdm.auto import tqdm

from . import settings
from .registry import RemoteFile, find

try:  # POSIX; elsewhere (Windows) there is no lock, see _lock
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

PINS_FILE = ".pinned-sha256.json"
EXTRACTED_FROM = ".extracted-from"  # in an extracted folder: which archive it was made from
STAGING_MARKER = ".made-by-helpers-download"  # in a staging folder: ours to delete if left behind
_CHUNK = 1 << 20
# A download that brings fewer than STALL_BYTES in STALL_SECONDS is abandoned (one byte every
# 20 s would otherwise be waited on forever); none may take longer than DEADLINE_SECONDS in all.
STALL_SECONDS = 60.0
STALL_BYTES = 16 * 1024
DEADLINE_SECONDS: float | None = None  # None: COURSE_DOWNLOAD_TIMEOUT (seconds), else 6 hours
# Hidden leftovers of a killed process are removed at once when we hold the file's lock, or when
# they are this old where locks are not available.
STALE_SECONDS = 3600.0
_PART_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")  # what tempfile.mkstemp/mkdtemp make for us


class DataError(Exception):
    """A dataset problem a person can fix; shown without a long traceback in notebooks."""

    def _render_traceback_(self):  # IPython shows this instead of the full traceback
        return [f"{type(self).__name__}: {line}" if i == 0 else line for i, line in enumerate(str(self).splitlines())]


class DataUnavailableError(DataError):
    """The file is not in the data folder and could not be downloaded."""


class DownloadTimeoutError(DataUnavailableError):
    """A download stalled, or took longer than the deadline."""


class UnsafeDownloadError(DataUnavailableError):
    """The server redirected to plain http, or to a host the registry does not name."""


class ChecksumError(DataError):
    """A file's size or checksum is not the one in the registry (or the pinned one)."""


class BadFileError(DataError):
    """A file is not what its name says (empty, an HTML page, a truncated archive or CSV)."""


class UnsafeArchiveError(DataError):
    """An archive member or link would be written outside the target folder, or is a device file."""


class DiskFullError(DataError):
    """The disk holding the data folder is full."""


class PinStoreError(DataError):
    """The data folder's ``.pinned-sha256.json`` is damaged."""


def file_digest(path: Path, algorithm: str = "sha256") -> str:
    """The hex digest of a file, read in 1 MB chunks.

    Example::

        >>> file_digest(Path("data/README.md"))[:8]   # doctest: +SKIP
        '3f2a9c1e'
    """
    digest = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _disk_full(error: OSError) -> bool:
    return error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def _local_error(error: OSError, path: Path, doing: str) -> DataError:
    """A DataError for an OSError met while ``doing`` something with ``path`` on this machine."""
    if _disk_full(error):
        return DiskFullError(
            f"The disk is full: could not {doing} {path} ({error.strerror}).\n"
            f"Free some space, or set COURSE_DATA_DIR to a folder on a disk with more room, then run again."
        )
    if isinstance(error, PermissionError) or error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DataError(
            f"Could not {doing} {path}: permission denied or read-only ({error.strerror}).\n"
            f"Set COURSE_DATA_DIR to a folder you can write to (or put the file there by hand), then run again."
        )
    if isinstance(error, IsADirectoryError):
        return DataError(f"Could not {doing} {path}: it is a folder, not a file. Move it away and run again.")
    if isinstance(error, NotADirectoryError | FileExistsError):
        return DataError(
            f"Could not {doing} {path}: a file stands where a folder is needed ({error}).\n"
            f"Check COURSE_DATA_DIR: it must name a folder, not a file."
        )
    return DataError(f"Could not {doing} {path}: {error}")


def _data_folder() -> Path:
    """The data folder, made if need be (a clear DataError if it is a file or cannot be made)."""
    folder = settings.data_dir()
    if folder.exists() and not folder.is_dir():
        raise DataError(
            f"COURSE_DATA_DIR is {folder}, which is a file, not a folder.\n"
            f"Point COURSE_DATA_DIR at a folder (it is made if missing), then run again."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _local_error(error, folder, "make the data folder") from None
    return folder


# --- pins (trust on first use) -------------------------------------------------------------


def _read_pins(folder: Path) -> dict[str, str]:
    path = folder / PINS_FILE
    try:
        text = path.read_text()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise PinStoreError(f"{path} cannot be read ({error}). Delete it or fix its permissions.") from None
    problem = None
    try:
        pins = json.loads(text)
    except ValueError as error:
        pins, problem = None, f"it is not valid JSON: {error}"
    if problem is None and not (
        isinstance(pins, dict)
        and all(isinstance(k, str) and isinstance(v, str) and re.fullmatch(r"[0-9a-f]{64}", v) for k, v in pins.items())
    ):
        problem = "it should map file names to SHA-256 hex digests"
    if problem:
        raise PinStoreError(
            f"{path} is damaged: {problem}.\n"
            f"It records the checksums pinned on first use. Delete it (or fix it by hand) and run again: "
            f"files without a published checksum are then checked and pinned afresh."
        )
    return pins


def pinned_sha256(path: Path) -> str | None:
    """The SHA-256 pinned for ``path`` on first use, or None (PinStoreError if the pin store is damaged).

    Example::

        pinned_sha256(Path("data/glove.6B.zip"))   # '7a1c...' after the first download
    """
    return _read_pins(path.parent).get(path.name)


def pin_sha256(path: Path, digest: str | None = None) -> None:
    """Pin ``digest`` (default: the file's SHA-256) for ``path`` in the folder's ``.pinned-sha256.json``.

    A read-only folder (a shared mirror) cannot hold pins; that is not an error.

    Example::

        pin_sha256(Path("data/glove.6B.zip"))
    """
    pins = _read_pins(path.parent)
    pins[path.name] = digest or file_digest(path)
    try:
        atomic_write_text(path.parent / PINS_FILE, json.dumps(pins, indent=2, sort_keys=True) + "\n")
    except (OSError, DataError):
        pass


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old file or the new one, never half of it.

    Example::

        atomic_write_bytes(Path("data/HIGGS_first_11000_rows.csv.gz"), payload)
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a shared data folder should be readable
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def atomic_write_text(path: Path, text: str) -> None:
    """Write a text file atomically (see :func:`atomic_write_bytes`).

    Example::

        atomic_write_text(Path("build/results/week01.json"), "{}")
    """
    atomic_write_bytes(path, text.encode())


# --- locks and leftovers -------------------------------------------------------------------


@contextlib.contextmanager
def _lock(target: Path):
    """Hold an exclusive lock on ``target`` (a file ``.<name>.lock`` beside it) while working on it.

    Yields True when the lock is held. Where locks are not available (Windows, some network
    filesystems) it yields False and nothing keeps two processes apart: run one at a time there.
    """
    lock_path = target.parent / f".{target.name}.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise _local_error(error, lock_path, "create the lock file") from None
    try:
        held = False
        if fcntl is not None:
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    print(f"Waiting for another process working on {target.name} ...", flush=True)
                    fcntl.flock(fd, fcntl.LOCK_EX)
                held = True
            except OSError:  # no locks on this filesystem
                held = False
        yield held
    finally:
        os.close(fd)  # releases the lock


def _is_stale(path: Path, locked: bool) -> bool:
    if locked:  # we hold the lock of its target: whoever made it is gone
        return True
    try:
        return time.time() - path.stat().st_mtime > STALE_SECONDS
    except OSError:
        return False


def _clean_leftovers(folder: Path, name: str, locked: bool) -> None:
    """Remove the ``.part`` files and staging folders for ``name`` that a killed process left in ``folder``.

    Only what this module makes is touched: hidden ``.<name>.<8 random characters>.part`` files,
    and folders of that name holding the staging marker.
    """
    pattern = re.compile(rf"^\.{re.escape(name)}\.[a-z0-9_]{{8}}\.part$")
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for path in entries:
        if not pattern.match(path.name) or path.is_symlink() or not _is_stale(path, locked):
            continue
        with contextlib.suppress(OSError):
            if path.is_dir():
                if (path / STAGING_MARKER).is_file():
                    shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink()


def _sweep(folder: Path) -> None:
    """Remove hidden ``.part`` files in ``folder`` that have not been written for STALE_SECONDS."""
    try:
        entries = list(folder.glob(".*.part"))
    except OSError:
        return
    for path in entries:
        if _PART_NAME.match(path.name) and path.is_file() and not path.is_symlink() and _is_stale(path, False):
            with contextlib.suppress(OSError):
                path.unlink()


# --- checks --------------------------------------------------------------------------------


def _expected(remote: RemoteFile, folder: Path) -> tuple[str, str, str] | None:
    """(algorithm, digest, where it comes from), or None when nothing is known yet."""
    if remote.checksum:
        return remote.algorithm, remote.digest, f"registry: {remote.checksum_source}"
    pinned = pinned_sha256(folder / remote.filename)
    return ("sha256", pinned, f"pinned on first use in {folder / PINS_FILE}") if pinned else None


def _size_problem(path: Path, remote: RemoteFile) -> str | None:
    size = path.stat().st_size
    if remote.length is not None and size != remote.length:
        return f"  expected {remote.length} bytes (the published size, in the registry)\n  found    {size} bytes"
    return None


def _mismatch(path: Path, remote: RemoteFile) -> str | None:
    """Lines describing a size or checksum mismatch, or None when the file is as expected."""
    size = _size_problem(path, remote)
    if size:
        return size
    expected = _expected(remote, path.parent)
    if expected is None:
        return None
    algorithm, digest, source = expected
    actual = file_digest(path, algorithm)
    if actual == digest:
        return None
    return f"  expected {algorithm} {digest} ({source})\n  found    {algorithm} {actual}"


def _drop_pin_hint(remote: RemoteFile, folder: Path) -> str:
    if remote.checksum:
        return ""
    return (
        f"\nThe expected checksum was pinned from the first copy seen here. If that copy was bad and this "
        f"one is the official file, drop the pin: delete the line \"{remote.filename}\" from "
        f"{folder / PINS_FILE} (or delete that file), then run again."
    )


def verify(path: Path, remote: RemoteFile) -> None:
    """Raise ChecksumError unless ``path`` has the size and checksum the registry (or a pin) expects.

    Example::

        verify(Path("data/mnist.npz"), find("mnist.npz"))
    """
    try:
        mismatch = _mismatch(path, remote)
    except OSError as error:
        raise _local_error(error, path, "read") from None
    if mismatch:
        raise ChecksumError(
            f"{path} has the wrong {'size' if 'bytes' in mismatch else 'checksum'}: it is truncated, corrupt "
            f"or a different version.\n"
            f"{mismatch}\n"
            f"Delete it and run again to download it from {remote.url}, "
            f"or replace it by hand with the official file." + _drop_pin_hint(remote, path.parent)
        )


_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


def check_format(path: Path, filename: str | None = None, label: str | None = None) -> None:
    """Raise BadFileError unless ``path`` looks like a complete file of the kind its name says.

    Used before a file without a published checksum is pinned: it must not be empty or an HTML
    page; a zip or tar(.gz) must read to the end with every CRC right; a .gz must decompress to
    the end; a CSV's last row must have as many fields as its header.

    Example::

        check_format(Path("data/glove.6B.zip"))
    """
    name = (filename or path.name).lower()
    label = label or str(path)  # how messages name the file
    size = path.stat().st_size
    if size == 0:
        raise BadFileError(f"{label} is empty.")
    with open(path, "rb") as f:
        head = f.read(4096)
    if _HTML.match(head) and not name.endswith((".html", ".htm")):
        raise BadFileError(
            f"{label} is an HTML page, not {filename or path.name}: a login page, a captive portal "
            f"(hotel or campus Wi-Fi) or a server's error page was saved instead of the data."
        )
    try:
        if name.endswith((".zip", ".npz")):
            with zipfile.ZipFile(path) as zf:
                bad = zf.testzip()
            if bad is not None:
                raise BadFileError(f"{label} is corrupt: the zip member {bad!r} fails its CRC check.")
        elif name.endswith((".tar.gz", ".tgz", ".tar")):
            with tarfile.open(path, "r:*") as tf:
                for member in tf:
                    if member.isreg():
                        with tf.extractfile(member) as f:
                            while f.read(_CHUNK):
                                pass
        elif name.endswith(".gz"):
            with gzip.open(path, "rb") as f:
                while f.read(_CHUNK):
                    pass
        elif name.endswith(".json"):
            json.loads(path.read_bytes())
        elif name.endswith(".h5") and not head.startswith(b"\x89HDF\r\n\x1a\n"):
            raise BadFileError(f"{label} is not an HDF5 file.")
        elif name.endswith((".csv", ".txt")):
            _check_text(path, name.endswith(".csv"), label)
    except BadFileError:
        raise
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile, ValueError) as error:
        kind = name.rsplit(".", 2)[-2:] if name.endswith(".tar.gz") else name.rsplit(".", 1)[-1:]
        raise BadFileError(
            f"{label} is not a complete .{'.'.join(kind)} file ({type(error).__name__}: {error}): "
            f"it is truncated or corrupt."
        ) from None


def _check_text(path: Path, csv: bool, label: str) -> None:
    with open(path, "rb") as f:
        data = f.read()
    if b"\x00" in data:
        raise BadFileError(f"{label} holds NUL bytes: it is not a text file.")
    lines = [line for line in data.splitlines() if line.strip()]
    if csv and lines:
        delimiter = max((b",", b";", b"\t"), key=lines[0].count)
        first, last = lines[0].count(delimiter), lines[-1].count(delimiter)
        if len(lines) < 2 or first != last:
            raise BadFileError(
                f"{label} looks truncated: its last row has {last + 1} fields, its header {first + 1}."
            )


# --- downloading ---------------------------------------------------------------------------


def allowed_hosts(remote: RemoteFile) -> set[str]:
    """The hosts a download of ``remote`` may be redirected to: its URL's host and those the registry names."""
    return {urllib.parse.urlsplit(remote.url).hostname.lower(), *(h.lower() for h in remote.hosts)}


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects only within https (http may become https, never the reverse) and known hosts."""

    def __init__(self, remote: RemoteFile):
        super().__init__()
        self.remote = remote

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        problem = None
        if old.scheme == "https" and new.scheme != "https":
            problem = f"it redirected from https to plain {new.scheme} ({newurl}), which anyone on the way could alter"
        elif (new.hostname or "").lower() not in allowed_hosts(self.remote):
            problem = f"it redirected to {new.hostname}, a host the registry does not name for this file ({newurl})"
        if problem:
            fp.close()
            raise UnsafeDownloadError(
                f"Refused to download {self.remote.filename} from {self.remote.url}: {problem}.\n"
                f"Nothing was kept. If the publisher really moved the file, download it by hand from a "
                f"trusted source into {settings.data_dir()}, or add the new host to the entry's `hosts` "
                f"in helpers/registry.py."
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _urlopen(remote: RemoteFile, timeout: float):
    """Open ``remote.url`` with the safe redirect rules (the one place that touches the network)."""
    opener = urllib.request.build_opener(_SafeRedirects(remote))
    return opener.open(remote.url, timeout=timeout)


def _deadline() -> float:
    if DEADLINE_SECONDS is not None:
        return DEADLINE_SECONDS
    value = os.environ.get("COURSE_DOWNLOAD_TIMEOUT") or "21600"
    try:
        return float(value)
    except ValueError:
        raise DataError(f"COURSE_DOWNLOAD_TIMEOUT must be a number of seconds, not {value!r}.") from None


class GuardedStream(io.RawIOBase):
    """A response read under a deadline and a stall limit (DownloadTimeoutError when either is passed).

    Example::

        with open_url(find("HIGGS.csv.gz")) as stream:
            first = stream.read(100)
    """

    def __init__(self, response, remote: RemoteFile, deadline: float | None = None):
        self.response, self.remote = response, remote
        self.deadline = _deadline() if deadline is None else deadline
        self.start = self.window_start = time.monotonic()
        self.window_bytes = 0
        self.bytes_read = 0

    def readable(self):
        return True

    def _check(self):
        now = time.monotonic()
        if now - self.start > self.deadline:
            raise DownloadTimeoutError(
                f"Gave up on {self.remote.filename} from {self.remote.url}: not finished after "
                f"{self.deadline:.0f} s ({self.bytes_read} bytes arrived). Nothing was kept.\n"
                f"Try again later, set COURSE_DOWNLOAD_TIMEOUT (seconds) to wait longer, or download it "
                f"by hand into {settings.data_dir()}."
            )
        if now - self.window_start >= STALL_SECONDS:
            if self.window_bytes < STALL_BYTES:
                raise DownloadTimeoutError(
                    f"Gave up on {self.remote.filename} from {self.remote.url}: the download stalled "
                    f"({self.window_bytes} bytes in the last {now - self.window_start:.0f} s, "
                    f"{self.bytes_read} in all). Nothing was kept.\n"
                    f"Try again later, or download it by hand into {settings.data_dir()}."
                )
            self.window_start, self.window_bytes = now, 0

    def readinto(self, buffer):
        self._check()
        read = getattr(self.response, "read1", None) or self.response.read
        data = read(min(len(buffer), _CHUNK))
        n = len(data)
        buffer[:n] = data
        self.bytes_read += n
        self.window_bytes += n
        if n:
            self._check()
        return n

    def close(self):
        try:
            self.response.close()
        finally:
            super().close()


def open_url(remote: RemoteFile) -> GuardedStream:
    """Open the official URL of ``remote`` with safe redirects, a stall limit and a deadline.

    Network failures are raised as they come (OSError, http.client.HTTPException); the caller
    turns them into a message with :func:`network_reason`.

    Example::

        with open_url(find("HIGGS.csv.gz")) as stream:
            head = stream.read(1024)
    """
    deadline = _deadline()  # a bad COURSE_DOWNLOAD_TIMEOUT is reported before connecting
    response = _urlopen(remote, timeout=STALL_SECONDS)
    return GuardedStream(response, remote, deadline)


def network_reason(error: BaseException) -> str:
    """A short, plain reason for a network failure (for messages)."""
    if isinstance(error, http.client.IncompleteRead):
        return f"the connection broke off mid-transfer after {len(error.partial)} bytes of a chunk"
    if isinstance(error, http.client.BadStatusLine | http.client.LineTooLong):
        return f"the server's reply is not HTTP ({type(error).__name__}: {str(error)[:80]!r})"
    if isinstance(error, http.client.HTTPException):
        return f"the server's reply was broken ({type(error).__name__}: {error})"
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        return str(error.reason)
    if isinstance(error, TimeoutError):
        return f"no answer within {STALL_SECONDS:.0f} s"
    return str(error) or type(error).__name__


def _missing_message(remote: RemoteFile, folder: Path, reason: str) -> str:
    checksum = remote.checksum or "unknown (the first good copy will be pinned)"
    return (
        f"{remote.filename} is not in {folder} and could not be downloaded ({reason}).\n"
        f"  URL:      {remote.url}\n"
        f"  checksum: {checksum}\n"
        f"Download it on a machine with internet access and copy it into {folder} "
        f"(or set COURSE_DATA_DIR to the folder that holds it), then run again."
    )


def _write(out, chunk: bytes, path: Path) -> None:
    try:
        out.write(chunk)
    except OSError as error:
        raise _local_error(error, path, "write") from None


def _transfer(remote: RemoteFile, tmp: Path, fd: int, folder: Path) -> None:
    """Stream the download into ``tmp``; every failure becomes a DataError."""
    try:
        with os.fdopen(fd, "wb") as out, open_url(remote) as stream:
            headers = stream.response.headers
            total = int(headers.get("Content-Length") or 0) or None
            html = "html" in (headers.get("Content-Type") or "").lower()
            # Where a checksum is published it decides; a server's Content-Type alone is not trusted.
            if html and remote.checksum is None and not remote.filename.endswith(".html"):
                raise BadFileError(
                    f"The server sent an HTML page instead of {remote.filename} ({remote.url}): a login page, "
                    f"a captive portal or an error page. Nothing was kept. Check the network (log in to the "
                    f"Wi-Fi portal) and run again, or download the file by hand into {folder}."
                )
            needed = total or remote.length
            if needed and shutil.disk_usage(folder).free < needed:
                raise DiskFullError(
                    f"The disk holding {folder} has {shutil.disk_usage(folder).free} bytes free; "
                    f"{remote.filename} needs {needed}. Free some space, or set COURSE_DATA_DIR to a folder "
                    f"on a disk with more room, then run again."
                )
            with tqdm(total=total, unit="B", unit_scale=True, desc=remote.filename) as bar:
                for chunk in iter(lambda: stream.read(_CHUNK), b""):
                    _write(out, chunk, tmp)
                    bar.update(len(chunk))
            got = stream.bytes_read
        if total is not None and got != total:
            raise DataUnavailableError(
                _missing_message(remote, folder, f"the download was cut short: {got} of {total} bytes arrived")
            )
    except DataError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as error:
        if isinstance(error, OSError) and _disk_full(error):
            raise _local_error(error, tmp, "write") from None
        raise DataUnavailableError(_missing_message(remote, folder, network_reason(error))) from None


def _download(remote: RemoteFile, destination: Path) -> None:
    folder = destination.parent
    with _lock(destination) as locked:
        if destination.exists():  # another process finished it while we waited
            verify(destination, remote)
            return
        _clean_leftovers(folder, destination.name, locked)
        try:
            fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{remote.filename}.", suffix=".part")
        except OSError as error:
            raise _local_error(error, folder, "write a temporary file in") from None
        tmp = Path(tmp_name)
        try:
            _transfer(remote, tmp, fd, folder)
            mismatch = _mismatch(tmp, remote)
            if mismatch:
                with open(tmp, "rb") as f:
                    page = _HTML.match(f.read(4096))
                what = "an HTML page (a login page, captive portal or error page)" if page else "corrupt"
                raise ChecksumError(
                    f"The download of {remote.filename} from {remote.url} is {what}; nothing was kept.\n"
                    f"{mismatch}\nTry again later, or download it by hand and put it in {folder}."
                    + _drop_pin_hint(remote, folder)
                )
            if remote.checksum is None:
                try:
                    check_format(tmp, remote.filename, label=f"The download of {remote.filename} from {remote.url}")
                except BadFileError as error:
                    raise BadFileError(
                        f"{error} Nothing was kept.\nTry again later, or download it by hand and put it in {folder}."
                    ) from None
            os.chmod(tmp, 0o644)  # mkstemp makes it private; a shared data folder should be readable
            os.replace(tmp, destination)
        except OSError as error:
            raise _local_error(error, destination, "save") from None
        finally:
            tmp.unlink(missing_ok=True)
        if remote.checksum is None:
            pin_sha256(destination)


def fetch(filename: str) -> Path:
    """The local path of a registered file, verified; downloaded first if need be.

    In test mode (``COURSE_MODE=test``) it returns a small stand-in file of the
    same format that ``helpers.standins`` generates, and never touches the data
    folder or the network.

    Example::

        path = fetch("mnist.npz")
    """
    remote = find(filename)
    if settings.is_test():
        from . import standins

        return standins.make(filename)
    folder = _data_folder()
    _sweep(folder)
    path = folder / filename
    expected = _expected(remote, folder)  # a damaged pin store is reported before any download
    if path.is_dir():
        raise DataError(
            f"{path} is a folder, but {filename} should be a file there.\n"
            f"Move or rename that folder (extracted archives go to a folder named without the extension), "
            f"then run again."
        )
    if path.exists():
        verify(path, remote)
        if expected is None:  # placed by hand, no published checksum: check it before trusting it
            try:
                check_format(path, filename)
            except BadFileError as error:
                raise BadFileError(
                    f"{error}\n{filename} was placed in {folder} by hand and is not usable: delete it and run "
                    f"again to download it from {remote.url}, or replace it with the official file."
                ) from None
            except OSError as error:
                raise _local_error(error, path, "read") from None
            pin_sha256(path)
        return path
    _download(remote, path)
    return path


# --- extraction ----------------------------------------------------------------------------


def _member_path(name: str, archive: Path) -> PurePosixPath | None:
    """The safe relative path of an archive member, None for the archive's root, else UnsafeArchiveError."""
    clean = name.replace("\\", "/")
    if "\x00" in clean or clean.startswith("/") or re.match(r"^[A-Za-z]:", clean):
        raise UnsafeArchiveError(
            f"Refusing to extract {archive}: member {name!r} has an absolute name that would be written "
            f"outside the folder. Nothing was extracted. The archive is not the official one: delete it."
        )
    parts = [p for p in clean.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise UnsafeArchiveError(
            f"Refusing to extract {archive}: member {name!r} climbs out with '..' and would be written "
            f"outside the folder. Nothing was extracted. The archive is not the official one: delete it."
        )
    return PurePosixPath(*parts) if parts else None


def _make_dirs(tree: Path, rel: PurePosixPath) -> Path:
    """Make ``tree/rel`` as real folders (never through a link) and return it."""
    here = tree
    for part in rel.parts:
        here = here / part
        try:
            os.mkdir(here, 0o755)
        except FileExistsError:
            if not stat.S_ISDIR(os.lstat(here).st_mode):
                raise UnsafeArchiveError(f"archive member folder {str(rel)!r} clashes with a file of that name")
    return here


def _write_member(tree: Path, rel: PurePosixPath, source, mode: int) -> None:
    parent = _make_dirs(tree, rel.parent)
    target = parent / rel.name
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags, 0o755 if mode & 0o111 else 0o644)
    except IsADirectoryError:
        raise UnsafeArchiveError(f"archive member {str(rel)!r} clashes with a folder of that name") from None
    with os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(source, out, _CHUNK)


def _link_source(member: tarfile.TarInfo, rel: PurePosixPath, files: set, archive: Path) -> PurePosixPath:
    """The earlier regular-file member a tar link may be copied from, else UnsafeArchiveError."""
    kind = "hard link" if member.islnk() else "symbolic link"
    link = member.linkname.replace("\\", "/")
    if member.issym():
        if link.startswith("/"):
            target = None
        else:
            target = posixpath.normpath(posixpath.join(str(rel.parent), link))
            target = None if target == ".." or target.startswith("../") else target
    else:
        target = None if link.startswith("/") or ".." in link.split("/") else posixpath.normpath(link)
    if target is None:
        raise UnsafeArchiveError(
            f"Refusing to extract {archive}: {kind} {member.name!r} points outside the folder "
            f"({member.linkname!r}). Nothing was extracted. The archive is not the official one: delete it."
        )
    target_rel = PurePosixPath(target)
    if target_rel not in files:
        raise UnsafeArchiveError(
            f"Refusing to extract {archive}: {kind} {member.name!r} points at {member.linkname!r}, which is "
            f"not a file extracted before it from this archive (a folder, a link or something outside). "
            f"Nothing was extracted."
        )
    return target_rel


def _extract_tar(archive: Path, tree: Path) -> None:
    files: set[PurePosixPath] = set()
    with tarfile.open(archive, "r:*") as tf:
        for member in tf:  # streamed, one member at a time
            rel = _member_path(member.name, archive)
            if rel is None:
                continue
            if member.isdir():
                _make_dirs(tree, rel)
            elif member.isreg():
                with tf.extractfile(member) as source:
                    _write_member(tree, rel, source, member.mode)
                files.add(rel)
            elif member.islnk() or member.issym():
                # Links are written as copies of a file this archive made before: never a link on disk,
                # so no later member can be written through one (CVE-2025-4517 and its kin).
                target = _link_source(member, rel, files, archive)
                with open(tree.joinpath(*target.parts), "rb") as source:
                    _write_member(tree, rel, source, member.mode)
                files.add(rel)
            else:
                raise UnsafeArchiveError(
                    f"Refusing to extract {archive}: member {member.name!r} is a device file or a pipe, "
                    f"which a dataset never holds. Nothing was extracted."
                )
            if member.isreg() or member.islnk() or member.issym():
                with contextlib.suppress(OSError):
                    os.utime(tree.joinpath(*rel.parts), (member.mtime, member.mtime))


def _extract_zip(archive: Path, tree: Path) -> None:
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            rel = _member_path(info.filename, archive)
            if rel is None:
                continue
            mode = info.external_attr >> 16  # Unix type and permission bits, where the zip has them
            if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
                raise UnsafeArchiveError(
                    f"Refusing to extract {archive}: member {info.filename!r} is a link or a special file, "
                    f"which this course's zips never hold. Nothing was extracted."
                )
            if info.is_dir():
                _make_dirs(tree, rel)
            else:
                with zf.open(info) as source:
                    _write_member(tree, rel, source, mode)


def _extracted_from(folder: Path) -> str | None:
    """The marker an earlier extract() left in ``folder`` (None if it is not a folder it made)."""
    if folder.is_symlink() or not folder.is_dir():
        return None
    try:
        return (folder / EXTRACTED_FROM).read_text()
    except OSError:
        return None


def _check_target(archive: Path, folder: Path) -> None:
    data = settings.data_dir()
    protected = {archive.resolve().parent: "the folder that holds the archive", data: "the data folder"}
    for path, what in protected.items():
        if folder == path or folder in path.parents:
            raise DataError(
                f"Refusing to extract {archive.name} into {folder}: that is {what} (or holds it), and "
                f"extracting replaces the whole folder. Pass a folder of its own, e.g. "
                f"extract(archive, {str(archive.parent / archive.name.split('.')[0])!r})."
            )
    if folder.exists() and not folder.is_dir():
        raise DataError(f"Cannot extract {archive.name} into {folder}: it is a file. Move it away and run again.")


def extract(archive: Path, folder: Path | None = None) -> Path:
    """Extract a .zip, .tar or .tar.gz into ``folder`` (default: beside the archive) and return it.

    Members are written one by one by this function, never through a link: a member
    whose name is absolute or holds ``..``, a link that points outside or at anything
    but a file the archive made before it, and device files are refused
    (UnsafeArchiveError), whatever the Python version. Links are written as copies.
    Extraction happens in a hidden staging folder that is renamed into place only
    when complete, under a lock so that two processes do not extract at once. The
    folder remembers which archive it came from (name, size, modification time): it
    is reused for that archive and made afresh for a new one. A folder this function
    did not make is never replaced or deleted.

    Example::

        folder = extract(fetch("jena_climate_2009_2016.csv.zip"))
    """
    archive = Path(archive)
    if folder is None:
        folder = archive.parent / archive.name.split(".")[0]
    folder = Path(folder).resolve()
    try:
        status = archive.stat()
    except OSError as error:
        raise DataError(f"Cannot extract {archive}: {error.strerror or error}.") from None
    if stat.S_ISDIR(status.st_mode):
        raise DataError(f"Cannot extract {archive}: it is a folder, not an archive.")
    source = f"{archive.name} {status.st_size} {status.st_mtime_ns}\n"
    _check_target(archive, folder)
    if _extracted_from(folder) == source:
        return folder
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _local_error(error, folder.parent, "make the folder") from None
    with _lock(folder) as locked:
        if _extracted_from(folder) == source:  # another process made it while we waited
            return folder
        _clean_leftovers(folder.parent, folder.name, locked)
        if (folder.exists() or folder.is_symlink()) and _extracted_from(folder) is None:
            raise DataError(
                f"Cannot extract {archive.name} into {folder}: a folder of that name is already there and "
                f"was not made by extract() (it has no {EXTRACTED_FROM} file). It is left as it is.\n"
                f"Move or rename it, or pass another folder: extract(archive, 'somewhere/else')."
            )
        try:
            work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".part"))
        except OSError as error:
            raise _local_error(error, folder.parent, "make a staging folder in") from None
        try:
            (work / STAGING_MARKER).write_text(f"{archive}\n")
            tree = work / "tree"
            tree.mkdir()
            name = archive.name.lower()
            is_zip = name.endswith(".zip") or (
                not name.endswith((".tar", ".tar.gz", ".tgz")) and zipfile.is_zipfile(archive)
            )
            try:
                if is_zip:
                    _extract_zip(archive, tree)
                else:
                    _extract_tar(archive, tree)
            except UnsafeArchiveError as error:
                message = str(error)
                if not message.startswith("Refusing"):
                    message = f"Refusing to extract {archive}: {message}. Nothing was extracted."
                raise UnsafeArchiveError(message) from None
            except (tarfile.TarError, zipfile.BadZipFile, EOFError, zlib.error, gzip.BadGzipFile) as error:
                raise BadFileError(
                    f"{archive} is truncated, corrupt or not a {'zip' if is_zip else 'tar'} archive "
                    f"({type(error).__name__}: {error}). Nothing was extracted.\n"
                    f"Delete it and run again to download it afresh."
                ) from None
            (tree / EXTRACTED_FROM).write_text(source)
            if folder.exists():  # made by us from another archive: swap it out whole
                os.replace(folder, work / "old")
            os.replace(tree, folder)
        except OSError as error:
            raise _local_error(error, folder, f"extract {archive.name} into") from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return folder


# --- make data -----------------------------------------------------------------------------


def main(argv=None) -> int:
    """``python -m helpers.download --all`` (``make data``): fetch files ahead of time.

    Every file is tried, whatever happens to the others; a summary at the end says
    which are there and which failed, and why.
    """
    import argparse

    from .registry import FILES

    parser = argparse.ArgumentParser(description="Download registered dataset files into COURSE_DATA_DIR.")
    parser.add_argument("files", nargs="*", help="file names from the registry (default: all with --all)")
    parser.add_argument("--all", action="store_true", help="every file in the registry")
    args = parser.parse_args(argv)
    names = sorted(FILES) if args.all else args.files
    if not names:
        parser.error("name some files, or pass --all")
    ok, failed = [], []
    for name in names:
        try:
            path = fetch(name)
        except Exception as error:  # noqa: BLE001 - one file's failure must not stop the others
            message = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
            failed.append((name, type(error).__name__, message))
            print(f"{name}: FAILED\n{type(error).__name__}: {message}\n", flush=True)
        else:
            ok.append((name, path))
            print(f"{name}: {path}", flush=True)
    print(f"\nSummary for {settings.data_dir()}:")
    for name, path in ok:
        print(f"  ok      {name} ({path.stat().st_size} bytes)")
    for name, kind, message in failed:
        first = message.splitlines()[0] if message else ""
        print(f"  FAILED  {name}: {kind}: {first[:200] + ' ...' if len(first) > 200 else first}")
    print(f"{len(ok)} of {len(names)} files are in {settings.data_dir()}; {len(failed)} failed.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
