"""Published copies: executed notebooks a student can read without running them.

``make publish`` (``python -m helpers.run --mode full --publish``) runs notebooks in
full mode and writes each executed copy, figures included, to ``published/``. Every
copy opens with a banner cell that says how its numbers were made: the mode, the
data files read and their SHA-256 checksums, the Keras backend and versions, the
device, the date and the commit. Test-mode copies (``build/notebooks/``) get a banner
saying that their numbers come from stand-in data.

Which files a run read is not guessed: :func:`helpers.download.fetch` calls
:func:`note_served` for every file it hands to the notebook, the loaders that read a
folder straight from the data folder (``oxford_pets/``, ``names/``,
``cats_and_dogs_small/``) call :func:`note_folder`, and the runner points
``COURSE_SERVED_LOG`` at a file of its own for the kernel to append to. Outside a
run (a student in Jupyter, or pytest's nbval) the variable is unset: nothing is
hashed and nothing is written.

Executed copies are for readers on other machines: the runner removes the ANSI
colour codes that Keras' ``model.summary()`` (through rich) writes into plain-text
outputs (:func:`strip_ansi`).

Example::

    log = start_served_log("week04_reuters")       # before the kernel starts
    ...                                             # the notebook runs, fetch() notes reuters.npz
    files = served_files(log)
    add_banner(notebook, banner("full", files, environment(), "week04_reuters", 70.2))
    write_atomically(notebook, published_dir() / "week04_reuters.ipynb")
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import tempfile
import time
from importlib import metadata
from pathlib import Path

from . import settings

#: The environment variable naming the file that fetch() notes served files in.
SERVED_LOG = settings.SERVED_LOG
#: The id and tag of the banner cell, so that a second run replaces it instead of adding another.
BANNER_TAG = "run-banner"


def published_dir() -> Path:
    """The committed folder of full-run copies: ``published/`` beside ``notebooks/``.

    >>> published_dir().name
    'published'
    """
    return settings.REPO_ROOT / "published"


def note_served(filename: str, path: Path, sha256: str | None = None, source: str = "data folder") -> None:
    """Note that ``path`` was handed to the notebook as ``filename``, if the runner asked for a log.

    ``sha256`` is the digest the caller has just verified; without one the file is hashed here.
    Does nothing when ``COURSE_SERVED_LOG`` is unset, so ordinary use writes no file.

    Example::

        note_served("reuters.npz", Path("data/reuters.npz"), sha256="d8e7...")
    """
    log = os.environ.get(SERVED_LOG)
    if not log:
        return
    path = Path(path)
    if sha256 is None:
        from .checksums import file_digest

        sha256 = file_digest(path)
    entry = {"file": filename, "path": str(path), "bytes": path.stat().st_size, "sha256": sha256, "source": source}
    with open(log, "a") as f:  # one short line per write: appends from one kernel do not interleave
        f.write(json.dumps(entry) + "\n")


def _relative(path: Path) -> str:
    """``path`` relative to the data folder, the stand-in folder or the repository, whichever holds it."""
    found = settings.relative_to_first(path, [settings.data_dir(), settings.build_dir() / "standin-data", settings.REPO_ROOT])
    return found[1] if found else Path(path).name


def note_folder(folder: Path, source: str = "data folder") -> None:
    """Note that the notebook read the files of ``folder``, if the runner asked for a log.

    The entry holds the folder's path relative to the data folder, its number of files, their
    total bytes and a digest over its sorted names and each file's SHA-256
    (:func:`helpers.checksums.folder_digest`). Does nothing when ``COURSE_SERVED_LOG`` is unset,
    so a student's own run reads no file twice.

    Example::

        note_folder(Path("data/cats_and_dogs_small"))   # banner: `cats_and_dogs_small/` (4,000 files, ...)
    """
    if not os.environ.get(SERVED_LOG):
        return
    from .checksums import folder_digest

    count, total, digest = folder_digest(folder)
    entry = {"folder": _relative(folder) + "/", "path": str(folder), "files": count, "bytes": total,
             "sha256": digest, "source": source}
    with open(os.environ[SERVED_LOG], "a") as f:
        f.write(json.dumps(entry) + "\n")


def start_served_log(notebook: str) -> Path:
    """An empty log for ``notebook``'s run in the build folder, named in ``COURSE_SERVED_LOG``.

    Call it before the kernel starts: the kernel inherits the variable.

    Example::

        log = start_served_log("week05_boston_housing")   # build/served/week05_boston_housing.jsonl
    """
    folder = settings.build_dir() / "served"
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"{notebook}.jsonl"
    log.write_text("")
    os.environ[SERVED_LOG] = str(log)
    return log


def served_files(log: Path) -> list[dict]:
    """The files noted in ``log``, each once (first use first), skipping a line cut short.

    Example::

        [f["file"] for f in served_files(Path("build/served/week04_reuters.jsonl"))]   # ['reuters.npz', ...]
    """
    seen, files = set(), []
    try:
        lines = Path(log).read_text().splitlines()
    except FileNotFoundError:
        return []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        key = (entry.get("file") or entry.get("folder"), entry.get("sha256"))
        if key not in seen:
            seen.add(key)
            files.append(entry)
    return files


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def device() -> str:
    """The CPU model and core count, and the GPU(s) ``nvidia-smi`` lists, in words.

    >>> "CPU" in device()
    True
    """
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    words = f"CPU: {cpu} ({os.cpu_count()} cores visible)"
    gpus = []
    if shutil.which("nvidia-smi"):
        try:
            reply = subprocess.run(
                ["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"], capture_output=True, text=True, timeout=20
            )
            gpus = [line.strip() for line in reply.stdout.splitlines() if line.strip()]
        except (OSError, subprocess.SubprocessError):
            pass
    return words + (f"; GPU: {', '.join(gpus)}" if gpus else "; no GPU")


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(settings.REPO_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, timeout=20,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(settings.REPO_ROOT), "status", "--porcelain", "--", "notebooks", "helpers"],
            capture_output=True, text=True, timeout=20,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if not head:
        return "unknown"
    return head + (" (with uncommitted changes to notebooks/ or helpers/)" if dirty else "")


def now() -> str:
    """The date and time in UTC, as banners write it.

    >>> now().endswith(" UTC")
    True
    """
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())


def environment(backend: str | None = None) -> dict:
    """What a banner says about the run's software and machine.

    ``backend`` is the Keras backend the kernel used (default: this process's, which the kernel
    inherits through ``KERAS_BACKEND``).

    Example::

        environment()["keras"]   # '3.15.0'
    """
    backend = backend or settings.backend()
    package = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch", "numpy": "numpy"}.get(backend, backend)
    return {
        "backend": backend,
        "backend_version": _version(package) or "unknown",
        "keras": _version("keras") or "unknown",
        "python": platform.python_version(),
        "device": device(),
        "date": now(),
        "commit": _commit(),
    }


#: How a reader recomputes a folder's digest (:func:`helpers.checksums.folder_digest`).
FOLDER_DIGEST_HOW = (
    "A folder's SHA-256 is that of the `sha256sum` listing of its files, sorted by name, hidden files left out: "
    "`find . -mindepth 1 -name '.*' -prune -o -type f -print \\| sed 's#^\\./##' \\| LC_ALL=C sort "
    "\\| xargs -d '\\n' sha256sum \\| sha256sum` inside it."
)


def _data_lines(files: list[dict], mode: str) -> str:
    if not files:
        return "none: the notebook generates its data (or types it in)"
    rows = []
    for entry in files:
        where = "stand-in made by `helpers.standins`" if mode == "test" else entry.get("source", "")
        if "folder" in entry:
            rows.append(f"`{entry['folder']}` ({entry['files']:,} files, {entry['bytes']:,} bytes, {where}), "
                        f"SHA-256 of the folder `{entry['sha256']}`")
        else:
            rows.append(f"`{entry['file']}` ({entry['bytes']:,} bytes, {where}), SHA-256 `{entry['sha256']}`")
    if any("folder" in entry for entry in files):
        rows.append(FOLDER_DIGEST_HOW)
    return "<br>".join(rows)


def _link(target: Path, folder: Path | None) -> str:
    """``target`` as a link from a copy written in ``folder`` (default: published/)."""
    return Path(os.path.relpath(target, folder or published_dir())).as_posix()


def banner(
    mode: str, files: list[dict], env: dict, notebook: str, seconds: float, folder: Path | None = None
) -> str:
    """The banner's markdown: how this copy's numbers were made; links are relative to ``folder``.

    Example::

        >>> env = {"backend": "jax", "backend_version": "0.4", "keras": "3.15.0", "python": "3.12",
        ...        "device": "CPU: x (2 cores visible); no GPU", "date": "2026-11-26 22:00 UTC", "commit": "abc1234"}
        >>> "stand-in data" in banner("test", [], env, "week01_neurons", 12.0)
        True
    """
    name = f"{notebook}.ipynb"
    source = f"[notebooks/{name}]({_link(settings.REPO_ROOT / 'notebooks' / name, folder)})"
    published = published_dir() / name
    if mode == "full":
        head = (
            f"**Full run, executed by `make publish`.** The outputs below are those of one full-mode run of "
            f"{source} {'on the real data files listed below' if files else 'on the data it generates'}, with "
            f"full training; you can read them without running anything. Run the notebook yourself to check "
            f"them (seeds are fixed; another machine or backend may differ in the last digits)."
        )
        what = "full (`COURSE_MODE=full`): the real data, full training"
    else:
        head = (
            f"**Test mode: the numbers below come from stand-in data.** This copy of {source} ran in test mode, "
            f"on small files that `helpers.standins` generates in the real format and with training cut short "
            f"(`helpers.epochs`, `helpers.by_mode`). It shows that the code runs; its accuracies, losses and "
            f"curves are not what the real data gives. For those, read "
            + (f"[the full-run copy]({_link(published, folder)})." if published.exists()
               else "a full-run copy in `published/` once there is one (see README's course map).")
        )
        what = "test (`COURSE_MODE=test`): stand-in data, shortened training"
    rows = [
        ("mode", what),
        ("data files read", _data_lines(files, mode)),
        ("Keras", f"{env['keras']}, backend {env['backend']} {env['backend_version']}, Python {env['python']}"),
        ("device", env["device"]),
        ("date", f"finished {env['date']}; the run took {seconds:,.0f} s"),
        ("source", f"commit {env['commit']}"),
    ]
    table = "\n".join(f"| {name} | {value} |" for name, value in rows)
    return f"{head}\n\n| run | |\n|---|---|\n{table}\n\n---\n"


#: An ANSI escape sequence (colour, bold, cursor): CSI ... final byte, or a two-byte ESC sequence.
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")


def strip_ansi(notebook) -> int:
    """Remove ANSI escape codes from every text output of ``notebook``; return how many outputs changed.

    In a Jupyter kernel rich (which Keras' ``model.summary()`` prints through) always renders in
    true colour, whatever ``NO_COLOR`` or ``TERM`` say, and puts the codes in the ``text/plain``
    beside its HTML. A reader of the copy (GitHub, nbviewer, a text diff) sees them as
    ``\\x1b[1m`` litter; the HTML, and so what Jupyter shows, keeps its bold and colours.

    Example::

        strip_ansi(nb)   # model.summary()'s text/plain: 'Model: "sequential"'
    """
    changed = 0

    def clean(value):
        if isinstance(value, list):
            return [ANSI.sub("", line) for line in value]
        return ANSI.sub("", value) if isinstance(value, str) else value

    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            before = json.dumps(output)
            if "text" in output:
                output["text"] = clean(output["text"])
            for mime, value in output.get("data", {}).items():
                if mime.startswith("text/") and mime != "text/html":
                    output["data"][mime] = clean(value)
            if "traceback" in output:
                output["traceback"] = clean(output["traceback"])
            changed += json.dumps(output) != before
    return changed


def add_banner(notebook, text: str) -> None:
    """Put ``text`` as the notebook's first cell (markdown), replacing a banner an earlier run added.

    Example::

        add_banner(nb, banner("full", files, environment(), "week04_reuters", 70.2))
    """
    import nbformat

    cells = [cell for cell in notebook.cells if BANNER_TAG not in cell.get("metadata", {}).get("tags", [])]
    cell = nbformat.v4.new_markdown_cell(text, metadata={"tags": [BANNER_TAG]})
    cell["id"] = BANNER_TAG
    notebook.cells = [cell, *cells]


def write_atomically(notebook, destination: Path) -> Path:
    """Write ``notebook`` to ``destination`` through a temporary file, so a good copy is never half-replaced.

    Example::

        write_atomically(nb, published_dir() / "week04_reuters.ipynb")
    """
    import nbformat

    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            nbformat.write(notebook, out)
        os.chmod(tmp, 0o644)
        os.replace(tmp, destination)
    finally:
        tmp.unlink(missing_ok=True)
    return destination
