import numpy as np
import pytest

import helpers
from helpers import settings


def test_full_mode_is_the_default(monkeypatch):
    monkeypatch.delenv("COURSE_MODE", raising=False)
    assert settings.mode() == "full"
    assert helpers.epochs(20) == 20


def test_test_mode_shrinks_epochs_but_never_grows_them(monkeypatch):
    monkeypatch.setenv("COURSE_MODE", "test")
    assert helpers.epochs(20) == 2
    assert helpers.epochs(20, test=5) == 5
    assert helpers.epochs(1, test=5) == 1
    assert helpers.by_mode(full=10_000, test=200) == 200


def test_an_unknown_mode_is_refused(monkeypatch):
    monkeypatch.setenv("COURSE_MODE", "quick")
    with pytest.raises(ValueError, match="COURSE_MODE must be one of"):
        settings.mode()


def test_folders_follow_the_environment(folders):
    data, build = folders
    assert settings.data_dir() == data.resolve()
    assert settings.build_dir() == build.resolve()


def test_set_seed_repeats_numpy_and_keras_draws():
    import keras

    draws = []
    for _ in range(2):
        helpers.set_seed(7)
        weights = keras.initializers.GlorotUniform()((2, 3))
        draws.append((np.random.rand(), keras.ops.convert_to_numpy(weights).tolist()))
    assert draws[0] == draws[1]


def test_shown_paths_are_relative_to_the_repository_or_named_by_their_variable(folders, monkeypatch):
    data, build = folders
    assert settings.shown(data / "names") == "COURSE_DATA_DIR/names"
    assert settings.shown(build / "week02.xlsx") == "COURSE_BUILD_DIR/week02.xlsx"
    monkeypatch.delenv("COURSE_BUILD_DIR")
    assert settings.shown(settings.REPO_ROOT / "build" / "week02.xlsx") == "build/week02.xlsx"
    assert settings.shown("/usr/share/elsewhere") == "/usr/share/elsewhere"


def test_your_own_run_says_where_the_data_folder_is_and_a_copy_for_readers_does_not(folders, monkeypatch):
    data, _ = folders
    monkeypatch.delenv(settings.SERVED_LOG, raising=False)
    assert settings.data_line() == f"data in COURSE_DATA_DIR ({data.resolve()})"
    monkeypatch.setenv(settings.SERVED_LOG, str(data.parent / "served.jsonl"))
    assert settings.data_line() == "data in COURSE_DATA_DIR"
    monkeypatch.delenv("COURSE_DATA_DIR")
    assert settings.data_line() == "data in data/"
    monkeypatch.delenv(settings.SERVED_LOG)
    assert settings.data_line() == f"data in data/ ({settings.data_dir()})"
