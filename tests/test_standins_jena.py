"""The test-mode stand-in for jena_climate_2009_2016.csv.zip: the real file's format, plausible weather."""

import io
import zipfile
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from helpers import download, standins

FILENAME = "jena_climate_2009_2016.csv.zip"
CSV = "jena_climate_2009_2016.csv"
# The first line of the real file, byte for byte.
REAL_HEADER = (
    '"Date Time","p (mbar)","T (degC)","Tpot (K)","Tdew (degC)","rh (%)","VPmax (mbar)","VPact (mbar)",'
    '"VPdef (mbar)","sh (g/kg)","H2OC (mmol/mol)","rho (g/m**3)","wv (m/s)","max. wv (m/s)","wd (deg)"'
)
ROWS = 40 * 24 * 6  # 40 days, one row every 10 minutes


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("COURSE_BUILD_DIR", str(tmp_path_factory.mktemp("build")))
    mp.setenv("COURSE_MODE", "test")
    yield download.fetch(FILENAME)  # test mode: the stand-in, without the network
    mp.undo()


@pytest.fixture(scope="module")
def text(archive):
    with zipfile.ZipFile(archive) as zf:
        return zf.read(CSV).decode("utf-8")


@pytest.fixture(scope="module")
def table(text):
    return pd.read_csv(io.StringIO(text))


def test_archive_holds_the_csv_like_the_real_zip(archive, tmp_path):
    with zipfile.ZipFile(archive) as zf:
        assert sorted(zf.namelist()) == sorted([CSV, f"__MACOSX/._{CSV}"])
    folder = download.extract(archive, tmp_path / "jena")
    assert (folder / CSV).is_file()


def test_header_is_the_real_one(text):
    assert text.split("\n", 1)[0] == REAL_HEADER


def test_row_count_and_line_endings(text):
    lines = text.split("\n")
    assert len(lines) == 1 + ROWS
    assert not text.endswith("\n") and "\r" not in text  # like the real file: no newline after the last row
    assert all(line.count(",") == 14 for line in lines)


def test_timestamps_start_like_the_real_file_and_step_every_10_minutes(text):
    stamps = [line.split(",", 1)[0] for line in text.split("\n")[1:]]
    assert stamps[0] == "01.01.2009 00:10:00"
    times = [datetime.strptime(stamp, "%d.%m.%Y %H:%M:%S") for stamp in stamps]
    assert all(b - a == timedelta(minutes=10) for a, b in zip(times, times[1:]))
    assert times[-1] == datetime(2009, 2, 10, 0, 0)


def test_parsing_gives_14_float_columns(table, text):
    assert list(table.columns) == [name.strip('"') for name in REAL_HEADER.split(",")]
    numbers = table.drop(columns="Date Time")
    assert numbers.shape == (ROWS, 14)
    assert all(dtype == np.float64 for dtype in numbers.dtypes)
    assert np.isfinite(numbers.to_numpy()).all()
    # The Keras book's own parser (split lines, float() every field after the date) reads it too.
    lines = text.split("\n")[1:]
    parsed = np.array([[float(x) for x in line.split(",")[1:]] for line in lines])
    np.testing.assert_array_equal(parsed, numbers.to_numpy())
    # Two decimals, as in the real file.
    assert all(len(field.split(".")[1]) == 2 for field in lines[0].split(",")[1:])


def test_columns_are_physically_consistent(table):
    p, t = table["p (mbar)"], table["T (degC)"]
    np.testing.assert_allclose(table["Tpot (K)"], (t + 273.15) * (1000 / p) ** 0.286, atol=0.02)
    np.testing.assert_allclose(table["VPdef (mbar)"], table["VPmax (mbar)"] - table["VPact (mbar)"], atol=0.02)
    np.testing.assert_allclose(table["rh (%)"], 100 * table["VPact (mbar)"] / table["VPmax (mbar)"], atol=0.5)  # both rounded to 0.01 mbar
    np.testing.assert_allclose(table["H2OC (mmol/mol)"], 1000 * table["VPact (mbar)"] / p, atol=0.02)
    assert (table["Tdew (degC)"] <= t + 0.01).all()
    assert table["rh (%)"].between(0, 100).all()
    assert (table["max. wv (m/s)"] >= table["wv (m/s)"]).all()
    assert table["wd (deg)"].between(0, 360).all()
    assert p.between(950, 1050).all() and table["rho (g/m**3)"].between(1150, 1400).all()


def test_weather_is_plausible_with_a_daily_cycle(table):
    t = table["T (degC)"].to_numpy()
    assert -25 < t.min() and t.max() < 20 and -5 < t.mean() < 5  # Jena in January and February
    hour = np.arange(len(t)) % (24 * 6) // 6  # rows start at 00:10, so row 0 is in hour 0
    by_hour = np.array([t[hour == h].mean() for h in range(24)])
    assert 12 <= by_hour.argmax() <= 17 and by_hour.argmin() <= 7  # warm afternoons, cold nights
    assert by_hour.max() - by_hour.min() > 2.0
    # Persistence: 24 hours ahead, the current temperature beats the mean (the notebook's baseline).
    day = 24 * 6
    assert np.abs(t[day:] - t[:-day]).mean() < np.abs(t[day:] - t.mean()).mean()


def test_notebook_windows_fit_in_every_split(table):
    # Week 10 in test mode: 72 hourly steps per window, 24 hours ahead, 50/25/25 split.
    sampling_rate, sequence_length = 6, 72
    delay = sampling_rate * (sequence_length + 24 - 1)
    span = sampling_rate * (sequence_length - 1)
    n = len(table)
    train, val = int(0.5 * n), int(0.25 * n)
    assert train - span > 256  # at least one full training batch
    assert val - span > 0
    assert (n - delay) - (train + val) - span > 0


def test_deterministic():
    first = io.BytesIO()
    second = io.BytesIO()
    standins.jena.make_jena(first)
    standins.jena.make_jena(second)
    assert first.getvalue() == second.getvalue()
