package plot_test

import (
	"bytes"
	"errors"
	"image/png"
	"strings"
	"testing"

	"gonum.org/v1/plot/cmpimg"

	"github.com/occubias/occubias/plot"
)

// TestGolden renders each example and compares it with
// testdata/*_golden.png; run `go test ./plot -regen` to accept new images.
func TestGolden(t *testing.T) {
	for name, example := range map[string]func(){
		"distribution.png":   Example_distribution,
		"top.png":            Example_topOccupations,
		"lorenz.png":         Example_lorenz,
		"coverage.png":       Example_coverage,
		"representation.png": Example_representation,
		"summary.png":        Example_summary,
	} {
		t.Run(name, func(t *testing.T) { cmpimg.CheckPlot(example, t, name) })
	}
}

func TestFormats(t *testing.T) {
	f, err := plot.Lorenz(series)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(f.PNG()))
	if err != nil {
		t.Fatalf("PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 6*plot.DPI || b.Dy() != 6*plot.DPI {
		t.Errorf("PNG is %v, want 6x6 inches at %d dpi", b, plot.DPI)
	}
	if svg := f.SVG(); !strings.HasPrefix(strings.TrimSpace(svg), "<?xml") || !strings.Contains(svg, "Gini 0.") {
		t.Errorf("SVG does not look like the figure: %.200s", svg)
	}
	if pdf := f.PDF(); !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("PDF starts %q", pdf[:min(8, len(pdf))])
	}
	if _, err := f.WriterTo("gif"); err == nil {
		t.Error("gif accepted")
	}
}

func TestBadData(t *testing.T) {
	if _, err := plot.Lorenz(nil); !errors.Is(err, plot.ErrNoData) {
		t.Errorf("no series: %v", err)
	}
	if _, err := plot.Distribution(categories, []plot.Series{{Name: "x", Counts: []float64{1, 2}}}, plot.DistributionOptions{}); !errors.Is(err, plot.ErrNoData) {
		t.Errorf("mismatched counts: %v", err)
	}
	if _, err := plot.Coverage([]plot.Series{{Name: "zeros", Counts: []float64{0, 0}}}); err == nil {
		t.Error("all-zero counts accepted")
	}
}

func TestColorsStable(t *testing.T) {
	a := plot.ColorOf("my-dataset")
	b := plot.ColorOf("other")
	if a == b || plot.ColorOf("my-dataset") != a {
		t.Error("colours not distinct or not stable")
	}
	if plot.ColorOf("databricks-dolly-15k") != plot.ColorOf("Dolly") {
		t.Error("Dolly variants differ in colour")
	}
}
