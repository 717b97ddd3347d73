"""Stand-in for UCI HIGGS: a gzipped CSV with the real file's 29 columns and number format.

The real ``HIGGS.csv.gz`` has no header; each line is the label (1 signal,
0 background) and 28 features, all written as ``%.18e`` floats
(``1.000000000000000000e+00,8.692932128906250000e-01,...``). Its features are
21 low-level kinematic quantities (lepton, missing energy and four jets: pT,
eta, phi, b-tag) and 7 high-level invariant masses, with the real ranges:
positive, skewed momenta and masses near 1, eta within +-2.5, phi within
+-1.74, b-tags of 0, 1.09 or 2.17.

The label is drawn from a probability that depends non-linearly on a few
features (a mass peak, an angle between lepton and missing energy, the
b-tags), so even the best model is wrong about a third of the time, as on the
real data; with so much label noise a large network memorises its training
rows and overfits, which is what Week 7 is about.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

N_FEATURES = 28
PHI_MAX = 1.74
B_TAGS = np.array([0.0, 1.086538076400756836, 2.173076152801513672])


def _momenta(rng, n: int, scale: float = 1.0) -> np.ndarray:
    return (rng.lognormal(-0.15, 0.5, n) * scale).astype(np.float32)


def higgs_rows(n_rows: int = 3000, seed: int = 280) -> np.ndarray:
    """(n_rows, 29) float32: the label, then 28 HIGGS-like features."""
    rng = np.random.default_rng(seed)
    n = n_rows
    eta = lambda: np.clip(rng.normal(0.0, 1.0, n), -2.45, 2.45)  # noqa: E731
    phi = lambda: rng.uniform(-PHI_MAX, PHI_MAX, n)  # noqa: E731
    lepton = [_momenta(rng, n), eta(), phi()]
    missing = [_momenta(rng, n), phi()]
    jets = []
    for _ in range(4):
        jets += [_momenta(rng, n), eta(), phi(), rng.choice(B_TAGS, n, p=[0.5, 0.3, 0.2])]
    masses = [rng.lognormal(0.0, s, n) for s in (0.35, 0.25, 0.1, 0.2, 0.45, 0.3, 0.3)]
    features = np.stack(lepton + missing + jets + masses, axis=1)

    m_bb, m_wwbb = features[:, 25], features[:, 27]
    angle = features[:, 2] - features[:, 4]  # lepton phi - missing energy phi
    b_tags = features[:, [8, 12, 16, 20]].sum(axis=1)
    score = (
        1.6 * np.exp(-(((m_bb - 1.0) / 0.25) ** 2))
        + 0.9 * np.cos(2.0 * angle) * np.tanh(features[:, 0] - 0.8)
        + 0.5 * np.tanh(2.0 * (m_wwbb - 1.0))
        + 0.25 * (b_tags - 1.5)
        - 0.45 * np.abs(features[:, 1] * features[:, 6])
        - 0.55
    )
    label = rng.random(n) < 1.0 / (1.0 + np.exp(-2.0 * score))
    return np.column_stack([label, features]).astype(np.float32)


def make_higgs(path: Path, n_rows: int = 3000) -> None:
    """Write ``n_rows`` stand-in rows to ``path`` as a gzipped, header-less ``%.18e`` CSV."""
    # No file name or time in the gzip header, so the bytes are the same on every run.
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as f:
        np.savetxt(f, higgs_rows(n_rows), fmt="%.18e", delimiter=",")


GENERATORS = {"HIGGS.csv.gz": make_higgs}
