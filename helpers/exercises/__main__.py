"""Write each notebook's exercise cells from ``helpers/exercises/<notebook>.py``.

``python -m helpers.exercises`` (``make exercises``) rewrites the cells from the markdown cell
that starts with ``## Exercises`` to the end of each notebook that has an exercise module (or
appends them); ``--check`` only reports the notebooks whose cells differ, and exits 1 if any do.
"""

from __future__ import annotations

import argparse
import pkgutil
import sys
from pathlib import Path

import nbformat

from . import module
from .. import settings

HEADING = "## Exercises"
INTRO = f"""{HEADING}

Answer each exercise in the cell under it, replacing the `...`, and run the cell: its last line
checks your answer against this run's own data and numbers, and says in a sentence what is wrong,
if anything. `exercises.q1.hint()` gives a hint (run it again for the next one) and
`exercises.q1.solution()` shows the answer. An exercise left unanswered says so; the notebook
still runs to the end."""


def notebooks() -> list[str]:
    """The notebooks that have an exercise module."""
    return sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if not m.name.startswith("_"))


def cells(notebook: str) -> list:
    """The exercise cells of ``notebook``, as the generator writes them."""
    source = module(notebook)
    slug = notebook.replace("_", "-")
    arguments = ", ".join(f"{name}={expression}" for name, expression in getattr(source, "CONTEXT", {}).items())
    load = f'exercises = helpers.exercises.load("{notebook}"{", " + arguments if arguments else ""})'
    made = [nbformat.v4.new_markdown_cell(INTRO), nbformat.v4.new_code_cell(load)]
    for i, exercise in enumerate(source.EXERCISES, 1):
        made.append(nbformat.v4.new_markdown_cell(f"### Exercise {i}: {exercise.title}\n\n{exercise.prompt.strip()}"))
        made.append(nbformat.v4.new_code_cell(f"{exercise.starter.rstrip()}\n\nexercises.q{i}.check({exercise.answer})"))
    for k, cell in enumerate(made):
        cell["id"] = f"{slug}-exercises-{k:02d}"
    return made


def _start(notebook) -> int:
    for i, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown" and cell.source.startswith(HEADING):
            return i
    return len(notebook.cells)


def sync(notebook: str, write: bool = True) -> bool:
    """Bring ``notebooks/<notebook>.ipynb``'s exercise cells in line with its module; True if they differed."""
    path = settings.REPO_ROOT / "notebooks" / f"{notebook}.ipynb"
    nb = nbformat.read(path, as_version=4)
    start = _start(nb)
    wanted = cells(notebook)
    current = [(c.cell_type, c.source, c.get("id")) for c in nb.cells[start:]]
    if current == [(c.cell_type, c.source, c["id"]) for c in wanted]:
        return False
    if write:
        nb.cells = nb.cells[:start] + wanted
        nbformat.write(nb, path)
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.exercises", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebook names (default: every one with exercises)")
    parser.add_argument("--check", action="store_true", help="only report notebooks whose cells differ")
    args = parser.parse_args(argv)
    differ = [name for name in args.notebooks or notebooks() if sync(name, write=not args.check)]
    for name in differ:
        print(f"{name}: exercise cells {'differ from' if args.check else 'rewritten from'} helpers/exercises/{name}.py")
    return 1 if args.check and differ else 0


if __name__ == "__main__":
    sys.exit(main())
