"""helpers.memory.PeakMemory: the rise of resident memory during a block."""

import numpy as np

from helpers.memory import PeakMemory


def test_peak_memory_sees_a_temporary_allocation():
    with PeakMemory(interval_s=0.001) as peak:
        block = np.ones(64 * 2**20 // 8)  # 64 MiB, touched so that it is resident
        del block
    assert peak.growth_bytes >= 48 * 2**20, f"only {peak.growth_bytes / 2**20:.0f} MiB seen"
    assert peak.peak_bytes >= peak.start_bytes + peak.growth_bytes - 1
