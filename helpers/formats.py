"""Formats: whether a file is a complete file of the kind its name says.

Used before a file without a published checksum is trusted: it must not be
empty or an HTML page (a login page or captive portal saved in place of the
data), an archive must read to the end, a CSV's last row must be whole.

Example::

    check_format(Path("data/glove.6B.zip"))      # BadFileError if truncated or corrupt
    looks_like_html(b"<!DOCTYPE html><html>")    # True
"""

from __future__ import annotations

import gzip
import json
import re
import tarfile
import zipfile
import zlib
from pathlib import Path

from .errors import BadFileError

_CHUNK = 1 << 20
_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of a file are those of an HTML page.

    Example::

        looks_like_html(b"<!DOCTYPE html><html>")   # True
    """
    return _HTML.match(head) is not None


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
    if looks_like_html(head) and not name.endswith((".html", ".htm")):
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
