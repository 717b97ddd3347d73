"""The keras.applications weight stand-ins load into the real architectures, as the real files do."""

import h5py
import keras
import numpy as np
import pytest


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)

from helpers import download, registry

FILES = {
    "efficientnetb0_notop.h5": lambda w: keras.applications.EfficientNetB0(weights=w, include_top=False, input_shape=(64, 64, 3)),
    "weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5": lambda w: keras.applications.MobileNetV3Large(
        weights=w, include_top=False, input_shape=(64, 64, 3)),
    "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5": lambda w: keras.applications.ResNet50(
        weights=w, include_top=False, input_shape=(64, 64, 3)),
}


pytestmark = pytest.mark.usefixtures("standin_mode")


def test_the_checksums_are_the_ones_keras_pins():
    from keras.src.applications import efficientnet, mobilenet_v3, resnet

    pinned = {
        "efficientnetb0_notop.h5": efficientnet.WEIGHTS_HASHES["b0"][1],
        "weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5": mobilenet_v3.WEIGHTS_HASHES["large_224_1.0_float"][1],
        "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5": resnet.WEIGHTS_HASHES["resnet50"][1],
    }
    for filename, digest in pinned.items():
        assert registry.find(filename).checksum == f"md5:{digest}"


@pytest.mark.parametrize("filename", sorted(FILES))
def test_standin_has_the_legacy_layout_and_loads(filename):
    path = download.fetch(filename)
    with h5py.File(path) as f:
        names = [text(n) for n in f.attrs["layer_names"]]
        assert names and all("weight_names" in f[n].attrs for n in names)
    model = FILES[filename](str(path))  # loads by layer order, like the real file
    reference = FILES[filename](None)
    assert len(model.weights) == len(reference.weights)
    with h5py.File(path) as f:
        stored = [np.asarray(f[n][w]) for n in names for w in [text(x) for x in f[n].attrs["weight_names"]]]
    assert all(np.array_equal(a, b) for a, b in zip(stored, model.get_weights())), \
        "the loaded weights are the file's, in order"
