"""Execute notebooks and gather their recorded results: ``python -m helpers.run``.

``make run`` calls this, and ``make publish`` with ``--publish``. Each notebook is executed in a fresh kernel with
``COURSE_MODE`` set; the executed copy and an HTML rendering go to
``build/notebooks/``, and ``build/RESULTS.md`` gets one row per recorded number
with the syllabus' reference beside it and, in a full run, whether the number
meets or misses it (:func:`helpers.results.check`). A notebook that fails is
listed with the reason, and the command exits with status 1. Every executed
copy opens with a banner (:mod:`helpers.publish`); with ``--publish`` (full mode)
each successful run is also written to ``published/``, where a failed run never
replaces a good copy.

Example::

    python -m helpers.run --mode test --notebooks "week0[12]*"
    python -m helpers.run --mode full --publish --notebooks week04_reuters
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import publish, settings
from .download import atomic_write_text
from .results import check, results_file

NOTEBOOKS = settings.REPO_ROOT / "notebooks"


def execute(path: Path, mode: str, timeout: int, publish_to: Path | None = None) -> tuple[float, str | None]:
    """Run one notebook; return (seconds, failure reason or None).

    The executed copy opens with a banner (:mod:`helpers.publish`) saying the mode, the data files
    read and their checksums, the backend, the device and the date. With ``publish_to`` (a folder),
    a run that succeeded is also written there, through a temporary file; a failed run leaves the
    copy already there untouched.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from nbconvert import HTMLExporter

    notebook = nbformat.read(path, as_version=4)
    os.environ["COURSE_MODE"] = mode
    served_log = publish.start_served_log(path.stem)  # the kernel inherits COURSE_SERVED_LOG
    env = publish.environment()  # the commit as the run starts; the date is set when it ends
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    failure = None
    try:
        client.execute()
    except CellExecutionError as error:
        failure = _last_line(str(error))
    except Exception as error:  # a dead kernel or a timeout: report it, go on with the next notebook
        failure = f"{type(error).__name__}: {error}".splitlines()[0]
    seconds = time.perf_counter() - started
    publish.strip_ansi(notebook)  # model.summary()'s colour codes: litter in a copy read outside Jupyter
    files = publish.served_files(served_log)
    env["date"] = publish.now()
    out = settings.build_dir() / "notebooks"
    out.mkdir(parents=True, exist_ok=True)
    if publish_to is not None and failure is None:
        publish.add_banner(notebook, publish.banner(mode, files, env, path.stem, seconds, Path(publish_to)))
        publish.write_atomically(notebook, Path(publish_to) / path.name)
    publish.add_banner(notebook, publish.banner(mode, files, env, path.stem, seconds, out))
    nbformat.write(notebook, out / path.name)
    body, _ = HTMLExporter().from_notebook_node(notebook)
    (out / path.with_suffix(".html").name).write_text(body)
    return seconds, failure


def _last_line(message: str) -> str:
    message = publish.ANSI.sub("", message)  # IPython colours its tracebacks
    lines = [line for line in message.strip().splitlines() if line.strip()]
    errors = [line for line in lines if "Error" in line or "assert" in line.lower()]
    return (errors or lines or ["unknown error"])[-1].strip()[:300]


def _cell(text) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _value(value) -> str:
    return f"{value:.4g}" if isinstance(value, float) else _cell(value)


def verdict(value, reference, mode: str) -> str:
    """The report's check column: "meets", "misses" or "text" in a full run.

    Test-mode numbers come from small stand-in data, so they are not held against the references.

    Example::

        >>> verdict(2.75, "≈ 2.5", "full"), verdict(2.75, "≈ 2.5", "test")
        ('misses', 'not checked: test mode')
    """
    return "not checked: test mode" if mode == "test" else check(value, reference)


def write_report(runs: list[dict], mode: str) -> Path:
    """Write build/RESULTS.md from each notebook's results file and run outcome."""
    lines = [
        "# Results",
        "",
        f"Mode: **{mode}** · Keras backend: **{settings.backend()}** · {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        "| notebook | result | value | reference | check | note | wall time (s) | status |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        status = "ok" if run["failure"] is None else f"FAILED: {_cell(run['failure'])}"
        path = results_file(run["notebook"])
        results = json.loads(path.read_text()) if path.exists() else {"records": []}
        records = results["records"]
        if not records:
            lines.append(f"| {run['notebook']} | (nothing recorded) | | | | | {run['seconds']:.1f} | {status} |")
        for record in records:
            mark = verdict(record["value"], record["reference"], results.get("mode", mode))
            lines.append(
                f"| {run['notebook']} | {_cell(record['name'])} | {_value(record['value'])} | "
                f"{_cell(record['reference'])} | {mark} | {_cell(record.get('note'))} | {run['seconds']:.1f} | {status} |"
            )
    report = settings.build_dir() / "RESULTS.md"
    atomic_write_text(report, "\n".join(lines) + "\n")
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=settings.MODES, default="full")
    parser.add_argument("--notebooks", default="*", help="glob of notebook names, e.g. 'week0[12]*'")
    parser.add_argument("--timeout", type=int, default=3 * 3600, help="seconds allowed per cell")
    parser.add_argument(
        "--publish", action="store_true", help="full mode only: also write each successful run to published/"
    )
    args = parser.parse_args(argv)
    if args.publish and args.mode != "full":
        parser.error("--publish needs --mode full: published copies show real data")
    publish_to = publish.published_dir() if args.publish else None
    pattern = args.notebooks if args.notebooks.endswith(".ipynb") else args.notebooks + ".ipynb"
    paths = sorted(NOTEBOOKS.glob(pattern))
    if not paths:
        print(f"no notebook in {NOTEBOOKS} matches {pattern!r}", file=sys.stderr)
        return 2
    runs = []
    for path in paths:
        stale = results_file(path.stem)
        stale.unlink(missing_ok=True)  # a failed run must not show an earlier run's numbers
        print(f"running {path.name} ({args.mode} mode) ...", flush=True)
        seconds, failure = execute(path, args.mode, args.timeout, publish_to)
        print(f"  {'ok' if failure is None else 'FAILED: ' + failure} in {seconds:.1f} s", flush=True)
        if publish_to is not None:
            kept = "published" if failure is None else "not published (the copy already there, if any, is kept)"
            print(f"  {kept}: {publish_to / path.name}", flush=True)
        runs.append({"notebook": path.stem, "seconds": seconds, "failure": failure})
    report = write_report(runs, args.mode)
    print(f"wrote {report}")
    failed = [run["notebook"] for run in runs if run["failure"]]
    if failed:
        print(f"{len(failed)} notebook(s) failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
