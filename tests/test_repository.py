"""The repository's own files agree with each other."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pins(text):
    return dict(re.findall(r"^\s*(?:- )?([A-Za-z0-9_.-]+)==([^\s#]+)", text, re.M))


def test_requirements_and_environment_pin_the_same_versions():
    requirements = pins((ROOT / "requirements.txt").read_text())
    jax = pins((ROOT / "requirements-jax.txt").read_text())
    environment = pins((ROOT / "environment.yml").read_text())
    assert environment == requirements | jax
    assert requirements["tensorflow"].startswith("2.21") and requirements["keras"].startswith("3.15")


def test_each_backend_file_adds_its_backend_to_the_course_environment():
    # make test BACKEND=jax|torch installs requirements-<backend>.txt: the course's pins plus the
    # backend's own, never a second pin of a package requirements.txt already pins.
    for backend, packages in {"jax": {"jax", "jaxlib"}, "torch": {"torch"}}.items():
        text = (ROOT / f"requirements-{backend}.txt").read_text()
        assert re.search(r"^-r requirements\.txt$", text, re.M), backend
        assert set(pins(text)) == packages, backend
    assert pins((ROOT / "requirements-torch.txt").read_text())["torch"].endswith("+cpu")  # not the CUDA build


def test_the_package_dependencies_are_pinned_in_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {re.split(r"[<>=!~ ]", d)[0].lower() for d in project["dependencies"]}
    assert names <= {n.lower() for n in pins((ROOT / "requirements.txt").read_text())}


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and re.search(r"^make test$", ci, re.M)
