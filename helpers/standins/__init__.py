"""Small stand-in data for test mode, in the same on-disk format as the real files.

``make(filename)`` writes the stand-in for a registered file under
``build/standin-data/`` and returns its path; ``helpers.download.fetch`` calls
it in test mode, so a notebook's own loading and parsing code runs unchanged.
Every generator is deterministic (fixed seed) and makes data a model can learn,
so that the notebooks' assertions mean something on it.

Example::

    >>> make("boston_housing.npz").name
    'boston_housing.npz'
"""

from __future__ import annotations

import filecmp
import importlib
import os
import pkgutil
import tempfile
from pathlib import Path

from .. import settings
from ..staging import lock

# Each module here (keras_sets, uci, ...) holds a GENERATORS dict: file name -> writer(path).
GENERATORS = {}
for _module in pkgutil.iter_modules(__path__):
    GENERATORS.update(importlib.import_module(f"{__name__}.{_module.name}").GENERATORS)


def folder() -> Path:
    """Where stand-in files are written: ``build/standin-data``."""
    return settings.build_dir() / "standin-data"


def make(filename: str) -> Path:
    """Write the stand-in for ``filename`` (atomically) and return its path.

    Example::

        path = make("mnist.npz")
    """
    if filename not in GENERATORS:
        raise NotImplementedError(
            f"There is no test-mode stand-in for {filename} yet: add a generator to helpers/standins/."
        )
    target = folder() / filename
    target.parent.mkdir(parents=True, exist_ok=True)
    # One process at a time per file (make test runs notebooks in parallel, and several read the
    # same stand-in): the second one then finds an identical file and leaves it, and its
    # modification time, alone, so nobody's extracted copy is swapped out under a reader.
    with lock(target):
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{filename}.", suffix=".part")
        os.close(fd)
        try:
            GENERATORS[filename](Path(tmp))
            # Keep an identical file as it is: its unchanged modification time lets extract()
            # reuse what it extracted from it, instead of extracting again on every fetch.
            if not (target.exists() and filecmp.cmp(tmp, target, shallow=False)):
                os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
    return target
