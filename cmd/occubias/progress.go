package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/occubias/occubias"

	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal, where progress is shown.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressPrinter returns a byte-progress callback drawing one line on w,
// or nil when w is not a terminal.
func progressPrinter(w io.Writer) func(file string, done, total int64) {
	if !isTerminal(w) {
		return nil
	}
	start := time.Now()
	return func(file string, done, total int64) {
		pct := 100.0
		if total > 0 {
			pct = 100 * float64(done) / float64(total)
		}
		rate := float64(done) / 1e6 / time.Since(start).Seconds()
		fmt.Fprintf(w, "\r%-50.50s %5.1f%% %8.1f MB %6.1f MB/s", file, pct, float64(done)/1e6, rate)
		if done >= total {
			fmt.Fprintln(w)
			start = time.Now()
		}
	}
}

// counter shows the progress of a long command on stderr when it is a
// terminal and not --quiet, at most ten times a second: a bar over the
// current file's bytes (or Parquet rows) when its size is known, and the
// examples done with their rate.
type counter struct {
	mu    sync.Mutex // add may be called from several goroutines
	w     io.Writer
	what  string
	n     int64
	start time.Time
	last  time.Time
	src   func() (done, total int64)
	name  string
	// detail, when set, adds to the line (annotate's requests and tokens).
	detail func() string
}

func newCounter(w io.Writer, what string, quiet bool) *counter {
	if quiet || !isTerminal(w) {
		return nil
	}
	return &counter{w: w, what: what, start: time.Now()}
}

// track makes the bar follow r, the dataset now being read.
func (c *counter) track(r *occubias.Reader, name string) {
	if c != nil {
		c.src, c.name = r.Progress, name
	}
}

func (c *counter) add(n int64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += n
	if time.Since(c.last) < 100*time.Millisecond {
		return
	}
	c.last = time.Now()
	rate := float64(c.n) / time.Since(c.start).Seconds()
	if c.src != nil {
		if done, total := c.src(); total > 0 {
			const width = 30
			frac := min(float64(done)/float64(total), 1)
			full := int(frac * width)
			fmt.Fprintf(c.w, "\r[%s%s] %3.0f%% %-30.30s %s %d examples (%.0f/s)",
				strings.Repeat("#", full), strings.Repeat(" ", width-full), 100*frac, c.name, c.what, c.n, rate)
			return
		}
	}
	extra := ""
	if c.detail != nil {
		extra = ", " + c.detail()
	}
	fmt.Fprintf(c.w, "\r%s %d examples (%.0f/s)%s", c.what, c.n, rate, extra)
}

func (c *counter) done() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.w, "\r\033[K%s %d examples in %.1fs\n", c.what, c.n, time.Since(c.start).Seconds())
}
