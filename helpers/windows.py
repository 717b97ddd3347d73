"""Sliding windows over a time series, built one batch at a time, on every Keras backend.

:class:`TimeseriesWindows` gives the same windows and targets, in the same
order, as ``keras.utils.timeseries_dataset_from_array`` (with
``shuffle=False``), but it is a ``keras.utils.PyDataset`` written in NumPy, so
it needs no ``tf.data`` and works with ``model.fit`` on any backend (tested
on TensorFlow and JAX). Only the window *start positions* are stored; each batch is gathered
when asked for with one fancy-indexing operation. For the Jena climate series
(about 420,000 windows of 120 steps by 14 features) all windows at once would
take about 2.8 GB in float32; one batch of 256 takes 1.7 MB.

Example::

    train_windows = TimeseriesWindows(
        raw_data[:-delay], targets=temperature[delay:],
        sequence_length=120, sampling_rate=6, batch_size=256,
        start_index=0, end_index=num_train_samples, shuffle=True, seed=0)
    model.fit(train_windows, epochs=10)
"""

from __future__ import annotations

import math

import keras
import numpy as np


class TimeseriesWindows(keras.utils.PyDataset):
    """Batches of windows ``data[i], data[i + r], ..., data[i + (L - 1) r]`` and targets ``targets[i]``.

    The arguments mean what they mean for
    ``keras.utils.timeseries_dataset_from_array``:

    - ``data``: array of shape ``(steps, ...)``; axis 0 is time. It is kept by
      reference, not copied.
    - ``targets``: array with ``targets[i]`` the target of the window that
      starts at ``data[i]``, or ``None`` to yield the windows alone.
    - ``sequence_length`` (L) steps per window, ``sampling_rate`` (r) steps
      between two of them, ``sequence_stride`` steps between two window starts.
    - ``start_index`` / ``end_index``: windows use only ``data[start_index:end_index]``.
    - ``shuffle``: draw the windows in a random order, a new order each epoch;
      ``False`` gives chronological order. The orders repeat from run to run
      with a ``seed``, or without one after ``keras.utils.set_random_seed``
      (the seed is then drawn from NumPy's global generator, as Keras does).

    ``workers`` and ``use_multiprocessing`` are ``keras.utils.PyDataset``'s:
    the defaults (one worker, no processes) are right for this cheap NumPy
    gathering, and on TensorFlow ``fit`` already prefetches the next batch.

    Example (the example of ``timeseries_dataset_from_array``)::

        >>> windows = TimeseriesWindows(np.arange(99), targets=None,
        ...     sequence_length=10, sampling_rate=2, sequence_stride=3, batch_size=128)
        >>> first_batch = windows[0]
        >>> first_batch[0].tolist()
        [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]
        >>> first_batch[-1].tolist()
        [78, 80, 82, 84, 86, 88, 90, 92, 94, 96]
        >>> len(windows), windows.num_windows
        (1, 27)
    """

    def __init__(
        self,
        data,
        targets,
        sequence_length: int,
        sampling_rate: int = 1,
        batch_size: int = 128,
        start_index: int | None = None,
        end_index: int | None = None,
        shuffle: bool = False,
        seed: int | None = None,
        sequence_stride: int = 1,
        workers: int = 1,
        use_multiprocessing: bool = False,
        max_queue_size: int = 10,
    ):
        super().__init__(workers=workers, use_multiprocessing=use_multiprocessing, max_queue_size=max_queue_size)
        self.data = np.asarray(data)
        self.targets = None if targets is None else np.asarray(targets)
        start_index = 0 if start_index is None else int(start_index)
        end_index = len(self.data) if end_index is None else int(end_index)
        for name, value in (("sequence_length", sequence_length), ("sampling_rate", sampling_rate),
                            ("sequence_stride", sequence_stride), ("batch_size", batch_size)):
            if int(value) <= 0:
                raise ValueError(f"{name} must be a positive integer, not {value}")
        if not 0 <= start_index < end_index <= len(self.data):
            raise ValueError(
                f"need 0 <= start_index < end_index <= len(data); got start_index={start_index}, "
                f"end_index={end_index}, len(data)={len(self.data)}"
            )
        span = (sequence_length - 1) * sampling_rate
        num_starts = end_index - start_index - span
        if self.targets is not None:
            num_starts = min(num_starts, len(self.targets) - start_index)
        if num_starts <= 0:
            raise ValueError(
                f"no window fits: a window spans {span + 1} steps "
                f"(sequence_length={sequence_length}, sampling_rate={sampling_rate}) but "
                f"data[{start_index}:{end_index}] has {end_index - start_index}"
            )
        self.sequence_length = int(sequence_length)
        self.sampling_rate = int(sampling_rate)
        self.batch_size = int(batch_size)
        self.start_index, self.end_index = start_index, end_index
        self.shuffle = shuffle
        # Absolute indices in `data` of every window's first step (a few MB at most), and the
        # offsets of a window's steps from its first one.
        self.starts = start_index + np.arange(0, num_starts, sequence_stride, dtype=np.int64)
        self.offsets = np.arange(0, self.sequence_length * self.sampling_rate, self.sampling_rate, dtype=np.int64)
        if shuffle and seed is None:
            seed = np.random.randint(1_000_000)
        self._rng = np.random.default_rng(seed)
        self._order = self._rng.permutation(self.starts) if shuffle else self.starts

    @property
    def num_windows(self) -> int:
        """How many windows an epoch yields."""
        return len(self.starts)

    def __len__(self) -> int:
        """Number of batches; the last one may be smaller than ``batch_size``."""
        return math.ceil(self.num_windows / self.batch_size)

    def window_starts(self, index: int) -> np.ndarray:
        """The absolute indices in ``data`` where the windows of batch ``index`` start.

        Example::

            >>> TimeseriesWindows(np.arange(20), None, sequence_length=5, batch_size=4).window_starts(1).tolist()
            [4, 5, 6, 7]
        """
        if not 0 <= index < len(self):
            raise IndexError(f"batch index {index} out of range for {len(self)} batches")
        return self._order[index * self.batch_size:(index + 1) * self.batch_size]

    def __getitem__(self, index: int):
        """Batch ``index``: ``(windows, targets)``, or ``windows`` alone when ``targets`` is None.

        ``windows`` has shape ``(batch, sequence_length) + data.shape[1:]``.
        """
        starts = self.window_starts(index)
        windows = self.data[starts[:, None] + self.offsets[None, :]]
        if self.targets is None:
            return windows
        return windows, self.targets[starts]

    def on_epoch_end(self):
        """Draw a new order of the windows for the next epoch (only with ``shuffle=True``)."""
        if self.shuffle:
            self._order = self._rng.permutation(self.starts)
