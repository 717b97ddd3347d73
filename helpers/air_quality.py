"""UCI Air Quality: read the CSV member of ``AirQualityUCI.zip`` into a table of readings.

The CSV is ``;``-separated with ``,`` as the decimal mark; ``-200`` marks a missing
reading; the rows are followed by empty ``;;;;`` lines and every row ends in two
empty fields. :func:`load_air_quality` returns the 13 readings with ``NaN`` where
the file has ``-200``, indexed by the hour they were taken.

Example::

    air = load_air_quality()
    air.isna().mean().round(2)   # the share of missing hours per variable
"""

from __future__ import annotations

import zipfile

import numpy as np
import pandas as pd

from .download import DataError, fetch

FILENAME = "AirQualityUCI.zip"
MEMBER = "AirQualityUCI.csv"
MISSING = -200
COLUMNS = ["CO(GT)", "PT08.S1(CO)", "NMHC(GT)", "C6H6(GT)", "PT08.S2(NMHC)", "NOx(GT)", "PT08.S3(NOx)",
           "NO2(GT)", "PT08.S4(NO2)", "PT08.S5(O3)", "T", "RH", "AH"]


def parse_air_quality(archive) -> pd.DataFrame:
    """The 13 readings of the zip's CSV member, NaN for -200, indexed by hour.

    Example::

        parse_air_quality("data/AirQualityUCI.zip").shape   # (9357, 13)
    """
    try:
        with zipfile.ZipFile(archive) as zf, zf.open(MEMBER) as f:
            frame = pd.read_csv(f, sep=";", decimal=",")
    except (KeyError, zipfile.BadZipFile, pd.errors.ParserError) as error:
        raise DataError(f"{archive}: cannot read {MEMBER} from it ({error}). It is not UCI's "
                        "AirQualityUCI.zip: delete it and run again.") from error
    missing_columns = [c for c in ["Date", "Time", *COLUMNS] if c not in frame.columns]
    if missing_columns:
        raise DataError(f"{archive}: {MEMBER} lacks the columns {missing_columns}. Delete it and run again.")
    frame = frame.dropna(subset=["Date"])  # the empty ;;;; lines after the data
    try:
        when = pd.to_datetime(frame["Date"] + " " + frame["Time"], format="%d/%m/%Y %H.%M.%S")
    except ValueError as error:
        raise DataError(f"{archive}: a date in {MEMBER} is not dd/mm/yyyy HH.MM.SS ({error}).") from error
    readings = frame[COLUMNS].astype("float64").replace(MISSING, np.nan)
    readings.index = pd.DatetimeIndex(when, name="time")
    return readings


def load_air_quality() -> pd.DataFrame:
    """The verified archive (a stand-in in test mode), parsed by :func:`parse_air_quality`.

    Example::

        air = load_air_quality(); air.index[0]   # Timestamp('2004-03-10 18:00:00')
    """
    return parse_air_quality(fetch(FILENAME))
