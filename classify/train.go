package classify

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
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

// TrainOptions configures Train. Start from DefaultTrainOptions.
type TrainOptions struct {
	Features FeatureConfig
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
	// Progress, when set, is called after each epoch of each level's head
	// (the two heads train concurrently).
	Progress func(level Level, epoch, epochs int)
}

// DefaultTrainOptions returns the options the default model is trained with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{
		Features:     FeatureConfig{Bigrams: true, Stem: true},
		Epochs:       10,
		LearningRate: 3.0,
		MinCount:     2,
		Mix:          0.5,
		MaxWeights:   1_000_000,
		Validation:   0,
		Seed:         1,
	}
}

// TrainReport says what Train did.
type TrainReport struct {
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
var ErrNoTrainingData = errors.New("classify: no labelled example in the taxonomy")

type trainDoc struct {
	vec    sparse
	y      [2]int32 // class per level, -1 when unknown
	weight float32
}

// Train fits a model on examples. It is deterministic for a given seed.
func Train(tax *Taxonomy, examples []Labeled, opts TrainOptions) (*Model, *TrainReport, error) {
	if opts.Epochs <= 0 || opts.LearningRate <= 0 {
		return nil, nil, fmt.Errorf("classify: epochs and learning rate must be positive")
	}
	if tax.Size(Occupation) > math.MaxUint16 || tax.Size(Group) > math.MaxUint16 {
		return nil, nil, fmt.Errorf("classify: at most %d classes per level", math.MaxUint16)
	}
	rep := &TrainReport{Sources: map[string]int{}}
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
			if o := tax.Index(Occupation, ex.Occupation); o >= 0 {
				y[Occupation] = int32(o)
				y[Group] = int32(tax.GroupOf(o))
			}
		}
		if y[Group] < 0 && ex.Group != "" {
			y[Group] = int32(tax.Index(Group, ex.Group))
		}
		if y[Group] < 0 {
			continue
		}
		var h []uint32
		toks, h = opts.Features.hashes(ex.Text, toks, nil)
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
	m := &Model{Taxonomy: tax, Features: opts.Features, Mix: opts.Mix}
	for h, n := range df {
		if n >= max(opts.MinCount, 1) {
			m.hashes = append(m.hashes, h)
		}
	}
	slices.Sort(m.hashes)
	m.buildTable()
	m.idf = make([]float32, len(m.hashes))
	n := float64(len(train))
	for i, h := range m.hashes {
		m.idf[i] = float32(math.Log((1+n)/(1+float64(df[h]))) + 1)
	}
	docs := make([]trainDoc, 0, len(train))
	for _, it := range train {
		var d trainDoc
		vectorize(it.hashes, m.table, m.idf, &d.vec)
		d.y = it.y
		d.weight = float32(it.ex.Weight)
		if d.weight == 0 {
			d.weight = 1
		}
		docs = append(docs, d)
	}
	rep.Examples, rep.Validation, rep.Features = len(docs), len(val), len(m.hashes)

	var wg sync.WaitGroup
	for l := range m.heads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.heads[l] = fitHead(docs, Level(l), tax.Size(Level(l)), len(m.hashes), opts)
		}()
	}
	wg.Wait()
	rep.Weights = [2]int{len(m.heads[0].w), len(m.heads[1].w)}

	if len(val) > 0 {
		rep.Accuracy = map[string]float64{}
		var okG, okO, nO int
		for _, it := range val {
			p := m.Predict(it.ex.Text, PredictOptions{})
			if tax.Index(Group, p.Group.Code) == int(it.y[Group]) {
				okG++
			}
			if it.y[Occupation] >= 0 {
				nO++
				if tax.Index(Occupation, p.Occupation.Code) == int(it.y[Occupation]) {
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
	return m, rep, nil
}

// fitHead trains one level's softmax by stochastic gradient descent with
// a linearly decaying step, then keeps the MaxWeights largest weights.
func fitHead(docs []trainDoc, level Level, classes, features int, opts TrainOptions) head {
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
			for k, row := range d.vec.idx {
				x := float64(d.vec.val[k])
				ws := w[int(row)*classes : int(row+1)*classes]
				for c, wc := range ws {
					scores[c] += x * float64(wc)
				}
			}
			softmax(scores)
			y := int(d.y[level])
			scores[y] -= 1
			g := lr * float64(d.weight)
			for c, s := range scores {
				bias[c] -= g * s
			}
			for k, row := range d.vec.idx {
				x := float32(g * float64(d.vec.val[k]))
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
func sparsify(w []float32, bias []float64, classes, features, max int) head {
	threshold := float32(0)
	if max > 0 && len(w) > max {
		threshold = keepThreshold(w, max)
	}
	h := head{bias: make([]float32, classes), off: make([]uint32, features+1)}
	for c, b := range bias {
		h.bias[c] = float32(b)
	}
	for r := 0; r < features; r++ {
		for c, x := range w[r*classes : (r+1)*classes] {
			if x != 0 && float32(math.Abs(float64(x))) >= threshold {
				h.cls = append(h.cls, uint16(c))
				h.w = append(h.w, x)
			}
		}
		h.off[r+1] = uint32(len(h.w))
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
