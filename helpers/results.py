"""Recording a notebook's key numbers beside the syllabus' reference values.

Each call of :func:`record` rewrites ``build/results/<notebook>.json`` with
every number recorded so far, the mode, the backend and the wall time since
``helpers.setup``; ``make run`` gathers these files into ``build/RESULTS.md``.

Example::

    record("test accuracy", test_acc, reference="≈ 0.88")

References are written so that a machine can check them (:func:`parse_reference`,
:func:`check`): ``"≈ 0.88"``, ``"0.70–0.72"``, ``"≥ 0.9"``, ``"≤ 2.5"``, a bare
number, or free text where no number fits. ``python -m helpers.run`` marks every
full-run number in ``build/RESULTS.md`` as meeting or missing its reference.
"""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from . import settings
from .download import atomic_write_text

#: The tolerance of "≈": 5 % of the reference (see :func:`parse_reference` for why).
RELATIVE_TOLERANCE = 0.05

_NUMBER = r"[-+−]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+−]?\d+)?"
# What may follow the number(s): a unit ("GB", "°C", "%", "epochs") and a remark in brackets.
_TAIL = r"\s*(?P<unit>%|°C|[A-Za-z]{1,8})?\s*(?:\((?P<remark>[^()]*)\))?\s*"
_APPROX = r"(?:≈|~|about|approximately|approx\.?)"
_BOUND = r"(?:≥|>=|≤|<=|<|>|at least|at most)"
_RANGE = re.compile(
    rf"^\s*(?P<approx>{_APPROX})?\s*(?P<low>{_NUMBER})\s*(?:–|—|-|to)\s*(?P<high>{_NUMBER}){_TAIL}$", re.IGNORECASE
)
_SINGLE = re.compile(
    rf"^\s*(?:(?P<approx>{_APPROX})|(?P<bound>{_BOUND}))?\s*(?P<number>{_NUMBER}){_TAIL}$", re.IGNORECASE
)


@dataclass(frozen=True)
class Reference:
    """A reference as a machine reads it: the values that meet it lie in [low, high].

    ``kind`` is "approx", "range", "at least", "at most", "below", "above", "text"
    (no number could be read; ``low`` and ``high`` are then None) or "none" (no reference).
    """

    kind: str
    low: float | None = None
    high: float | None = None
    text: str = ""

    def check(self, value) -> str:
        """"meets" or "misses" for a number; "text" when this reference or the value is not a number,
        "no reference" when there is none."""
        if self.kind == "none":
            return "no reference"
        if self.kind == "text" or isinstance(value, bool) or not isinstance(value, (int, float)):
            return "text"
        if math.isnan(value):
            return "misses"
        if self.kind == "below":
            return "meets" if value < self.high else "misses"
        if self.kind == "above":
            return "meets" if value > self.low else "misses"
        low = -math.inf if self.low is None else self.low
        high = math.inf if self.high is None else self.high
        return "meets" if low <= value <= high else "misses"


def _number(text: str) -> tuple[float, float]:
    """The number written in ``text`` and half a unit of its last digit ("2.5" -> (2.5, 0.05))."""
    decimal = Decimal(text.replace("−", "-"))
    return float(decimal), 0.5 * 10.0 ** decimal.as_tuple().exponent


def _tolerance(number: str) -> float:
    value, half_digit = _number(number)
    return max(RELATIVE_TOLERANCE * abs(value), half_digit)


def parse_reference(reference) -> Reference:
    """Read a reference the way :func:`check` uses it.

    - ``"≈ 2.5"`` (also ``"~ 2.5"``, ``"about 2.5"``) and a bare number (``2.41`` or
      ``"0.181"``) mean *within 5 % of the number, or within half a unit of its last
      written digit if that is wider*. Why: a reference is one run of the book or the
      logbook, rounded; a rerun with other seeds, another backend or library version
      moves a trained network's accuracy or error by a few per cent (measured on the real
      files: the seeds accuracy over 100 stratified splits has a standard deviation of
      0.031, 3 % of its mean; the Boston final test MAE over five seeds 0.04 for the
      64-64-1 ReLU network and 0.23 for the 64-64-64 ELU one, 1.5 % and 9 % of their
      means), so a tighter band would flag ordinary reruns and a looser one would hide
      real differences. Half a digit alone ("≈ 8" -> 7.5 to 8.5) covers the rounding of
      small counts such as an epoch number.
      So "≈ 2.5" is met by 2.375 to 2.625, "≈ 0.19" by 0.1805 to 0.1995 and "≈ 8" by 7.5 to 8.5.
    - ``"0.70–0.72"`` (en dash; also a hyphen, an em dash or "to") is met by 0.70 to 0.72
      inclusive; ``"≈ 0.79–0.80"`` widens each end by the tolerance above (0.7505 to 0.84).
    - ``"≥ 0.9"``, ``">= 0.9"``, ``"at least 0.9"`` are met by 0.9 and more; ``"≤ 2.5"``,
      ``"<= 2.5"``, ``"at most 2.5"`` by 2.5 and less; ``"< 1e-6"`` and ``"> 0.5"`` are strict.
    - A unit and a remark in brackets may follow: ``"< 3 GB"``, ``"≈ 2.4 (book's baseline)"``.
      References are in the recorded value's units, except that ``"%"`` means hundredths
      (``"≥ 90 %"`` is ``"≥ 0.9"``), as the notebooks record accuracies as fractions.
    - Anything else (``"near zero"``, ``"overfits after ~4 epochs"``) is ``kind="text"``:
      allowed where no number fits, and never marked as met or missed.

    Example::

        >>> parse_reference("≈ 2.5")
        Reference(kind='approx', low=2.375, high=2.625, text='≈ 2.5')
        >>> parse_reference("0.70–0.72").check(0.715)
        'meets'
        >>> parse_reference("≤ 2.5").check(2.75)
        'misses'
        >>> parse_reference("near zero").kind
        'text'
    """
    if reference is None or (isinstance(reference, str) and not reference.strip()):
        return Reference("none", text="")
    if isinstance(reference, bool):
        return Reference("text", text=str(reference))
    if isinstance(reference, (int, float)):
        reference = repr(reference)  # the digits as written in the notebook give the half-digit tolerance
    text = str(reference)
    match = _RANGE.match(text)
    if match:
        (low, _), (high, _) = _number(match["low"]), _number(match["high"])
        scale = 0.01 if match["unit"] == "%" else 1.0
        if match["approx"]:
            low, high = low - _tolerance(match["low"]), high + _tolerance(match["high"])
        low, high = low * scale, high * scale
        return Reference("range", min(low, high), max(low, high), text) if low != high else Reference("approx", low, high, text)
    match = _SINGLE.match(text)
    if not match:
        return Reference("text", text=text)
    value, _ = _number(match["number"])
    scale = 0.01 if match["unit"] == "%" else 1.0
    bound = (match["bound"] or "").lower()
    if bound in ("≥", ">=", "at least"):
        return Reference("at least", value * scale, None, text)
    if bound in ("≤", "<=", "at most"):
        return Reference("at most", None, value * scale, text)
    if bound == "<":
        return Reference("below", None, value * scale, text)
    if bound == ">":
        return Reference("above", value * scale, None, text)
    tolerance = _tolerance(match["number"])
    return Reference("approx", (value - tolerance) * scale, (value + tolerance) * scale, text)


def check(value, reference) -> str:
    """Does a full-run ``value`` meet its ``reference``? "meets", "misses", "text" or "no reference".

    "text" means there is nothing to check: a text-only reference, or a value that is
    not a number.

    Example::

        >>> check(2.75, "≈ 2.5")
        'misses'
        >>> check(0.94, "≥ 0.9")
        'meets'
    """
    return parse_reference(reference).check(value)


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
    """Write one DataFrame, or a dict of sheet name -> DataFrame, to ``build/<filename>``; say where.

    The line printed names the file relative to the repository (:func:`helpers.settings.shown`),
    so that an executed copy read elsewhere does not show this machine's folders.

    Example::

        save_spreadsheet({"sigmoid": table_sigmoid, "tanh": table_tanh}, "week05_xor.xlsx")
        # prints: wrote build/week05_xor.xlsx (sheets: sigmoid, tanh)
    """
    import pandas as pd

    path = settings.build_dir() / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    sheets = tables if isinstance(tables, dict) else {"table": tables}
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for sheet, frame in sheets.items():
            frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    print(f"wrote {settings.shown(path)} (sheets: {', '.join(sheet[:31] for sheet in sheets)})")
    return path
