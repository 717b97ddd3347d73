"""Run every notebook in test mode under nbval and print how long each one took.

Under pytest-xdist (``make test`` runs ``-n auto``) the workers send their reports to the main
process, which adds the times up here, so the list covers every notebook whichever worker ran it.
"""

import os
import time
from collections import defaultdict

import pytest

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


# Name the Keras backend (make test BACKEND=...) at the top of the run and beside any failure, so
# that a red CI log says which backend and which notebook. The kernels inherit KERAS_BACKEND.
def _backend():
    return os.environ.get("KERAS_BACKEND") or "tensorflow (KERAS_BACKEND not set)"


def pytest_report_header():
    return f"Keras backend: {_backend()}"


# A second pytest_terminal_summary beside the one above (specname), so that each stays one small hook.
@pytest.hookimpl(specname="pytest_terminal_summary")
def pytest_terminal_summary_backend(terminalreporter):
    failed = sorted({r.nodeid.split("::")[0] for r in terminalreporter.stats.get("failed", [])})
    if failed:
        terminalreporter.section(f"failed on Keras backend {_backend()}")
        for name in failed:
            terminalreporter.write_line(name)
