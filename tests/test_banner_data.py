"""What a published copy's banner lists besides fetch()'s files: folders and caches the loaders read.

The loaders tested here read the data folder directly (an extracted ``oxford_pets/`` or ``names/``
folder, a ``cats_and_dogs_small/`` split, HIGGS' rows cache); each notes what it read in the log
the runner names, so that the banner can say which bytes a run used. Stand-in data, no network.
"""

import hashlib
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

from helpers import checksums, dogs_vs_cats, higgs, names, network, pets, publish, settings
from helpers.standins.higgs import make_higgs


@pytest.fixture
def served_log(folders, monkeypatch):
    """The runner's log of served files, as run.execute() sets it for a kernel."""
    monkeypatch.setenv(publish.SERVED_LOG, "")
    return publish.start_served_log("week99_toy")


def _tree(root, files):
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    return root


def _listing_digest(root, files):
    lines = "".join(f"{hashlib.sha256(files[name]).hexdigest()}  {name}\n" for name in sorted(files))
    return hashlib.sha256(lines.encode()).hexdigest()


FILES = {"train/cats/cat.1.jpg": b"\xff\xd8\xff one", "train/dogs/dog.1.jpg": b"\xff\xd8\xff two!",
         "test/cats/cat.2.jpg": b"\xff\xd8\xff three"}


def test_a_folder_digest_covers_every_name_and_byte_and_skips_hidden_files(tmp_path):
    root = _tree(tmp_path / "split", FILES)
    (root / ".made-from").write_text('{"seed": 1}')
    (root / ".staging").mkdir()
    (root / ".staging" / "half.jpg").write_bytes(b"partial")
    count, total, digest = checksums.folder_digest(root)
    assert (count, total) == (3, sum(len(v) for v in FILES.values()))
    assert digest == _listing_digest(root, FILES)
    (root / "train" / "dogs" / "dog.1.jpg").rename(root / "train" / "dogs" / "dog.9.jpg")
    renamed = checksums.folder_digest(root)[2]
    (root / "test" / "cats" / "cat.2.jpg").write_bytes(b"\xff\xd8\xff thre3")
    changed = checksums.folder_digest(root)[2]
    assert len({digest, renamed, changed}) == 3, "a renamed or changed file must change the digest"


@pytest.mark.skipif(not all(shutil.which(tool) for tool in ("find", "sed", "sort", "xargs", "sha256sum")),
                    reason="needs GNU find, sed, sort, xargs and sha256sum")
def test_the_shell_recipe_in_the_banner_gives_the_same_digest(tmp_path):
    root = _tree(tmp_path / "split", {**FILES, "a b/ç.txt": b"accents and a space", "B.txt": b"upper"})
    (root / ".made-from").write_text("{}")
    recipe = publish.FOLDER_DIGEST_HOW.split("`")[3].replace("\\|", "|")
    reply = subprocess.run(["bash", "-c", recipe], cwd=root, capture_output=True, text=True, check=True)
    assert reply.stdout.split()[0] == checksums.folder_digest(root)[2]


def test_note_folder_writes_nothing_and_hashes_nothing_outside_a_run(folders, monkeypatch, tmp_path):
    monkeypatch.delenv(publish.SERVED_LOG, raising=False)
    monkeypatch.setattr(checksums, "folder_digest", lambda folder: pytest.fail("hashed outside a run"))
    publish.note_folder(_tree(tmp_path / "split", FILES))
    assert not (folders[1] / "served").exists()


def test_a_folder_is_listed_relative_to_the_data_folder_with_count_bytes_and_digest(served_log, folders):
    data, _ = folders
    root = _tree(data / "cats_and_dogs_small", FILES)
    publish.note_folder(root)
    publish.note_folder(root)  # read twice, listed once
    (entry,) = publish.served_files(served_log)
    assert entry["folder"] == "cats_and_dogs_small/" and entry["files"] == 3
    assert entry["sha256"] == _listing_digest(root, FILES)
    text = publish.banner("full", [entry], {"backend": "jax", "backend_version": "0.4", "keras": "3",
                                            "python": "3.12", "device": "CPU", "date": "d", "commit": "c"},
                          "week08_dogs_vs_cats", 1.0)
    assert f"`cats_and_dogs_small/` (3 files, {entry['bytes']:,} bytes, data folder)" in text
    assert f"SHA-256 of the folder `{entry['sha256']}`" in text and "sha256sum" in text
    assert str(data) not in text, "the banner names the folder, not this machine's path to it"


def _pet(root, name):
    (root / "images").mkdir(parents=True, exist_ok=True)
    (root / "annotations" / "trimaps").mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.full((8, 8, 3), 100, "uint8")).save(root / "images" / f"{name}.jpg", format="JPEG")
    Image.fromarray(np.full((8, 8), 2, "uint8")).save(root / "annotations" / "trimaps" / f"{name}.png")


def test_pets_extracted_folder_is_listed(served_log, folders):
    data, _ = folders
    root = data / pets.EXTRACTED_FOLDER
    _pet(root, "Bengal_1")
    _pet(root, "Bengal_2")
    (root / "annotations" / "list.txt").write_text("not read by the notebook")
    data_read = pets.find_pets()
    listed = {entry["folder"]: entry["files"] for entry in publish.served_files(served_log)}
    assert listed == {"oxford_pets/images/": 2, "oxford_pets/annotations/trimaps/": 2}
    assert data_read.source == "the extracted folder COURSE_DATA_DIR/oxford_pets"


def test_names_extracted_folder_is_listed(served_log, folders):
    data, _ = folders
    folder = data / names.EXTRACTED_FOLDER
    folder.mkdir()
    for language in names.LANGUAGES:
        (folder / f"{language}.txt").write_text("Abel\n", encoding="utf-8")
    names.find_names()
    (entry,) = publish.served_files(served_log)
    assert (entry["folder"], entry["files"]) == ("names/", 18)


def test_a_users_dogs_vs_cats_split_is_listed(served_log, folders):
    data, _ = folders
    for subset in dogs_vs_cats.SUBSETS:
        for name in dogs_vs_cats.CLASSES:
            (data / "cats_and_dogs_small" / subset / name).mkdir(parents=True)
            (data / "cats_and_dogs_small" / subset / name / "1.jpg").write_bytes(b"\xff\xd8\xff")
    dogs_vs_cats.prepare()
    (entry,) = publish.served_files(served_log)
    assert (entry["folder"], entry["files"], entry["bytes"]) == ("cats_and_dogs_small/", 6, 18)


def test_higgs_rows_cache_is_listed_when_written_and_when_read(served_log, folders, monkeypatch, tmp_path):
    data, _ = folders
    remote = tmp_path / "HIGGS.csv.gz"
    make_higgs(remote, n_rows=400)
    # the "server" is a local file, opened as helpers.network would open the URL's response
    monkeypatch.setattr(network, "_urlopen", lambda remote_file, timeout=None: open(remote, "rb"))
    higgs.load_higgs_rows(300)  # streams the first rows, writes the cache
    monkeypatch.setattr(network, "_urlopen", lambda remote_file, timeout=None: pytest.fail("network used"))
    higgs.load_higgs_rows(300)  # reads the cache
    cache = higgs.cache_path(300, data)
    (entry,) = publish.served_files(served_log)  # same file, same checksum: listed once
    assert entry["file"] == cache.name and entry["sha256"] == hashlib.sha256(cache.read_bytes()).hexdigest()
    assert "first 300 rows" in entry["source"]


def test_a_folder_linked_into_the_data_folder_is_named_where_it_is_linked(served_log, folders, tmp_path):
    data, _ = folders
    elsewhere = _tree(tmp_path / "mirror" / "cats_and_dogs_small_v2", FILES)
    (data / "cats_and_dogs_small").symlink_to(elsewhere, target_is_directory=True)
    publish.note_folder(data / "cats_and_dogs_small")
    (entry,) = publish.served_files(served_log)
    assert entry["folder"] == "cats_and_dogs_small/" and entry["files"] == 3
    assert settings.shown(data / "cats_and_dogs_small" / "train") == "COURSE_DATA_DIR/cats_and_dogs_small/train"
