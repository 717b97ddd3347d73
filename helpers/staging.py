"""Staging: files and folders are made under hidden ``.part`` names and moved into place whole.

A reader of the data folder sees the old file or the new one, never half of one.
Here are the atomic writes, the lock that keeps two processes from working on the
same file or folder at once, and the clean-up of the ``.part`` files and staging
folders that a killed process left behind. Downloading and extraction both use them.

Example::

    atomic_write_text(Path("build/results/week01.json"), "{}")
    with lock(Path("data/imdb.npz")) as locked:      # False where locks are not available
        clean_leftovers(Path("data"), "imdb.npz", locked)
        ...                                          # write .imdb.npz.<random>.part, then os.replace
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from .errors import local_error

try:  # POSIX; elsewhere (Windows) there is no lock, see lock()
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

STAGING_MARKER = ".made-by-helpers-download"  # in a staging folder: ours to delete if left behind
# Hidden leftovers of a killed process are removed at once when we hold the file's lock, or when
# they are this old where locks are not available.
STALE_SECONDS = 3600.0
_PART_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")  # what tempfile.mkstemp/mkdtemp make for us


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


@contextlib.contextmanager
def lock(target: Path):
    """Hold an exclusive lock on ``target`` (a file ``.<name>.lock`` beside it) while working on it.

    Yields True when the lock is held. Where locks are not available (Windows, some network
    filesystems) it yields False and nothing keeps two processes apart: run one at a time there.

    Example::

        with lock(Path("data/imdb.npz")) as locked:
            ...
    """
    lock_path = target.parent / f".{target.name}.lock"
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise local_error(error, lock_path, "create the lock file") from None
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


def clean_leftovers(folder: Path, name: str, locked: bool) -> None:
    """Remove the ``.part`` files and staging folders for ``name`` that a killed process left in ``folder``.

    Only what this module makes is touched: hidden ``.<name>.<8 random characters>.part`` files,
    and folders of that name holding the staging marker.

    Example::

        clean_leftovers(Path("data"), "imdb.npz", locked=True)   # while holding lock(data/imdb.npz)
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


def sweep(folder: Path) -> None:
    """Remove hidden ``.part`` files in ``folder`` that have not been written for STALE_SECONDS.

    Example::

        sweep(Path("data"))
    """
    try:
        entries = list(folder.glob(".*.part"))
    except OSError:
        return
    for path in entries:
        if _PART_NAME.match(path.name) and path.is_file() and not path.is_symlink() and _is_stale(path, False):
            with contextlib.suppress(OSError):
                path.unlink()
