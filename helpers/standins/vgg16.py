"""Stand-in for the VGG16 ImageNet weights without the classifier, in the real file's layout.

``vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5`` is a legacy Keras HDF5
weights file: a root attribute ``layer_names`` (the 13 convolution and 5
pooling layers, ``block1_conv1`` ... ``block5_pool``), and one group per layer
whose attribute ``weight_names`` lists its datasets, ``<layer>_W_1:0`` (the
kernel, height × width × input channels × filters) and ``<layer>_b_1:0`` (the
bias); pooling layers have none. ``keras.applications.VGG16(weights=<path>,
include_top=False)`` loads it by layer order, as it loads the real file.

The weights are seeded random numbers at 0.75 × the He-normal scale: through
13 ReLU layers that turns preprocessed pixels (about ±100) into features of
about the real ones' size (mostly 0 to a few units). The stand-in exercises
the loading path and the shapes, not ImageNet features.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

BLOCKS = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))  # filters, convolutions per block


def layers() -> list[tuple[str, tuple[int, int, int, int] | None]]:
    """(layer name, kernel shape or None for a pooling layer) in VGG16's order."""
    out, channels = [], 3
    for b, (filters, convolutions) in enumerate(BLOCKS, start=1):
        for c in range(1, convolutions + 1):
            out.append((f"block{b}_conv{c}", (3, 3, channels, filters)))
            channels = filters
        out.append((f"block{b}_pool", None))
    return out


def make_vgg16_notop(path: Path) -> None:
    import h5py

    rng = np.random.default_rng(16)
    with h5py.File(path, "w") as f:
        names = layers()
        f.attrs["layer_names"] = np.array([name.encode() for name, _ in names])
        for name, kernel in names:
            group = f.create_group(name)
            if kernel is None:
                group.attrs["weight_names"] = np.array([], dtype="S1")
                continue
            fan_in = kernel[0] * kernel[1] * kernel[2]
            weights = {
                f"{name}_W_1:0": rng.normal(0, 0.75 * np.sqrt(2 / fan_in), size=kernel).astype("float32"),
                f"{name}_b_1:0": rng.normal(0, 0.01, size=kernel[-1]).astype("float32"),
            }
            group.attrs["weight_names"] = np.array([w.encode() for w in weights])
            for weight_name, value in weights.items():
                group.create_dataset(weight_name, data=value)


GENERATORS = {"vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5": make_vgg16_notop}
