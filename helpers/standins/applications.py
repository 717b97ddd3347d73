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
"""

from __future__ import annotations

from pathlib import Path


def _writer(build):
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
        with h5py.File(path, "w") as f:
            legacy_h5_format.save_weights_to_hdf5_group(f, model)

    return make


GENERATORS = {
    "efficientnetb0_notop.h5": _writer(lambda apps: apps.EfficientNetB0(weights=None, include_top=False)),
    "weights_mobilenet_v3_large_224_1.0_float_no_top_v2.h5": _writer(
        lambda apps: apps.MobileNetV3Large(weights=None, include_top=False, input_shape=(224, 224, 3))),
    "resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5": _writer(
        lambda apps: apps.ResNet50(weights=None, include_top=False)),
}
