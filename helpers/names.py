"""The PyTorch tutorial's surnames in 18 languages: find the files, read them.

The data is looked for in this order:

1. an already extracted folder ``COURSE_DATA_DIR/names/`` holding the 18
   ``<Language>.txt`` files (full mode only; the course mirror has these);
2. the tutorial's ``data.zip``, fetched by :func:`helpers.download.fetch` and extracted
   beside it into ``data/``; its ``data/names/`` folder holds the same files (in test
   mode, the stand-in archive).

Example::

    data = find_names()
    print(data.source, len(data.names["Russian"]))
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import publish, settings
from .download import DataError, extract, fetch

EXTRACTED_FOLDER = "names"
ARCHIVE = "data.zip"
LANGUAGES = ("Arabic", "Chinese", "Czech", "Dutch", "English", "French", "German", "Greek", "Irish", "Italian",
             "Japanese", "Korean", "Polish", "Portuguese", "Russian", "Scottish", "Spanish", "Vietnamese")


@dataclass
class NamesData:
    """The names of each language and where they were read from."""

    folder: Path
    source: str  # a sentence: where the files came from
    names: dict[str, list[str]]


def read_folder(folder: Path, source: str = "") -> NamesData:
    """Read ``<Language>.txt`` (UTF-8, one name per line) for the 18 languages in ``folder``.

    Example::

        read_folder(Path("data/names")).names["Korean"][:3]
    """
    absent = [language for language in LANGUAGES if not (Path(folder) / f"{language}.txt").is_file()]
    if absent:
        raise DataError(f"{folder} lacks {', '.join(f'{a}.txt' for a in absent)}: expected the 18 files of the "
                        f"PyTorch tutorial's data/names/ folder. Put them there, or delete the folder to use {ARCHIVE}.")
    names = {}
    for language in LANGUAGES:
        path = Path(folder) / f"{language}.txt"
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as error:
            raise DataError(f"{path} is not UTF-8 text ({error}): replace it with the tutorial's file.") from error
        names[language] = [line.strip() for line in lines if line.strip()]
    return NamesData(Path(folder), source, names)


def find_names() -> NamesData:
    """Locate the files (see the module docstring) and read them.

    Example::

        data = find_names(); sum(len(v) for v in data.names.values())   # 20074 on the real data
    """
    folder = settings.data_dir() / EXTRACTED_FOLDER
    if not settings.is_test() and folder.is_dir():
        data = read_folder(folder, f"the extracted folder {settings.shown(folder)}")
        publish.note_folder(folder)  # for a published copy's banner (an archive is noted by fetch())
        return data
    archive = fetch(ARCHIVE)
    root = extract(archive, archive.parent / "names_data")
    inner = root / "data" / "names"
    if not inner.is_dir():
        raise DataError(f"{archive} has no data/names/ folder: it is not the PyTorch tutorial's data.zip. "
                        "Delete it and run again.")
    return read_folder(inner, f"the archive {archive.name} in {settings.shown(archive.parent)}")
