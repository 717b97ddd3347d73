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
