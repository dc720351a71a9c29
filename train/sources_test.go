package train

import (
	"testing"

	"github.com/occubias/occubias/gold"
	"github.com/occubias/occubias/taxonomy"
)

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
			if e.Group != taxonomy.MajorGroupOf(e.Occupation) {
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

func TestGoldLabeledWeights(t *testing.T) {
	examples := []gold.Example{{Text: "a", Major: "15", Code: "15-1252.00"}, {Text: "hi", Major: "none", Code: "none"}}
	if got := GoldLabeled(examples, "g", 2); len(got) != 1 || got[0].Weight != 2 || got[0].Occupation != "15-1252.00" {
		t.Errorf("%+v", got)
	}
	if got := GoldLabeled(examples, "g", 0); got != nil {
		t.Errorf("weight 0 kept %+v", got)
	}
}

func TestReadKnowledge(t *testing.T) {
	exs, err := ReadKnowledge("testdata/onet_29_3", KnowledgeOptions{Tools: 0.3, Technology: 0.2, Activities: 0.1, ReportedTitles: 1})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Labeled{}
	for _, e := range exs {
		got[e.Source+" "+e.Text] = e
	}
	// Three tools, one a repeat in another case; the reported titles file
	// is absent and skipped.
	if len(exs) != 4 {
		t.Fatalf("%d examples: %+v", len(exs), exs)
	}
	if e := got["onet-tool High pressure liquid chromatographs HPLC"]; e.Occupation != "19-4031.00" || e.Group != "19" || e.Weight != 0.3 {
		t.Errorf("tool %+v", e)
	}
	if e := got["onet-technology Autodesk AutoCAD"]; e.Occupation != "17-3011.00" || e.Weight != 0.2 {
		t.Errorf("technology %+v", e)
	}
	if e := got["onet-activity Administer standardized psychological tests."]; e.Occupation != "19-3031.02" || e.Weight != 0.1 {
		t.Errorf("activity %+v", e)
	}
	none, err := ReadKnowledge("testdata/onet_29_3", KnowledgeOptions{})
	if err != nil || len(none) != 0 {
		t.Errorf("zero weights: %d examples, %v", len(none), err)
	}
}
