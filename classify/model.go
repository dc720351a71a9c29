package classify

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/occubias/occubias/internal/linear"
	"github.com/occubias/occubias/taxonomy"
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
//
// A Model is read from a model file (Load, Decode, Default) and never
// changes after that, so it is safe for concurrent use. Package train
// makes model files.
type Model struct {
	lin  *linear.Model
	file []byte
}

// FeatureConfig says how text becomes features. It is stored in the model
// so that training and inference always agree.
type FeatureConfig = linear.FeatureConfig

// ModelInfo records a model's provenance; it is stored in the model file.
type ModelInfo = linear.Info

// MaxModelBytes bounds the size of a model file that will be read.
const MaxModelBytes = linear.MaxModelBytes

// Taxonomy returns the classes the model answers with.
func (m *Model) Taxonomy() *taxonomy.Taxonomy { return m.lin.Taxonomy }

// Features returns how the model turns text into features.
func (m *Model) Features() FeatureConfig { return m.lin.Features }

// Mix returns the weight of the group head in the group probabilities.
func (m *Model) Mix() float64 { return m.lin.Mix }

// Info returns how the model was made.
func (m *Model) Info() ModelInfo { return m.lin.Info }

// Scored is one class with its probability.
type Scored struct {
	// Index is the class's index in its level of the taxonomy.
	Index int     `json:"-"`
	Code  string  `json:"code"`
	Title string  `json:"title"`
	Prob  float64 `json:"prob"`
}

// Prediction is a model's answer for one text at both levels.
type Prediction struct {
	// Occupation is the most probable occupation and Group its group, with
	// their combined probabilities; a taxonomy without occupations gives
	// the most probable group and an empty Occupation (Index −1).
	Group      Scored `json:"group"`
	Occupation Scored `json:"occupation"`
	// Category is the most probable category, whose probability sums its
	// occupations' (docs/CLASSIFIER.md, "Categories"): it need not be the
	// category of Occupation. Empty (Index −1) without categories.
	Category Scored `json:"category"`
	// Unassigned is true when the group probability fell below the
	// abstain threshold, or the text had no known feature; Group and
	// Occupation then still hold the best guess.
	Unassigned bool `json:"unassigned,omitempty"`
	// TopGroups and TopOccupations hold the k most probable classes, most
	// probable first, when PredictOptions.TopK > 1.
	TopGroups      []Scored `json:"top_groups,omitempty"`
	TopOccupations []Scored `json:"top_occupations,omitempty"`
	TopCategories  []Scored `json:"top_categories,omitempty"`
}

// Class returns the answer at level l.
func (p *Prediction) Class(l taxonomy.Level) Scored {
	switch l {
	case taxonomy.Occupation:
		return p.Occupation
	case taxonomy.Category:
		return p.Category
	}
	return p.Group
}

// PredictOptions tunes Predict.
type PredictOptions struct {
	// TopK is how many classes to list per level (0 or 1: none).
	TopK int
	// Threshold makes the prediction abstain ("unassigned") when the
	// predicted group's probability is below it.
	Threshold float64
}

// Predict classifies one text. It is safe for concurrent use.
func (m *Model) Predict(text string, opts PredictOptions) Prediction {
	s := m.lin.Scratch()
	defer m.lin.Release(s)
	known := m.lin.Scores(text, s, opts.TopK > 1)
	return m.answer(s, known, opts)
}

// PredictTexts classifies texts on all cores and returns their
// predictions in order, what Predict gives for each.
func (m *Model) PredictTexts(texts []string, opts PredictOptions) []Prediction {
	out := make([]Prediction, len(texts))
	chunks := (len(texts) + streamBatch - 1) / streamBatch
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), chunks) {
		wg.Go(func() {
			for c := int(next.Add(1)) - 1; c < chunks; c = int(next.Add(1)) - 1 {
				for i := c * streamBatch; i < min((c+1)*streamBatch, len(texts)); i++ {
					out[i] = m.Predict(texts[i], opts)
				}
			}
		})
	}
	wg.Wait()
	return out
}

// LevelProbabilities holds a text's probabilities at each level, aligned
// with the taxonomy's classes; Category is nil without categories.
type LevelProbabilities struct {
	Group, Occupation, Category []float64
}

// At returns the probabilities at level l.
func (p LevelProbabilities) At(l taxonomy.Level) []float64 {
	switch l {
	case taxonomy.Occupation:
		return p.Occupation
	case taxonomy.Category:
		return p.Category
	}
	return p.Group
}

// PredictWithProbabilities is Predict with the full probability vectors
// it was read from, from one scoring of the text (evaluation needs both).
func (m *Model) PredictWithProbabilities(text string, opts PredictOptions) (Prediction, LevelProbabilities) {
	s := m.lin.Scratch()
	defer m.lin.Release(s)
	known := m.lin.Scores(text, s, true)
	probs := LevelProbabilities{Group: slices.Clone(s.Group), Occupation: slices.Clone(s.Occupation)}
	if len(s.Category) > 0 {
		probs.Category = slices.Clone(s.Category)
	}
	return m.answer(s, known, opts), probs
}

// answer reads the prediction off the probabilities in s.
func (m *Model) answer(s *linear.Scratch, known bool, opts PredictOptions) Prediction {
	var p Prediction
	g, o, prob := m.lin.Decide(s)
	p.Group = m.scored(taxonomy.Group, g, s.Group[g])
	p.Occupation.Index, p.Category.Index = -1, -1
	if o >= 0 {
		p.Occupation = m.scored(taxonomy.Occupation, o, prob)
	}
	if len(s.Category) > 0 {
		c := linear.Argmax(s.Category)
		p.Category = m.scored(taxonomy.Category, c, s.Category[c])
	}
	if !known || s.Group[g] < opts.Threshold {
		p.Unassigned = true
	}
	if opts.TopK > 1 {
		p.TopGroups = m.top(taxonomy.Group, s.Group, opts.TopK)
		p.TopOccupations = m.top(taxonomy.Occupation, s.Occupation, opts.TopK)
		if len(s.Category) > 0 {
			p.TopCategories = m.top(taxonomy.Category, s.Category, opts.TopK)
		}
	}
	return p
}

// Probabilities returns the full probability vectors of text at the
// group and occupation levels, aligned with the taxonomy's Groups and
// Occupations.
func (m *Model) Probabilities(text string) (groups, occupations []float64) {
	_, p := m.PredictWithProbabilities(text, PredictOptions{})
	return p.Group, p.Occupation
}

func (m *Model) scored(l taxonomy.Level, i int, p float64) Scored {
	c := m.lin.Taxonomy.Classes(l)[i]
	return Scored{Index: i, Code: c.Code, Title: c.Title, Prob: p}
}

func (m *Model) top(l taxonomy.Level, probs []float64, k int) []Scored {
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

// ErrBadModel wraps every reason a model file is refused: wrong magic,
// unknown version, checksum mismatch, truncation, or counts that do not fit.
var ErrBadModel = linear.ErrBadModel

// Decode reads a model from the bytes of a model file. Every count is
// checked against the bytes that remain before anything is allocated, so a
// hostile file cannot make it allocate more than a small multiple of its
// own size. The model keeps data, which must not change afterwards.
func Decode(data []byte) (*Model, error) {
	lin, err := linear.Decode(data)
	if err != nil {
		return nil, err
	}
	withSOCCategories(lin)
	return &Model{lin: lin, file: data}, nil
}

// withSOCCategories gives a model of the SOC taxonomy made before it had
// categories the built-in ones: its occupations are SOC()'s, so each has
// its Workable category.
func withSOCCategories(lin *linear.Model) {
	soc := taxonomy.SOC()
	tax := lin.Taxonomy
	if tax.Has(taxonomy.Category) || tax.Name != soc.Name || len(tax.Occupations) != len(soc.Occupations) || len(tax.Groups) != len(soc.Groups) {
		return
	}
	for i, o := range tax.Occupations {
		if o.Code != soc.Occupations[i].Code || o.Parent != soc.Occupations[i].Parent {
			return
		}
	}
	lin.Taxonomy = soc
	lin.Index()
}

// Load reads a model file.
func Load(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxModelBytes+1))
	if err != nil {
		return nil, err
	}
	m, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// WriteTo writes the model file the model was read from.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	return bytes.NewReader(m.file).WriteTo(w)
}

// Save writes the model file to path.
func (m *Model) Save(path string) error {
	return os.WriteFile(path, m.file, 0o666)
}
