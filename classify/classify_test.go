package classify

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// testTaxonomy has five groups of two occupations each.
func testTaxonomy(t testing.TB) *Taxonomy {
	var groups, occs []Category
	for g := 0; g < 5; g++ {
		code := fmt.Sprintf("g%d", g)
		groups = append(groups, Category{Code: code, Title: "Group " + code})
		for o := 0; o < 2; o++ {
			occs = append(occs, Category{Code: fmt.Sprintf("%s-o%d", code, o), Title: "Occ", Parent: code})
		}
	}
	tax, err := NewTaxonomy("test", groups, occs)
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

func TestSOC(t *testing.T) {
	tax := SOC()
	if len(tax.Groups) != 23 || len(tax.Occupations) != 1016 {
		t.Fatalf("%d groups, %d occupations; want 23 and 1016", len(tax.Groups), len(tax.Occupations))
	}
	o, ok := tax.Occupation("15-1252.00")
	if !ok || o.Title != "Software Developers" || o.Parent != "15" {
		t.Errorf("15-1252.00 = %+v", o)
	}
	g, _ := tax.Group("29")
	if g.Title != "Healthcare Practitioners and Technical" {
		t.Errorf("group 29 = %+v", g)
	}
	military := 0
	for _, o := range tax.Occupations {
		if o.Parent == "55" {
			military++
		}
	}
	if military != 19 {
		t.Errorf("%d military occupations, want 19", military)
	}
	// BLS OEWS May 2023: the 22 major groups add up to the all-occupations
	// total, 151,853,870; management is 10,495,770.
	var sum float64
	w := Workforce()
	for _, v := range w {
		sum += v
	}
	if sum != 151853870 || w[tax.Index(Group, "11")] != 10495770 || w[tax.Index(Group, "55")] != 0 {
		t.Errorf("workforce sum %v, management %v", sum, w[0])
	}
}

func TestTaxonomyFromLabels(t *testing.T) {
	tax, err := TaxonomyFromLabels("oq", [][2]string{
		{"Legal", "Paralegals"}, {"Legal", "Lawyers"}, {"Sales", "Cashiers"}, {"Legal", "Lawyers"}, {"Sales", "Lawyers"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(tax.Groups) != 2 || len(tax.Occupations) != 3 {
		t.Fatalf("%+v", tax)
	}
	if o, _ := tax.Occupation("Lawyers"); o.Parent != "Legal" {
		t.Errorf("Lawyers under %q, want its most frequent group Legal", o.Parent)
	}
	if _, err := NewTaxonomy("x", []Category{{Code: "a"}}, []Category{{Code: "b", Parent: "zz"}}); err == nil {
		t.Error("unknown parent accepted")
	}
}

func TestTokens(t *testing.T) {
	c := FeatureConfig{Stem: true}
	got := strings.Join(c.tokens("The patients' duties: designing C++ and C# APIs in 2024, don't panic!", nil), " ")
	want := "patient duty design c++ c# apis 2024 panic"
	if got != want {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestParsePyList(t *testing.T) {
	got, err := parsePyList(`['Bank President', "Chef's Assistant", 'a\'b']`)
	if err != nil || len(got) != 3 || got[1] != "Chef's Assistant" || got[2] != "a'b" {
		t.Errorf("%q %v", got, err)
	}
	for _, bad := range []string{"", "[", "['x", "[x]"} {
		if _, err := parsePyList(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestReadONETBothLayouts(t *testing.T) {
	all := ONETOptions{Titles: 1, Descriptions: 1, Tasks: 0.5, AlternateTitles: 0.2}
	for dir, want := range map[string]map[string]int{
		"testdata/onet_txt": {"onet-title": 2, "onet-description": 2, "onet-task": 3, "onet-alternate-title": 3},
		"testdata/onet_csv": {"onet-title": 2, "onet-description": 2, "onet-task": 1, "onet-alternate-title": 5},
	} {
		exs, err := ReadONET(dir, all)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, e := range exs {
			got[e.Source]++
			if e.Group != MajorGroupOf(e.Occupation) {
				t.Errorf("%s: group %q for %q", dir, e.Group, e.Occupation)
			}
			if e.Source == "onet-task" && e.Weight != 0.5 {
				t.Errorf("task weight %v", e.Weight)
			}
			if e.Text == "Electrician's Mate" && e.Occupation != "47-2111.00" {
				t.Errorf("alternate title under %q", e.Occupation)
			}
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %d %s, want %d", dir, got[k], k, v)
			}
		}
	}
	if _, err := ReadONET("testdata", all); err == nil {
		t.Error("a directory without O*NET files gave no error")
	}
}

// toyExamples are separable by one keyword per occupation.
func toyExamples(tax *Taxonomy) []Labeled {
	words := []string{"scalpel", "invoice", "girder", "violin", "tractor", "subpoena", "spreadsheet", "stethoscope", "welding", "harvest"}
	var out []Labeled
	for i, o := range tax.Occupations {
		for k := 0; k < 6; k++ {
			out = append(out, Labeled{Text: fmt.Sprintf("question %d about the %s and its use", k, words[i]), Occupation: o.Code, Source: "toy"})
		}
	}
	// One group-only example.
	out = append(out, Labeled{Text: "a general scalpel question", Group: "g0", Source: "toy"})
	return out
}

func toyModel(t testing.TB) *Model {
	tax := testTaxonomy(t)
	o := DefaultTrainOptions()
	o.MinCount = 1
	m, rep, err := Train(tax, toyExamples(tax), o)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Examples != 61 || rep.Sources["toy"] != 61 {
		t.Fatalf("report %+v", rep)
	}
	return m
}

func TestTrainAndPredict(t *testing.T) {
	m := toyModel(t)
	words := []string{"scalpel", "invoice", "girder", "violin", "tractor", "subpoena", "spreadsheet", "stethoscope", "welding", "harvest"}
	for i, w := range words {
		p := m.Predict("how do I use a "+w+"?", PredictOptions{TopK: 3})
		want := m.Taxonomy.Occupations[i]
		if p.Occupation.Code != want.Code || p.Group.Code != want.Parent || p.Unassigned {
			t.Errorf("%s: predicted %+v, want %s", w, p, want.Code)
		}
		if len(p.TopGroups) != 3 || len(p.TopOccupations) != 3 || p.TopOccupations[0].Code != want.Code {
			t.Errorf("%s: top-k %+v", w, p.TopOccupations)
		}
		g, o := m.Probabilities("how do I use a " + w + "?")
		sumG, sumO := 0.0, 0.0
		for _, x := range g {
			sumG += x
		}
		for _, x := range o {
			sumO += x
		}
		if math.Abs(sumG-1) > 1e-9 || math.Abs(sumO-1) > 1e-9 {
			t.Errorf("probabilities sum to %v and %v", sumG, sumO)
		}
	}
	if p := m.Predict("zzz qqq", PredictOptions{}); !p.Unassigned {
		t.Errorf("text without known features not unassigned: %+v", p)
	}
	if p := m.Predict("violin", PredictOptions{Threshold: 0.999999}); !p.Unassigned {
		t.Errorf("threshold did not abstain: %+v", p)
	}
}

// TestDecideOccupationFirst: a group whose mass is spread over many
// occupations can be the most probable group while another group holds
// the single most probable occupation; the answer is that occupation and
// its group, so that group and occupation agree.
func TestDecideOccupationFirst(t *testing.T) {
	m := &Model{Taxonomy: testTaxonomy(t)}
	s := m.scratch()
	// Occupation head: g0's two occupations share 0.4, g1-o0 has 0.35.
	copy(s.scores[Occupation], []float64{0.2, 0.2, 0.35, 0, 0.05, 0.05, 0.05, 0.05, 0.05, 0})
	copy(s.sum, []float64{0.4, 0.35, 0.1, 0.1, 0.05})
	copy(s.group, s.sum) // the group head agrees, so every factor is 1
	for g := range s.factor {
		s.factor[g] = 1
	}
	g, o, p := m.decide(s)
	if g != 1 || o != 2 || math.Abs(p-0.35) > 1e-12 {
		t.Errorf("decide = group %d, occupation %d, p %v; want 1, 2, 0.35", g, o, p)
	}
	groupsOnly, err := NewTaxonomy("groups", m.Taxonomy.Groups, nil)
	if err != nil {
		t.Fatal(err)
	}
	empty := &Model{Taxonomy: groupsOnly}
	s = empty.scratch()
	copy(s.group, []float64{0.1, 0.2, 0.5, 0.1, 0.1})
	if g, o, _ := empty.decide(s); g != 2 || o != -1 {
		t.Errorf("without occupations: group %d, occupation %d; want 2, -1", g, o)
	}
}

func TestTrainDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	toyModel(t).WriteTo(&a)
	toyModel(t).WriteTo(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings with the same seed differ")
	}
}

func TestModelFileRoundTrip(t *testing.T) {
	m := toyModel(t)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"the violin", "an invoice and a girder", "harvest tractor"} {
		g1, o1 := m.Probabilities(text)
		g2, o2 := m2.Probabilities(text)
		for i := range g1 {
			if math.Abs(g1[i]-g2[i]) > 1e-3 {
				t.Errorf("%q group %d: %v before saving, %v after", text, i, g1[i], g2[i])
			}
		}
		for i := range o1 {
			if math.Abs(o1[i]-o2[i]) > 1e-3 {
				t.Errorf("%q occupation %d: %v before saving, %v after", text, i, o1[i], o2[i])
			}
		}
	}
	if m2.Taxonomy.Size(Occupation) != 10 || m2.Mix != m.Mix || m2.Features != m.Features {
		t.Errorf("header not kept: %+v", m2)
	}
}

func TestDecodeRejects(t *testing.T) {
	var buf bytes.Buffer
	toyModel(t).WriteTo(&buf)
	good := buf.Bytes()
	flip := bytes.Clone(good)
	flip[len(flip)/2] ^= 0x40
	cases := map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("NOTMODEL"), good[8:]...),
		"version":   append(append(bytes.Clone(good[:8]), 9, 0, 0, 0), good[12:]...),
		"truncated": good[:len(good)-100],
		"checksum":  flip,
	}
	for name, data := range cases {
		if _, err := Decode(data); !errors.Is(err, ErrBadModel) {
			t.Errorf("%s: err = %v, want ErrBadModel", name, err)
		}
	}
}

// FuzzDecode checks that no model file panics the decoder, including files
// whose checksum is right but whose counts lie (the checksum is recomputed).
func FuzzDecode(f *testing.F) {
	var buf bytes.Buffer
	toyModel(f).WriteTo(&buf)
	f.Add(buf.Bytes()[20 : buf.Len()-32])
	f.Fuzz(func(t *testing.T, payload []byte) {
		Decode(withPayload(payload))
	})
}

// TestDecodeMutations decodes thousands of seeded random corruptions of a
// valid payload (with a valid checksum, so the payload decoder sees them):
// each must be refused or decoded, never panic.
func TestDecodeMutations(t *testing.T) {
	var buf bytes.Buffer
	toyModel(t).WriteTo(&buf)
	seed := buf.Bytes()[20 : buf.Len()-32]
	rng := rand.New(rand.NewPCG(1, 2))
	refused := 0
	for i := 0; i < 5000; i++ {
		p := bytes.Clone(seed)
		for k := 0; k < 1+rng.IntN(4); k++ {
			p[rng.IntN(len(p))] = byte(rng.IntN(256))
		}
		if rng.IntN(4) == 0 {
			p = p[:rng.IntN(len(p))]
		}
		if _, err := Decode(withPayload(p)); err != nil {
			refused++
		}
	}
	if refused == 0 {
		t.Error("no corruption was refused")
	}
}

func TestFastExp(t *testing.T) {
	for x := -60.0; x <= 0; x += 0.001 {
		want := math.Exp(x)
		if got := fastExp(x); math.Abs(got-want) > 1e-8*want {
			t.Fatalf("fastExp(%v) = %v, want %v", x, got, want)
		}
	}
	if fastExp(-800) != 0 || fastExp(0) != 1 {
		t.Errorf("fastExp(-800) = %v, fastExp(0) = %v", fastExp(-800), fastExp(0))
	}
}

func TestGoldLabeledWeights(t *testing.T) {
	gold := []GoldExample{{Text: "a", Major: "15", Code: "15-1252.00"}, {Text: "hi", Major: "none", Code: "none"}}
	if got := GoldLabeled(gold, "g", 2); len(got) != 1 || got[0].Weight != 2 || got[0].Occupation != "15-1252.00" {
		t.Errorf("%+v", got)
	}
	if got := GoldLabeled(gold, "g", 0); got != nil {
		t.Errorf("weight 0 kept %+v", got)
	}
}
