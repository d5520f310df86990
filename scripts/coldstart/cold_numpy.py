import numpy as np
x = np.random.default_rng(0).random((1000, 3))
d = x.reshape(1000, 1, 3) - x.reshape(1, 1000, 3)
dist = (d * d).sum(-1)
g = x @ x.T
print(dist.mean(), g.sum())
