// Package linear is the numerical model behind the occupation classifier:
// hashed TF-IDF features, two sparse linear softmax heads (groups and
// occupations), how their probabilities combine, which answer they give,
// and the model file that stores them. Package classify serves it to
// users; package train fits it.
package linear

import (
	"math"
	"sync"
	"unsafe"

	blas "gonum.org/v1/gonum/blas/gonum"

	"github.com/occubias/occubias/taxonomy"
)

// Model holds a trained classifier.
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
//
// Fill the exported fields, then call Index once; after that a Model is
// read-only and safe for concurrent use.
type Model struct {
	Taxonomy *taxonomy.Taxonomy
	Features FeatureConfig
	// Mix is the weight of the group head in the group probabilities.
	Mix float64
	// Info describes how the model was made.
	Info Info
	// Hashes is the feature hash of each row, ascending; IDF its weight.
	Hashes []uint32
	IDF    []float32
	// Heads holds the weights per level (taxonomy.Group, taxonomy.Occupation).
	Heads [2]Head

	table    *Table
	rows     []rowInfo
	occGroup []int
	runs     []groupRun
	catOrder []int32 // occupations by category
	catEnds  []int32 // where each category's occupations end in catOrder; nil without categories
	pool     sync.Pool
}

// Info records a model's provenance; it is stored in the model file.
type Info struct {
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

// Head is one level's sparse weight matrix, stored by feature row: the
// weights of row r are W[Off[r]:Off[r+1]] for classes Cls[Off[r]:Off[r+1]].
type Head struct {
	Bias []float32
	Off  []uint32
	Cls  []uint16
	W    []float32

	// dense holds rows with weights for more than a denseShare of the
	// classes as full rows of len(Bias) weights, zeros included: a
	// vectorized loop over a full row is several times faster than
	// following the class indices of a long sparse one, and adding
	// x·0 leaves a score as it was, so the scores are identical.
	dense []float32
}

// rowInfo is what scoring reads of one feature row, in one place so that
// a feature costs one cache miss, not one per array: its IDF and, per
// head, where its weights are.
type rowInfo struct {
	idf  float32
	span [2]rowSpan
}

// rowSpan locates a row's weights in a head: W[start:start+n], or the
// full row start of dense when n is denseSpan.
type rowSpan struct{ start, n uint32 }

const denseSpan = math.MaxUint32

// denseShare is the share of a head's classes above which a row is
// scored as a full row: the rows of common words in the occupation head,
// three quarters of its work on real prompts.
const denseShare = 4

// Index builds the lookup tables that scoring needs from the exported
// fields. Call it once, before the first Scores.
func (m *Model) Index() {
	m.table = NewTable(m.Hashes)
	m.rows = make([]rowInfo, len(m.Hashes))
	for r := range m.rows {
		m.rows[r].idf = m.IDF[r]
	}
	for l := range m.Heads {
		m.Heads[l].index(m.rows, l)
	}
	m.occGroup = m.Taxonomy.OccupationGroups()
	m.runs = groupRuns(m.occGroup)
	m.catOrder, m.catEnds = nil, nil
	if m.Taxonomy.Has(taxonomy.Category) {
		m.catOrder, m.catEnds = categoryOrder(m.Taxonomy.OccupationCategories(), m.Taxonomy.Size(taxonomy.Category))
	}
}

// Scratch holds the buffers of one scoring call and, after Scores, its
// results. Get one with Scratch and give it back with Release.
type Scratch struct {
	toks   []byte
	hashes []uint32
	rows   []uint32
	vec    Sparse
	// Heads holds each head's own probabilities.
	Heads [2][]float64
	acc   [2][]float32
	// Group holds the combined group probabilities.
	Group []float64
	// Occupation holds the combined occupation probabilities, filled when
	// Scores was asked for them or the taxonomy has categories.
	Occupation []float64
	// Category holds the category probabilities, the occupation
	// probabilities summed per category, when the taxonomy has categories.
	Category []float64
	// sum is the occupation head's probability summed per group, and
	// factor p(g)/sum: the factor that turns the occupation head's
	// probabilities into combined ones.
	sum    []float64
	factor []float64
	addrs  []uintptr
	// best is the occupation Decide answers, −1 for none, and bestProb
	// its combined probability.
	best     int
	bestProb float64
}

// groupRun is a run of consecutive occupations, [start, end), of one
// group.
type groupRun struct{ start, end, group int32 }

// Scratch returns pooled buffers for one call of Scores.
func (m *Model) Scratch() *Scratch {
	if s, ok := m.pool.Get().(*Scratch); ok {
		return s
	}
	ng, no := m.Taxonomy.Size(taxonomy.Group), m.Taxonomy.Size(taxonomy.Occupation)
	return &Scratch{
		Heads:      [2][]float64{make([]float64, ng), make([]float64, no)},
		acc:        [2][]float32{make([]float32, ng), make([]float32, no)},
		Group:      make([]float64, ng),
		Occupation: make([]float64, no),
		Category:   make([]float64, m.Taxonomy.Size(taxonomy.Category)),
		sum:        make([]float64, ng),
		factor:     make([]float64, ng),
		best:       -1,
	}
}

// Release returns s to the pool.
func (m *Model) Release(s *Scratch) { m.pool.Put(s) }

// Scores fills s.Group with the combined group probabilities of text,
// s.Occupation with the occupation probabilities when full is set or the
// taxonomy has categories, and s.Category with the category ones. It
// reports whether any feature of the text was known.
func (m *Model) Scores(text string, s *Scratch, full bool) bool {
	s.toks, s.hashes = m.Features.unsortedHashes(text, s.toks, s.hashes)
	// The feature table and the weights are far larger than the caches
	// and a text reads them at scattered places: asking for its table
	// slots, then for the start of each weight row it reads, before
	// reading them overlaps the waits that reading them in turn would
	// line up.
	s.addrs = m.table.slotLines(s.hashes, s.addrs[:0])
	prefetch(s.addrs)
	s.rows = knownFeatures(s.hashes, m.table, s.rows, &s.vec)
	m.weigh(&s.vec)
	s.addrs = m.weightLines(s.vec.Idx, s.addrs[:0])
	prefetch(s.addrs)
	for l := range m.Heads {
		m.Heads[l].scores(&s.vec, m.rows, l, s.acc[l])
	}
	pg := s.Heads[taxonomy.Group]
	inv := exps(s.acc[taxonomy.Group], pg)
	for g := range pg {
		pg[g] *= inv
	}
	inv = exps(s.acc[taxonomy.Occupation], s.Heads[taxonomy.Occupation])
	m.combine(s, inv, full)
	return len(s.vec.Idx) > 0
}

// exps sets out to e^(a − max a) for each score a and returns one over
// their sum: out scaled by it is the softmax of the scores, value for
// value what Softmax gives.
func exps(scores []float32, out []float64) float64 {
	i, max := maxVector(scores)
	for _, a := range scores[i:] {
		if a > max {
			max = a
		}
	}
	top := float64(max)
	out = out[:len(scores)]
	i, sum := expsVector(scores, out, top)
	for ; i < len(scores); i++ {
		e := FastExp(float64(scores[i]) - top)
		out[i] = e
		sum += e
	}
	return 1 / sum
}

// combine turns the occupation head's exponentials in s.Heads (times inv,
// its probabilities) and the group head's probabilities into the combined
// probabilities and the answer Decide gives. The passes over the
// occupations go run by run of one group, with the group's sum in a
// register; the category sums gather each category's occupations in
// their order. Every sum adds the same values in the same order as a
// plain loop over the occupations, so every value is the one it makes.
func (m *Model) combine(s *Scratch, inv float64, full bool) {
	pg, po := s.Heads[taxonomy.Group], s.Heads[taxonomy.Occupation]
	clear(s.sum)
	for _, r := range m.runs {
		p := po[r.start:r.end]
		sum := s.sum[r.group]
		for i := range p {
			p[i] *= inv
			sum += p[i]
		}
		s.sum[r.group] = sum
	}
	for g := range s.Group {
		s.Group[g] = m.Mix*pg[g] + (1-m.Mix)*s.sum[g]
		s.factor[g] = 0
		if s.sum[g] > 0 {
			s.factor[g] = s.Group[g] / s.sum[g]
		}
	}
	best, bestProb := -1, -1.0
	if m.catEnds != nil || full {
		for _, r := range m.runs {
			f := s.factor[r.group]
			p, occ := po[r.start:r.end], s.Occupation[r.start:r.end]
			occ = occ[:len(p)]
			for i, x := range p {
				q := f * x
				occ[i] = q
				if q > bestProb {
					best, bestProb = int(r.start)+i, q
				}
			}
		}
	} else {
		for _, r := range m.runs {
			f := s.factor[r.group]
			for i, x := range po[r.start:r.end] {
				if q := f * x; q > bestProb {
					best, bestProb = int(r.start)+i, q
				}
			}
		}
	}
	if m.catEnds != nil {
		occ := s.Occupation
		start := 0
		for c, end := range m.catEnds {
			var sum float64
			for _, o := range m.catOrder[start:end] {
				sum += occ[o]
			}
			s.Category[c] = sum
			start = int(end)
		}
	}
	s.best, s.bestProb = best, bestProb
}

// groupRuns splits the occupations into runs of consecutive ones of one
// group.
func groupRuns(group []int) []groupRun {
	var runs []groupRun
	for o, g := range group {
		if n := len(runs); n > 0 && runs[n-1].group == int32(g) {
			runs[n-1].end++
			continue
		}
		runs = append(runs, groupRun{start: int32(o), end: int32(o) + 1, group: int32(g)})
	}
	return runs
}

// categoryOrder lists the occupations category by category, each
// category's in their order, and where each category's list ends.
func categoryOrder(cat []int, categories int) (order, ends []int32) {
	ends = make([]int32, categories)
	for _, c := range cat {
		ends[c]++
	}
	for c := 1; c < categories; c++ {
		ends[c] += ends[c-1]
	}
	order = make([]int32, len(cat))
	next := make([]int32, categories)
	for c := 1; c < categories; c++ {
		next[c] = ends[c-1]
	}
	for o, c := range cat {
		order[next[c]] = int32(o)
		next[c]++
	}
	return order, ends
}

// index fills the spans of level l in rows and builds the full rows of
// h's long rows.
func (h *Head) index(rows []rowInfo, l int) {
	n := len(h.Bias)
	count := 0
	for r := range rows {
		lo, hi := h.Off[r], h.Off[r+1]
		if int(hi-lo)*denseShare <= n {
			rows[r].span[l] = rowSpan{lo, hi - lo}
			continue
		}
		rows[r].span[l] = rowSpan{uint32(count), denseSpan}
		count++
	}
	h.dense = make([]float32, count*n)
	for r := range rows {
		if sp := rows[r].span[l]; sp.n == denseSpan {
			full := h.dense[int(sp.start)*n : int(sp.start+1)*n]
			for j := h.Off[r]; j < h.Off[r+1]; j++ {
				full[h.Cls[j]] += h.W[j]
			}
		}
	}
}

// weightLines appends the addresses where the rows' weights begin, and
// their class indices for a sparse row, the group head's first. The
// first line is enough: the processor fetches the lines that follow
// once a row is read in order, and asking for every line measured no
// faster.
func (m *Model) weightLines(rows []int32, addrs []uintptr) []uintptr {
	for l := range m.Heads {
		h := &m.Heads[l]
		n := len(h.Bias)
		for _, row := range rows {
			switch sp := m.rows[row].span[l]; {
			case sp.n == denseSpan:
				addrs = append(addrs, uintptr(unsafe.Pointer(&h.dense[int(sp.start)*n])))
			case sp.n > 0:
				addrs = append(addrs, uintptr(unsafe.Pointer(&h.Cls[sp.start])), uintptr(unsafe.Pointer(&h.W[sp.start])))
			}
		}
	}
	return addrs
}

// weigh turns v's term frequencies into Vectorize's values, with the IDF
// read from the rows' records, which scoring reads next.
func (m *Model) weigh(v *Sparse) {
	for k, row := range v.Idx {
		v.Val[k] *= m.rows[row].idf
	}
	normalize(v.Val)
}

// scores sets acc to the head's scores of v, b_c + Σ_f x_f w_fc.
func (h *Head) scores(v *Sparse, rows []rowInfo, l int, acc []float32) {
	copy(acc, h.Bias)
	n := len(acc)
	for k, row := range v.Idx {
		x := v.Val[k]
		sp := rows[row].span[l]
		if sp.n == denseSpan {
			d := int(sp.start)
			blas.Implementation{}.Saxpy(n, x, h.dense[d*n:(d+1)*n], 1, acc, 1)
			continue
		}
		cls, w := h.Cls[sp.start:sp.start+sp.n], h.W[sp.start:sp.start+sp.n]
		w = w[:len(cls)]
		for j, c := range cls {
			acc[c] += x * w[j]
		}
	}
}

// Decide returns the answer of the last Scores into s: the occupation of
// highest combined probability, p(g)·p_occ(o)/Σ_{o'∈g} p_occ(o'), the
// first of equals, and its group. Choosing the occupation first and its
// group second scored higher at both levels than the most probable group
// and its best occupation (docs/CLASSIFIER.md, "Decision"). A taxonomy
// without occupations gives the most probable group and o = −1.
func (m *Model) Decide(s *Scratch) (g, o int, prob float64) {
	if s.best < 0 {
		return Argmax(s.Group), -1, 0
	}
	return m.occGroup[s.best], s.best, s.bestProb
}

// Softmax turns scores into probabilities in place.
func Softmax(s []float64) {
	max := math.Inf(-1)
	for _, x := range s {
		if x > max {
			max = x
		}
	}
	var sum float64
	for i, x := range s {
		e := FastExp(x - max)
		s[i] = e
		sum += e
	}
	inv := 1 / sum
	for i := range s {
		s[i] *= inv
	}
}

// FastExp returns e^x for x ≤ 0 with a relative error below 1e-8, several
// times faster than math.Exp: x·log2(e) is split into the nearest integer
// n, placed in the exponent bits, and a remainder r in [−½, ½] whose power
// of two, e^(r ln 2), is its Taylor polynomial of degree 7. Values below
// −700 give 0.
func FastExp(x float64) float64 {
	if x < -700 {
		return 0
	}
	t := x * math.Log2E
	n := math.Floor(t + 0.5)
	y := (t - n) * math.Ln2
	// Each product is rounded on its own (the conversions forbid fused
	// multiply-adds), as expsAVX does, whatever GOAMD64 allows.
	p := float64(y * (1.0 / 5040))
	p = float64(y * (1.0/720 + p))
	p = float64(y * (1.0/120 + p))
	p = float64(y * (1.0/24 + p))
	p = float64(y * (1.0/6 + p))
	p = float64(y * (1.0/2 + p))
	p = float64(y * (1 + p))
	p = 1 + p
	return p * math.Float64frombits(uint64(int64(n)+1023)<<52)
}

// Argmax returns the index of the largest value of x (the first of
// equals), or 0 for an empty x.
func Argmax(x []float64) int {
	best := 0
	for i, v := range x {
		if v > x[best] {
			best = i
		}
	}
	return best
}
