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
	// Occupation head: g0's two occupations share 0.4, g1-o0 has 0.35.
	copy(s.Heads[taxonomy.Occupation], []float64{0.2, 0.2, 0.35, 0, 0.05, 0.05, 0.05, 0.05, 0.05, 0})
	copy(s.sum, []float64{0.4, 0.35, 0.1, 0.1, 0.05})
	copy(s.Group, s.sum) // the group head agrees, so every factor is 1
	for g := range s.factor {
		s.factor[g] = 1
	}
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
		got, acc := make([]float64, classes), make([]float32, classes)
		h.scores(&v, infos, 1, acc, got)
		want := make([]float32, classes)
		copy(want, h.Bias)
		for k, r := range v.Idx {
			for j := h.Off[r]; j < h.Off[r+1]; j++ {
				want[h.Cls[j]] += v.Val[k] * h.W[j]
			}
		}
		for c := range want {
			if got[c] != float64(want[c]) {
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
