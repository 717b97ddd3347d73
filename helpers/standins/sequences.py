"""Stand-ins for the sequence projects: the NYC taxi series, UCI Air Quality and the names data.

- ``nyc_taxi.csv``: NAB's format, header ``timestamp,value``, one integer count every 30
  minutes from ``2014-07-01 00:00:00`` to ``2015-01-31 23:30:00`` (10,320 rows, ``\\n``
  line ends, no newline after the last row). A daily and weekly rhythm plus noise, and
  in each of NAB's five labelled windows a day that breaks the rhythm (a flat, low day).
- ``AirQualityUCI.zip``: the member ``AirQualityUCI.csv``, ``;``-separated with ``,`` as
  the decimal mark, CRLF line ends, the real header (ending ``;T;RH;AH;;``), dates
  ``dd/mm/yyyy;HH.MM.SS`` from ``10/03/2004;18.00.00``, ``-200`` for missing values (single
  readings, whole days, and ``NMHC(GT)`` missing after its first weeks, as in the real file)
  and empty ``;;;;;;;;;;;;;;;;`` lines after the data.
- ``data.zip``: ``data/names/<Language>.txt`` for the tutorial's 18 languages, one name
  per line, UTF-8 (a few accented names), Russian the largest class; names are built from
  syllables typical of each language so a character model can tell them apart.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

FIXED_DATE = (2015, 9, 3, 15, 39, 0)  # a fixed member date: the same bytes on every run

# NAB labels/combined_windows.json, realKnownCause/nyc_taxi.csv (also quoted in the notebook).
TAXI_WINDOWS = [
    ("2014-10-30 15:30:00", "2014-11-03 22:30:00"),
    ("2014-11-25 12:00:00", "2014-11-29 19:00:00"),
    ("2014-12-23 11:30:00", "2014-12-27 18:30:00"),
    ("2014-12-29 21:30:00", "2015-01-03 04:30:00"),
    ("2015-01-24 20:30:00", "2015-01-29 03:30:00"),
]


def taxi_series(seed: int = 13) -> tuple[np.ndarray, np.ndarray]:
    """Timestamps (datetime64[m]) and passenger counts of the stand-in series.

    Example::

        >>> stamps, values = taxi_series()
        >>> len(values), str(stamps[0])
        (10320, '2014-07-01T00:00')
    """
    rng = np.random.default_rng(seed)
    stamps = np.datetime64("2014-07-01T00:00") + np.arange(10_320) * np.timedelta64(30, "m")
    hours = (stamps - stamps.astype("datetime64[D]")).astype(int) / 60
    weekday = (stamps.astype("datetime64[D]").astype(int) + 3) % 7  # 0 = Monday
    daily = 15_000 + 9_000 * np.sin(2 * np.pi * (hours - 10) / 24) + 4_000 * np.sin(4 * np.pi * (hours - 4) / 24)
    daily = np.clip(daily, 1_500, None) * np.where(weekday >= 5, 0.9, 1.0)
    values = daily * (1 + 0.05 * rng.standard_normal(len(stamps)))
    for start, end in TAXI_WINDOWS:  # an odd day in the middle of each labelled window
        a, b = (np.datetime64(t.replace(" ", "T")[:16]) for t in (start, end))
        middle = a + (b - a) // 2
        odd = (stamps >= middle - np.timedelta64(12, "h")) & (stamps < middle + np.timedelta64(12, "h"))
        values[odd] = 6_000 + 500 * rng.standard_normal(odd.sum())
    return stamps, np.round(values).astype(int)


def make_taxi(path: Path) -> None:
    stamps, values = taxi_series()
    rows = (f"{str(s).replace('T', ' ')}:00,{v}" for s, v in zip(stamps, values))
    path.write_text("timestamp,value\n" + "\n".join(rows))


AIR_COLUMNS = ["CO(GT)", "PT08.S1(CO)", "NMHC(GT)", "C6H6(GT)", "PT08.S2(NMHC)", "NOx(GT)", "PT08.S3(NOx)",
               "NO2(GT)", "PT08.S4(NO2)", "PT08.S5(O3)", "T", "RH", "AH"]
# Typical level, daily swing and noise of each column, and the decimals the real file writes.
AIR_LEVELS = [(2.1, 1.2, 0.3, 1), (1100, 200, 40, 0), (200, 120, 25, 0), (10, 6, 1.2, 1), (940, 230, 40, 0),
              (240, 150, 30, 0), (830, -220, 40, 0), (110, 40, 10, 0), (1450, 300, 50, 0), (1020, 350, 60, 0),
              (18, 5, 0.8, 1), (49, -12, 3, 1), (1.0, 0.2, 0.05, 4)]


def air_table(hours: int = 1_200, seed: int = 5) -> tuple[list[str], np.ndarray]:
    """Date;Time strings and the (hours, 13) readings, -200 where missing.

    Example::

        >>> stamps, values = air_table(hours=3)
        >>> stamps[0], values.shape
        ('10/03/2004;18.00.00', (3, 13))
    """
    rng = np.random.default_rng(seed)
    stamps = np.datetime64("2004-03-10T18:00") + np.arange(hours) * np.timedelta64(1, "h")
    hour = (stamps - stamps.astype("datetime64[D]")).astype("timedelta64[h]").astype(int)
    # Traffic: a morning and an evening peak; a slow "weather" factor shared by all sensors.
    traffic = np.exp(-0.5 * ((hour - 8) / 2) ** 2) + np.exp(-0.5 * ((hour - 19) / 2.5) ** 2) - 0.5
    weather = np.convolve(rng.standard_normal(hours + 47), np.ones(48) / np.sqrt(48), mode="valid")
    values = np.empty((hours, 13))
    for j, (level, swing, noise, _) in enumerate(AIR_LEVELS):
        values[:, j] = level + swing * traffic + 0.3 * abs(swing) * weather + noise * rng.standard_normal(hours)
    values = np.maximum(values, 0.01)
    missing = rng.random((hours, 13)) < 0.02  # single readings lost
    for day in rng.choice(hours // 24, 3, replace=False):  # a whole station day lost
        missing[day * 24 : day * 24 + 24, :] = True
    missing[hours // 5 :, 2] = True  # NMHC(GT): the real file stops reporting it after a few weeks
    values[missing] = -200
    text = [f"{str(s)[8:10]}/{str(s)[5:7]}/{str(s)[:4]};{str(s)[11:13]}.00.00" for s in stamps]
    return text, values


def _air_number(value: float, decimals: int) -> str:
    if value == -200:
        return "-200"
    return (f"{value:.{decimals}f}" if decimals else str(int(round(value)))).replace(".", ",")


def make_air_quality(path: Path) -> None:
    stamps, values = air_table()
    lines = ["Date;Time;" + ";".join(AIR_COLUMNS) + ";;"]
    for stamp, row in zip(stamps, values):
        lines.append(stamp + ";" + ";".join(_air_number(v, d[3]) for v, d in zip(row, AIR_LEVELS)) + ";;")
    lines += [";" * 16] * 20  # the real file ends with 114 empty lines of separators
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("AirQualityUCI.csv", date_time=FIXED_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, "\r\n".join(lines) + "\r\n")


# Syllables that make each language's names recognisable; the counts keep the real imbalance
# (Russian the largest class, Vietnamese and Portuguese the smallest), scaled down.
NAME_SYLLABLES = {
    "Arabic": (["Ab", "Al", "Ha", "Kha", "Na", "Sa"], ["bb", "dd", "lil", "sif", "rim", "kar"], 200),
    "Chinese": (["Zh", "X", "Q", "Ch", "W"], ["ang", "iao", "ong", "eng", "ui"], 40),
    "Czech": (["Dv", "Kr", "Ps", "Vl", "Hr"], ["orak", "cek", "ichy", "ousek", "ar"], 60),
    "Dutch": (["Van", "De", "Ver", "Ho"], ["hoek", "dijk", "veld", "stra", "broek"], 40),
    "English": (["Ash", "Brad", "Whit", "Thorn", "Cold"], ["ford", "ley", "ton", "worth", "ham"], 300),
    "French": (["Beau", "Lef", "Du", "Mar", "Ch"], ["eau", "ier", "ois", "aux", "ette"], 40),
    "German": (["Schm", "Sch", "Kr", "Str", "Wei"], ["idt", "ulz", "mann", "auss", "ber"], 80),
    "Greek": (["Pap", "Kon", "Ge", "Dim", "Nik"], ["adopoulos", "akis", "iou", "os", "opoulos"], 40),
    "Irish": (["O'", "Mac", "Mc", "Flan", "Kea"], ["Brien", "agan", "ney", "Carthy", "ane"], 40),
    "Italian": (["Ross", "Bian", "Esp", "Fer", "Gall"], ["ini", "etti", "osito", "ucci", "ardo"], 80),
    "Japanese": (["Yama", "Taka", "Naka", "Matsu", "Ko"], ["moto", "hashi", "mura", "shita", "bayashi"], 100),
    "Korean": (["K", "P", "Ch", "Y"], ["im", "ark", "oi", "oon"], 30),
    "Polish": (["Kowal", "Wisz", "Nowak", "Zielin", "Lewand"], ["ski", "ewski", "czyk", "owski", "ska"], 30),
    "Portuguese": (["Sou", "Fer", "Gon", "Ara", "Cost"], ["za", "reira", "çalves", "újo", "a"], 30),
    "Russian": (["Ab", "Zol", "Iv", "Kuz", "Smir", "Vol", "Pet", "Mikh"], ["anov", "otov", "enko", "ovsky", "aev", "in", "ykh"], 600),
    "Scottish": (["Mac", "Camp", "Stew", "Rob", "Fras"], ["bell", "art", "ertson", "er", "kenzie"], 30),
    "Spanish": (["Gar", "Fern", "Rodr", "Lóp", "Mart"], ["cía", "ández", "íguez", "ez", "ínez"], 40),
    "Vietnamese": (["Ng", "Tr", "Ph", "H", "D"], ["uyen", "an", "am", "oang", "inh"], 30),
}


def names_by_language(seed: int = 18) -> dict[str, list[str]]:
    """The stand-in's names for each of the 18 languages.

    Example::

        >>> names = names_by_language()
        >>> len(names), max(names, key=lambda k: len(names[k]))
        (18, 'Russian')
    """
    rng = np.random.default_rng(seed)
    out = {}
    for language, (heads, tails, count) in NAME_SYLLABLES.items():
        out[language] = [str(rng.choice(heads)) + str(rng.choice(tails)) for _ in range(count)]
    return out


def make_names_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for language, names in names_by_language().items():
            info = zipfile.ZipInfo(f"data/names/{language}.txt", date_time=(2017, 3, 24, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, "\n".join(names))  # like the real files: no newline after the last name


GENERATORS = {"nyc_taxi.csv": make_taxi, "AirQualityUCI.zip": make_air_quality, "data.zip": make_names_zip}
