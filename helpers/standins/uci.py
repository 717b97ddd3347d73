"""Stand-ins for UCI files: the seeds table (tab-separated, no header, class in the last column).

The real ``seeds_dataset.txt`` has 210 rows, 70 per variety, seven features
and a class 1, 2 or 3; a few rows carry a doubled tab. The stand-in keeps all
of that, with class means and spreads close to the real ones.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

# area, perimeter, compactness, kernel length, kernel width, asymmetry, groove length
SEEDS_MEANS = np.array(
    [
        [14.33, 14.29, 0.880, 5.51, 3.24, 2.67, 5.09],
        [18.33, 16.14, 0.884, 6.15, 3.68, 3.64, 6.02],
        [11.87, 13.25, 0.849, 5.23, 2.85, 4.79, 5.12],
    ]
)
SEEDS_STDS = np.array([1.2, 0.6, 0.016, 0.23, 0.18, 1.2, 0.26])


def make_seeds(path: Path, per_class: int = 70) -> None:
    rng = np.random.default_rng(236)
    lines = []
    for label, means in enumerate(SEEDS_MEANS, start=1):
        rows = means + rng.standard_normal((per_class, 7)) * SEEDS_STDS
        for i, row in enumerate(rows):
            separator = "\t\t" if i % 23 == 5 else "\t"  # the real file has a few doubled tabs
            lines.append(separator.join(f"{v:.4g}" for v in row) + f"\t{label}")
    path.write_text("\n".join(lines) + "\n")


GENERATORS = {"seeds_dataset.txt": make_seeds}
