"""Generated images of simple shapes: a cheap, offline image task for experiments on depth.

Four classes drawn at a random place, size and brightness on a noisy background:
0 a horizontal bar, 1 a vertical bar, 2 a square outline, 3 a filled disc. A
convnet must look at the shape, not at the overall brightness, to tell them
apart. Images are ``uint8`` (n, size, size, 1) like MNIST's, labels ``uint8``.

Example::

    x, y = shape_images(1_000, seed=0)   # x.shape == (1000, 28, 28, 1)
"""

from __future__ import annotations

import numpy as np

CLASS_NAMES = ("horizontal bar", "vertical bar", "square outline", "disc")


def shape_images(n: int, size: int = 28, seed: int = 0, noise: float = 40.0):
    """``n`` images (uint8, shape (n, size, size, 1)) and balanced labels 0-3, shuffled.

    Example::

        x, y = shape_images(8, seed=1)   # y holds each of the 4 classes twice
    """
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % len(CLASS_NAMES)).astype("uint8")
    rows, cols = np.mgrid[0:size, 0:size].astype("float32")
    half = rng.uniform(0.15, 0.3, n)[:, None, None] * size  # half the shape's extent, pixels
    thin = rng.uniform(0.05, 0.09, n)[:, None, None] * size  # half a bar's or an outline's width
    centre_r = rng.uniform(0.35, 0.65, n)[:, None, None] * size
    centre_c = rng.uniform(0.35, 0.65, n)[:, None, None] * size
    dr, dc = np.abs(rows - centre_r), np.abs(cols - centre_c)
    k = labels[:, None, None]
    masks = np.where(
        k == 0, (dc <= half) & (dr <= thin),
        np.where(
            k == 1, (dr <= half) & (dc <= thin),
            np.where(k == 2, (np.maximum(dr, dc) <= half) & (np.maximum(dr, dc) >= half - thin), np.hypot(dr, dc) <= half),
        ),
    )
    brightness = rng.uniform(120, 255, n)[:, None, None]
    images = masks * brightness + rng.normal(60, noise, (n, size, size))
    return np.clip(images, 0, 255).astype("uint8")[..., None], labels
