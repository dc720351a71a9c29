package taxonomy

import (
	"encoding/json"
	"math"
	"testing"
)

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
	tax, err := FromLabels("oq", [][2]string{
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
	if _, err := New("x", []Class{{Code: "a"}}, []Class{{Code: "b", Parent: "zz"}}); err == nil {
		t.Error("unknown parent accepted")
	}
}

// TestUnmarshalJSON checks that a taxonomy read from JSON is indexed, and
// that an inconsistent one is refused as New refuses it.
func TestUnmarshalJSON(t *testing.T) {
	data, err := json.Marshal(SOC())
	if err != nil {
		t.Fatal(err)
	}
	var tax Taxonomy
	if err := json.Unmarshal(data, &tax); err != nil {
		t.Fatal(err)
	}
	if i := tax.Index(Occupation, "15-1252.00"); i < 0 || tax.Groups[tax.GroupOf(i)].Code != "15" {
		t.Errorf("decoded taxonomy not indexed: index %d", i)
	}
	if err := json.Unmarshal([]byte(`{"name":"x","groups":[{"code":"a"}],"occupations":[{"code":"b","parent":"zz"}]}`), &tax); err == nil {
		t.Error("occupation with an unknown group accepted")
	}
}

// TestWorkableCategories checks the embedded Workable mapping: the 26
// categories as OccuQuest names them, every O*NET-SOC occupation in exactly
// one of them, every category holding at least one occupation.
func TestWorkableCategories(t *testing.T) {
	tax := SOC()
	want := []string{"Accounting", "Finance", "Administrative", "IT and Development", "Arts and Design",
		"Customer service", "Education", "Corporate training", "Engineering", "Construction",
		"Production", "Healthcare Services", "Pharmaceuticals", "Hospitality", "Travel",
		"Human Resources", "Law enforcement&Security", "Legal", "Logistics", "Facilities",
		"Marketing", "Public Relations", "Media and Communication", "Real Estate", "Sales", "Retail"}
	if !tax.Has(Category) || tax.Size(Category) != 26 {
		t.Fatalf("%d categories, want 26", tax.Size(Category))
	}
	for i, c := range tax.Categories {
		if c.Code != want[i] || c.Title != want[i] {
			t.Errorf("category %d = %+v, want %q", i, c, want[i])
		}
	}
	per := make([]int, 26)
	for i, o := range tax.Occupations {
		c := tax.CategoryOf(i)
		if c < 0 || tax.Categories[c].Code != o.Category {
			t.Fatalf("%s: category %d (%q)", o.Code, c, o.Category)
		}
		per[c]++
	}
	for c, n := range per {
		if n == 0 {
			t.Errorf("category %s has no occupation", tax.Categories[c].Code)
		}
	}
	if o, _ := tax.Occupation("15-1252.00"); o.Category != "IT and Development" {
		t.Errorf("software developers under %q", o.Category)
	}
	if o, _ := tax.Occupation("29-1141.00"); o.Category != "Healthcare Services" {
		t.Errorf("registered nurses under %q", o.Category)
	}
}

// TestWorkforceAt checks employment at every level: the occupations share
// their SOC code's OEWS employment, so they add up to that code's total;
// categories add up to the occupations; and the total covered is within 1%
// of OEWS's all-occupations total, 151,853,870.
func TestWorkforceAt(t *testing.T) {
	tax := SOC()
	occ, cat := WorkforceAt(Occupation), WorkforceAt(Category)
	if len(occ) != tax.Size(Occupation) || len(cat) != 26 {
		t.Fatalf("%d occupations, %d categories", len(occ), len(cat))
	}
	// OEWS May 2023: software developers 15-1252, 1,656,880, shared by
	// 15-1252.00 and none other in O*NET-SOC 2019.
	if i := tax.Index(Occupation, "15-1252.00"); occ[i] != 1656880 {
		t.Errorf("15-1252.00: %v", occ[i])
	}
	var sumOcc, sumCat float64
	for _, v := range occ {
		sumOcc += v
	}
	for _, v := range cat {
		sumCat += v
	}
	if math.Abs(sumOcc-sumCat) > 1e-6*sumOcc || math.Abs(sumOcc-151853870) > 0.01*151853870 {
		t.Errorf("occupations add up to %.0f, categories to %.0f, OEWS total 151,853,870", sumOcc, sumCat)
	}
	if i := tax.Index(Occupation, "55-1011.00"); occ[i] != 0 {
		t.Errorf("military occupation with employment %v", occ[i])
	}
}
