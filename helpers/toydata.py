"""The TensorFlow Playground's 2-D toy sets, generated the way the Playground does.

Ported from the Playground's ``dataset.ts`` (Apache 2.0): labels are -1 and +1,
``noise`` is the Playground's slider divided by 100 (0 to 0.5), and the points
span roughly -6 to 6 on both axes.

Example::

    >>> x, y = playground("circle", n_samples=500, noise=0.1, seed=0)
    >>> x.shape, sorted(set(y))
    ((500, 2), [-1.0, 1.0])
"""

from __future__ import annotations

import numpy as np

SETS = ("circle", "xor", "gauss", "spiral")


def _circle(n, noise, rng):
    radius = 5.0
    half = n // 2
    r = np.concatenate([rng.uniform(0, radius * 0.5, half), rng.uniform(radius * 0.7, radius, n - half)])
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    jitter = rng.uniform(-radius, radius, (n, 2)) * noise
    # The label comes from the jittered point, as in the Playground: noise flips labels near the edge.
    label = np.where(np.hypot(*(x + jitter).T) < radius * 0.5, 1.0, -1.0)
    return x, label


def _xor(n, noise, rng):
    padding = 0.3
    x = rng.uniform(-5, 5, (n, 2))
    x += np.where(x > 0, padding, -padding)
    jitter = rng.uniform(-5, 5, (n, 2)) * noise
    label = np.where(np.prod(x + jitter, axis=1) >= 0, 1.0, -1.0)
    return x, label


def _gauss(n, noise, rng):
    variance = 0.5 + (4 - 0.5) * noise / 0.5  # the Playground maps noise 0..0.5 to variance 0.5..4
    half = n // 2
    x = np.concatenate([rng.normal(2, np.sqrt(variance), (half, 2)), rng.normal(-2, np.sqrt(variance), (n - half, 2))])
    label = np.concatenate([np.ones(half), -np.ones(n - half)])
    return x, label


def _spiral(n, noise, rng):
    half = n // 2
    parts = []
    for delta, count in ((0.0, half), (np.pi, n - half)):
        i = np.arange(count)
        r = i / count * 5
        t = 1.75 * i / count * 2 * np.pi + delta
        points = np.stack([r * np.sin(t), r * np.cos(t)], axis=1) + rng.uniform(-1, 1, (count, 2)) * noise
        parts.append(points)
    label = np.concatenate([np.ones(half), -np.ones(n - half)])
    return np.concatenate(parts), label


def playground(name: str, n_samples: int = 500, noise: float = 0.0, seed: int = 0):
    """Points ``x`` (n, 2) and labels ``y`` (n,) in {-1, +1}, shuffled, for one Playground set.

    Example::

        >>> x, y = playground("xor", noise=0.2)
        >>> x.shape
        (500, 2)
    """
    makers = {"circle": _circle, "xor": _xor, "gauss": _gauss, "spiral": _spiral}
    if name not in makers:
        raise ValueError(f"unknown Playground set {name!r}; choose one of {SETS}")
    if not 0 <= noise <= 0.5:
        raise ValueError(f"noise is the Playground's slider / 100, from 0 to 0.5, not {noise}")
    rng = np.random.default_rng(seed)
    x, y = makers[name](n_samples, noise, rng)
    order = rng.permutation(n_samples)
    return x[order].astype("float32"), y[order].astype("float32")
