package taxonomy

import (
	"encoding/json"
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
	if _, err := New("x", []Category{{Code: "a"}}, []Category{{Code: "b", Parent: "zz"}}); err == nil {
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
