"""Archives: safe extraction of a .zip, .tar or .tar.gz into a folder of its own.

Members are written one by one, never through a link; a member that would land
outside the folder, a link pointing anywhere but a file the archive made before
it, and device files are refused (:class:`UnsafeArchiveError`). The folder is
built in a hidden staging folder and renamed into place only when complete; its
``.extracted-from`` file says which archive it was made from.

Example::

    folder = extract(fetch("jena_climate_2009_2016.csv.zip"))   # data/jena_climate_2009_2016/
"""

from __future__ import annotations

import contextlib
import gzip
import os
import posixpath
import re
import shutil
import stat
import tarfile
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from . import settings
from .errors import BadFileError, DataError, UnsafeArchiveError, local_error
from .staging import STAGING_MARKER, clean_leftovers, lock

EXTRACTED_FROM = ".extracted-from"  # in an extracted folder: which archive it was made from
_CHUNK = 1 << 20


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
        raise local_error(error, folder.parent, "make the folder") from None
    with lock(folder) as locked:
        if _extracted_from(folder) == source:  # another process made it while we waited
            return folder
        clean_leftovers(folder.parent, folder.name, locked)
        if (folder.exists() or folder.is_symlink()) and _extracted_from(folder) is None:
            raise DataError(
                f"Cannot extract {archive.name} into {folder}: a folder of that name is already there and "
                f"was not made by extract() (it has no {EXTRACTED_FROM} file). It is left as it is.\n"
                f"Move or rename it, or pass another folder: extract(archive, 'somewhere/else')."
            )
        try:
            work = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".part"))
        except OSError as error:
            raise local_error(error, folder.parent, "make a staging folder in") from None
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
            raise local_error(error, folder, f"extract {archive.name} into") from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return folder
