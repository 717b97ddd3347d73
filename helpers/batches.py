"""Batches for ``model.fit`` built on demand from any indexable data, reshuffled each epoch.

Example::

    from helpers.batches import ShuffledBatches

    train = ShuffledBatches(len(x), 128, lambda rows: (x[rows], y[rows]), shuffle=True, seed=1)
    model.fit(train, epochs=5)
"""

import numpy as np
import keras


class ShuffledBatches(keras.utils.PyDataset):
    """``len(batches)`` batches of ``batch_size`` rows; ``load(rows)`` turns row numbers into one batch.

    With ``shuffle`` the row order is a fresh permutation from ``seed`` at the start and
    after every epoch, so a run repeats; without it the rows come in order.
    """

    def __init__(self, count: int, batch_size: int, load, shuffle: bool = False, seed: int = 0):
        super().__init__()
        self.count, self.batch_size, self.load, self.shuffle = count, batch_size, load, shuffle
        self.rng = np.random.default_rng(seed)
        self.order = np.arange(count)
        self.on_epoch_end()

    def __len__(self) -> int:
        return int(np.ceil(self.count / self.batch_size))

    def __getitem__(self, index: int):
        if not 0 <= index < len(self):
            raise IndexError(f"batch {index} of {len(self)}")  # ends a plain for loop over the batches
        return self.load(self.order[index * self.batch_size : (index + 1) * self.batch_size])

    def on_epoch_end(self) -> None:
        if self.shuffle:
            self.order = self.rng.permutation(self.count)
