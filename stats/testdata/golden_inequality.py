# Golden values of stats/inequality_test.go, from NumPy by definitions independent of the Go code:
#   /usr/bin/python3 stats/testdata/golden_inequality.py
import numpy as np, json
vecs = {"skewed": [10, 0, 5, 3, 0, 82], "uniform": [4, 4, 4, 4], "single": [0, 0, 7], "weights": [0.5, 2.25, 1.25, 3.0, 0.0], "two": [1, 3]}
out = {}
for name, x in vecs.items():
    x = np.array(x, float); n = len(x); mu = x.mean()
    mad = np.abs(x[:, None] - x[None, :]).sum() / (2 * n * n * mu)       # mean absolute difference form
    L = np.concatenate([[0], np.cumsum(np.sort(x)) / x.sum()])
    area = np.trapz(L, np.linspace(0, 1, n + 1))                          # Lorenz-area form
    nz = x[x > 0]
    out[name] = dict(gini_mad=mad, gini_area=1 - 2 * area, gini_corr=mad * n / (n - 1),
                     theil_t=float(np.sum(nz / mu * np.log(nz / mu)) / n),
                     theil_l=float(np.mean(np.log(mu / x))) if (x > 0).all() else "inf",
                     lorenz=L.tolist(), top2=float(np.sort(x / x.sum())[::-1][:2].sum()),
                     cov_05=int(((x / x.sum()) >= 0.05).sum()))
print(json.dumps(out, indent=1))
