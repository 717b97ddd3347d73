"""helpers.memory.PeakMemory: the rise of resident memory during a block."""

import mmap
import time

import numpy as np

from helpers.memory import PeakMemory

SIZE = 64 * 2**20


def test_peak_memory_sees_a_temporary_allocation():
    # Under pytest-xdist this once saw 0 MiB (a fresh clone, 2026-12-03; not reproduced alone, 0
    # misses in 60 tries). Two ways it can miss, both ruled out here: the sampling thread needs the
    # GIL, which NumPy's fill holds, so the block is now held across a sleep; and a NumPy array may
    # reuse heap memory an earlier test in the same worker freed but kept resident, while an
    # anonymous mapping is always fresh pages from the system.
    with PeakMemory(interval_s=0.001) as peak:
        block = mmap.mmap(-1, SIZE)
        np.frombuffer(block, dtype=np.uint8)[:] = 1  # touch every page, so that it is resident
        time.sleep(0.05)  # let the sampling thread run while the block is held
        block.close()
    assert peak.growth_bytes >= 48 * 2**20, f"only {peak.growth_bytes / 2**20:.0f} MiB seen"
    assert peak.peak_bytes >= peak.start_bytes + peak.growth_bytes - 1
