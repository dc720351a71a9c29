package stats

import (
	"errors"
	"math"
	"testing"
)

const tol = 1e-12

func near(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.IsInf(want, 0) && got == want {
		return
	}
	if math.Abs(got-want) > tol*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.17g, want %.17g", name, got, want)
	}
}

// Expected values from SciPy 1.10.1 and NumPy 1.24.2 (Debian bookworm
// python3-scipy, python3-numpy), computed by
//
//	H = scipy.stats.entropy(x); bits = scipy.stats.entropy(x, base=2)
//	normalized = H/log(len(x)); pielou = H/log((x > 0).sum())
//	hill_q = sum(p[p>0]**q)**(1/(1-q)), hill_1 = exp(H), hill_inf = 1/p.max()
//	hhi = sum(p**2)
//
// with p = x/x.sum(), printed by /usr/bin/python3 stats/testdata/golden_stats.py.
var diversityCases = []struct {
	name                              string
	counts                            []float64
	entropy, bits, normalized, pielou float64
	hill                              [5]float64 // q = 0, 0.5, 1, 2, Inf
	hhi                               float64
}{
	{"skewed", []float64{10, 0, 5, 3, 0, 82}, 0.647971629650251, 0.9348254567331572, 0.36163985221153433, 0.4674127283665786, [5]float64{4.0, 2.619795254647039, 1.9116593406713203, 1.4581510644502773, 1.2195121951219512}, 0.6857999999999999},
	{"uniform", []float64{4, 4, 4, 4}, 1.3862943611198906, 2.0, 1.0, 1.0, [5]float64{4.0, 4.0, 4.0, 4.0, 4.0}, 0.25},
	{"single", []float64{0, 0, 7}, 0.0, 0.0, 0.0, 1.0, [5]float64{1.0, 1.0, 1.0, 1.0, 1.0}, 1.0},
	{"weights", []float64{0.5, 2.25, 1.25, 3.0, 0.0}, 1.2240836202904763, 1.765979368626479, 0.7605659161086759, 0.8829896843132395, [5]float64{4.0, 3.6535980930843914, 3.401048002955449, 3.0866141732283463, 2.3333333333333335}, 0.3239795918367347},
}

func TestDiversity(t *testing.T) {
	orders := []float64{0, 0.5, 1, 2, math.Inf(1)}
	for _, c := range diversityCases {
		t.Run(c.name, func(t *testing.T) {
			v, err := Entropy(c.counts)
			if err != nil {
				t.Fatal(err)
			}
			near(t, "Entropy", v, c.entropy)
			v, _ = EntropyBits(c.counts)
			near(t, "EntropyBits", v, c.bits)
			v, _ = NormalizedEntropy(c.counts)
			near(t, "NormalizedEntropy", v, c.normalized)
			v, _ = Pielou(c.counts)
			near(t, "Pielou", v, c.pielou)
			for i, q := range orders {
				v, err = Hill(c.counts, q)
				if err != nil {
					t.Fatal(err)
				}
				near(t, "Hill", v, c.hill[i])
			}
			v, _ = HHI(c.counts)
			near(t, "HHI", v, c.hhi)
		})
	}
}

// Expected values from SciPy 1.10.1:
//
//	kl = scipy.stats.entropy(p, ref); kl_rev = scipy.stats.entropy(ref, p)
//	js_distance = scipy.spatial.distance.jensenshannon(p, ref)
//	tv = 0.5*abs(p/p.sum() - ref/ref.sum()).sum()
func TestDivergence(t *testing.T) {
	p := []float64{10, 0, 5, 3, 0, 82}
	ref := []float64{20, 10, 30, 15, 5, 20}
	v, _ := KL(p, ref)
	near(t, "KL", v, 0.9498234895519946)
	v, _ = KL(ref, p)
	if !math.IsInf(v, 1) {
		t.Errorf("KL(ref, p) = %v, want +Inf (p has empty categories)", v)
	}
	v, _ = JSDistance(p, ref)
	near(t, "JSDistance", v, 0.4826397981684156)
	v, _ = JSDivergence(p, ref)
	near(t, "JSDivergence", v, 0.23294117477604898)
	v, _ = TotalVariation(p, ref)
	near(t, "TotalVariation", v, 0.62)
	r, _ := RepresentationRatio(p, ref)
	near(t, "ratio[0]", r[0], (10.0/100)/(20.0/100))
	if r[1] != 0 || r[5] != 0.82/0.2 {
		t.Errorf("ratios %v", r)
	}
	r, _ = RepresentationRatio(ref, p)
	if !math.IsInf(r[1], 1) {
		t.Errorf("ratio over an empty reference category = %v, want +Inf", r[1])
	}
	// A distribution is at distance 0 from itself, and a uniform one from Uniform.
	for _, f := range []func(a, b []float64) (float64, error){KL, JSDivergence, JSDistance, TotalVariation} {
		if v, _ := f(ref, ref); math.Abs(v) > 1e-15 {
			t.Errorf("divergence of a vector from itself = %v", v)
		}
		if v, _ := f([]float64{3, 3, 3}, Uniform(3)); math.Abs(v) > 1e-15 {
			t.Errorf("divergence of uniform from Uniform = %v", v)
		}
	}
}

func TestBadInput(t *testing.T) {
	measures := map[string]Statistic{
		"Entropy": Entropy, "EntropyBits": EntropyBits, "NormalizedEntropy": NormalizedEntropy, "Pielou": Pielou,
		"HHI": HHI, "Gini": Gini, "GiniCorrected": GiniCorrected, "TheilT": TheilT, "TheilL": TheilL,
		"Hill2": func(c []float64) (float64, error) { return Hill(c, 2) },
	}
	bad := map[string]struct {
		counts []float64
		err    error
	}{
		"empty":    {nil, ErrEmpty},
		"negative": {[]float64{1, -1, 3}, ErrNegative},
		"nan":      {[]float64{1, math.NaN()}, ErrNotFinite},
		"inf":      {[]float64{1, math.Inf(1)}, ErrNotFinite},
		"zeros":    {[]float64{0, 0, 0}, ErrZeroTotal},
	}
	for mname, m := range measures {
		for bname, b := range bad {
			v, err := m(b.counts)
			if !errors.Is(err, b.err) || v != 0 {
				t.Errorf("%s(%s) = %v, %v; want error %v", mname, bname, v, err, b.err)
			}
		}
	}
	if _, err := KL([]float64{1, 2}, []float64{1, 2, 3}); !errors.Is(err, ErrLength) {
		t.Errorf("KL of mismatched lengths: %v", err)
	}
	if _, err := JSDistance([]float64{1, 2}, []float64{0, 0}); !errors.Is(err, ErrZeroTotal) {
		t.Errorf("JSDistance against a zero reference: %v", err)
	}
	if _, err := Hill([]float64{1}, -1); !errors.Is(err, ErrArgument) {
		t.Errorf("Hill of negative order: %v", err)
	}
	if _, err := TopShare([]float64{1, 2}, 3); !errors.Is(err, ErrArgument) {
		t.Errorf("TopShare k > K: %v", err)
	}
	if _, _, err := Coverage([]float64{1, 2}, 1.5); !errors.Is(err, ErrArgument) {
		t.Errorf("Coverage threshold 1.5: %v", err)
	}
}
