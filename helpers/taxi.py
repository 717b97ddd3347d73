"""The Numenta Anomaly Benchmark's NYC taxi series: load it, check its 30-minute steps.

Example::

    taxi = load_taxi()          # pandas Series of passenger counts, indexed by timestamp
    taxi.index[1] - taxi.index[0]   # Timedelta('0 days 00:30:00')
"""

from __future__ import annotations

import pandas as pd

from .download import DataError, fetch

FILENAME = "nyc_taxi.csv"
STEP = pd.Timedelta(minutes=30)


def parse_taxi(path) -> pd.Series:
    """The ``timestamp,value`` CSV as a Series of counts indexed by time, every step checked.

    Raises :class:`helpers.download.DataError` when the header, a timestamp or the
    30-minute spacing is not what NAB publishes.

    Example::

        parse_taxi("data/nyc_taxi.csv").loc["2014-11-02"].max()
    """
    try:
        frame = pd.read_csv(path, parse_dates=["timestamp"], index_col="timestamp")
    except (ValueError, KeyError, pd.errors.ParserError) as error:
        raise DataError(f"{path} is not NAB's nyc_taxi.csv (header 'timestamp,value'): {error}. "
                        "Delete it and run again.") from error
    if list(frame.columns) != ["value"] or frame.empty:
        raise DataError(f"{path} has columns {list(frame.columns)}, not NAB's 'timestamp,value'. Delete it and run again.")
    steps = frame.index.to_series().diff().dropna()
    if not (steps == STEP).all():
        bad = steps[steps != STEP].index[0]
        raise DataError(f"{path}: the series is not one row every 30 minutes (at {bad}). Delete it and run again.")
    return frame["value"].astype("float64")


def load_taxi() -> pd.Series:
    """The verified file (a stand-in in test mode), parsed by :func:`parse_taxi`.

    Example::

        len(load_taxi())   # 10320 rows, 2014-07-01 to 2015-01-31
    """
    return parse_taxi(fetch(FILENAME))
