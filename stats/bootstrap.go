package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// Statistic is a measure of a count vector, such as Entropy or Gini.
type Statistic func(counts []float64) (float64, error)

// IntervalMethod names how a bootstrap interval is read off the resamples.
type IntervalMethod string

const (
	// Percentile takes the α/2 and 1−α/2 quantiles of the resampled values.
	Percentile IntervalMethod = "percentile"
	// BCa is Efron's bias-corrected and accelerated interval: the quantiles
	// are shifted by the bias z0 = Φ⁻¹(#{θ* < θ̂}/B) and the acceleration
	// a = Σ (θ̄ − θ_(i))³ / (6 [Σ (θ̄ − θ_(i))²]^{3/2}) of the leave-one-
	// example-out jackknife.
	BCa IntervalMethod = "bca"
)

// DefaultResamples is the number of bootstrap resamples unless set.
const DefaultResamples = 2000

// BootstrapOptions configures Bootstrap and BootstrapDiff. The zero value
// means 2,000 resamples, a 95% percentile interval and seed 0.
type BootstrapOptions struct {
	Resamples int
	// Confidence is the confidence level in (0, 1); 0 means 0.95.
	Confidence float64
	Method     IntervalMethod
	Seed       uint64
}

// Interval is a bootstrap confidence interval around an estimate.
type Interval struct {
	Estimate float64 `json:"estimate"`
	Lo       float64 `json:"lo"`
	Hi       float64 `json:"hi"`
	// Confidence is the interval's confidence level.
	Confidence float64        `json:"level"`
	Method     IntervalMethod `json:"method"`
	// Resamples counts the resamples the interval was read from; resamples
	// whose statistic was not finite (an infinite KL, say) are left out.
	Resamples int `json:"resamples"`
}

func (o *BootstrapOptions) defaults() error {
	if o.Resamples == 0 {
		o.Resamples = DefaultResamples
	}
	if o.Confidence == 0 {
		o.Confidence = 0.95
	}
	if o.Method == "" {
		o.Method = Percentile
	}
	if o.Resamples < 10 || o.Confidence <= 0 || o.Confidence >= 1 || (o.Method != Percentile && o.Method != BCa) {
		return fmt.Errorf("%w: bootstrap %d resamples, confidence %v, method %q", ErrArgument, o.Resamples, o.Confidence, o.Method)
	}
	return nil
}

// multinomial draws counts of n examples over the shares p by successive
// binomials: x_1 ~ B(n, p_1), x_2 ~ B(n − x_1, p_2/(1 − p_1)), …
type multinomial struct {
	p   []float64
	n   float64
	src rand.Source
}

func (m *multinomial) draw(out []float64) {
	left, rest := m.n, 1.0
	for i, p := range m.p {
		switch {
		case left == 0 || p == 0:
			out[i] = 0
		case i == len(m.p)-1 || p >= rest:
			out[i] = left
		default:
			out[i] = distuv.Binomial{N: left, P: p / rest, Src: m.src}.Rand()
		}
		left -= out[i]
		rest -= p
	}
}

// resampler prepares multinomial resampling of the examples behind counts.
// Counts are rounded to whole examples; weights below 1 are not examples.
func resampler(counts []float64, src rand.Source) (*multinomial, error) {
	total, err := check(counts)
	if err != nil {
		return nil, err
	}
	p := make([]float64, len(counts))
	for i, c := range counts {
		p[i] = c / total
	}
	n := math.Round(total)
	if n < 1 {
		return nil, fmt.Errorf("%w: fewer than one example to resample", ErrArgument)
	}
	return &multinomial{p: p, n: n, src: src}, nil
}

// Bootstrap returns a confidence interval for stat(counts) by resampling
// the examples: each resample draws as many examples as counts holds, with
// replacement, which is a multinomial draw over the observed shares. It
// is seeded and deterministic.
func Bootstrap(counts []float64, stat Statistic, o BootstrapOptions) (Interval, error) {
	ivs, err := BootstrapMany(counts, []Statistic{stat}, o)
	if err != nil {
		return Interval{}, err
	}
	return ivs[0], nil
}

// BootstrapMany returns an interval for each statistic from one shared set
// of resamples, which costs one multinomial draw per resample instead of
// one per resample and statistic. Interval i is what Bootstrap(counts,
// stats[i], o) returns.
func BootstrapMany(counts []float64, stats []Statistic, o BootstrapOptions) ([]Interval, error) {
	if err := o.defaults(); err != nil {
		return nil, err
	}
	est := make([]float64, len(stats))
	for i, stat := range stats {
		v, err := stat(counts)
		if err != nil {
			return nil, err
		}
		est[i] = v
	}
	m, err := resampler(counts, rand.NewPCG(o.Seed, 0xb007))
	if err != nil {
		return nil, err
	}
	boot := make([][]float64, len(stats))
	buf := make([]float64, len(counts))
	for b := 0; b < o.Resamples; b++ {
		m.draw(buf)
		for i, stat := range stats {
			if v, err := stat(buf); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
				boot[i] = append(boot[i], v)
			}
		}
	}
	out := make([]Interval, len(stats))
	for i, stat := range stats {
		var accel float64
		if o.Method == BCa {
			accel = jackknifeAcceleration(counts, stat)
		}
		out[i] = interval(est[i], boot[i], accel, o)
	}
	return out, nil
}

// BootstrapDiff returns a confidence interval for stat(a) − stat(b), the
// difference of a measure between two datasets, resampling each dataset's
// examples independently.
func BootstrapDiff(a, b []float64, stat Statistic, o BootstrapOptions) (Interval, error) {
	if err := o.defaults(); err != nil {
		return Interval{}, err
	}
	if len(a) != len(b) {
		return Interval{}, fmt.Errorf("%w: %d and %d", ErrLength, len(a), len(b))
	}
	ea, err := stat(a)
	if err != nil {
		return Interval{}, err
	}
	eb, err := stat(b)
	if err != nil {
		return Interval{}, err
	}
	src := rand.NewPCG(o.Seed, 0xd1ff)
	ma, err := resampler(a, src)
	if err != nil {
		return Interval{}, err
	}
	mb, err := resampler(b, src)
	if err != nil {
		return Interval{}, err
	}
	boot := make([]float64, 0, o.Resamples)
	ba, bb := make([]float64, len(a)), make([]float64, len(b))
	for i := 0; i < o.Resamples; i++ {
		ma.draw(ba)
		mb.draw(bb)
		va, errA := stat(ba)
		vb, errB := stat(bb)
		if d := va - vb; errA == nil && errB == nil && !math.IsNaN(d) && !math.IsInf(d, 0) {
			boot = append(boot, d)
		}
	}
	var accel float64
	if o.Method == BCa {
		// The jackknife of a difference of independent samples: leave one
		// example out of either dataset.
		accel = jackknifeAccelerationDiff(a, b, stat)
	}
	return interval(ea-eb, boot, accel, o), nil
}

// jackknifeAcceleration computes the BCa acceleration from the leave-one-
// out values. Leaving out one example of category i gives the same value
// for all c_i examples of that category, so K evaluations stand for N.
func jackknifeAcceleration(counts []float64, stat Statistic) float64 {
	vals, weights := jackknife(counts, stat)
	return accelerationFrom(vals, weights)
}

func jackknife(counts []float64, stat Statistic) (vals, weights []float64) {
	c := slices.Clone(counts)
	for i, n := range counts {
		if n < 1 {
			continue
		}
		c[i] = n - 1
		if v, err := stat(c); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
			vals = append(vals, v)
			weights = append(weights, math.Round(n))
		}
		c[i] = n
	}
	return vals, weights
}

func jackknifeAccelerationDiff(a, b []float64, stat Statistic) float64 {
	eb, _ := stat(b)
	ea, _ := stat(a)
	va, wa := jackknife(a, stat)
	vb, wb := jackknife(b, stat)
	// θ_(i) of the difference: one example out of a, or out of b.
	vals := make([]float64, 0, len(va)+len(vb))
	for _, v := range va {
		vals = append(vals, v-eb)
	}
	for _, v := range vb {
		vals = append(vals, ea-v)
	}
	return accelerationFrom(vals, append(wa, wb...))
}

func accelerationFrom(vals, weights []float64) float64 {
	var n, mean float64
	for i, v := range vals {
		mean += weights[i] * v
		n += weights[i]
	}
	if n == 0 {
		return 0
	}
	mean /= n
	var num, den float64
	for i, v := range vals {
		d := mean - v
		num += weights[i] * d * d * d
		den += weights[i] * d * d
	}
	if den == 0 {
		return 0
	}
	return num / (6 * math.Pow(den, 1.5))
}

// interval reads the interval off the sorted resampled values.
func interval(est float64, boot []float64, accel float64, o BootstrapOptions) Interval {
	iv := Interval{Estimate: est, Confidence: o.Confidence, Method: o.Method, Resamples: len(boot)}
	if len(boot) == 0 {
		iv.Lo, iv.Hi = est, est
		return iv
	}
	slices.Sort(boot)
	alpha := (1 - o.Confidence) / 2
	lo, hi := alpha, 1-alpha
	if o.Method == BCa {
		below := 0
		for _, v := range boot {
			if v < est {
				below++
			}
		}
		frac := float64(below) / float64(len(boot))
		if frac > 0 && frac < 1 {
			z0 := distuv.UnitNormal.Quantile(frac)
			adj := func(q float64) float64 {
				z := distuv.UnitNormal.Quantile(q)
				return distuv.UnitNormal.CDF(z0 + (z0+z)/(1-accel*(z0+z)))
			}
			lo, hi = adj(lo), adj(hi)
		}
	}
	iv.Lo, iv.Hi = quantile(boot, lo), quantile(boot, hi)
	return iv
}

// quantile returns the q-quantile of sorted x by linear interpolation
// between order statistics (numpy's default "linear" method).
func quantile(x []float64, q float64) float64 {
	pos := q * float64(len(x)-1)
	i := int(math.Floor(pos))
	if i >= len(x)-1 {
		return x[len(x)-1]
	}
	if i < 0 {
		return x[0]
	}
	f := pos - float64(i)
	return x[i] + f*(x[i+1]-x[i])
}

func newSource(seed uint64) rand.Source { return rand.NewPCG(seed, 0x5eed) }
