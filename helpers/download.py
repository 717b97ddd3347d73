"""Verified, cached downloads: :func:`fetch` a registered file, and ``make data``.

A file is looked for in the data folder (``COURSE_DATA_DIR``, default
``data/``) under its official name; if it is there with the right size and
checksum it is used as is, with no network. Otherwise it is downloaded with a
progress bar to a hidden ``.part`` file, which is moved into place only once
its size and checksum match. Where no checksum is published, the first copy is
pinned (trust on first use), but only after it has passed format checks: not
empty, not an HTML page, the whole archive readable, the CSV rows complete.

The parts live in modules of their own, and the names notebooks use are
re-exported here: the errors in :mod:`helpers.errors`, checksums and pins in
:mod:`helpers.checksums`, format checks in :mod:`helpers.formats`, the network
(safe redirects, stall limit, deadline) in :mod:`helpers.network`, atomic writes
and locks in :mod:`helpers.staging`, and safe extraction in :mod:`helpers.archives`.

What can go wrong is reported with one of those errors, each naming the file
and what to do: :class:`DataUnavailableError` (offline, a server error, a
download cut short, stalled or too slow), :class:`ChecksumError`,
:class:`BadFileError` (not the expected format), :class:`UnsafeDownloadError`
(a redirect to plain http or to a host the registry does not name),
:class:`UnsafeArchiveError`, :class:`DiskFullError` and :class:`PinStoreError`.

Example::

    path = fetch("imdb.npz")            # data/imdb.npz, verified
    folder = extract(fetch("jena_climate_2009_2016.csv.zip"))
"""

from __future__ import annotations

import http.client
import os
import shutil
import tempfile
from pathlib import Path

from tqdm.auto import tqdm

from . import settings
from .archives import EXTRACTED_FROM, extract
from .checksums import (
    PINS_FILE, drop_pin_hint, expected_digest, file_digest, mismatch, pin_sha256, pinned_sha256, verify,
)
from .errors import (
    BadFileError, ChecksumError, DataError, DataUnavailableError, DiskFullError, DownloadTimeoutError,
    PinStoreError, UnsafeArchiveError, UnsafeDownloadError, disk_full, local_error,
)
from .formats import check_format, looks_like_html
from .network import GuardedStream, _SafeRedirects, allowed_hosts, network_reason, open_url
from .registry import RemoteFile, find
from .staging import STAGING_MARKER, atomic_write_bytes, atomic_write_text, clean_leftovers, lock, sweep

# The names these helpers had before they moved to helpers.errors (helpers.higgs and tests use them).
_local_error, _disk_full = local_error, disk_full

__all__ = [
    "EXTRACTED_FROM", "PINS_FILE", "STAGING_MARKER", "BadFileError", "ChecksumError", "DataError",
    "DataUnavailableError", "DiskFullError", "DownloadTimeoutError", "GuardedStream", "PinStoreError",
    "UnsafeArchiveError", "UnsafeDownloadError", "allowed_hosts", "atomic_write_bytes", "atomic_write_text",
    "check_format", "extract", "fetch", "file_digest", "main", "network_reason", "open_url", "pin_sha256",
    "pinned_sha256", "verify",
]
_CHUNK = 1 << 20


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
        raise local_error(error, folder, "make the data folder") from None
    return folder


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
        raise local_error(error, path, "write") from None


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
        if isinstance(error, OSError) and disk_full(error):
            raise local_error(error, tmp, "write") from None
        raise DataUnavailableError(_missing_message(remote, folder, network_reason(error))) from None


def _download(remote: RemoteFile, destination: Path) -> None:
    folder = destination.parent
    with lock(destination) as locked:
        if destination.exists():  # another process finished it while we waited
            verify(destination, remote)
            return
        clean_leftovers(folder, destination.name, locked)
        try:
            fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{remote.filename}.", suffix=".part")
        except OSError as error:
            raise local_error(error, folder, "write a temporary file in") from None
        tmp = Path(tmp_name)
        try:
            _transfer(remote, tmp, fd, folder)
            problem = mismatch(tmp, remote)
            if problem:
                with open(tmp, "rb") as f:
                    page = looks_like_html(f.read(4096))
                what = "an HTML page (a login page, captive portal or error page)" if page else "corrupt"
                raise ChecksumError(
                    f"The download of {remote.filename} from {remote.url} is {what}; nothing was kept.\n"
                    f"{problem}\nTry again later, or download it by hand and put it in {folder}."
                    + drop_pin_hint(remote, folder)
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
            raise local_error(error, destination, "save") from None
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

        return _served(filename, standins.make(filename), None, "stand-in")
    folder = _data_folder()
    sweep(folder)
    path = folder / filename
    expected = expected_digest(remote, folder)  # a damaged pin store is reported before any download
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
                raise local_error(error, path, "read") from None
            pin_sha256(path)
        return _served(filename, path, expected, "data folder")
    _download(remote, path)
    return _served(filename, path, expected, "downloaded")


def _served(filename: str, path: Path, expected, source: str) -> Path:
    # make publish lists the files a run read, with checksums, in the published copy's banner
    from .publish import note_served

    note_served(filename, path, expected[1] if expected and expected[0] == "sha256" else None, source)
    return path


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
