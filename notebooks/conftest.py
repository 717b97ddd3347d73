"""Run every notebook in test mode under nbval and print how long each one took."""

import os
import time
from collections import defaultdict

os.environ["COURSE_MODE"] = "test"  # the kernels nbval starts inherit this

_seconds = defaultdict(float)


def pytest_runtest_logreport(report):
    if report.nodeid.split("::")[0].endswith(".ipynb"):
        _seconds[report.nodeid.split("::")[0]] += report.duration


def pytest_terminal_summary(terminalreporter):
    if _seconds:
        terminalreporter.section("notebook times (test mode)")
        for name, seconds in sorted(_seconds.items()):
            terminalreporter.write_line(f"{seconds:7.1f} s  {name}")
        terminalreporter.write_line(f"{sum(_seconds.values()):7.1f} s  in all")
