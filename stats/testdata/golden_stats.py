# Golden values of stats_test.go (diversity, divergence) and bootstrap_test.go:
#   /usr/bin/python3 stats/testdata/golden_stats.py   (Debian python3-scipy 1.10.1, python3-numpy 1.24.2)
import numpy as np, json
from scipy.stats import entropy, bootstrap
from scipy.spatial.distance import jensenshannon
vecs = {
 "skewed": [10, 0, 5, 3, 0, 82],
 "uniform": [4, 4, 4, 4],
 "single": [0, 0, 7],
 "weights": [0.5, 2.25, 1.25, 3.0, 0.0],
}
out = {}
for name, x in vecs.items():
    x = np.array(x, float); p = x / x.sum(); K = len(x); S = (x > 0).sum()
    H = entropy(x)
    nz = p[p > 0]
    d = dict(entropy=H, bits=entropy(x, base=2), normalized=H/np.log(K), pielou=(H/np.log(S) if S > 1 else 1.0),
             hill0=float(S), hill1=np.exp(H), hill2=1/np.sum(nz**2), hillinf=1/nz.max(), hill05=np.sum(nz**0.5)**(1/(1-0.5)),
             hhi=np.sum(p**2))
    out[name] = d
ref = np.array([20, 10, 30, 15, 5, 20], float)
p = np.array(vecs["skewed"], float)
out["div"] = dict(kl=entropy(p, ref), kl_rev=entropy(ref, p), js_distance=jensenshannon(p, ref), js_divergence=jensenshannon(p, ref)**2,
                  tv=0.5*np.abs(p/p.sum()-ref/ref.sum()).sum())
# bootstrap: example-level data, entropy of the category counts
rng = np.random.default_rng(0)
data = np.repeat(np.arange(6), [10, 0, 5, 3, 0, 82])
def H(sample, axis=-1):
    counts = np.apply_along_axis(lambda s: np.bincount(s.astype(int), minlength=6), axis, sample)
    return entropy(counts, axis=axis)
for method in ["percentile", "BCa"]:
    r = bootstrap((data,), H, n_resamples=20000, method=method, random_state=rng, vectorized=True)
    out["boot_" + method] = [r.confidence_interval.low, r.confidence_interval.high]
print(json.dumps(out, indent=1))
