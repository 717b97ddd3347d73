"""Sizes that several notebooks' exercises compute: what Flatten gets, receptive fields, Dense parameter counts.

Example::

    flattened_size(convnet, 150)                   # what Flatten gets for 150 × 150 inputs
    flattened_size(convnet, 28, padding="same")    # the same layers with padding='same'
    receptive_field([(3, 1), (2, 2), (3, 1)])       # 8: inputs one output depends on
    dense_parameters([2, 3, 1])                     # 13: weights and biases of a 2-3-1 network
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


def receptive_field(windows):
    """How many consecutive inputs one output depends on, after layers given as (window, stride), first layer first.

    Each layer widens the field by (window − 1) × the jump, the distance in inputs between its
    neighbouring inputs; a stride multiplies the jump. Example: ``receptive_field([(7, 1), (5, 5),
    (7, 1)])`` is 41, week 11's Conv1D, MaxPooling1D(5), Conv1D on words.
    """
    field, jump = 1, 1
    for window, stride in windows:
        field += (window - 1) * jump
        jump *= stride
    return field


def dense_parameters(widths):
    """Weights and biases of a stack of Dense layers whose widths, input first, are ``widths``.

    Example: ``dense_parameters([13, 64, 64, 1])`` is 5,121, week 5's book network (14 × 64 + 65 × 64 + 65).
    """
    return sum((n_in + 1) * n_out for n_in, n_out in zip(widths, widths[1:]))
