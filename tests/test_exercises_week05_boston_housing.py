"""week05_boston_housing's exercises: right answers pass, typical wrong answers get the intended sentence."""

import numpy as np
from exercise_checks import assert_exercises

from helpers.exercises.week05_boston_housing import BOOK, LOGBOOK, dense_params, fold_indices, normalise


def test_week05_boston_housing_exercises(standin_mode):
    rng = np.random.default_rng(0)
    scales = np.array([3.6, 11.4, 11.1, 0.07, 0.55, 6.3, 68.6, 3.8, 9.5, 408.0, 18.5, 356.7, 12.7])
    train_data = rng.gamma(2.0, 1.0, (404, 13)) * scales
    test_data = rng.gamma(2.0, 1.0, (102, 13)) * scales
    epochs = np.arange(1, 41)
    # Noisy bowls: the book network's lowest near epoch 25, the ELU network's near 35; smoothing moves them later.
    book = np.stack([3 + 0.002 * (epochs - 25) ** 2 + rng.normal(0, 0.05, 40) for _ in range(4)])
    logbook = np.stack([3 + 0.004 * (epochs - 35) ** 2 + rng.normal(0, 0.05, 40) for _ in range(4)])
    context = dict(train_data=train_data, test_data=test_data, val_mae={BOOK: book, LOGBOOK: logbook}, skip=10, k=4)

    def own_test_statistics(train, test):
        return normalise(train, test)[0], normalise(test, test)[0]

    def whole_set(train, test):
        both = np.concatenate([train, test])
        return (train - both.mean(axis=0)) / both.std(axis=0), (test - both.mean(axis=0)) / both.std(axis=0)

    def one_mean(train, test):
        return (train - train.mean()) / train.std(), (test - train.mean()) / train.std()

    def divides_by_zero(train, test):
        mean, std = train.mean(axis=0), train.std(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            return (train - mean) / std, (test - mean) / std

    def in_place(train, test):
        mean, std = train.mean(axis=0), train.std(axis=0)
        train -= mean
        return normalise(train + mean, test)

    def array_split(n, k, fold):
        parts = np.array_split(np.arange(n), k)
        return np.concatenate([p for i, p in enumerate(parts) if i != fold]), parts[fold]

    def drops_leftover(n, k, fold):
        train, val = fold_indices(n, k, fold)
        return train[train < k * (n // k)], val

    def overlapping(n, k, fold):
        return np.arange(n), fold_indices(n, k, fold)[1]

    def float_indices(n, k, fold):
        return tuple(a.astype("float32") for a in fold_indices(n, k, fold))

    def smoothed(name, factor):
        from helpers.exercises.week05_boston_housing import smoothed_best_epoch
        from types import SimpleNamespace

        return smoothed_best_epoch(SimpleNamespace(**context), name=name, factor=factor)

    right = smoothed(BOOK, 0.8)
    unsmoothed = int(np.argmin(book.mean(axis=0)[10:])) + 11
    assert len({right, right - 1, right - 10, right - 11, smoothed(BOOK, 0.9), smoothed(LOGBOOK, 0.8), unsmoothed}) == 7, "the synthetic curves must tell the mistakes apart"
    assert_exercises("week05_boston_housing", context, {
        "q1": [(own_test_statistics, "its own mean"), (whole_set, "training and test data together"),
               (one_mean, "each feature (column) needs its own"), (divides_by_zero, "nan or inf"),
               (in_place, "changed the arrays"), (lambda train, test: train, "return two arrays")],
        "q2": [(array_split, "n // k"), (drops_leftover, "neither set"), (overlapping, "both a training and a validation row"),
               (float_indices, "integers")],
        "q3": [(right - 1, "add 1"), (smoothed(BOOK, 0.9), "factor 0.9"), (smoothed(LOGBOOK, 0.8), "ELU network"),
               (unsmoothed, "unsmoothed"), (right - 11, "SKIP + 1")],
        "q4": [(dense_params(13, (64, 64, 64)) - 193, "biases"), (dense_params(13, (64, 64)), "book's 64-64-1"),
               (dense_params(13, (64, 64, 64)) + 1, "too high")],
        "q5": [("a", "102 rows"), ("c", "not exactly 0"), ("d", "no statistics of its own")],
    })
