"""make publish: the banner, the list of files a run read, atomic copies, README's links.

The end-to-end tests execute tiny generated notebooks (a kernel, no Keras, no network).
"""

import hashlib
import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers import download, publish, registry, run

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = sorted((ROOT / "published").glob("*.ipynb"))
CONTENT = b"x1,x2,y\n" * 100
ENV = {
    "backend": "tensorflow", "backend_version": "2.21.0", "keras": "3.15.0", "python": "3.12.0",
    "device": "CPU: Some CPU (2 cores visible); no GPU", "date": "2026-11-26 22:00 UTC", "commit": "abc1234",
}


@pytest.fixture
def served_log(folders, monkeypatch):
    """A served-files log, as the runner sets it; the variable is unset again after the test."""
    monkeypatch.setenv(publish.SERVED_LOG, "")
    return publish.start_served_log("week99_toy")


def tiny_notebook(path: Path, *sources: str) -> Path:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Week 99 — Toy")]
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"week99-toy-{number:03d}"
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def test_nothing_is_noted_outside_a_run(folders, monkeypatch, tmp_path):
    monkeypatch.delenv(publish.SERVED_LOG, raising=False)
    (tmp_path / "toy.csv").write_bytes(CONTENT)
    publish.note_served("toy.csv", tmp_path / "toy.csv")
    _, build = folders
    assert not (build / "served").exists()


def test_fetch_notes_the_verified_file_and_its_sha256(served_log, folders, monkeypatch):
    data, _ = folders
    digest = hashlib.sha256(CONTENT).hexdigest()
    monkeypatch.setitem(
        registry.FILES, "toy.csv",
        registry.RemoteFile("toy.csv", "https://example.org/toy.csv", f"sha256:{digest}", "test", "1 KB"),
    )
    (data / "toy.csv").write_bytes(CONTENT)
    download.fetch("toy.csv")
    download.fetch("toy.csv")  # read twice, listed once
    assert publish.served_files(served_log) == [
        {"file": "toy.csv", "path": str(data / "toy.csv"), "bytes": len(CONTENT), "sha256": digest,
         "source": "data folder"}
    ]


def test_fetch_notes_a_stand_in_in_test_mode_with_its_own_checksum(served_log, monkeypatch):
    monkeypatch.setenv("COURSE_MODE", "test")
    path = download.fetch("seeds_dataset.txt")
    (entry,) = publish.served_files(served_log)
    assert entry["source"] == "stand-in" and entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_line_cut_short_is_skipped(tmp_path):
    log = tmp_path / "served.jsonl"
    good = {"file": "a.npz", "path": "/d/a.npz", "bytes": 3, "sha256": "0" * 64, "source": "data folder"}
    log.write_text(json.dumps(good) + "\n" + '{"file": "b.np')
    assert publish.served_files(log) == [good]
    assert publish.served_files(tmp_path / "missing.jsonl") == []


def test_the_full_run_banner_names_mode_files_checksums_backend_device_and_date():
    files = [{"file": "reuters.npz", "path": "/d/reuters.npz", "bytes": 2110848, "sha256": "ab" * 32,
              "source": "data folder"}]
    text = publish.banner("full", files, ENV, "week04_reuters", 70.4)
    for expected in ["Full run", "COURSE_MODE=full", "`reuters.npz`", "ab" * 32, "2,110,848 bytes",
                     "backend tensorflow 2.21.0", "Keras | 3.15.0", "Some CPU", "no GPU", "2026-11-26 22:00 UTC",
                     "70 s", "commit abc1234", "](../notebooks/week04_reuters.ipynb)"]:
        assert expected in text, f"the banner lacks {expected!r}:\n{text}"
    assert "stand-in" not in text


def test_the_banner_links_the_notebook_from_where_the_copy_is_written(tmp_path):
    build_copy = publish.banner("test", [], ENV, "week04_reuters", 3.0, folder=ROOT / "build" / "notebooks")
    assert "](../../notebooks/week04_reuters.ipynb)" in build_copy


def test_the_test_mode_banner_says_the_numbers_come_from_stand_in_data():
    text = publish.banner("test", [], ENV, "week01_neurons", 3.0)
    assert "numbers below come from stand-in data" in text and "COURSE_MODE=test" in text
    assert "generates its data" in text  # no file was read


def test_a_second_banner_replaces_the_first():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Week 99 — Toy")])
    publish.add_banner(notebook, "first")
    publish.add_banner(notebook, "second")
    assert [cell.source for cell in notebook.cells] == ["second", "# Week 99 — Toy"]
    assert notebook.cells[0].cell_type == "markdown"
    nbformat.validate(notebook)


def test_the_device_names_the_cpu():
    assert publish.device().startswith("CPU: ")


def test_a_failed_write_leaves_the_good_copy_and_no_temporary_file(tmp_path, monkeypatch):
    good = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("good")])
    target = publish.write_atomically(good, tmp_path / "week99_toy.ipynb")
    before = target.read_bytes()

    def broken_write(notebook, out):
        out.write('{"cells": [')
        raise OSError("disk full")

    monkeypatch.setattr(nbformat, "write", broken_write)
    with pytest.raises(OSError):
        publish.write_atomically(nbformat.v4.new_notebook(), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["week99_toy.ipynb"]


def test_a_successful_run_is_published_with_its_banner_and_the_files_it_read(folders, tmp_path, monkeypatch):
    monkeypatch.setenv(publish.SERVED_LOG, "")
    _, build = folders
    line = json.dumps({"file": "toy.csv", "path": "/d/toy.csv", "bytes": 8, "sha256": "cd" * 32, "source": "x"})
    source = tiny_notebook(
        tmp_path / "week99_toy.ipynb",
        # what fetch() does in a notebook, without importing Keras: the kernel inherits the log's name
        f"import os\nwith open(os.environ['COURSE_SERVED_LOG'], 'a') as f:\n    f.write({line!r} + '\\n')",
        "print(6 * 7)",
    )
    out = tmp_path / "published"
    seconds, failure = run.execute(source, "full", timeout=60, publish_to=out)
    assert failure is None
    published = nbformat.read(out / "week99_toy.ipynb", as_version=4)
    banner = published.cells[0]
    assert banner.cell_type == "markdown" and "Full run" in banner.source and "cd" * 32 in banner.source
    assert published.cells[1].source == "# Week 99 — Toy"
    assert published.cells[-1].outputs[0]["text"] == "42\n"
    assert (build / "notebooks" / "week99_toy.ipynb").exists()


def test_a_failed_run_never_replaces_the_published_copy(folders, tmp_path, monkeypatch):
    monkeypatch.setenv(publish.SERVED_LOG, "")
    _, build = folders
    out = tmp_path / "published"
    out.mkdir()
    (out / "week99_toy.ipynb").write_text("the good copy")
    source = tiny_notebook(tmp_path / "week99_toy.ipynb", "raise ValueError('the run broke')")
    seconds, failure = run.execute(source, "full", timeout=60, publish_to=out)
    assert failure is not None and "the run broke" in failure
    assert (out / "week99_toy.ipynb").read_text() == "the good copy"
    assert sorted(p.name for p in out.iterdir()) == ["week99_toy.ipynb"]
    # the build copy is still written, so that the failure can be read
    assert "Full run" in nbformat.read(build / "notebooks" / "week99_toy.ipynb", as_version=4).cells[0].source


def test_publish_refuses_test_mode():
    with pytest.raises(SystemExit):
        run.main(["--mode", "test", "--publish", "--notebooks", "week01_neurons"])


def test_readme_links_every_published_copy_and_every_link_resolves():
    readme = (ROOT / "README.md").read_text()
    links = set(re.findall(r"\]\((published/[^)\s]+)\)", readme))
    for link in links:
        assert (ROOT / link).is_file(), f"README links {link}, which does not exist"
    for path in PUBLISHED:
        assert f"published/{path.name}" in links, f"README's course map lacks a link to published/{path.name}"


@pytest.mark.parametrize("path", PUBLISHED, ids=[p.stem for p in PUBLISHED])
def test_a_published_copy_is_a_full_run_of_a_course_notebook_with_its_outputs(path):
    assert (ROOT / "notebooks" / path.name).exists(), f"{path.name} is not a notebook of the course"
    notebook = nbformat.read(path, as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and publish.BANNER_TAG in first.metadata.get("tags", [])
    assert "**Full run" in first.source, f"{path.name} is not a full run"
    assert "SHA-256" in first.source or "generates its data" in first.source, f"{path.name}'s banner lists no data"
    assert any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), f"{path.name} has no outputs"
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name} holds an error output"


RICH_SUMMARY = (
    "import rich.console\n"
    "# what model.summary() does in a kernel: rich renders HTML plus ANSI-coloured text/plain\n"
    "rich.console.Console(highlight=False).print('[bold]Model: \"toy\"[/bold] [color(34)]1,234[/]')\n"
    "print('\\x1b[31mred\\x1b[0m and plain')"
)


def test_strip_ansi_cleans_text_outputs_and_keeps_the_html():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    notebook.cells[0].outputs = [
        nbformat.v4.new_output("display_data", data={"text/plain": ["\x1b[1mModel\x1b[0m\n"],
                                                      "text/html": ["<span style=\"font-weight: bold\">Model</span>"]}),
        nbformat.v4.new_output("stream", name="stdout", text="\x1b[38;5;34m12\x1b[0m done\n"),
        nbformat.v4.new_output("stream", name="stdout", text="nothing to clean\n"),
    ]
    assert publish.strip_ansi(notebook) == 2
    display, stream, plain = notebook.cells[0].outputs
    assert display["data"]["text/plain"] == ["Model\n"] and "font-weight: bold" in display["data"]["text/html"][0]
    assert stream["text"] == "12 done\n" and plain["text"] == "nothing to clean\n"


def test_an_executed_copy_holds_no_ansi_escape_codes(folders, tmp_path, monkeypatch):
    monkeypatch.setenv(publish.SERVED_LOG, "")
    _, build = folders
    source = tiny_notebook(tmp_path / "week99_toy.ipynb", RICH_SUMMARY)
    out = tmp_path / "published"
    seconds, failure = run.execute(source, "full", timeout=60, publish_to=out)
    assert failure is None
    for copy in (out / "week99_toy.ipynb", build / "notebooks" / "week99_toy.ipynb"):
        text = copy.read_text()
        assert "\\u001b" not in text and "\x1b[" not in text, f"{copy} holds ANSI escape codes"
        outputs = nbformat.read(copy, as_version=4).cells[-1].outputs
        plain = "".join("".join(o.get("data", {}).get("text/plain", "")) + o.get("text", "") for o in outputs)
        assert 'Model: "toy" 1,234' in plain and "red and plain" in plain


def test_an_executed_copy_does_not_show_this_machines_data_folder(folders, tmp_path, monkeypatch):
    monkeypatch.setenv(publish.SERVED_LOG, "")
    data, _ = folders
    (data / "names").mkdir()
    source = tiny_notebook(
        tmp_path / "week99_toy.ipynb",
        "import helpers\nhelpers.setup('week99_toy')",
        "print(helpers.settings.shown(helpers.settings.data_dir() / 'names'))",
    )
    out = tmp_path / "published"
    seconds, failure = run.execute(source, "full", timeout=120, publish_to=out)
    assert failure is None
    published = nbformat.read(out / "week99_toy.ipynb", as_version=4)
    setup, shown = ("".join(o["text"] for o in cell.outputs) for cell in published.cells[-2:])
    assert "data in COURSE_DATA_DIR\n" in setup and shown == "COURSE_DATA_DIR/names\n"
    assert str(tmp_path) not in (out / "week99_toy.ipynb").read_text()
