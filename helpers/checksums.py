"""Checksums: what a data file's size and SHA-256 should be, and whether it has them.

The expected checksum comes from the registry where one is published; otherwise
the first good copy is pinned (trust on first use) in the data folder's
``.pinned-sha256.json``, and later copies must match the pin.

Example::

    file_digest(Path("data/imdb.npz"))               # 'a1b2...'
    pinned_sha256(Path("data/glove.6B.zip"))         # the pin, or None before the first download
    verify(Path("data/mnist.npz"), find("mnist.npz"))   # ChecksumError if size or checksum differ
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .errors import ChecksumError, DataError, PinStoreError, local_error
from .registry import RemoteFile
from .staging import atomic_write_text

PINS_FILE = ".pinned-sha256.json"
_CHUNK = 1 << 20


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


def folder_files(folder: Path) -> list[tuple[str, Path]]:
    """Every file under ``folder`` as (relative POSIX name, path), sorted by name; hidden names skipped.

    Hidden files and folders (``.made-from``, a lock, a staging folder) are bookkeeping, not data.
    Names sort by code point, which for UTF-8 is the byte order of ``LC_ALL=C sort``.

    Example::

        [name for name, _ in folder_files(Path("data/names"))][:2]   # ['Arabic.txt', 'Chinese.txt']
    """
    folder = Path(folder)
    files = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            files.append((relative.as_posix(), path))
    return sorted(files, key=lambda item: item[0])


def folder_digest(folder: Path) -> tuple[int, int, str]:
    """(number of files, total bytes, SHA-256) of a folder's files and names, as a banner lists it.

    The SHA-256 is that of the ``sha256sum`` listing of the files (``<sha256>  <name>`` lines,
    names relative to the folder, sorted), so a reader can recompute it without Python::

        cd FOLDER && find . -mindepth 1 -name '.*' -prune -o -type f -print | sed 's#^\\./##' \\
            | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum

    It changes when a file is added, removed, renamed or changed. Reading every byte of the 4,000
    images (91 MB) of ``cats_and_dogs_small`` took 0.5 s to 3.6 s on the course's 2-core machine.

    Example::

        folder_digest(Path("data/names"))   # (18, 163860, 'b94c636b...')
    """
    listing = hashlib.sha256()
    count = total = 0
    for name, path in folder_files(folder):
        listing.update(f"{file_digest(path)}  {name}\n".encode())
        count += 1
        total += path.stat().st_size
    return count, total, listing.hexdigest()


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


def expected_digest(remote: RemoteFile, folder: Path) -> tuple[str, str, str] | None:
    """(algorithm, digest, where it comes from), or None when nothing is known yet.

    Example::

        expected_digest(find("mnist.npz"), Path("data"))   # ('sha256', '731c...', 'registry: ...')
    """
    if remote.checksum:
        return remote.algorithm, remote.digest, f"registry: {remote.checksum_source}"
    pinned = pinned_sha256(folder / remote.filename)
    return ("sha256", pinned, f"pinned on first use in {folder / PINS_FILE}") if pinned else None


def _size_problem(path: Path, remote: RemoteFile) -> str | None:
    size = path.stat().st_size
    if remote.length is not None and size != remote.length:
        return f"  expected {remote.length} bytes (the published size, in the registry)\n  found    {size} bytes"
    return None


def mismatch(path: Path, remote: RemoteFile) -> str | None:
    """Lines describing a size or checksum mismatch, or None when the file is as expected.

    Example::

        mismatch(Path("data/mnist.npz"), find("mnist.npz"))   # None, or "  expected ...\n  found ..."
    """
    size = _size_problem(path, remote)
    if size:
        return size
    expected = expected_digest(remote, path.parent)
    if expected is None:
        return None
    algorithm, digest, source = expected
    actual = file_digest(path, algorithm)
    if actual == digest:
        return None
    return f"  expected {algorithm} {digest} ({source})\n  found    {algorithm} {actual}"


def drop_pin_hint(remote: RemoteFile, folder: Path) -> str:
    """For a file checked against a pin: how to drop a pin taken from a bad copy ("" for a published checksum).

    Example::

        raise ChecksumError(f"... {problem}" + drop_pin_hint(remote, folder))
    """
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
        problem = mismatch(path, remote)
    except OSError as error:
        raise local_error(error, path, "read") from None
    if problem:
        raise ChecksumError(
            f"{path} has the wrong {'size' if 'bytes' in problem else 'checksum'}: it is truncated, corrupt "
            f"or a different version.\n"
            f"{problem}\n"
            f"Delete it and run again to download it from {remote.url}, "
            f"or replace it by hand with the official file." + drop_pin_hint(remote, path.parent)
        )
