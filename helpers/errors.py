"""The data layer's errors: :class:`DataError` and its subclasses, one per kind of problem.

Each error's message names the file and what to do; in a notebook only the
message is shown, not a long traceback. :func:`local_error` turns an OSError met
on this machine (disk full, read-only folder, a file where a folder should be)
into one of them.

Example::

    try:
        path = fetch("imdb.npz")
    except DataUnavailableError as error:   # offline: the message says where to get the file
        print(error)

    raise local_error(error, Path("data/imdb.npz"), "write")   # DiskFullError if the disk is full
"""

from __future__ import annotations

import errno
from pathlib import Path


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


def disk_full(error: OSError) -> bool:
    """Whether ``error`` says the disk (or the quota) is full.

    Example::

        disk_full(OSError(errno.ENOSPC, "No space left on device"))   # True
    """
    return error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def local_error(error: OSError, path: Path, doing: str) -> DataError:
    """A DataError for an OSError met while ``doing`` something with ``path`` on this machine.

    Example::

        except OSError as error:
            raise local_error(error, path, "write") from None
    """
    if disk_full(error):
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
