"""Run every notebook in test mode under nbval and print how long each one took.

Under pytest-xdist (``make test`` runs ``-n auto``) the workers send their reports to the main
process, which adds the times up here, so the list covers every notebook whichever worker ran it.
"""

import os
import time
from collections import defaultdict

os.environ["COURSE_MODE"] = "test"  # the kernels nbval starts inherit this

_seconds = defaultdict(float)
_started = time.perf_counter()


def pytest_runtest_logreport(report):
    if report.nodeid.split("::")[0].endswith(".ipynb"):
        _seconds[report.nodeid.split("::")[0]] += report.duration


def pytest_terminal_summary(terminalreporter):
    if _seconds:
        terminalreporter.section("notebook times (test mode)")
        for name, seconds in sorted(_seconds.items()):
            terminalreporter.write_line(f"{seconds:7.1f} s  {name}")
        workers = terminalreporter.config.getoption("numprocesses", default=None) or 1
        terminalreporter.write_line(
            f"{sum(_seconds.values()):7.1f} s  in all, on {workers} worker{'s' if workers != 1 else ''}; "
            f"the whole run took {time.perf_counter() - _started:.0f} s"
        )
