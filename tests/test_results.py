import doctest
import json
import math

import pytest

from helpers import results, run
from helpers.results import check, parse_reference


@pytest.mark.parametrize(
    "reference, kind, low, high",
    [
        ("≈ 2.5", "approx", 2.375, 2.625),  # 5 % of 2.5 is wider than half a digit (0.05)
        ("≈ 8", "approx", 7.5, 8.5),  # half a unit of the last digit is wider than 5 % of 8
        ("~ 0.88", "approx", 0.836, 0.924),
        ("about 9 (the book retrains for 9)", "approx", 8.5, 9.5),
        ("≈ 2.4 (book's baseline)", "approx", 2.28, 2.52),
        (2.41, "approx", 2.2895, 2.5305),
        ("0.181", "approx", 0.17195, 0.19005),
        (8, "approx", 7.5, 8.5),
        ("0.70–0.72", "range", 0.70, 0.72),
        ("0.70-0.72", "range", 0.70, 0.72),
        ("0.70 — 0.72", "range", 0.70, 0.72),
        ("2 to 3", "range", 2, 3),
        ("≈ 0.79–0.80", "range", 0.79 - 0.0395, 0.80 + 0.04),
        ("≥ 0.9", "at least", 0.9, None),
        (">= 0.9", "at least", 0.9, None),
        ("at least 0.9", "at least", 0.9, None),
        ("≥ 90 %", "at least", 0.9, None),
        ("≤ 2.5", "at most", None, 2.5),
        ("<= 0.177", "at most", None, 0.177),
        ("At most 2.5", "at most", None, 2.5),
        ("< 1e-6", "below", None, 1e-6),
        ("< 3 GB", "below", None, 3),
        ("> -1.5", "above", -1.5, None),
    ],
)
def test_references_are_read_as_numbers(reference, kind, low, high):
    parsed = parse_reference(reference)
    assert parsed.kind == kind
    for got, expected in ((parsed.low, low), (parsed.high, high)):
        assert (got is None and expected is None) or math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-15)


@pytest.mark.parametrize(
    "reference",
    ["near zero", "overfits after ~4 epochs", "logbook: not reached by epoch 37, still falling", "stuck near 0.2"],
)
def test_references_without_a_number_to_check_are_text(reference):
    assert parse_reference(reference).kind == "text"
    assert check(0.5, reference) == "text"


@pytest.mark.parametrize("reference", [None, "", "  "])
def test_a_missing_reference_is_said_so(reference):
    assert parse_reference(reference).kind == "none"
    assert check(0.5, reference) == "no reference"


@pytest.mark.parametrize(
    "value, reference, verdict",
    [
        (2.75, "≈ 2.5", "misses"),
        (2.6, "≈ 2.5", "meets"),
        (2.36, "≈ 2.4 (book's baseline)", "meets"),
        (0.7, "0.70–0.72", "meets"),  # a range includes its ends
        (0.7201, "0.70–0.72", "misses"),
        (0.9, "≥ 0.9", "meets"),
        (0.899, "≥ 0.9", "misses"),
        (2.5, "≤ 2.5", "meets"),
        (1e-6, "< 1e-6", "misses"),  # strict
        (3e-11, "< 1e-6", "meets"),
        (9, "about 9 (the book retrains for 9)", "meets"),
        (11, "about 9 (the book retrains for 9)", "misses"),
        (0.1826, 0.181, "meets"),
        (float("nan"), "≈ 2.5", "misses"),
        ("1 hidden layer of 3 ReLU", "≈ 3", "text"),  # a value that is not a number
        (True, "≥ 0.5", "text"),
    ],
)
def test_values_meet_or_miss_their_reference(value, reference, verdict):
    assert check(value, reference) == verdict


def test_docstring_examples_hold():
    for module in (results, run):
        failures, tried = doctest.testmod(module)
        assert tried > 0 and failures == 0


def test_report_marks_full_runs_and_leaves_test_runs_unchecked(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_BUILD_DIR", str(tmp_path))
    for notebook, mode in (("week05_boston_housing", "full"), ("week03_from_scratch", "test")):
        file = results.results_file(notebook)
        file.parent.mkdir(parents=True, exist_ok=True)
        records = [
            {"name": "test MAE", "value": 2.75, "reference": "≈ 2.5", "note": ""},
            {"name": "K-fold MAE", "value": 2.36, "reference": "≈ 2.4", "note": ""},
            {"name": "best epoch", "value": 40, "reference": "overfits early", "note": ""},
            {"name": "majority class", "value": 0.5, "reference": None, "note": ""},
        ]
        file.write_text(json.dumps({"notebook": notebook, "mode": mode, "backend": "tensorflow", "records": records}))
    report = run.write_report(
        [
            {"notebook": "week05_boston_housing", "seconds": 60.0, "failure": None},
            {"notebook": "week03_from_scratch", "seconds": 9.0, "failure": None},
        ],
        "full",
    )
    rows = [line.split(" | ") for line in report.read_text().splitlines() if line.startswith("| week")]
    assert [row[4] for row in rows] == ["misses", "meets", "text", "no reference"] + ["not checked: test mode"] * 4


def test_a_saved_spreadsheet_is_named_without_this_machines_folders(folders, capsys):
    import pandas as pd

    _, build = folders
    path = results.save_spreadsheet({"a": pd.DataFrame({"x": [1]}), "b": pd.DataFrame({"y": [2]})}, "toy.xlsx")
    assert path == build.resolve() / "toy.xlsx" and path.stat().st_size > 0
    out = capsys.readouterr().out
    assert out == "wrote COURSE_BUILD_DIR/toy.xlsx (sheets: a, b)\n" and str(build) not in out
