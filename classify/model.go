package classify

import (
	"math"
	"slices"
	"sort"
	"sync"
)

// Model scores texts against a taxonomy at both levels.
//
// Each level has a linear softmax head over the same hashed, TF-IDF
// weighted, L2-normalized word and word-pair features:
//
//	p(c | x) = exp(b_c + Σ_f x_f w_fc) / Σ_k exp(b_k + Σ_f x_f w_fk)
//
// Group probabilities mix the group head with the occupation head summed
// within each group, p(g) = Mix·p_group(g) + (1−Mix)·Σ_{o∈g} p_occ(o), and
// occupation probabilities are rescaled within their group to agree with
// them, p(o) = p(g(o))·p_occ(o) / Σ_{o'∈g(o)} p_occ(o'). Both levels then
// sum to one and an occupation never contradicts its group.
type Model struct {
	Taxonomy *Taxonomy
	Features FeatureConfig
	// Mix is the weight of the group head in the group probabilities.
	Mix float64
	// Info describes how the model was made.
	Info ModelInfo

	hashes []uint32 // feature hash of each row, ascending
	table  map[uint32]int32
	idf    []float32
	heads  [2]head
	pool   sync.Pool
}

// ModelInfo records a model's provenance; it is stored in the model file.
type ModelInfo struct {
	// Command reproduces the model.
	Command string `json:"command,omitempty"`
	// Sources lists the training inputs with their example counts.
	Sources map[string]int `json:"sources,omitempty"`
	// Seed is the training seed.
	Seed uint64 `json:"seed"`
	// Epochs is the number of passes over the training data.
	Epochs int `json:"epochs"`
	// Validation holds accuracy on the validation split, per level.
	Validation map[string]float64 `json:"validation,omitempty"`
}

// head is one level's sparse weight matrix, stored by feature row: the
// weights of row r are w[off[r]:off[r+1]] for classes cls[off[r]:off[r+1]].
type head struct {
	bias []float32
	off  []uint32
	cls  []uint16
	w    []float32
}

// Scored is one class with its probability.
type Scored struct {
	Code  string  `json:"code"`
	Title string  `json:"title"`
	Prob  float64 `json:"prob"`
}

// Prediction is a model's answer for one text at both levels.
type Prediction struct {
	// Occupation is the most probable occupation and Group its group, with
	// their combined probabilities; a taxonomy without occupations gives
	// the most probable group and an empty Occupation.
	Group      Scored `json:"group"`
	Occupation Scored `json:"occupation"`
	// Unassigned is true when the group probability fell below the
	// abstain threshold, or the text had no known feature; Group and
	// Occupation then still hold the best guess.
	Unassigned bool `json:"unassigned,omitempty"`
	// TopGroups and TopOccupations hold the k most probable classes, most
	// probable first, when PredictOptions.TopK > 1.
	TopGroups      []Scored `json:"top_groups,omitempty"`
	TopOccupations []Scored `json:"top_occupations,omitempty"`
}

// PredictOptions tunes Predict.
type PredictOptions struct {
	// TopK is how many classes to list per level (0 or 1: none).
	TopK int
	// Threshold makes the prediction abstain ("unassigned") when the
	// predicted group's probability is below it.
	Threshold float64
}

// scratch holds per-call buffers, pooled so that concurrent Predict calls
// do not allocate.
type scratch struct {
	toks   []byte
	hashes []uint32
	vec    sparse
	scores [2][]float64
	acc    [2][]float32
	group  []float64
	occ    []float64
	sum    []float64
	factor []float64
}

func (m *Model) scratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{
		scores: [2][]float64{make([]float64, m.Taxonomy.Size(Group)), make([]float64, m.Taxonomy.Size(Occupation))},
		acc:    [2][]float32{make([]float32, m.Taxonomy.Size(Group)), make([]float32, m.Taxonomy.Size(Occupation))},
		group:  make([]float64, m.Taxonomy.Size(Group)),
		occ:    make([]float64, m.Taxonomy.Size(Occupation)),
		sum:    make([]float64, m.Taxonomy.Size(Group)),
		factor: make([]float64, m.Taxonomy.Size(Group)),
	}
}

// probs fills s.group with the combined group probabilities of text, and
// s.occ with the occupation probabilities when full is set; s.scores and
// s.sum keep the heads' own probabilities and the occupation head's sum
// per group, and s.factor the factor p(g)/Σ_{o∈g} p_occ(o) that turns the
// occupation head's probabilities into combined ones. It reports whether
// any feature of the text was known.
func (m *Model) probs(text string, s *scratch, full bool) bool {
	s.toks, s.hashes = m.Features.hashes(text, s.toks, s.hashes)
	vectorize(s.hashes, m.table, m.idf, &s.vec)
	for l := range m.heads {
		m.heads[l].scores(&s.vec, s.acc[l], s.scores[l])
		softmax(s.scores[l])
	}
	pg, po := s.scores[Group], s.scores[Occupation]
	clear(s.sum)
	occGroup := m.Taxonomy.occGroup
	for o, p := range po {
		s.sum[occGroup[o]] += p
	}
	for g := range s.group {
		s.group[g] = m.Mix*pg[g] + (1-m.Mix)*s.sum[g]
		s.factor[g] = 0
		if s.sum[g] > 0 {
			s.factor[g] = s.group[g] / s.sum[g]
		}
	}
	if full {
		for o, p := range po {
			s.occ[o] = s.factor[occGroup[o]] * p
		}
	}
	return len(s.vec.idx) > 0
}

func (h *head) scores(v *sparse, acc []float32, out []float64) {
	copy(acc, h.bias)
	for k, row := range v.idx {
		x := v.val[k]
		lo, hi := h.off[row], h.off[row+1]
		cls, w := h.cls[lo:hi], h.w[lo:hi]
		w = w[:len(cls)]
		for j, c := range cls {
			acc[c] += x * w[j]
		}
	}
	for c, a := range acc {
		out[c] = float64(a)
	}
}

// softmax turns scores into probabilities in place.
func softmax(s []float64) {
	max := math.Inf(-1)
	for _, x := range s {
		if x > max {
			max = x
		}
	}
	var sum float64
	for i, x := range s {
		e := fastExp(x - max)
		s[i] = e
		sum += e
	}
	inv := 1 / sum
	for i := range s {
		s[i] *= inv
	}
}

// fastExp returns e^x for x ≤ 0 with a relative error below 1e-8, several
// times faster than math.Exp: x·log2(e) is split into the nearest integer
// n, placed in the exponent bits, and a remainder r in [−½, ½] whose power
// of two, e^(r ln 2), is its Taylor polynomial of degree 7. Values below
// −700 give 0.
func fastExp(x float64) float64 {
	if x < -700 {
		return 0
	}
	t := x * math.Log2E
	n := math.Floor(t + 0.5)
	y := (t - n) * math.Ln2
	p := 1 + y*(1+y*(1.0/2+y*(1.0/6+y*(1.0/24+y*(1.0/120+y*(1.0/720+y*(1.0/5040)))))))
	return p * math.Float64frombits(uint64(int64(n)+1023)<<52)
}

// Predict classifies one text. It is safe for concurrent use.
func (m *Model) Predict(text string, opts PredictOptions) Prediction {
	s := m.scratch()
	defer m.pool.Put(s)
	known := m.probs(text, s, opts.TopK > 1)
	var p Prediction
	g, o, prob := m.decide(s)
	p.Group = m.scored(Group, g, s.group[g])
	if o >= 0 {
		p.Occupation = m.scored(Occupation, o, prob)
	}
	if !known || s.group[g] < opts.Threshold {
		p.Unassigned = true
	}
	if opts.TopK > 1 {
		p.TopGroups = m.top(Group, s.group, opts.TopK)
		p.TopOccupations = m.top(Occupation, s.occ, opts.TopK)
	}
	return p
}

// decide picks the answer from the probabilities in s: the occupation of
// highest combined probability, p(g)·p_occ(o)/Σ_{o'∈g} p_occ(o'), and its
// group. Choosing the occupation first and its group second scored higher
// at both levels than the most probable group and its best occupation
// (docs/CLASSIFIER.md, "Decision"). A taxonomy without occupations gives
// the most probable group and o = −1.
func (m *Model) decide(s *scratch) (g, o int, prob float64) {
	occGroup := m.Taxonomy.occGroup
	o, prob = -1, -1
	for i, p := range s.scores[Occupation] {
		if q := s.factor[occGroup[i]] * p; q > prob {
			o, prob = i, q
		}
	}
	if o < 0 {
		return argmax(s.group), -1, 0
	}
	return occGroup[o], o, prob
}

// Probabilities returns the full probability vectors of text at both
// levels, aligned with Taxonomy.Groups and Taxonomy.Occupations.
func (m *Model) Probabilities(text string) (groups, occupations []float64) {
	groups, occupations, _, _ = m.scoreText(text)
	return groups, occupations
}

// scoreText returns both probability vectors of text and the indices
// Predict answers with (occupation −1 when there is none).
func (m *Model) scoreText(text string) (groups, occupations []float64, g, o int) {
	s := m.scratch()
	defer m.pool.Put(s)
	m.probs(text, s, true)
	g, o, _ = m.decide(s)
	return slices.Clone(s.group), slices.Clone(s.occ), g, o
}

func (m *Model) scored(l Level, i int, p float64) Scored {
	c := m.Taxonomy.Classes(l)[i]
	return Scored{Code: c.Code, Title: c.Title, Prob: p}
}

func (m *Model) top(l Level, probs []float64, k int) []Scored {
	idx := make([]int, len(probs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return probs[idx[a]] > probs[idx[b]] })
	if k > len(idx) {
		k = len(idx)
	}
	out := make([]Scored, k)
	for i := range out {
		out[i] = m.scored(l, idx[i], probs[idx[i]])
	}
	return out
}

func argmax(x []float64) int {
	best := 0
	for i, v := range x {
		if v > x[best] {
			best = i
		}
	}
	return best
}

// NumWeights returns the number of stored weights per level.
func (m *Model) NumWeights() (group, occupation int) {
	return len(m.heads[Group].w), len(m.heads[Occupation].w)
}

func (m *Model) buildTable() {
	m.table = make(map[uint32]int32, len(m.hashes))
	for i, h := range m.hashes {
		m.table[h] = int32(i)
	}
}
