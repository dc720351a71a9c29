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
	// Category groups the occupations another way than Group: for SOC(),
	// the 26 Workable job categories OccuQuest files its occupations
	// under; for a taxonomy built from labels, its groups.
	Category
)

// Levels lists every level, in order.
func Levels() []Level { return []Level{Group, Occupation, Category} }

func (l Level) String() string {
	switch l {
	case Group:
		return "group"
	case Occupation:
		return "occupation"
	case Category:
		return "category"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// MarshalText writes the level's name, so that JSON reports say "group",
// "occupation" or "category".
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

// ParseLevel reads "group" (also "major"), "occupation" or "category"
// (also "workable").
func ParseLevel(s string) (Level, error) {
	switch strings.ToLower(s) {
	case "group", "major", "major-group":
		return Group, nil
	case "occupation", "occ":
		return Occupation, nil
	case "category", "workable":
		return Category, nil
	}
	return Group, fmt.Errorf("unknown level %q (group, occupation or category)", s)
}

// Class is one class of a taxonomy: a group, an occupation or a category.
type Class struct {
	// Code identifies the class: "15" or "15-1252.00" for SOC, the
	// category or occupation name for Workable categories and taxonomies
	// built from labels.
	Code string `json:"code"`
	// Title is the human-readable name.
	Title string `json:"title"`
	// Parent is the group code of an occupation; empty for groups.
	Parent string `json:"parent,omitempty"`
	// Category is the category code of an occupation, in a taxonomy that
	// has categories.
	Category string `json:"category,omitempty"`
}

// Taxonomy is a classification of occupations: each belongs to one group
// and, when the taxonomy has categories, to one category. Indices into
// Groups and Occupations are the class indices of a Model's heads.
type Taxonomy struct {
	Name        string  `json:"name"`
	Groups      []Class `json:"groups"`
	Occupations []Class `json:"occupations"`
	// Categories is empty when the taxonomy has none.
	Categories []Class `json:"categories,omitempty"`
	index      [3]map[string]int
	occGroup   []int
	occCat     []int
}

// New builds a taxonomy from its classes. Every occupation's Parent must
// name one of groups; codes must be unique within a level.
func New(name string, groups, occupations []Class) (*Taxonomy, error) {
	return NewWithCategories(name, groups, occupations, nil)
}

// NewWithCategories is New with categories: every occupation's Category
// must then name one of them.
func NewWithCategories(name string, groups, occupations, categories []Class) (*Taxonomy, error) {
	t := &Taxonomy{Name: name, Groups: groups, Occupations: occupations, Categories: categories}
	if err := t.reindex(); err != nil {
		return nil, err
	}
	return t, nil
}

// UnmarshalJSON reads a taxonomy as MarshalJSON writes it and checks it as
// New does, so that a decoded taxonomy is indexed and consistent.
func (t *Taxonomy) UnmarshalJSON(data []byte) error {
	var v struct {
		Name        string  `json:"name"`
		Groups      []Class `json:"groups"`
		Occupations []Class `json:"occupations"`
		Categories  []Class `json:"categories"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*t = Taxonomy{Name: v.Name, Groups: v.Groups, Occupations: v.Occupations, Categories: v.Categories}
	return t.reindex()
}

func (t *Taxonomy) reindex() error {
	for _, l := range Levels() {
		classes := t.Classes(l)
		t.index[l] = make(map[string]int, len(classes))
		for i, c := range classes {
			if _, dup := t.index[l][c.Code]; dup {
				return fmt.Errorf("taxonomy %s: %s %q twice", t.Name, l, c.Code)
			}
			t.index[l][c.Code] = i
		}
	}
	t.occGroup = make([]int, len(t.Occupations))
	t.occCat = make([]int, len(t.Occupations))
	for i, o := range t.Occupations {
		g, ok := t.index[Group][o.Parent]
		if !ok {
			return fmt.Errorf("taxonomy %s: occupation %q has unknown group %q", t.Name, o.Code, o.Parent)
		}
		t.occGroup[i] = g
		t.occCat[i] = -1
		if len(t.Categories) > 0 {
			c, ok := t.index[Category][o.Category]
			if !ok {
				return fmt.Errorf("taxonomy %s: occupation %q has unknown category %q", t.Name, o.Code, o.Category)
			}
			t.occCat[i] = c
		}
	}
	return nil
}

// Has reports whether the taxonomy has level l: Category only when it
// has categories.
func (t *Taxonomy) Has(l Level) bool {
	return l == Group || l == Occupation || l == Category && len(t.Categories) > 0
}

// Size returns the number of classes at a level.
func (t *Taxonomy) Size(l Level) int { return len(t.Classes(l)) }

// Classes returns the classes of a level.
func (t *Taxonomy) Classes(l Level) []Class {
	switch l {
	case Group:
		return t.Groups
	case Occupation:
		return t.Occupations
	case Category:
		return t.Categories
	}
	return nil
}

// Index returns the class index of code at level l, or -1.
func (t *Taxonomy) Index(l Level, code string) int {
	if l < 0 || int(l) >= len(t.index) {
		return -1
	}
	if i, ok := t.index[l][code]; ok {
		return i
	}
	return -1
}

// GroupOf returns the group index of occupation index i.
func (t *Taxonomy) GroupOf(i int) int { return t.occGroup[i] }

// CategoryOf returns the category index of occupation index i, or -1 in a
// taxonomy without categories.
func (t *Taxonomy) CategoryOf(i int) int { return t.occCat[i] }

// OccupationGroups returns the group index of every occupation, aligned
// with Occupations: a copy, for code that looks it up in a tight loop.
func (t *Taxonomy) OccupationGroups() []int { return slices.Clone(t.occGroup) }

// OccupationCategories returns the category index of every occupation
// (−1 without categories): a copy, as OccupationGroups.
func (t *Taxonomy) OccupationCategories() []int { return slices.Clone(t.occCat) }

// Group returns the group with the given code.
func (t *Taxonomy) Group(code string) (Class, bool) {
	i := t.Index(Group, code)
	if i < 0 {
		return Class{}, false
	}
	return t.Groups[i], true
}

// Occupation returns the occupation with the given code.
func (t *Taxonomy) Occupation(code string) (Class, bool) {
	i := t.Index(Occupation, code)
	if i < 0 {
		return Class{}, false
	}
	return t.Occupations[i], true
}

//go:embed data/soc_major_groups.tsv
var socGroupsTSV []byte

//go:embed data/onet_soc_2019_occupations.tsv
var onetTSV []byte

//go:embed data/bls_oews_2023_major_employment.tsv
var blsTSV []byte

//go:embed data/bls_oews_2023_detailed_employment.tsv
var blsDetailedTSV []byte

//go:embed data/workable_categories.tsv
var workableTSV []byte

//go:embed data/onet_workable.tsv
var onetWorkableTSV []byte

var socOnce = sync.OnceValue(func() *Taxonomy {
	var groups, occs []Class
	for _, f := range readTable("soc_major_groups.tsv", socGroupsTSV, "code", "title") {
		groups = append(groups, Class{Code: f[0], Title: f[1]})
	}
	var cats []Class
	for _, f := range readTable("workable_categories.tsv", workableTSV, "category") {
		cats = append(cats, Class{Code: f[0], Title: f[0]})
	}
	category := map[string]string{}
	for _, f := range readTable("onet_workable.tsv", onetWorkableTSV, "code", "category") {
		category[f[0]] = f[1]
	}
	for _, f := range readTable("onet_soc_2019_occupations.tsv", onetTSV, "code", "title") {
		occs = append(occs, Class{Code: f[0], Title: f[1], Parent: f[0][:2], Category: category[f[0]]})
	}
	t, err := NewWithCategories("onet-soc-2019", groups, occs, cats)
	if err != nil {
		panic(err) // embedded data is checked by tests
	}
	return t
})

// SOC returns the built-in taxonomy: the 23 SOC 2018 major groups (codes
// "11" to "55"), the 1,016 O*NET-SOC 2019 occupations and, as categories,
// the 26 Workable job categories of OccuQuest, each occupation filed under
// the one a job posting for it would be (two annotators and a third on
// their disagreements, as the gold labels were made).
func SOC() *Taxonomy { return socOnce() }

// MajorGroupOf returns the SOC major group of an O*NET-SOC or SOC code:
// its first two digits.
func MajorGroupOf(code string) string {
	if len(code) >= 2 {
		return code[:2]
	}
	return code
}

var (
	workforceOnce = sync.OnceValue(func() map[string]float64 { return employment("bls_oews_2023_major_employment.tsv", blsTSV) })
	detailedOnce  = sync.OnceValue(func() map[string]float64 { return employment("bls_oews_2023_detailed_employment.tsv", blsDetailedTSV) })
)

// employment reads an embedded table of employment by SOC code.
func employment(name string, data []byte) map[string]float64 {
	m := map[string]float64{}
	for _, f := range readTable(name, data, "code", "employment") {
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			panic(err)
		}
		m[f[0]] = v
	}
	return m
}

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

// WorkforceAt returns US employment (BLS OEWS May 2023) per class of level
// l of SOC(), aligned with its classes. Groups are OEWS's major-group
// totals, as Workforce. An occupation gets the employment of its SOC
// code, shared equally among the O*NET-SOC occupations under that code
// (O*NET splits some SOC occupations, "15-1252.00" and its specialties),
// or of its broad SOC group when OEWS publishes only that, shared the same
// way; categories sum their occupations. Occupations OEWS does not cover
// (military, and a few O*NET-only codes) get 0, so the occupation and
// category totals are an approximation of the group totals: within 1% of
// them for civilian employment.
func WorkforceAt(l Level) []float64 {
	if l == Group {
		return Workforce()
	}
	tax := SOC()
	emp := detailedOnce()
	// The SOC code each occupation takes its employment from, and how many
	// occupations share it.
	source := make([]string, len(tax.Occupations))
	shares := map[string]int{}
	for i, o := range tax.Occupations {
		code := o.Code
		if len(code) >= 7 {
			code = code[:7]
		}
		if _, ok := emp[code]; !ok && len(code) == 7 {
			code = code[:6] + "0" // the broad group
		}
		if _, ok := emp[code]; ok {
			source[i] = code
			shares[code]++
		}
	}
	occ := make([]float64, len(tax.Occupations))
	for i, code := range source {
		if code != "" {
			occ[i] = emp[code] / float64(shares[code])
		}
	}
	if l == Occupation {
		return occ
	}
	out := make([]float64, tax.Size(l))
	for i, v := range occ {
		if c := tax.CategoryOf(i); c >= 0 && l == Category {
			out[c] += v
		}
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
// are the label values, sorted, and the groups are the categories too. An occupation seen under several groups is
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
	var groups, occs []Class
	for g := range groupSet {
		groups = append(groups, Class{Code: g, Title: g})
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].Code < groups[j].Code })
	for o, gs := range occGroups {
		best, n := "", -1
		for g, c := range gs {
			if c > n || c == n && g < best {
				best, n = g, c
			}
		}
		occs = append(occs, Class{Code: o, Title: o, Parent: best, Category: best})
	}
	sort.Slice(occs, func(i, j int) bool { return occs[i].Code < occs[j].Code })
	// The labels' groups are their categories too (OccuQuest's category
	// column), so that --level category reads the same on every model.
	return NewWithCategories(name, groups, occs, slices.Clone(groups))
}
