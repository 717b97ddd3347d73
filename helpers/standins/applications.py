"""Stand-ins for the keras.applications ImageNet weights without the classifier, in the real files' layout.

The real files are legacy Keras HDF5 weight files: a root attribute
``layer_names`` listing every layer in the model's order, and one group per
layer whose attribute ``weight_names`` lists its datasets (kernels, biases,
batch-normalisation statistics). ``keras.applications.EfficientNetB0(weights=<path>,
include_top=False)`` (and ``MobileNetV3Large``, ``ResNet50``) loads them by layer
order, as it loads the real file.

Each stand-in is written from the same architecture built with ``weights=None``
(Keras' own seeded initial weights), through Keras' legacy HDF5 writer, so its
layer names, order and shapes are the real ones. It exercises the loading path
and the shapes, not ImageNet features.

One thing is not left at Keras' initial values: the batch-normalisation moving
statistics. Initially they are mean 0 and variance 1, which in inference mode (how
a frozen base runs) normalises nothing, and through EfficientNetB0's and
MobileNetV3Large's depthwise blocks the activations shrink layer after layer: their
pooled features come out about 1e-6 and 1e-12 in size, too small for a new head to
learn from in a few steps, and too small for "loading changed the output" to be
seen. The real files hold statistics measured on ImageNet, which keep every layer's
output near unit scale; the stand-ins get the same property from statistics measured
once on :data:`CALIBRATION_IMAGES` random colour images of ``CALIBRATION_SIZE`` pixels
(smooth colour fields with pixel noise, 0–255, through the architecture's own
preprocessing), so that on the stand-in photos at 32 pixels, the size the
transfer-learning project's test mode uses, their pooled features are of order 1
(0.1 to 2 in root mean square). That holds at the calibration size only: a random
network's statistics do not carry over as ImageNet's do, and at 64 or 224 pixels, or on
pixel noise, the stand-ins' features come out 10 to 10⁸ times larger. They are for
loading, shapes, timing and the project's test mode, not for features.

They are measured on each network as Keras builds it for its ImageNet weights. For
EfficientNetB0 that differs from ``weights=None``: ``weights="imagenet"`` adds a
``Rescaling(1 / sqrt(IMAGENET_STDDEV_RGB))`` after the input normalisation
(tensorflow/tensorflow#62193), which a network loaded from a file's path lacks; the
transfer-learning project puts it back by multiplying the normalisation's variance by
those standard deviations after loading, so the statistics are measured with that
change made (and the file keeps the variance as built).

Example::

    path = helpers.standins.make("efficientnetb0_notop.h5")
    base = keras.applications.EfficientNetB0(weights=str(path), include_top=False)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

CALIBRATION_IMAGES, CALIBRATION_SIZE, NOISE = 64, 32, 0.1


def calibration_images() -> np.ndarray:
    """Random colour fields, smooth over 8 × 8-pixel squares, with pixel noise, as float32 pixels in [0, 255]."""
    rng = np.random.default_rng(1000)
    coarse = rng.random((CALIBRATION_IMAGES, CALIBRATION_SIZE // 8, CALIBRATION_SIZE // 8, 3))
    fine = coarse.repeat(8, axis=1).repeat(8, axis=2) + rng.normal(0, NOISE, (CALIBRATION_IMAGES, CALIBRATION_SIZE, CALIBRATION_SIZE, 3))
    return (np.clip(fine, 0, 1) * 255).astype("float32")


def calibrate_batch_norm(model, images) -> None:
    """Set every BatchNormalization's moving mean and variance to its inputs' statistics on ``images``.

    With momentum 0 one forward pass in training mode replaces the moving statistics by
    the batch's; every layer sees its input normalised by the layers before it, as in
    inference afterwards, so one pass calibrates them all.
    """
    import keras

    norms = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    momenta = [layer.momentum for layer in norms]
    for layer in norms:
        layer.momentum = 0.0
    try:
        model(images, training=True)
    finally:
        for layer, momentum in zip(norms, momenta):
            layer.momentum = momentum


IMAGENET_STD = (0.229, 0.224, 0.225)  # IMAGENET_STDDEV_RGB in keras/src/applications/efficientnet.py


def _scaled_as_for_imagenet(model):
    """EfficientNet as ``weights="imagenet"`` builds it: its normalisation divides by sqrt(std) once more.

    Returns the normalisation's variance as built, to be put back before writing.
    """
    import keras

    norm = next(layer for layer in model.layers if isinstance(layer, keras.layers.Normalization))
    built = keras.ops.convert_to_numpy(norm.adapt_variance).copy()
    norm.adapt_variance.assign(built * np.array(IMAGENET_STD))
    norm.finalize_state()
    return norm, built


def _writer(build, preprocess, efficientnet=False):
    def make(path: Path) -> None:
        import collections

        import h5py
        import keras
        from keras.src.backend.common import global_state
        from keras.src.legacy.saving import legacy_h5_format

        # Weightless layers get automatic names ("re_lu_19") from a process-wide counter; count
        # from zero here, and restore the caller's counter after, so the file is the same every time.
        saved = global_state.get_global_attribute("object_name_uids")
        global_state.set_global_attribute("object_name_uids", collections.defaultdict(int))
        try:
            keras.utils.set_random_seed(1000)
            model = build(keras.applications)
        finally:
            global_state.set_global_attribute("object_name_uids", saved)
        if efficientnet:
            norm, built = _scaled_as_for_imagenet(model)
        calibrate_batch_norm(model, preprocess(keras.applications, calibration_images()))
        if efficientnet:
            norm.adapt_variance.assign(built)
        with h5py.File(path, "w") as f:
            legacy_h5_format.save_weights_to_hdf5_group(f, model)

    return make


def _built_in(apps, images):
    return images  # EfficientNet and MobileNetV3 rescale (and normalise) inside the model


GENERATORS = {
    "efficientnetb0_notop.h5": _writer(lambda apps: apps.EfficientNetB0(weights=None, include_top=False), _built_in,
                                       efficientnet=True),
    # Built for any input size (the real file's weights do not depend on it), so it calibrates at 64 px.
    "weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5": _writer(
        lambda apps: apps.MobileNetV3Large(weights=None, include_top=False, input_shape=(None, None, 3)), _built_in),
    "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5": _writer(
        lambda apps: apps.ResNet50(weights=None, include_top=False),
        lambda apps, images: apps.resnet50.preprocess_input(images.copy())),  # RGB to BGR, ImageNet means off
}
