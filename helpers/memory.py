"""Peak memory of a piece of work: the process's resident memory, sampled in a thread.

On a CPU the tensors of a training step live in the process's own memory, so the
growth of its resident set size (RSS) while a step runs is what the step needed.
Sampling every few milliseconds catches peaks that last as long as one layer's
backward pass; it misses shorter ones, so the number is a lower bound.

Example::

    with PeakMemory() as peak:
        model.fit(x, y, epochs=1)
    print(f"{peak.growth_bytes / 2**20:.0f} MiB above the start")
"""

from __future__ import annotations

import threading
import time

import psutil


class PeakMemory:
    """Context manager: ``growth_bytes`` is the highest RSS seen minus the RSS at the start.

    Example::

        with PeakMemory(interval_s=0.005) as peak:
            model.predict(x)
        peak.growth_bytes, peak.peak_bytes
    """

    def __init__(self, interval_s: float = 0.005):
        self.interval_s = interval_s
        self.start_bytes = self.peak_bytes = self.growth_bytes = 0
        self._process = psutil.Process()
        self._stop = threading.Event()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, self._process.memory_info().rss)
            time.sleep(self.interval_s)

    def __enter__(self):
        self.start_bytes = self.peak_bytes = self._process.memory_info().rss
        self._stop.clear()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak_bytes = max(self.peak_bytes, self._process.memory_info().rss)
        self.growth_bytes = self.peak_bytes - self.start_bytes
        return False
