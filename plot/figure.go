// Package plot draws the figures of an occupational-bias analysis with
// gonum.org/v1/plot: category distributions, top occupations, Lorenz and
// coverage curves, representation against a reference such as the
// workforce, and a summary of balance measures with their intervals.
//
// Every function returns a *Figure, which saves as PNG, SVG or PDF and has
// PNG() and SVG() methods so that notebook kernels display it inline. The
// API takes plain slices, without generics. Colours come from the Okabe–Ito
// palette, which stays distinguishable under the common colour-vision
// deficiencies, and a dataset keeps its colour across figures (ColorOf).
package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// DPI is the resolution of PNG output.
const DPI = 144

// Figure is a drawing of a fixed size that can be written in any format.
type Figure struct {
	Width, Height vg.Length
	draw          func(c draw.Canvas)
}

// WriterTo draws the figure on a canvas of format "png", "svg" or "pdf",
// ready to be written, as gonum/plot's Plot.WriterTo does.
func (f *Figure) WriterTo(format string) (io.WriterTo, error) {
	var c vg.CanvasWriterTo
	switch strings.ToLower(format) {
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(DPI))}
	case "svg":
		c = vgsvg.New(f.Width, f.Height)
	case "pdf":
		c = vgpdf.New(f.Width, f.Height)
	default:
		return nil, fmt.Errorf("plot: unknown format %q (png, svg, pdf)", format)
	}
	fill(c, f.Width, f.Height)
	f.draw(draw.New(c))
	return c, nil
}

// encode writes the figure in format to w.
func (f *Figure) encode(w io.Writer, format string) error {
	c, err := f.WriterTo(format)
	if err != nil {
		return err
	}
	_, err = c.WriteTo(w)
	return err
}

func fill(c vg.Canvas, w, h vg.Length) {
	c.SetColor(color.White)
	c.Fill(vg.Rectangle{Max: vg.Point{X: w, Y: h}}.Path())
}

// Save writes the figure to path in the format its extension names.
func (f *Figure) Save(path string) error {
	var buf bytes.Buffer
	if err := f.encode(&buf, strings.TrimPrefix(filepath.Ext(path), ".")); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// PNG returns the figure as PNG bytes (nil on error), for notebook display.
func (f *Figure) PNG() []byte {
	var buf bytes.Buffer
	if f.encode(&buf, "png") != nil {
		return nil
	}
	return buf.Bytes()
}

// SVG returns the figure as an SVG document, for notebook display.
func (f *Figure) SVG() string {
	var buf bytes.Buffer
	if f.encode(&buf, "svg") != nil {
		return ""
	}
	return buf.String()
}

// PDF returns the figure as PDF bytes (nil on error).
func (f *Figure) PDF() []byte {
	var buf bytes.Buffer
	if f.encode(&buf, "pdf") != nil {
		return nil
	}
	return buf.Bytes()
}

// Okabe–Ito colours, in the order datasets receive them.
var palette = []color.RGBA{
	{0x00, 0x72, 0xB2, 0xff}, // blue
	{0xE6, 0x9F, 0x00, 0xff}, // orange
	{0x00, 0x9E, 0x73, 0xff}, // bluish green
	{0xD5, 0x5E, 0x00, 0xff}, // vermillion
	{0xCC, 0x79, 0xA7, 0xff}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xff}, // sky blue
	{0x00, 0x00, 0x00, 0xff}, // black
	{0xF0, 0xE4, 0x42, 0xff}, // yellow, last: faint on white
}

// The datasets of the OccuQuest paper keep the same colour everywhere.
var wellKnown = map[string]int{"sharegpt": 0, "occuquest": 1, "wizardlm": 2, "dolly": 3}

var colors = struct {
	sync.Mutex
	byName map[string]color.RGBA
	next   int
}{byName: map[string]color.RGBA{}}

// ColorOf returns the colour of a dataset: fixed for ShareGPT, OccuQuest,
// WizardLM and Dolly (matched case-insensitively within the name), and
// for other names the next free palette colour on first use, kept for the
// life of the process so that figures agree.
func ColorOf(name string) color.Color {
	colors.Lock()
	defer colors.Unlock()
	if c, ok := colors.byName[name]; ok {
		return c
	}
	lower := strings.ToLower(name)
	for key, i := range wellKnown {
		if strings.Contains(lower, key) {
			colors.byName[name] = palette[i]
			return palette[i]
		}
	}
	used := map[color.RGBA]bool{}
	for _, c := range colors.byName {
		used[c] = true
	}
	for _, i := range wellKnown {
		used[palette[i]] = true // keep the paper's colours for its datasets
	}
	c := palette[(4+colors.next)%len(palette)]
	for k := 0; k < len(palette) && used[c]; k++ {
		colors.next++
		c = palette[(4+colors.next)%len(palette)]
	}
	colors.next++
	colors.byName[name] = c
	return c
}
