"""make test runs notebooks in parallel workers: files that two notebooks share are made under a lock.

Each test holds the lock as another worker would, and checks that the maker waits for it
(flock locks taken through two separate opens exclude each other, even within one process).
"""

import threading
import time

from helpers import dogs_vs_cats, standins
from helpers.staging import lock


def wait_for(capsys, text, seconds=60):
    seen = ""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        seen += capsys.readouterr().out
        if text in seen:
            return True
        time.sleep(0.05)
    return False


def run_in_thread(function, *args):
    result = {}
    thread = threading.Thread(target=lambda: result.update(value=function(*args)))
    thread.start()
    return thread, result


def test_a_stand_in_waits_for_another_process_making_it(standin_mode, capsys):
    target = standins.folder() / "boston_housing.npz"
    target.parent.mkdir(parents=True)
    with lock(target):
        thread, result = run_in_thread(standins.make, "boston_housing.npz")
        assert wait_for(capsys, "Waiting for another process working on boston_housing.npz"), "make() did not wait"
        assert not target.exists(), "make() wrote the file while another process held its lock"
    thread.join(60)
    assert result["value"] == target and target.is_file()


def test_the_dogs_vs_cats_split_waits_then_is_reused(standin_mode, capsys):
    sizes = {"train": 3, "validation": 2, "test": 2}
    target = dogs_vs_cats.root() / dogs_vs_cats.FOLDER
    target.parent.mkdir(parents=True)
    with lock(target):
        thread, result = run_in_thread(dogs_vs_cats.prepare, sizes)
        assert wait_for(capsys, f"Waiting for another process working on {dogs_vs_cats.FOLDER}"), "prepare() did not wait"
        assert not target.exists(), "prepare() made the split while another process held its lock"
    thread.join(60)
    assert result["value"] == target and "Made " in capsys.readouterr().out
    marker = (target / dogs_vs_cats.MADE_FROM).stat().st_mtime_ns
    assert dogs_vs_cats.prepare(sizes) == target
    assert "made earlier" in capsys.readouterr().out and (target / dogs_vs_cats.MADE_FROM).stat().st_mtime_ns == marker
