"""Stand-in for the Jena climate archive: ``jena_climate_2009_2016.csv.zip``.

The real archive holds ``jena_climate_2009_2016.csv`` (and a Mac resource
stub, ``__MACOSX/._jena_climate_2009_2016.csv``): a header of 15 quoted column
names, then one row every 10 minutes from ``01.01.2009 00:10:00`` (420,451
rows), dates as ``dd.mm.yyyy HH:MM:SS`` and 14 numbers with two decimals,
lines ending in ``\\n`` and no newline after the last row. The stand-in keeps
all of that for the first 40 days of 2009 (5,760 rows): enough for windows of
72 hourly steps and a 24-hour delay (the notebook's test-mode setting) in each
of the 50/25/25 train/validation/test splits; 120-step windows need 44 days.

Temperature is a yearly cycle (coldest in mid-January) plus a daily cycle
(warmest mid-afternoon) plus weather: smooth anomalies lasting several days (air
masses) and faster ones (fronts). The other columns follow from it with the physics the
station's own derived columns use (Magnus formula for vapour pressure,
potential temperature, air density), so they are consistent with each other.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

CSV_NAME = "jena_climate_2009_2016.csv"
COLUMNS = [
    "Date Time", "p (mbar)", "T (degC)", "Tpot (K)", "Tdew (degC)", "rh (%)", "VPmax (mbar)",
    "VPact (mbar)", "VPdef (mbar)", "sh (g/kg)", "H2OC (mmol/mol)", "rho (g/m**3)", "wv (m/s)",
    "max. wv (m/s)", "wd (deg)",
]
HEADER = ",".join(f'"{name}"' for name in COLUMNS)
STEPS_PER_DAY = 6 * 24  # one row every 10 minutes
DAYS = 40
# A seed whose three splits have about the same mean temperature, as eight years of real data do:
# then predicting the training mean is a fair bar, not one that a warm or cold spell makes easy.
SEED = 2145


def _smooth_noise(rng, n: int, correlation_steps: float) -> np.ndarray:
    """An AR(1) series of unit variance whose memory is about ``correlation_steps`` steps."""
    phi = np.exp(-1.0 / correlation_steps)
    shocks = rng.standard_normal(n) * np.sqrt(1 - phi**2)
    out = np.empty(n)
    out[0] = rng.standard_normal()
    for i in range(1, n):
        out[i] = phi * out[i - 1] + shocks[i]
    return out


def _gaussian_smoothed_noise(rng, n: int, width_steps: float) -> np.ndarray:
    """White noise smoothed by a Gaussian of ``width_steps`` steps, scaled to unit variance: smooth at
    the scale of hours, so that 24 hours later it has changed only a little."""
    half = int(4 * width_steps)
    kernel = np.exp(-0.5 * (np.arange(-half, half + 1) / width_steps) ** 2)
    smooth = np.convolve(rng.standard_normal(n + 2 * half), kernel, mode="valid")
    return (smooth - smooth.mean()) / smooth.std()


def _saturation_vapour_pressure(t_celsius: np.ndarray) -> np.ndarray:
    """Magnus formula, in mbar."""
    return 6.1078 * np.exp(17.27 * t_celsius / (t_celsius + 237.3))


def _timestamps(n: int) -> list[str]:
    first = np.datetime64("2009-01-01T00:10:00")
    stamps = (first + np.arange(n) * np.timedelta64(10, "m")).astype(str)  # 2009-01-01T00:10:00
    return [f"{s[8:10]}.{s[5:7]}.{s[0:4]} {s[11:19]}" for s in stamps]


def jena_table(days: int = DAYS, seed: int = SEED) -> tuple[list[str], np.ndarray]:
    """The stand-in's timestamps and its (rows, 14) table of numbers, before rounding.

    Example::

        >>> stamps, values = jena_table(days=1)
        >>> stamps[0], values.shape
        ('01.01.2009 00:10:00', (144, 14))
    """
    rng = np.random.default_rng(seed)
    n = days * STEPS_PER_DAY
    t_days = (np.arange(n) + 1) / STEPS_PER_DAY  # days since 01.01.2009 00:00
    hour = (t_days % 1) * 24

    # Temperature: yearly mean 9.5 degC, coldest about 15 January; daily swing larger in summer.
    yearly = 9.5 - 10.0 * np.cos(2 * np.pi * (t_days - 15) / 365.25)
    daily_amplitude = 3.0 + 1.5 * (1 - np.cos(2 * np.pi * (t_days - 15) / 365.25)) / 2
    cloudiness = 0.5 + 0.5 * np.tanh(_smooth_noise(rng, n, 1.0 * STEPS_PER_DAY))  # 0 clear .. 1 overcast
    daily = daily_amplitude * (1 - 0.6 * cloudiness) * np.cos(2 * np.pi * (hour - 15) / 24)
    # Weather: slow anomalies lasting several days (air masses) plus faster ones (fronts, showers).
    weather = 3.5 * _gaussian_smoothed_noise(rng, n, 1.5 * STEPS_PER_DAY) + 1.5 * _smooth_noise(rng, n, 0.5 * STEPS_PER_DAY)
    temperature = yearly + daily + weather + 0.15 * rng.standard_normal(n)

    pressure = 989.0 + 7.5 * _smooth_noise(rng, n, 1.5 * STEPS_PER_DAY) - 0.3 * weather + 0.05 * rng.standard_normal(n)

    # Humidity: dew-point depression is small when overcast and at night, larger on clear afternoons.
    depression = np.clip(
        0.8 + 4.0 * (1 - cloudiness) * np.clip(np.cos(2 * np.pi * (hour - 15) / 24), 0, None)
        + 1.5 * (1 - cloudiness) + 0.4 * rng.standard_normal(n),
        0.05,
        None,
    )
    dew_point = temperature - depression
    vp_max = _saturation_vapour_pressure(temperature)
    vp_act = _saturation_vapour_pressure(dew_point)
    vp_def = vp_max - vp_act
    relative_humidity = 100 * vp_act / vp_max
    specific_humidity = 1000 * 0.622 * vp_act / (pressure - 0.378 * vp_act)  # g/kg
    water_concentration = 1000 * vp_act / pressure  # mmol/mol
    potential_temperature = (temperature + 273.15) * (1000 / pressure) ** 0.286  # K
    density = 1000 * pressure * 100 / (287.05 * (temperature + 273.15))  # g/m**3

    # Wind: gamma-like speeds, gusts above them, a wandering direction (mostly from the south-west).
    wind = 2.0 * np.exp(0.5 * _smooth_noise(rng, n, 0.5 * STEPS_PER_DAY)) * (0.8 + 0.2 * rng.random(n))
    gusts = wind * (1.4 + 0.4 * rng.random(n)) + 0.2
    direction = (225 + 70 * _smooth_noise(rng, n, 0.5 * STEPS_PER_DAY) + 20 * rng.standard_normal(n)) % 360

    values = np.stack(
        [pressure, temperature, potential_temperature, dew_point, relative_humidity, vp_max, vp_act,
         vp_def, specific_humidity, water_concentration, density, wind, gusts, direction],
        axis=1,
    )
    return _timestamps(n), values


def jena_csv_text(days: int = DAYS, seed: int = SEED) -> str:
    """The CSV file's text: the real header, then one ``%.2f`` row every 10 minutes, no final newline."""
    stamps, values = jena_table(days, seed)
    rows = (stamp + "," + ",".join(f"{v:.2f}" for v in row) for stamp, row in zip(stamps, values))
    return HEADER + "\n" + "\n".join(rows)


# The real archive was zipped on a Mac: it also holds an AppleDouble stub beside the CSV.
APPLE_DOUBLE = bytes.fromhex("00051607" "00020000") + b"Mac OS X        " + bytes(2)


def make_jena(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, payload in ((CSV_NAME, jena_csv_text().encode()), (f"__MACOSX/._{CSV_NAME}", APPLE_DOUBLE)):
            info = zipfile.ZipInfo(name, date_time=(2016, 12, 31, 0, 0, 0))  # fixed date: the same bytes every run
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, payload)


GENERATORS = {"jena_climate_2009_2016.csv.zip": make_jena}
