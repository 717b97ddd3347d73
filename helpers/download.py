"""Verified, cached downloads and safe archive extraction.

A file is looked for in the data folder (``COURSE_DATA_DIR``, default
``data/``) under its official name; if it is there with the right checksum it
is used as is, with no network. Otherwise it is downloaded with a progress bar
to a temporary file, which is moved into place only once its checksum matches.

Example::

    path = fetch("imdb.npz")            # data/imdb.npz, verified
    folder = extract(fetch("jena_climate_2009_2016.csv.zip"))
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

from tqdm.auto import tqdm

from . import settings
from .registry import RemoteFile, find

PINS_FILE = ".pinned-sha256.json"
EXTRACTED_FROM = ".extracted-from"  # in an extracted folder: which archive it was made from
_CHUNK = 1 << 20


class DataError(Exception):
    """A dataset problem a person can fix; shown without a long traceback in notebooks."""

    def _render_traceback_(self):  # IPython shows this instead of the full traceback
        return [f"{type(self).__name__}: {line}" if i == 0 else line for i, line in enumerate(str(self).splitlines())]


class DataUnavailableError(DataError):
    """The file is not in the data folder and could not be downloaded."""


class ChecksumError(DataError):
    """A file's checksum is not the one in the registry (or the pinned one)."""


class UnsafeArchiveError(DataError):
    """An archive member would be written outside the target folder."""


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


def _expected(remote: RemoteFile, folder: Path) -> tuple[str, str, str] | None:
    """(algorithm, digest, where it comes from), or None when nothing is known yet."""
    if remote.checksum:
        return remote.algorithm, remote.digest, "registry"
    pinned = pinned_sha256(folder / remote.filename)
    return ("sha256", pinned, f"pinned on first use in {folder / PINS_FILE}") if pinned else None


def _read_pins(folder: Path) -> dict[str, str]:
    try:
        return json.loads((folder / PINS_FILE).read_text())
    except FileNotFoundError:
        return {}


def pinned_sha256(path: Path) -> str | None:
    """The SHA-256 pinned for ``path`` on first use, or None.

    Example::

        pinned_sha256(Path("data/seeds_dataset.txt"))   # '7a1c...' after the first download
    """
    return _read_pins(path.parent).get(path.name)


def pin_sha256(path: Path, digest: str | None = None) -> None:
    """Pin ``digest`` (default: the file's SHA-256) for ``path`` in the folder's ``.pinned-sha256.json``.

    A read-only folder (a shared mirror) cannot hold pins; that is not an error.

    Example::

        pin_sha256(Path("data/seeds_dataset.txt"))
    """
    pins = _read_pins(path.parent)
    pins[path.name] = digest or file_digest(path)
    try:
        atomic_write_text(path.parent / PINS_FILE, json.dumps(pins, indent=2, sort_keys=True) + "\n")
    except OSError:
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


def _mismatch(path: Path, remote: RemoteFile) -> str | None:
    """Lines describing a checksum mismatch, or None when the file is as expected."""
    expected = _expected(remote, path.parent)
    if expected is None:
        return None
    algorithm, digest, source = expected
    actual = file_digest(path, algorithm)
    if actual == digest:
        return None
    return f"  expected {algorithm} {digest} ({source})\n  found    {algorithm} {actual}"


def verify(path: Path, remote: RemoteFile) -> None:
    """Raise ChecksumError unless ``path`` has the checksum the registry (or a pin) expects.

    Example::

        verify(Path("data/mnist.npz"), find("mnist.npz"))
    """
    mismatch = _mismatch(path, remote)
    if mismatch:
        raise ChecksumError(
            f"{path} has the wrong checksum: it is truncated, corrupt or a different version.\n"
            f"{mismatch}\n"
            f"Delete it and run again to download it from {remote.url}, "
            f"or replace it by hand with the official file."
        )


def _missing_message(remote: RemoteFile, folder: Path, reason: str) -> str:
    checksum = remote.checksum or "unknown (the first good copy will be pinned)"
    return (
        f"{remote.filename} is not in {folder} and could not be downloaded ({reason}).\n"
        f"  URL:      {remote.url}\n"
        f"  checksum: {checksum}\n"
        f"Download it on a machine with internet access and copy it into {folder} "
        f"(or set COURSE_DATA_DIR to the folder that holds it), then run again."
    )


def _download(remote: RemoteFile, destination: Path) -> None:
    folder = destination.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{remote.filename}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        try:
            with urllib.request.urlopen(remote.url, timeout=30) as response, os.fdopen(fd, "wb") as out:
                total = int(response.headers.get("Content-Length") or 0) or None
                with tqdm(total=total, unit="B", unit_scale=True, desc=remote.filename) as bar:
                    for chunk in iter(lambda: response.read(_CHUNK), b""):
                        out.write(chunk)
                        bar.update(len(chunk))
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", None) or error
            raise DataUnavailableError(_missing_message(remote, folder, str(reason))) from None
        mismatch = _mismatch(tmp, remote)
        if mismatch:
            raise ChecksumError(
                f"The download of {remote.filename} from {remote.url} is corrupt; nothing was kept.\n"
                f"{mismatch}\nTry again later, or download it by hand and put it in {folder}."
            )
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a shared data folder should be readable
        os.replace(tmp, destination)
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
    folder = settings.data_dir()
    path = folder / filename
    if path.exists():
        verify(path, remote)
        if _expected(remote, folder) is None:
            pin_sha256(path)
        return path
    _download(remote, path)
    return path


def _member_target(folder: Path, name: str) -> Path:
    target = (folder / name).resolve()
    if target != folder and folder not in target.parents:
        raise UnsafeArchiveError(f"refusing to extract {name!r}: it would be written outside {folder}")
    return target


def extract(archive: Path, folder: Path | None = None) -> Path:
    """Extract a .zip, .tar or .tar.gz into ``folder`` (default: beside the archive) and return it.

    Every member is checked first: one that would land outside the folder (an
    absolute path, ``..``, or a link pointing out) is refused and nothing is
    written. Extraction happens in a temporary folder that is renamed into
    place only when complete, so an interrupted run leaves no half folder. The
    folder remembers which archive it came from (name, size, modification
    time): it is reused for that archive and extracted afresh for a new one.

    Example::

        folder = extract(fetch("jena_climate_2009_2016.csv.zip"))
    """
    archive = Path(archive)
    if folder is None:
        folder = archive.parent / archive.name.split(".")[0]
    folder = Path(folder).resolve()
    stat = archive.stat()
    source = f"{archive.name} {stat.st_size} {stat.st_mtime_ns}\n"
    marker = folder / EXTRACTED_FROM
    if marker.exists() and marker.read_text() == source:
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".part"))
    try:
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zf:
                for name in zf.namelist():
                    _member_target(staging, name)
                zf.extractall(staging)
        elif tarfile.is_tarfile(archive):
            with tarfile.open(archive) as tf:
                for member in tf.getmembers():
                    _member_target(staging, member.name)
                try:
                    # The "data" filter also refuses links that point outside the folder.
                    tf.extractall(staging, filter="data")
                except tarfile.FilterError as error:
                    raise UnsafeArchiveError(f"refusing to extract {archive}: {error}") from None
        else:
            raise DataError(f"{archive} is neither a zip nor a tar archive")
        (staging / EXTRACTED_FROM).write_text(source)
        if folder.exists():  # made from another archive, or by an interrupted older version
            stale = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".old"))
            os.replace(folder, stale / folder.name)
            shutil.rmtree(stale, ignore_errors=True)
        os.replace(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def main(argv=None) -> int:
    """``python -m helpers.download --all`` (``make data``): fetch files ahead of time."""
    import argparse

    from .registry import FILES

    parser = argparse.ArgumentParser(description="Download registered dataset files into COURSE_DATA_DIR.")
    parser.add_argument("files", nargs="*", help="file names from the registry (default: all with --all)")
    parser.add_argument("--all", action="store_true", help="every file in the registry")
    args = parser.parse_args(argv)
    names = sorted(FILES) if args.all else args.files
    if not names:
        parser.error("name some files, or pass --all")
    failed = []
    for name in names:
        try:
            print(f"{name}: {fetch(name)}")
        except (DataError, KeyError) as error:
            failed.append(name)
            print(f"{name}: FAILED\n{error}\n")
    print(f"{len(names) - len(failed)} of {len(names)} files are in {settings.data_dir()}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
