package main

import (
	"strings"
	"testing"
)

func TestTaxonomyCommand(t *testing.T) {
	out, _, code := runCLI(t, "", "taxonomy", "--level", "occupation", "--group", "53", "--builtin")
	if code != 0 || !strings.Contains(out, "53-2011.00\tAirline Pilots, Copilots, and Flight Engineers") || strings.Contains(out, "\n29-") {
		t.Errorf("exit %d\n%s", code, out)
	}
	out, _, _ = runCLI(t, "", "taxonomy")
	if n := strings.Count(out, "\n"); n != 23 {
		t.Errorf("%d groups listed", n)
	}
	out, _, _ = runCLI(t, "", "taxonomy", "--level", "category")
	if n := strings.Count(out, "\n"); n != 26 || !strings.HasPrefix(out, "Accounting\tAccounting\n") || !strings.Contains(out, "\nLaw enforcement&Security\t") {
		t.Errorf("%d categories listed:\n%s", n, out)
	}
	out, _, _ = runCLI(t, "", "taxonomy", "--level", "occupation", "--category", "Legal")
	if !strings.Contains(out, "23-2011.00\tParalegals and Legal Assistants") || strings.Contains(out, "15-1252.00") {
		t.Errorf("occupations of Legal:\n%s", out)
	}
	if _, _, code := runCLI(t, "", "taxonomy", "--level", "nope"); code != 2 {
		t.Errorf("bad level: exit %d", code)
	}
}
