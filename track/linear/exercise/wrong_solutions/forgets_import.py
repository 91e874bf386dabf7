# expected-failures: test_linear_shape, test_linear_values, test_backward_shapes, test_grad_x, test_grad_W, test_grad_b, test_backward_unchanged, test_finite_difference
# expected-hint: test_linear_shape: import numpy as np
# expected-hint: test_linear_values: import numpy as np
# expected-hint: test_backward_shapes: import numpy as np
# expected-hint: test_grad_x: import numpy as np
# expected-hint: test_grad_W: import numpy as np
# expected-hint: test_grad_b: import numpy as np
# expected-hint: test_backward_unchanged: import numpy as np
# expected-hint: test_finite_difference: import numpy as np
"""Uses np without `import numpy as np`: every call raises NameError."""


def linear(x, W, b):
    return np.matmul(x, W) + b


def linear_backward(grad_out, x, W):
    return np.matmul(grad_out, W.T), np.matmul(x.T, grad_out), np.sum(grad_out, axis=0)
