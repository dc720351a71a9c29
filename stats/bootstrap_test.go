package stats

import (
	"math"
	"testing"
)

// TestBootstrapAgainstScipy compares intervals for the entropy of
// [10, 0, 5, 3, 0, 82] with scipy.stats.bootstrap (SciPy 1.10.1) on the
// 100 examples behind those counts, 20,000 resamples, random_state
// numpy.random.default_rng(0):
//
//	data = np.repeat(np.arange(6), [10, 0, 5, 3, 0, 82])
//	bootstrap((data,), H, n_resamples=20000, method=m, vectorized=True)
//
// with H the entropy of the bin counts, giving percentile (0.43441, 0.82204)
// and BCa (0.47300, 0.85594) (stats/testdata/golden_stats.py). The generators differ, so they agree to Monte
// Carlo error only: 0.01 is about three standard errors of an endpoint at
// 20,000 resamples.
func TestBootstrapAgainstScipy(t *testing.T) {
	counts := []float64{10, 0, 5, 3, 0, 82}
	for _, c := range []struct {
		method IntervalMethod
		lo, hi float64
	}{
		{Percentile, 0.43440520862696663, 0.8220380839052066},
		{BCa, 0.47300290380251164, 0.8559395853234695},
	} {
		iv, err := Bootstrap(counts, Entropy, BootstrapOptions{Resamples: 20000, Method: c.method, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(iv.Lo-c.lo) > 0.01 || math.Abs(iv.Hi-c.hi) > 0.01 {
			t.Errorf("%s: [%.4f, %.4f], scipy [%.4f, %.4f]", c.method, iv.Lo, iv.Hi, c.lo, c.hi)
		}
		h, _ := Entropy(counts)
		if iv.Estimate != h || iv.Resamples != 20000 || iv.Confidence != 0.95 {
			t.Errorf("%+v", iv)
		}
	}
}

func TestBootstrapDeterministic(t *testing.T) {
	counts := []float64{40, 3, 0, 12, 7}
	a, _ := Bootstrap(counts, Gini, BootstrapOptions{Seed: 9})
	b, _ := Bootstrap(counts, Gini, BootstrapOptions{Seed: 9})
	c, _ := Bootstrap(counts, Gini, BootstrapOptions{Seed: 10})
	if a != b {
		t.Errorf("same seed, different intervals: %+v %+v", a, b)
	}
	if a == c {
		t.Errorf("different seeds, same interval: %+v", a)
	}
	if a.Resamples != DefaultResamples || !(a.Lo <= a.Estimate && a.Estimate <= a.Hi) {
		t.Errorf("%+v", a)
	}
}

// TestBootstrapDiff checks that the difference of two clearly different
// datasets excludes zero and a dataset against itself straddles it.
func TestBootstrapDiff(t *testing.T) {
	balanced := []float64{50, 48, 52, 47, 53}
	skewed := []float64{230, 5, 5, 5, 5}
	iv, err := BootstrapDiff(balanced, skewed, NormalizedEntropy, BootstrapOptions{Method: BCa})
	if err != nil {
		t.Fatal(err)
	}
	if iv.Lo <= 0 {
		t.Errorf("balanced − skewed entropy interval %+v includes 0", iv)
	}
	iv, _ = BootstrapDiff(balanced, balanced, NormalizedEntropy, BootstrapOptions{})
	if !(iv.Lo < 0 && iv.Hi > 0) || iv.Estimate != 0 {
		t.Errorf("self difference %+v does not straddle 0", iv)
	}
}

// TestBootstrapCoverage simulates datasets from known shares and checks
// that the 90% percentile interval of the entropy covers the true value
// about 90% of the time.
func TestBootstrapCoverage(t *testing.T) {
	truth := []float64{0.5, 0.2, 0.15, 0.1, 0.05}
	want, _ := Entropy(truth)
	m, _ := resampler(truth, nil)
	m.n = 400
	covered, trials := 0, 200
	for i := 0; i < trials; i++ {
		sample := make([]float64, len(truth))
		m.src = newSource(uint64(i))
		m.draw(sample)
		iv, err := Bootstrap(sample, Entropy, BootstrapOptions{Resamples: 500, Confidence: 0.9, Seed: uint64(i)})
		if err != nil {
			t.Fatal(err)
		}
		if iv.Lo <= want && want <= iv.Hi {
			covered++
		}
	}
	// Binomial(200, 0.9) lies in [165, 195] with probability > 0.999.
	if covered < 165 || covered > 195 {
		t.Errorf("90%% intervals covered the truth %d times in %d", covered, trials)
	}
}

func TestBootstrapBadInput(t *testing.T) {
	if _, err := Bootstrap([]float64{1, 2}, Entropy, BootstrapOptions{Confidence: 1.5}); err == nil {
		t.Error("level 1.5 accepted")
	}
	if _, err := Bootstrap([]float64{0, 0}, Entropy, BootstrapOptions{}); err == nil {
		t.Error("all-zero counts accepted")
	}
	if _, err := BootstrapDiff([]float64{1}, []float64{1, 2}, Entropy, BootstrapOptions{}); err == nil {
		t.Error("mismatched lengths accepted")
	}
}
