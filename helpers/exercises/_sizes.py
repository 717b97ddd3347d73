"""Sizes that several notebooks' shape exercises compute from a convnet's layers, for an input size of one's choice.

Example::

    flattened_size(convnet, 150)                   # what Flatten gets for 150 × 150 inputs
    flattened_size(convnet, 28, padding="same")    # the same layers with padding='same'
"""


def flattened_size(model, side, padding=None):
    """Values per image after ``model``'s Conv2D and MaxPooling2D layers for ``side`` × ``side`` inputs.

    Each convolution uses its own padding unless ``padding`` overrides it; poolings keep theirs.
    Example: ``flattened_size(convnet, 28)`` is 1152 for week 8's MNIST convnet (3 × 3 × 128).
    """
    import keras

    channels = None
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv2D):
            kernel, stride, channels = layer.kernel_size[0], layer.strides[0], layer.filters
            side = -(-side // stride) if (padding or layer.padding) == "same" else (side - kernel) // stride + 1
        elif isinstance(layer, keras.layers.MaxPooling2D):
            pool, stride = layer.pool_size[0], layer.strides[0]
            side = -(-side // stride) if layer.padding == "same" else (side - pool) // stride + 1
    return side * side * channels
