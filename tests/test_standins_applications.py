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


def test_calibration_sets_the_running_statistics_to_the_batch_statistics():
    from helpers.standins.applications import calibrate_batch_norm

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Conv2D(4, 3), keras.layers.BatchNormalization(momentum=0.99)])
    images = np.random.default_rng(0).normal(2.0, 3.0, (16, 8, 8, 3)).astype("float32")
    calibrate_batch_norm(model, images)
    norm = model.layers[-1]
    inputs = keras.ops.convert_to_numpy(model.layers[0](images))
    assert np.allclose(keras.ops.convert_to_numpy(norm.moving_mean), inputs.mean(axis=(0, 1, 2)), atol=1e-4)
    assert np.allclose(keras.ops.convert_to_numpy(norm.moving_variance), inputs.var(axis=(0, 1, 2)), rtol=1e-3)
    assert norm.momentum == 0.99, "the layer's own momentum is put back"
    outputs = keras.ops.convert_to_numpy(model(images, training=False))
    assert np.allclose(outputs.mean(axis=(0, 1, 2)), 0, atol=1e-3) and np.allclose(outputs.std(axis=(0, 1, 2)), 1, atol=1e-2), \
        "in inference mode the calibration batch comes out normalised"


BUILD = {
    "efficientnetb0_notop.h5": keras.applications.EfficientNetB0,
    "weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5": keras.applications.MobileNetV3Large,
    "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5": keras.applications.ResNet50,
}
PREPROCESS = {
    "efficientnetb0_notop.h5": keras.applications.efficientnet.preprocess_input,
    "weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5": keras.applications.mobilenet_v3.preprocess_input,
    "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5": keras.applications.resnet50.preprocess_input,
}


@pytest.mark.parametrize("filename", sorted(FILES))
def test_standin_features_on_the_food_standin_are_of_order_one_where_keras_initial_ones_are_not(filename):
    """What the transfer-learning project's test mode relies on: 32-pixel stand-in photos give usable features."""
    from helpers import food101
    from helpers.standins.applications import IMAGENET_STD

    food = food101.find_food()
    images = np.stack([food101.load_jpeg(p, 32) for p in food.test_paths[:16]]).astype("float32")
    sizes = {}
    for weights in (None, str(download.fetch(filename))):
        keras.utils.set_random_seed(0)
        model = BUILD[filename](weights=weights, include_top=False, input_shape=(32, 32, 3))
        if weights and filename.startswith("efficientnet"):  # as the project does: Keras' weights="imagenet" scaling
            norm = next(layer for layer in model.layers if isinstance(layer, keras.layers.Normalization))
            norm.adapt_variance.assign(keras.ops.convert_to_numpy(norm.adapt_variance) * np.array(IMAGENET_STD))
            norm.finalize_state()
        features = keras.ops.convert_to_numpy(model(PREPROCESS[filename](images.copy()), training=False)).mean(axis=(1, 2))
        sizes[weights is None] = float(np.sqrt(np.mean(features**2)))
    assert 0.05 < sizes[False] < 20, f"pooled stand-in features of order 1, got a root mean square of {sizes[False]:.3g}"
    if not filename.startswith("resnet"):  # ResNet50's plain ReLU stack keeps its size even uncalibrated
        assert sizes[True] < 1e-3, f"Keras' initial statistics shrink these networks' features; got {sizes[True]:.3g}"


def test_the_efficientnet_standin_keeps_the_normalisation_as_built():
    path = download.fetch("efficientnetb0_notop.h5")
    with h5py.File(path) as f:
        names = [text(n) for n in f.attrs["layer_names"]]
        norm = f[next(n for n in names if n.startswith("normalization"))]
        weights = {text(w).split("/")[-1]: np.asarray(norm[text(w)]) for w in norm.attrs["weight_names"]}
    variance = next(v for k, v in weights.items() if k.startswith("variance"))
    assert np.array_equal(variance, np.ones(3, "float32")), "the rescaling is applied when used, not stored in the file"
