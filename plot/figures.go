package plot

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/occubias/occubias/stats"
)

// Series is one dataset's counts over the categories of a figure.
type Series struct {
	Name   string
	Counts []float64
}

// ErrNoData is returned when a figure is asked for no series, or series
// whose counts do not match the categories.
var ErrNoData = errors.New("plot: no data to draw")

func validate(categories []string, series []Series) error {
	if len(series) == 0 {
		return ErrNoData
	}
	for _, s := range series {
		if categories != nil && len(s.Counts) != len(categories) {
			return fmt.Errorf("%w: %s has %d counts for %d categories", ErrNoData, s.Name, len(s.Counts), len(categories))
		}
		if _, err := stats.Shares(s.Counts); err != nil {
			return fmt.Errorf("plot: %s: %w", s.Name, err)
		}
	}
	return nil
}

func newPlot(title, x, y string) *gplot.Plot {
	p := gplot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.TextStyle.Font.Size = vg.Points(11)
	p.Y.Label.TextStyle.Font.Size = vg.Points(11)
	p.X.Tick.Label.Font.Size = vg.Points(9)
	p.Y.Tick.Label.Font.Size = vg.Points(9)
	p.Legend.TextStyle.Font.Size = vg.Points(10)
	p.Title.Padding = vg.Points(6)
	p.Add(plotter.NewGrid())
	return p
}

func single(p *gplot.Plot, w, h vg.Length) *Figure {
	return &Figure{Width: w, Height: h, draw: func(c draw.Canvas) { p.Draw(c) }}
}

func grid(plots [][]*gplot.Plot, w, h vg.Length) *Figure {
	return &Figure{Width: w, Height: h, draw: func(c draw.Canvas) {
		tiles := draw.Tiles{Rows: len(plots), Cols: len(plots[0]), PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
			PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 4}
		canvases := gplot.Align(plots, tiles, c)
		for i, row := range plots {
			for j, p := range row {
				if p != nil {
					p.Draw(canvases[i][j])
				}
			}
		}
	}}
}

func percents(counts []float64) []float64 {
	p, _ := stats.Shares(counts)
	for i := range p {
		p[i] *= 100
	}
	return p
}

// truncate shortens long category names for axis labels.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// DistributionOptions configures Distribution.
type DistributionOptions struct {
	Title string
	// Top keeps the Top categories of largest mean share (0: all).
	Top int
	// LabelWidth truncates category names to this many characters (0: 48).
	LabelWidth int
}

// Distribution draws the share (%) of each category per dataset as
// horizontal grouped bars, categories sorted by their mean share over the
// datasets, largest at the top.
func Distribution(categories []string, series []Series, o DistributionOptions) (*Figure, error) {
	if err := validate(categories, series); err != nil {
		return nil, err
	}
	shares := make([][]float64, len(series))
	mean := make([]float64, len(categories))
	for i, s := range series {
		shares[i] = percents(s.Counts)
		for k, v := range shares[i] {
			mean[k] += v / float64(len(series))
		}
	}
	order := make([]int, len(categories))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return mean[order[a]] > mean[order[b]] })
	if o.Top > 0 && o.Top < len(order) {
		order = order[:o.Top]
	}
	if o.LabelWidth == 0 {
		o.LabelWidth = 48
	}
	title := o.Title
	if title == "" {
		title = "Share of examples per category"
	}
	p := newPlot(title, "share of examples (%)", "")
	n := len(order)
	names := make([]string, n)
	for r, k := range order {
		names[n-1-r] = truncate(categories[k], o.LabelWidth)
	}
	rowH := vg.Points(float64(6 + 5*len(series)))
	barW := rowH * 0.8 / vg.Length(len(series))
	for i, s := range series {
		vals := make(plotter.Values, n)
		for r, k := range order {
			vals[n-1-r] = shares[i][k]
		}
		bars, err := plotter.NewBarChart(vals, barW)
		if err != nil {
			return nil, err
		}
		bars.Horizontal = true
		bars.Color = ColorOf(s.Name)
		bars.LineStyle.Width = 0
		bars.Offset = barW * vg.Length(float64(len(series)-1)/2-float64(i))
		p.Add(bars)
		p.Legend.Add(s.Name, bars)
	}
	p.NominalY(names...)
	p.Legend.Top = false
	p.Legend.Left = false
	p.X.Min = 0
	maxShare := 0.0
	for i := range series {
		for _, k := range order {
			maxShare = math.Max(maxShare, shares[i][k])
		}
	}
	p.X.Max = maxShare * 1.05
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4 // room for the outer bars of each group
	p.X.Tick.Marker = percentTicks{}
	h := rowH*vg.Length(n) + vg.Inch*1.4
	return single(p, vg.Inch*8, h), nil
}

// TopOccupations draws, for each dataset, its n largest categories as
// horizontal bars of share (%), one panel per dataset side by side.
func TopOccupations(categories []string, series []Series, n int) (*Figure, error) {
	if err := validate(categories, series); err != nil {
		return nil, err
	}
	if n <= 0 || n > len(categories) {
		n = min(15, len(categories))
	}
	cols := min(2, len(series))
	rows := (len(series) + cols - 1) / cols
	panels := make([][]*gplot.Plot, rows)
	for r := range panels {
		panels[r] = make([]*gplot.Plot, cols)
	}
	for i, s := range series {
		sh := percents(s.Counts)
		order := make([]int, len(categories))
		for k := range order {
			order[k] = k
		}
		sort.SliceStable(order, func(a, b int) bool { return sh[order[a]] > sh[order[b]] })
		order = order[:n]
		vals := make(plotter.Values, n)
		names := make([]string, n)
		for r, k := range order {
			vals[n-1-r] = sh[k]
			names[n-1-r] = truncate(categories[k], 48)
		}
		p := newPlot(s.Name, "share of examples (%)", "")
		bars, err := plotter.NewBarChart(vals, vg.Points(9))
		if err != nil {
			return nil, err
		}
		bars.Horizontal = true
		bars.Color = ColorOf(s.Name)
		bars.LineStyle.Width = 0
		p.Add(bars)
		p.NominalY(names...)
		p.X.Min = 0
		p.X.Max = vals[n-1] * 1.05
		p.X.Tick.Marker = percentTicks{}
		panels[i/cols][i%cols] = p
	}
	w := vg.Inch * 5.8 * vg.Length(cols)
	return grid(panels, w, (vg.Points(float64(14*n))+vg.Inch*1.1)*vg.Length(rows)), nil
}

// Lorenz draws the Lorenz curve of each dataset (share of categories,
// least served first, against the share of examples they hold) with the
// line of equality; the legend gives each dataset's Gini coefficient.
func Lorenz(series []Series) (*Figure, error) {
	if err := validate(nil, series); err != nil {
		return nil, err
	}
	p := newPlot("Lorenz curves", "share of categories, least served first", "share of examples")
	eq, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	eq.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	eq.Color = palette[6]
	p.Add(eq)
	p.Legend.Add("equality", eq)
	for _, s := range series {
		x, y, err := stats.Lorenz(s.Counts)
		if err != nil {
			return nil, err
		}
		xys := make(plotter.XYs, len(x))
		for i := range x {
			xys[i] = plotter.XY{X: x[i], Y: y[i]}
		}
		l, _ := plotter.NewLine(xys)
		l.Color = ColorOf(s.Name)
		l.Width = vg.Points(2)
		p.Add(l)
		g, _ := stats.Gini(s.Counts)
		p.Legend.Add(fmt.Sprintf("%s (Gini %.3f)", s.Name, g), l)
	}
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(8), -vg.Points(8)
	return single(p, vg.Inch*6, vg.Inch*6), nil
}

// Coverage draws each dataset's coverage curve: the cumulative share of
// examples held by its k largest categories, against k on a log axis.
func Coverage(series []Series) (*Figure, error) {
	if err := validate(nil, series); err != nil {
		return nil, err
	}
	p := newPlot("Coverage curves", "number of categories k, largest first", "share of examples in the top k")
	for _, s := range series {
		curve, err := stats.CoverageCurve(s.Counts)
		if err != nil {
			return nil, err
		}
		xys := make(plotter.XYs, len(curve))
		for i, c := range curve {
			xys[i] = plotter.XY{X: float64(i + 1), Y: c}
		}
		l, _ := plotter.NewLine(xys)
		l.Color = ColorOf(s.Name)
		l.Width = vg.Points(2)
		p.Add(l)
		k90, _ := stats.CategoriesFor(s.Counts, 0.9)
		p.Legend.Add(fmt.Sprintf("%s (90%% in %d)", s.Name, k90), l)
	}
	p.X.Scale = gplot.LogScale{}
	p.X.Tick.Marker = gplot.LogTicks{Prec: -1}
	p.X.Min = 1
	p.Y.Min, p.Y.Max = 0, 1
	p.Legend.Top, p.Legend.Left = false, false
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(8), vg.Points(8)
	return single(p, vg.Inch*7, vg.Inch*5), nil
}

// ratioFloor is where a category with no example is drawn on the log axis.
const ratioFloor = 0.01

// Representation draws each dataset's representation ratio p_i/q_i
// against a reference (such as workforce shares) per category on a log
// axis, with the line of parity at 1. Categories the reference does not
// cover are left out; a category with no example is drawn at 0.01.
func Representation(categories []string, series []Series, reference []float64, referenceName string) (*Figure, error) {
	if err := validate(categories, series); err != nil {
		return nil, err
	}
	if len(reference) != len(categories) {
		return nil, fmt.Errorf("%w: reference has %d values for %d categories", ErrNoData, len(reference), len(categories))
	}
	var keep []int
	for i, r := range reference {
		if r > 0 {
			keep = append(keep, i)
		}
	}
	ratios := make([][]float64, len(series))
	for i, s := range series {
		r, err := stats.RepresentationRatio(s.Counts, reference)
		if err != nil {
			return nil, err
		}
		ratios[i] = r
	}
	// Sort by the first dataset's ratio, most over-represented at the top.
	sort.SliceStable(keep, func(a, b int) bool { return ratios[0][keep[a]] < ratios[0][keep[b]] })
	n := len(keep)
	names := make([]string, n)
	for r, k := range keep {
		names[r] = truncate(categories[k], 48)
	}
	p := newPlot("Representation against "+referenceName, "share in data / share in "+referenceName+" (log; no example drawn at 0.01)", "")
	parity, _ := plotter.NewLine(plotter.XYs{{X: 1, Y: -0.5}, {X: 1, Y: float64(n) - 0.5}})
	parity.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(parity)
	shapes := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{}, draw.BoxGlyph{}}
	for i, s := range series {
		xys := make(plotter.XYs, n)
		for r, k := range keep {
			x := ratios[i][k]
			if x < ratioFloor {
				x = ratioFloor
			}
			xys[r] = plotter.XY{X: x, Y: float64(r) + 0.12*(float64(i)-float64(len(series)-1)/2)}
		}
		sc, _ := plotter.NewScatter(xys)
		sc.Color = ColorOf(s.Name)
		sc.Shape = shapes[i%len(shapes)]
		sc.Radius = vg.Points(3.5)
		p.Add(sc)
		p.Legend.Add(s.Name, sc)
	}
	p.NominalY(names...)
	p.X.Scale = gplot.LogScale{}
	p.X.Tick.Marker = gplot.LogTicks{Prec: -1}
	lo, hi := 1.0, 1.0
	for i := range series {
		for _, k := range keep {
			x := math.Max(ratios[i][k], ratioFloor)
			if !math.IsInf(x, 0) {
				lo, hi = math.Min(lo, x), math.Max(hi, x)
			}
		}
	}
	p.X.Min, p.X.Max = lo/1.5, hi*1.5
	p.Legend.Top, p.Legend.Left = false, false
	return single(p, vg.Inch*8, vg.Points(float64(16*n))+vg.Inch*1.4), nil
}

// SummaryRow holds one dataset's balance measures with their intervals.
type SummaryRow struct {
	Name              string
	NormalizedEntropy stats.Interval
	Gini              stats.Interval
}

// Summary draws normalized entropy and Gini per dataset with their
// confidence intervals, in two panels side by side.
func Summary(rows []SummaryRow) (*Figure, error) {
	if len(rows) == 0 {
		return nil, ErrNoData
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[len(rows)-1-i] = r.Name
	}
	panel := func(title string, get func(SummaryRow) stats.Interval) (*gplot.Plot, error) {
		iv := get(rows[0])
		method := "percentile"
		if iv.Method == stats.BCa {
			method = "BCa"
		}
		p := newPlot(title, fmt.Sprintf("estimate with %.0f%% %s bootstrap interval", 100*iv.Confidence, method), "")
		for i, r := range rows {
			v := get(r)
			y := float64(len(rows) - 1 - i)
			pts := plotter.XYs{{X: v.Estimate, Y: y}}
			sc, _ := plotter.NewScatter(pts)
			sc.Color = ColorOf(r.Name)
			sc.Radius = vg.Points(4)
			sc.Shape = draw.CircleGlyph{}
			bar, _ := plotter.NewLine(plotter.XYs{{X: v.Lo, Y: y}, {X: v.Hi, Y: y}})
			bar.Color = ColorOf(r.Name)
			bar.Width = vg.Points(2)
			p.Add(bar, sc)
		}
		p.NominalY(names...)
		p.X.Min, p.X.Max = 0, 1
		return p, nil
	}
	a, _ := panel("Normalized entropy (higher: more balanced)", func(r SummaryRow) stats.Interval { return r.NormalizedEntropy })
	b, _ := panel("Gini coefficient (higher: more concentrated)", func(r SummaryRow) stats.Interval { return r.Gini })
	return grid([][]*gplot.Plot{{a, b}}, vg.Inch*10, vg.Points(float64(28*len(rows)))+vg.Inch*1.3), nil
}

// percentTicks labels a share axis in whole or half percents.
type percentTicks struct{}

func (percentTicks) Ticks(min, max float64) []gplot.Tick {
	ticks := gplot.DefaultTicks{}.Ticks(min, max)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = strconv.FormatFloat(ticks[i].Value, 'f', -1, 64)
		}
	}
	return ticks
}
