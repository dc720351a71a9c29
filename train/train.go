// Package train fits occupation classifiers: it reads labelled examples
// (gold files, O*NET text, any dataset with label fields), optionally
// pseudo-labels unlabelled prompts for one round of self-training, and
// fits the two softmax heads of a model by stochastic gradient descent.
// The result is a model file, served by package classify.
package train

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"

	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/internal/linear"
	"github.com/occubias/occubias/taxonomy"
)

// Labeled is one training text with its labels.
type Labeled struct {
	Text string
	// Group is the group code. When empty it is the Occupation's group.
	Group string
	// Occupation is the occupation code; empty when only the group is
	// known, in which case the example trains the group head only.
	Occupation string
	// Weight scales the example's loss; 0 means 1.
	Weight float64
	// Source names where the example came from, for reports.
	Source string
}

// Options configures Train. Start from DefaultOptions.
type Options struct {
	Features classify.FeatureConfig
	// Epochs is the number of passes of stochastic gradient descent.
	Epochs int
	// LearningRate is the initial step, decayed linearly to zero.
	LearningRate float64
	// MinCount drops features seen in fewer training texts.
	MinCount int
	// Mix is the weight of the group head in group probabilities (Model.Mix).
	Mix float64
	// MaxWeights bounds the weights kept per head: the largest in
	// magnitude are kept. 0 keeps all.
	MaxWeights int
	// Validation is the fraction of examples held out to report accuracy.
	Validation float64
	// Seed makes shuffling and the validation split reproducible.
	Seed uint64
	// Command, recorded in the model file, is the command that reproduces
	// the model.
	Command string
	// Progress, when set, is called after each epoch of each level's head
	// (the two heads train concurrently).
	Progress func(level taxonomy.Level, epoch, epochs int)
}

// DefaultOptions returns the options the default model is trained with.
func DefaultOptions() Options {
	return Options{
		Features:     classify.FeatureConfig{Bigrams: true, Stem: true},
		Epochs:       10,
		LearningRate: 3.0,
		MinCount:     2,
		Mix:          0.5,
		MaxWeights:   1_000_000,
		Validation:   0,
		Seed:         1,
	}
}

// Report says what Train did.
type Report struct {
	Examples   int            `json:"examples"`
	Validation int            `json:"validation_examples"`
	Features   int            `json:"features"`
	Sources    map[string]int `json:"sources"`
	// Accuracy on the validation split per level ("group", "occupation").
	Accuracy map[string]float64 `json:"validation_accuracy,omitempty"`
	Weights  [2]int             `json:"weights"`
}

// ErrNoTrainingData is returned by Train when no example has a label of
// the taxonomy.
var ErrNoTrainingData = errors.New("train: no labelled example in the taxonomy")

type trainDoc struct {
	vec    linear.Sparse
	y      [2]int32 // class per level, -1 when unknown
	weight float32
}

// Train fits a model on examples. It is deterministic for a given seed.
// The model returned is the one its file holds (weights quantized to 16
// bits); the validation accuracy is that of the weights before.
func Train(tax *taxonomy.Taxonomy, examples []Labeled, opts Options) (*classify.Model, *Report, error) {
	m, rep, err := fit(tax, examples, opts)
	if err != nil {
		return nil, nil, err
	}
	cm, err := encode(m)
	return cm, rep, err
}

// encode writes m as a model file and reads it back for inference.
func encode(m *linear.Model) (*classify.Model, error) {
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return nil, err
	}
	return classify.Decode(buf.Bytes())
}

// fit is Train before the model goes through its file.
func fit(tax *taxonomy.Taxonomy, examples []Labeled, opts Options) (*linear.Model, *Report, error) {
	if opts.Epochs <= 0 || opts.LearningRate <= 0 {
		return nil, nil, fmt.Errorf("train: epochs and learning rate must be positive")
	}
	if tax.Size(taxonomy.Occupation) > math.MaxUint16 || tax.Size(taxonomy.Group) > math.MaxUint16 {
		return nil, nil, fmt.Errorf("train: at most %d classes per level", math.MaxUint16)
	}
	rep := &Report{Sources: map[string]int{}}
	// Labels first: examples outside the taxonomy are dropped.
	type item struct {
		ex     *Labeled
		y      [2]int32
		hashes []uint32
	}
	var items []item
	var toks []byte
	for i := range examples {
		ex := &examples[i]
		y := [2]int32{-1, -1}
		if ex.Occupation != "" {
			if o := tax.Index(taxonomy.Occupation, ex.Occupation); o >= 0 {
				y[taxonomy.Occupation] = int32(o)
				y[taxonomy.Group] = int32(tax.GroupOf(o))
			}
		}
		if y[taxonomy.Group] < 0 && ex.Group != "" {
			y[taxonomy.Group] = int32(tax.Index(taxonomy.Group, ex.Group))
		}
		if y[taxonomy.Group] < 0 {
			continue
		}
		var h []uint32
		toks, h = opts.Features.Hashes(ex.Text, toks, nil)
		items = append(items, item{ex, y, h})
		rep.Sources[ex.Source]++
	}
	if len(items) == 0 {
		return nil, nil, ErrNoTrainingData
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6f636375))
	rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	nVal := int(opts.Validation * float64(len(items)))
	val, train := items[:nVal], items[nVal:]

	// Feature table and IDF from the training texts.
	df := map[uint32]int{}
	for _, it := range train {
		for i, h := range it.hashes {
			if i == 0 || h != it.hashes[i-1] {
				df[h]++
			}
		}
	}
	m := &linear.Model{Taxonomy: tax, Features: opts.Features, Mix: opts.Mix}
	for h, n := range df {
		if n >= max(opts.MinCount, 1) {
			m.Hashes = append(m.Hashes, h)
		}
	}
	slices.Sort(m.Hashes)
	table := linear.NewTable(m.Hashes)
	m.IDF = make([]float32, len(m.Hashes))
	n := float64(len(train))
	for i, h := range m.Hashes {
		m.IDF[i] = float32(math.Log((1+n)/(1+float64(df[h]))) + 1)
	}
	docs := make([]trainDoc, 0, len(train))
	for _, it := range train {
		var d trainDoc
		linear.Vectorize(it.hashes, table, m.IDF, &d.vec)
		d.y = it.y
		d.weight = float32(it.ex.Weight)
		if d.weight == 0 {
			d.weight = 1
		}
		docs = append(docs, d)
	}
	rep.Examples, rep.Validation, rep.Features = len(docs), len(val), len(m.Hashes)

	var wg sync.WaitGroup
	for l := range m.Heads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Heads[l] = fitHead(docs, taxonomy.Level(l), tax.Size(taxonomy.Level(l)), len(m.Hashes), opts)
		}()
	}
	wg.Wait()
	rep.Weights = [2]int{len(m.Heads[0].W), len(m.Heads[1].W)}
	m.Index()

	if len(val) > 0 {
		rep.Accuracy = map[string]float64{}
		var okG, okO, nO int
		for _, it := range val {
			g, o, _, _ := decide(m, it.ex.Text)
			if g == int(it.y[taxonomy.Group]) {
				okG++
			}
			if it.y[taxonomy.Occupation] >= 0 {
				nO++
				if o == int(it.y[taxonomy.Occupation]) {
					okO++
				}
			}
		}
		rep.Accuracy["group"] = float64(okG) / float64(len(val))
		if nO > 0 {
			rep.Accuracy["occupation"] = float64(okO) / float64(nO)
		}
	}
	m.Info.Seed, m.Info.Epochs, m.Info.Sources = opts.Seed, opts.Epochs, rep.Sources
	m.Info.Validation = rep.Accuracy
	m.Info.Command = opts.Command
	return m, rep, nil
}

// decide returns the answer of m for text (as classify.Model.Predict
// gives it), its group probability and whether any feature of the text
// was known.
func decide(m *linear.Model, text string) (g, o int, groupProb float64, known bool) {
	s := m.Scratch()
	defer m.Release(s)
	known = m.Scores(text, s, false)
	g, o, _ = m.Decide(s)
	return g, o, s.Group[g], known
}

// fitHead trains one level's softmax by stochastic gradient descent with
// a linearly decaying step, then keeps the MaxWeights largest weights.
func fitHead(docs []trainDoc, level taxonomy.Level, classes, features int, opts Options) linear.Head {
	w := make([]float32, features*classes)
	bias := make([]float64, classes)
	scores := make([]float64, classes)
	order := make([]int, 0, len(docs))
	for i, d := range docs {
		if d.y[level] >= 0 {
			order = append(order, i)
		}
	}
	rng := rand.New(rand.NewPCG(opts.Seed, uint64(level)+1))
	total := float64(opts.Epochs * len(order))
	step := 0
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		if opts.Progress != nil && epoch > 0 {
			opts.Progress(level, epoch, opts.Epochs)
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, di := range order {
			d := &docs[di]
			lr := opts.LearningRate * (1 - float64(step)/total)
			step++
			copy(scores, bias)
			for k, row := range d.vec.Idx {
				x := float64(d.vec.Val[k])
				ws := w[int(row)*classes : int(row+1)*classes]
				for c, wc := range ws {
					scores[c] += x * float64(wc)
				}
			}
			linear.Softmax(scores)
			y := int(d.y[level])
			scores[y] -= 1
			g := lr * float64(d.weight)
			for c, s := range scores {
				bias[c] -= g * s
			}
			for k, row := range d.vec.Idx {
				x := float32(g * float64(d.vec.Val[k]))
				ws := w[int(row)*classes : int(row+1)*classes]
				for c, s := range scores {
					// Most classes have a vanishing gradient: skip them.
					if s > 1e-6 || s < -1e-6 {
						ws[c] -= x * float32(s)
					}
				}
			}
		}
	}
	if opts.Progress != nil {
		opts.Progress(level, opts.Epochs, opts.Epochs)
	}
	return sparsify(w, bias, classes, features, opts.MaxWeights)
}

// sparsify keeps the weights of largest magnitude, at most max of them.
func sparsify(w []float32, bias []float64, classes, features, max int) linear.Head {
	threshold := float32(0)
	if max > 0 && len(w) > max {
		threshold = keepThreshold(w, max)
	}
	h := linear.Head{Bias: make([]float32, classes), Off: make([]uint32, features+1)}
	for c, b := range bias {
		h.Bias[c] = float32(b)
	}
	for r := 0; r < features; r++ {
		for c, x := range w[r*classes : (r+1)*classes] {
			if x != 0 && float32(math.Abs(float64(x))) >= threshold {
				h.Cls = append(h.Cls, uint16(c))
				h.W = append(h.W, x)
			}
		}
		h.Off[r+1] = uint32(len(h.W))
	}
	return h
}

// keepThreshold returns the smallest magnitude t such that at most max
// weights have |w| >= t, by bisection on the bits of non-negative float32
// values (which order as the values do): 32 counting passes, no sort.
func keepThreshold(w []float32, max int) float32 {
	count := func(bits uint32) int {
		t := math.Float32frombits(bits)
		n := 0
		for _, x := range w {
			if x >= t || -x >= t {
				n++
			}
		}
		return n
	}
	lo, hi := uint32(1), uint32(math.Float32bits(float32(math.Inf(1))))
	for lo < hi {
		mid := lo + (hi-lo)/2
		if count(mid) <= max {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return math.Float32frombits(lo)
}
