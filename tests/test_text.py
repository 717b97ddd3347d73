import numpy as np
import pytest

from helpers.text import multi_hot_encode


def test_multi_hot_matches_a_plain_loop_and_ignores_repeats():
    rng = np.random.default_rng(0)
    sequences = [rng.integers(0, 50, size=n).tolist() for n in (0, 1, 7, 30)]
    expected = np.zeros((len(sequences), 50), dtype="uint8")
    for i, sequence in enumerate(sequences):
        for word in sequence:
            expected[i, word] = 1
    encoded = multi_hot_encode(sequences, num_classes=50)
    assert encoded.dtype == np.uint8 and np.array_equal(encoded, expected)


def test_indices_beyond_the_vocabulary_are_an_error():
    with pytest.raises(IndexError):
        multi_hot_encode([[5]], num_classes=5)
