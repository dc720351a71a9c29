package taxonomy

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/occubias/occubias"
)

// Level selects the taxonomy level a prediction or measure refers to.
type Level int

const (
	// Group is the upper level: SOC major group or OccuQuest category.
	Group Level = iota
	// Occupation is the lower level: O*NET-SOC occupation or OccuQuest
	// occupation.
	Occupation
)

func (l Level) String() string {
	if l == Group {
		return "group"
	}
	return "occupation"
}

// MarshalText writes the level's name, so that JSON reports say "group"
// or "occupation".
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads a level as ParseLevel does.
func (l *Level) UnmarshalText(text []byte) error {
	v, err := ParseLevel(string(text))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// ParseLevel reads "group" (also "major", "category") or "occupation".
func ParseLevel(s string) (Level, error) {
	switch strings.ToLower(s) {
	case "group", "major", "major-group", "category":
		return Group, nil
	case "occupation", "occ":
		return Occupation, nil
	}
	return Group, fmt.Errorf("unknown level %q (group or occupation)", s)
}

// Category is one class of a taxonomy.
type Category struct {
	// Code identifies the class: "15" or "15-1252.00" for SOC, the
	// category or occupation name for taxonomies built from labels.
	Code string `json:"code"`
	// Title is the human-readable name.
	Title string `json:"title"`
	// Parent is the group code of an occupation; empty for groups.
	Parent string `json:"parent,omitempty"`
}

// Taxonomy is a two-level classification: groups, and occupations that
// each belong to one group. Indices into Groups and Occupations are the
// class indices of a Model's heads.
type Taxonomy struct {
	Name        string     `json:"name"`
	Groups      []Category `json:"groups"`
	Occupations []Category `json:"occupations"`
	groupIndex  map[string]int
	occIndex    map[string]int
	occGroup    []int
}

// New builds a taxonomy from its classes. Every occupation's Parent must
// name one of groups; codes must be unique within a level.
func New(name string, groups, occupations []Category) (*Taxonomy, error) {
	t := &Taxonomy{Name: name, Groups: groups, Occupations: occupations}
	if err := t.index(); err != nil {
		return nil, err
	}
	return t, nil
}

// UnmarshalJSON reads a taxonomy as MarshalJSON writes it (name, groups,
// occupations) and checks it as New does, so that a decoded taxonomy is
// indexed and consistent.
func (t *Taxonomy) UnmarshalJSON(data []byte) error {
	var v struct {
		Name        string     `json:"name"`
		Groups      []Category `json:"groups"`
		Occupations []Category `json:"occupations"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*t = Taxonomy{Name: v.Name, Groups: v.Groups, Occupations: v.Occupations}
	return t.index()
}

func (t *Taxonomy) index() error {
	t.groupIndex = make(map[string]int, len(t.Groups))
	for i, g := range t.Groups {
		if _, dup := t.groupIndex[g.Code]; dup {
			return fmt.Errorf("taxonomy %s: group %q twice", t.Name, g.Code)
		}
		t.groupIndex[g.Code] = i
	}
	t.occIndex = make(map[string]int, len(t.Occupations))
	t.occGroup = make([]int, len(t.Occupations))
	for i, o := range t.Occupations {
		if _, dup := t.occIndex[o.Code]; dup {
			return fmt.Errorf("taxonomy %s: occupation %q twice", t.Name, o.Code)
		}
		g, ok := t.groupIndex[o.Parent]
		if !ok {
			return fmt.Errorf("taxonomy %s: occupation %q has unknown group %q", t.Name, o.Code, o.Parent)
		}
		t.occIndex[o.Code] = i
		t.occGroup[i] = g
	}
	return nil
}

// Size returns the number of classes at a level.
func (t *Taxonomy) Size(l Level) int {
	if l == Group {
		return len(t.Groups)
	}
	return len(t.Occupations)
}

// Classes returns the classes of a level.
func (t *Taxonomy) Classes(l Level) []Category {
	if l == Group {
		return t.Groups
	}
	return t.Occupations
}

// Index returns the class index of code at level l, or -1.
func (t *Taxonomy) Index(l Level, code string) int {
	m := t.groupIndex
	if l == Occupation {
		m = t.occIndex
	}
	if i, ok := m[code]; ok {
		return i
	}
	return -1
}

// GroupOf returns the group index of occupation index i.
func (t *Taxonomy) GroupOf(i int) int { return t.occGroup[i] }

// OccupationGroups returns the group index of every occupation, aligned
// with Occupations: a copy, for code that looks it up in a tight loop.
func (t *Taxonomy) OccupationGroups() []int { return slices.Clone(t.occGroup) }

// Group returns the group with the given code.
func (t *Taxonomy) Group(code string) (Category, bool) {
	i := t.Index(Group, code)
	if i < 0 {
		return Category{}, false
	}
	return t.Groups[i], true
}

// Occupation returns the occupation with the given code.
func (t *Taxonomy) Occupation(code string) (Category, bool) {
	i := t.Index(Occupation, code)
	if i < 0 {
		return Category{}, false
	}
	return t.Occupations[i], true
}

//go:embed data/soc_major_groups.tsv
var socGroupsTSV []byte

//go:embed data/onet_soc_2019_occupations.tsv
var onetTSV []byte

//go:embed data/bls_oews_2023_major_employment.tsv
var blsTSV []byte

var socOnce = sync.OnceValue(func() *Taxonomy {
	var groups, occs []Category
	for _, f := range readTable("soc_major_groups.tsv", socGroupsTSV, "code", "title") {
		groups = append(groups, Category{Code: f[0], Title: f[1]})
	}
	for _, f := range readTable("onet_soc_2019_occupations.tsv", onetTSV, "code", "title") {
		occs = append(occs, Category{Code: f[0], Title: f[1], Parent: f[0][:2]})
	}
	t, err := New("onet-soc-2019", groups, occs)
	if err != nil {
		panic(err) // embedded data is checked by tests
	}
	return t
})

// SOC returns the built-in taxonomy: the 23 SOC 2018 major groups (codes
// "11" to "55") and the 1,016 O*NET-SOC 2019 occupations.
func SOC() *Taxonomy { return socOnce() }

// MajorGroupOf returns the SOC major group of an O*NET-SOC or SOC code:
// its first two digits.
func MajorGroupOf(code string) string {
	if len(code) >= 2 {
		return code[:2]
	}
	return code
}

var workforceOnce = sync.OnceValue(func() map[string]float64 {
	m := map[string]float64{}
	for _, f := range readTable("bls_oews_2023_major_employment.tsv", blsTSV, "code", "employment") {
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			panic(err)
		}
		m[f[0]] = v
	}
	return m
})

// Workforce returns US employment per SOC major group from BLS OEWS
// May 2023 national estimates (national_M2023_dl, TOT_EMP of the 22
// "major" rows), aligned with SOC().Groups. Military (55), which OEWS does
// not cover, is 0.
func Workforce() []float64 {
	m := workforceOnce()
	out := make([]float64, len(SOC().Groups))
	for i, g := range SOC().Groups {
		out[i] = m[g.Code]
	}
	return out
}

// readTable returns the named columns of an embedded table, row by row.
// The tables are checked by the tests, so a malformed one panics.
func readTable(name string, data []byte, columns ...string) [][]string {
	var rows [][]string
	err := occubias.ReadTableFrom(bytes.NewReader(data), name, func(row map[string]string) error {
		out := make([]string, len(columns))
		for i, c := range columns {
			out[i] = row[c]
		}
		rows = append(rows, out)
		return nil
	})
	if err != nil {
		panic(err)
	}
	return rows
}

// FromLabels builds a taxonomy from (group, occupation) label
// pairs, as OccuQuest's category and occupation columns: codes and titles
// are the label values, sorted. An occupation seen under several groups is
// placed in its most frequent one.
func FromLabels(name string, pairs [][2]string) (*Taxonomy, error) {
	groupSet := map[string]bool{}
	occGroups := map[string]map[string]int{}
	for _, p := range pairs {
		g, o := p[0], p[1]
		if g == "" {
			continue
		}
		groupSet[g] = true
		if o == "" {
			continue
		}
		if occGroups[o] == nil {
			occGroups[o] = map[string]int{}
		}
		occGroups[o][g]++
	}
	var groups, occs []Category
	for g := range groupSet {
		groups = append(groups, Category{Code: g, Title: g})
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].Code < groups[j].Code })
	for o, gs := range occGroups {
		best, n := "", -1
		for g, c := range gs {
			if c > n || c == n && g < best {
				best, n = g, c
			}
		}
		occs = append(occs, Category{Code: o, Title: o, Parent: best})
	}
	sort.Slice(occs, func(i, j int) bool { return occs[i].Code < occs[j].Code })
	return New(name, groups, occs)
}
