"""The loaders of the sequence projects (taxi, air quality, names) on their stand-ins and on bad files."""

import zipfile

import numpy as np
import pandas as pd
import pytest

from helpers import air_quality, names, standins, taxi
from helpers.download import DataError


pytestmark = pytest.mark.usefixtures("standin_mode")


def test_taxi_standin_has_nabs_format_and_dates():
    path = standins.make("nyc_taxi.csv")
    text = path.read_text()
    assert text.startswith("timestamp,value\n2014-07-01 00:00:00,") and not text.endswith("\n")
    series = taxi.load_taxi()
    assert len(series) == 10_320 and series.index[-1] == pd.Timestamp("2015-01-31 23:30:00")
    assert (series > 0).all()


def test_taxi_gap_is_a_data_error(tmp_path):
    lines = standins.make("nyc_taxi.csv").read_text().splitlines()
    bad = tmp_path / "nyc_taxi.csv"
    bad.write_text("\n".join(lines[:100] + lines[101:]))
    with pytest.raises(DataError, match="every 30 minutes"):
        taxi.parse_taxi(bad)
    bad.write_text("time,count\n2014-07-01 00:00:00,1\n")
    with pytest.raises(DataError, match="timestamp,value"):
        taxi.parse_taxi(bad)


def test_air_quality_standin_is_parsed_like_the_real_file():
    archive = standins.make("AirQualityUCI.zip")
    with zipfile.ZipFile(archive) as zf:
        raw = zf.read("AirQualityUCI.csv").decode()
    assert raw.startswith("Date;Time;CO(GT);PT08.S1(CO)") and "\r\n;;;;;;;;;;;;;;;;\r\n" in raw and "-200" in raw
    assert "," in raw.splitlines()[1]  # the decimal mark
    air = air_quality.load_air_quality()
    assert list(air.columns) == air_quality.COLUMNS and len(air) == 1_200  # the empty lines are dropped
    assert air.index[0] == pd.Timestamp("2004-03-10 18:00:00") and (air.index.to_series().diff().dropna() == pd.Timedelta(hours=1)).all()
    assert not (air == -200).any().any() and air.isna().any().any()
    assert air["NMHC(GT)"].isna().mean() > 0.7  # stops being reported, as in the real file
    assert air["T"].between(0, 40).mean() > 0.9  # decimals read with the comma


def test_air_quality_wrong_archive_is_a_data_error(tmp_path):
    bad = tmp_path / "AirQualityUCI.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("other.csv", "a;b\n1;2\n")
    with pytest.raises(DataError, match="AirQualityUCI.csv"):
        air_quality.parse_air_quality(bad)


def test_names_from_the_standin_archive():
    data = names.find_names()
    assert set(data.names) == set(names.LANGUAGES) and "data.zip" in data.source
    counts = {language: len(v) for language, v in data.names.items()}
    assert max(counts, key=counts.get) == "Russian" and all(n > 0 for n in counts.values())
    assert all(name == name.strip() and name for v in data.names.values() for name in v)


def test_names_extracted_folder_is_used_in_full_mode(monkeypatch, tmp_path):
    folder = tmp_path / "data" / "names"
    folder.mkdir(parents=True)
    for language in names.LANGUAGES:
        (folder / f"{language}.txt").write_text("Abel\nNovák\n", encoding="utf-8")
    monkeypatch.setenv("COURSE_MODE", "full")
    data = names.find_names()
    assert "extracted folder" in data.source and data.names["Czech"] == ["Abel", "Novák"]
    (folder / "Korean.txt").unlink()
    with pytest.raises(DataError, match="Korean.txt"):
        names.find_names()


def test_names_standin_is_deterministic():
    assert standins.sequences.names_by_language() == standins.sequences.names_by_language()
    assert np.array_equal(standins.sequences.taxi_series()[1], standins.sequences.taxi_series()[1])
