"""Notebook hygiene: committed clean, the same first cell everywhere, claims asserted, results recorded."""

import ast
import re
import tomllib
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
REPOSITORY = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Repository"]


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


@pytest.fixture(params=NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found"


def test_committed_without_outputs_or_execution_counts(notebook):
    path, nb = notebook
    nbformat.validate(nb)
    for cell in code_cells(nb):
        assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear outputs before committing"


def test_python3_kernelspec(notebook):
    _, nb = notebook
    assert nb.metadata.kernelspec.name == "python3" and nb.metadata.kernelspec.language == "python"


def test_opens_with_a_title_and_what_it_teaches(notebook):
    path, nb = notebook
    first = nb.cells[0]
    # weekNN_topic.ipynb are the weeks, project_topic.ipynb the course projects
    assert path.stem.startswith(("week", "project_")), f"{path.name}: name it weekNN_topic or project_topic"
    title, shown = (r"# Week \d+ — ", "# Week N — ...") if path.stem.startswith("week") else (r"# Project — ", "# Project — ...")
    assert first.cell_type == "markdown" and re.match(title, first.source), f"{path.name}: start with '{shown}'"
    assert len(first.source.split()) > 30, f"{path.name}: say what the reader will learn"


def test_first_code_cell_follows_the_convention(notebook):
    path, nb = notebook
    source = code_cells(nb)[0].source
    colab = (
        'if "google.colab" in sys.modules:  # in Colab, install the course helpers first\n'
        f'    %pip install -q "course-helpers @ git+{REPOSITORY}"\n'
    )
    helpers_first = "import helpers  # first: it starts Keras with TensorFlow's C++ start-up noise hidden\n"
    assert source.startswith("import sys\n\n" + colab + "\n" + helpers_first), (
        f"{path.name}: first cell must start with the Colab install, then import helpers"
    )
    assert source.rstrip().endswith(f'helpers.setup("{path.stem}")'), f"{path.name}: end with helpers.setup(\"{path.stem}\")"


def test_setup_is_called_only_in_the_first_cell(notebook):
    path, nb = notebook
    assert not any("helpers.setup(" in cell.source for cell in code_cells(nb)[1:]), path.name


def asserts_with_messages(source):
    # IPython magics are not Python: keep their indentation, drop their text.
    python = re.sub(r"^(\s*)%.*$", r"\1pass", source, flags=re.M)
    return [node for node in ast.walk(ast.parse(python)) if isinstance(node, ast.Assert) and node.msg is not None]


def test_claims_are_asserted_and_results_recorded(notebook):
    path, nb = notebook
    assert any(asserts_with_messages(cell.source) for cell in code_cells(nb)), f"{path.name}: assert what must hold, with a message"
    code = "\n".join(cell.source for cell in code_cells(nb))
    assert "helpers.record(" in code, f"{path.name}: record the syllabus' reference numbers"


def test_no_tensorflow_in_notebook_code(notebook):
    path, nb = notebook
    code = "\n".join(cell.source for cell in code_cells(nb))
    assert not re.search(r"^\s*(import tensorflow|from tensorflow)|\btf\.", code, re.M), f"{path.name}: keep it backend-agnostic"


def test_the_readme_course_map_links_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert f"notebooks/{path.name}" in readme, f"README's course map lacks {path.name}"
