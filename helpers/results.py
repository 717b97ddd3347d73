"""Recording a notebook's key numbers beside the syllabus' reference values.

Each call of :func:`record` rewrites ``build/results/<notebook>.json`` with
every number recorded so far, the mode, the backend and the wall time since
``helpers.setup``; ``make run`` gathers these files into ``build/RESULTS.md``.

Example::

    record("test accuracy", test_acc, reference="≈ 0.88")
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from . import settings
from .download import atomic_write_text

_run = {"notebook": None, "started": None, "records": {}}


def start(notebook: str) -> None:
    """Begin recording for ``notebook`` (``helpers.setup`` calls this)."""
    _run.update(notebook=notebook, started=time.perf_counter(), records={})


def results_file(notebook: str) -> Path:
    """Where a notebook's results are written: ``build/results/<notebook>.json``."""
    return settings.build_dir() / "results" / f"{notebook}.json"


def record(name: str, value, reference: str | float | None = None, note: str = "") -> None:
    """Record one result of this notebook, with the syllabus' reference value beside it.

    Recording the same name again replaces the earlier value.

    Example::

        record("cost after 70 epochs", float(costs[-1]), reference=0.083)
    """
    if _run["notebook"] is None:
        raise RuntimeError("call helpers.setup('<notebook name>') in the first cell before recording results")
    if hasattr(value, "item"):
        value = value.item()  # NumPy and backend scalars become plain numbers in the JSON
    _run["records"][name] = {"name": name, "value": value, "reference": reference, "note": note}
    payload = {
        "notebook": _run["notebook"],
        "mode": settings.mode(),
        "backend": settings.backend(),
        "wall_time_s": round(time.perf_counter() - _run["started"], 1),
        "records": list(_run["records"].values()),
    }
    atomic_write_text(results_file(_run["notebook"]), json.dumps(payload, indent=2, default=str) + "\n")


def save_spreadsheet(tables, filename: str) -> Path:
    """Write one DataFrame, or a dict of sheet name -> DataFrame, to ``build/<filename>``.

    Example::

        save_spreadsheet({"sigmoid": table_sigmoid, "tanh": table_tanh}, "week05_xor.xlsx")
    """
    import pandas as pd

    path = settings.build_dir() / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    sheets = tables if isinstance(tables, dict) else {"table": tables}
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for sheet, frame in sheets.items():
            frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return path
