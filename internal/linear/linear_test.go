package linear

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/occubias/occubias/taxonomy"
)

// testTaxonomy has five groups (g0 to g4) of two occupations each.
func testTaxonomy(t testing.TB) *taxonomy.Taxonomy {
	var pairs [][2]string
	for i := range 10 {
		pairs = append(pairs, [2]string{fmt.Sprintf("g%d", i/2), fmt.Sprintf("g%d-o%d", i/2, i%2)})
	}
	tax, err := taxonomy.FromLabels("test", pairs)
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

func TestTokens(t *testing.T) {
	c := FeatureConfig{Stem: true}
	got := strings.Join(c.Tokens("The patients' duties: designing C++ and C# APIs in 2024, don't panic!", nil), " ")
	want := "patient duty design c++ c# apis 2024 panic"
	if got != want {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

// TestDecideOccupationFirst: a group whose mass is spread over many
// occupations can be the most probable group while another group holds
// the single most probable occupation; the answer is that occupation and
// its group, so that group and occupation agree.
func TestDecideOccupationFirst(t *testing.T) {
	m := &Model{Taxonomy: testTaxonomy(t)}
	m.Index()
	s := m.Scratch()
	// Occupation head: g0's two occupations share 0.4, g1-o0 has 0.35;
	// the group head agrees, so every factor is 1.
	copy(s.Heads[taxonomy.Occupation], []float64{0.2, 0.2, 0.35, 0, 0.05, 0.05, 0.05, 0.05, 0.05, 0})
	copy(s.Heads[taxonomy.Group], []float64{0.4, 0.35, 0.1, 0.1, 0.05})
	m.Mix = 0.5
	m.combine(s, 1, false)
	g, o, p := m.Decide(s)
	if g != 1 || o != 2 || math.Abs(p-0.35) > 1e-12 {
		t.Errorf("decide = group %d, occupation %d, p %v; want 1, 2, 0.35", g, o, p)
	}
	groupsOnly, err := taxonomy.New("groups", m.Taxonomy.Groups, nil)
	if err != nil {
		t.Fatal(err)
	}
	empty := &Model{Taxonomy: groupsOnly}
	empty.Index()
	s = empty.Scratch()
	copy(s.Group, []float64{0.1, 0.2, 0.5, 0.1, 0.1})
	if g, o, _ := empty.Decide(s); g != 2 || o != -1 {
		t.Errorf("without occupations: group %d, occupation %d; want 2, -1", g, o)
	}
}

// TestCombineMatchesPlainLoops: the fused, run-by-run passes of Scores
// give, bit for bit, what the plain loops over the occupations give: a
// softmax per head, the occupation head summed per group, the factors,
// the combined occupation and category probabilities, and the answer.
func TestCombineMatchesPlainLoops(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tax := range []*taxonomy.Taxonomy{taxonomy.SOC(), testTaxonomy(t)} {
		m := &Model{Taxonomy: tax, Mix: 0.35}
		m.Index()
		ng, no := tax.Size(taxonomy.Group), tax.Size(taxonomy.Occupation)
		for trial := range 20 {
			for _, full := range []bool{false, true} {
				s := m.Scratch()
				scores := [2][]float32{make([]float32, ng), make([]float32, no)}
				want := [2][]float64{make([]float64, ng), make([]float64, no)}
				for l := range scores {
					for c := range scores[l] {
						scores[l][c] = float32(rng.NormFloat64() * float64(1+trial))
						want[l][c] = float64(scores[l][c])
					}
					Softmax(want[l])
				}
				inv := exps(scores[taxonomy.Group], s.Heads[taxonomy.Group])
				for g := range s.Heads[taxonomy.Group] {
					s.Heads[taxonomy.Group][g] *= inv
				}
				inv = exps(scores[taxonomy.Occupation], s.Heads[taxonomy.Occupation])
				m.combine(s, inv, full)

				pg, po := want[taxonomy.Group], want[taxonomy.Occupation]
				if !slices.Equal(s.Heads[taxonomy.Group], pg) || !slices.Equal(s.Heads[taxonomy.Occupation], po) {
					t.Fatalf("%s trial %d: head probabilities differ from Softmax", tax.Name, trial)
				}
				sum := make([]float64, ng)
				for o, p := range po {
					sum[m.occGroup[o]] += p
				}
				group, factor := make([]float64, ng), make([]float64, ng)
				for g := range group {
					group[g] = m.Mix*pg[g] + (1-m.Mix)*sum[g]
					if sum[g] > 0 {
						factor[g] = group[g] / sum[g]
					}
				}
				occ, cat := make([]float64, no), make([]float64, tax.Size(taxonomy.Category))
				best, bestProb := -1, -1.0
				for o, p := range po {
					q := factor[m.occGroup[o]] * p
					occ[o] = q
					if tax.Has(taxonomy.Category) {
						cat[tax.CategoryOf(o)] += q
					}
					if q > bestProb {
						best, bestProb = o, q
					}
				}
				if !slices.Equal(s.Group, group) {
					t.Fatalf("%s trial %d: group probabilities %v, want %v", tax.Name, trial, s.Group, group)
				}
				if (full || tax.Has(taxonomy.Category)) && !slices.Equal(s.Occupation, occ) {
					t.Fatalf("%s trial %d: occupation probabilities differ", tax.Name, trial)
				}
				if !slices.Equal(s.Category, cat) {
					t.Fatalf("%s trial %d: category probabilities %v, want %v", tax.Name, trial, s.Category, cat)
				}
				if g, o, p := m.Decide(s); o != best || p != bestProb || g != m.occGroup[best] {
					t.Fatalf("%s trial %d: decide = %d, %d, %v; want %d, %d, %v", tax.Name, trial, g, o, p, m.occGroup[best], best, bestProb)
				}
			}
		}
	}
}

// TestExpsMatchFastExp: exps, four at a time in vector code where the
// processor has it, gives every exponential bit for bit as FastExp does,
// and their sum as a plain loop adds it, for every length of tail and
// scores far enough below the top to give zero.
func TestExpsMatchFastExp(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for n := range 40 {
		for _, spread := range []float64{0.01, 3, 30, 400} {
			scores := make([]float32, n)
			for i := range scores {
				scores[i] = float32(rng.NormFloat64() * spread)
			}
			if n > 2 {
				scores[n/2] = -1000 // e^(−1000 − top) is below FastExp's cut-off
			}
			out := make([]float64, n)
			inv := exps(scores, out)
			top := float32(math.Inf(-1))
			for _, a := range scores {
				top = max(top, a)
			}
			var sum float64
			for i, a := range scores {
				want := FastExp(float64(a) - float64(top))
				if math.Float64bits(out[i]) != math.Float64bits(want) {
					t.Fatalf("n %d, spread %v: exp %d = %v, want %v", n, spread, i, out[i], want)
				}
				sum += want
			}
			if n > 0 && inv != 1/sum {
				t.Fatalf("n %d, spread %v: 1/sum %v, want %v", n, spread, inv, 1/sum)
			}
		}
	}
}

// TestMaxVector: the vector maximum is the plain loop's, wherever the
// largest score sits among the lanes.
func TestMaxVector(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for n := range 70 {
		x := make([]float32, n)
		for i := range x {
			x[i] = float32(rng.NormFloat64() * 50)
		}
		for at := range n {
			x[at] += 1000
			k, got := maxVector(x)
			for _, a := range x[k:] {
				got = max(got, a)
			}
			if got != x[at] {
				t.Fatalf("n %d, largest at %d: max %v, want %v", n, at, got, x[at])
			}
			x[at] -= 1000
		}
	}
}

// TestKnownFeatures: looking the hashes up in the order of the text and
// sorting the known rows gives the features of sorting the hashes first,
// values and order, for short texts and long ones (radix-sorted).
func TestKnownFeatures(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	vocab := make([]uint32, 5000)
	for i := range vocab {
		vocab[i] = rng.Uint32()
	}
	slices.Sort(vocab)
	vocab = slices.Compact(vocab)
	table := NewTable(vocab)
	for _, n := range []int{0, 1, 5, 60, 319, 320, 2000} {
		hashes := make([]uint32, n)
		for i := range hashes {
			if rng.IntN(2) == 0 {
				hashes[i] = vocab[rng.IntN(40)] // known, often repeated
			} else {
				hashes[i] = rng.Uint32() // almost surely unknown
			}
		}
		var got, want Sparse
		knownFeatures(hashes, table, nil, &got)
		sorted := sortHashes(slices.Clone(hashes))
		for i := 0; i < len(sorted); {
			j := i + 1
			for j < len(sorted) && sorted[j] == sorted[i] {
				j++
			}
			if row, ok := slices.BinarySearch(vocab, sorted[i]); ok {
				want.Idx = append(want.Idx, int32(row))
				want.Val = append(want.Val, float32(1+math.Log(float64(j-i))))
			}
			i = j
		}
		if !slices.Equal(got.Idx, want.Idx) || !slices.Equal(got.Val, want.Val) {
			t.Fatalf("%d hashes: features %v %v, want %v %v", n, got.Idx, got.Val, want.Idx, want.Val)
		}
	}
}

func TestFastExp(t *testing.T) {
	for x := -60.0; x <= 0; x += 0.001 {
		want := math.Exp(x)
		if got := FastExp(x); math.Abs(got-want) > 1e-8*want {
			t.Fatalf("FastExp(%v) = %v, want %v", x, got, want)
		}
	}
	if FastExp(-800) != 0 || FastExp(0) != 1 {
		t.Errorf("FastExp(-800) = %v, FastExp(0) = %v", FastExp(-800), FastExp(0))
	}
}

// TestTable checks the feature table against a Go map on random hashes,
// present and absent, zero included.
func TestTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	want := map[uint32]int32{}
	var hashes []uint32
	for len(hashes) < 5000 {
		h := rng.Uint32() % 20000 // collisions of the low bits, on purpose
		if _, dup := want[h]; !dup {
			want[h] = int32(len(hashes))
			hashes = append(hashes, h)
		}
	}
	want[0], hashes = int32(len(hashes)), append(hashes, 0)
	tab := NewTable(hashes)
	for h := uint32(0); h < 20000; h++ {
		row, ok := tab.Row(h)
		w, in := want[h]
		if ok != in || ok && row != w {
			t.Fatalf("Row(%d) = %d, %v; want %d, %v", h, row, ok, w, in)
		}
	}
}

// TestDenseRowsScoreExactly: rows long enough to be scored as full rows
// give exactly (bit for bit) the scores of following their class indices.
func TestDenseRowsScoreExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const classes, rows = 1016, 400
	h := Head{Bias: make([]float32, classes), Off: []uint32{0}}
	for c := range h.Bias {
		h.Bias[c] = float32(rng.NormFloat64())
	}
	for r := range rows {
		n := rng.IntN(40)
		if r%5 == 0 {
			n = classes/denseShare + 1 + rng.IntN(classes-classes/denseShare-1)
		}
		for _, c := range rng.Perm(classes)[:n] {
			h.Cls = append(h.Cls, uint16(c))
			h.W = append(h.W, float32(rng.NormFloat64()))
		}
		h.Off = append(h.Off, uint32(len(h.Cls)))
	}
	infos := make([]rowInfo, rows)
	h.index(infos, 1)
	dense := 0
	for _, info := range infos {
		if info.span[1].n == denseSpan {
			dense++
		}
	}
	if dense != rows/5 {
		t.Fatalf("%d full rows, want %d", dense, rows/5)
	}
	for trial := range 50 {
		var v Sparse
		for _, r := range rng.Perm(rows)[:1+rng.IntN(120)] {
			v.Idx = append(v.Idx, int32(r))
			v.Val = append(v.Val, float32(rng.Float64()))
		}
		got := make([]float32, classes)
		h.scores(&v, infos, 1, got)
		want := make([]float32, classes)
		copy(want, h.Bias)
		for k, r := range v.Idx {
			for j := h.Off[r]; j < h.Off[r+1]; j++ {
				want[h.Cls[j]] += v.Val[k] * h.W[j]
			}
		}
		for c := range want {
			if got[c] != want[c] {
				t.Fatalf("trial %d, class %d: %v, want %v", trial, c, got[c], want[c])
			}
		}
	}
}

func TestWordSet(t *testing.T) {
	words := []string{"a", "the", "doesn't", "i'm", "further", "please"}
	s := newWordSet(words)
	for _, w := range words {
		if !s.has([]byte(w)) {
			t.Errorf("%q not in the set", w)
		}
	}
	for _, w := range []string{"", "b", "thee", "th", "nurse", "doesn", "furthers", "pleased"} {
		if s.has([]byte(w)) {
			t.Errorf("%q in the set", w)
		}
	}
}

func TestSortHashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 255, 256, 257, 1000, 4000} {
		h := make([]uint32, n)
		for i := range h {
			h[i] = rng.Uint32()
			if i%3 == 0 && i > 0 {
				h[i] = h[i-1] // repeated hashes are term frequencies
			}
		}
		want := slices.Clone(h)
		slices.Sort(want)
		if got := sortHashes(h); !slices.Equal(got, want) {
			t.Errorf("n = %d: not sorted", n)
		}
	}
}
