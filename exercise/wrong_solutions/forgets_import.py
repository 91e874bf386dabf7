# expected-failures: test_relu_shape, test_relu_values, test_backward_mask, test_backward_at_zero, test_backward_finite_difference
# expected-hint: test_relu_shape: import numpy as np
# expected-hint: test_relu_values: import numpy as np
# expected-hint: test_backward_mask: import numpy as np
# expected-hint: test_backward_at_zero: import numpy as np
# expected-hint: test_backward_finite_difference: import numpy as np
"""Uses np without `import numpy as np`: every call raises NameError."""


def relu(x):
    return np.maximum(x, 0)


def relu_backward(grad_out, x):
    return np.multiply(grad_out, x > 0)
