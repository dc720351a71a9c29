package occubias

import (
	"bytes"
	"encoding/json"
	"io"
	"runtime"
	"sync"
)

// The reader decodes on every core: one goroutine scans the container for
// record boundaries (the source), workers decode chunks of records into
// examples, and Next takes the chunks back in input order. The scan is the
// only sequential step, so positions and record indices stay exact and
// the output order is the input order.
const (
	chunkRecords = 256     // records per chunk
	chunkBytes   = 1 << 20 // or fewer, when they are large
)

// decoded is one record's outcome: an example, or the error and position
// of a record that could not be read.
type decoded struct {
	ex    Example
	raw   []byte // the record's own bytes, when ReadOptions.KeepRaw
	runes int    // the prompt's code points, or −1 when not counted
	pos   position
	fatal bool
	err   error
}

// chunk is a run of consecutive records, decoded by one worker.
type chunk struct {
	recs  []record
	out   []decoded
	first int64 // the index of the first record
	ready chan struct{}
}

// pipeline runs the scanner and the workers of one Reader.
type pipeline struct {
	order chan *chunk // chunks in input order, closed after the last
	quit  chan struct{}
	wg    sync.WaitGroup
	cur   *chunk
	next  int
}

// startPipeline starts decoding src's records from index first on, with
// d, on workers goroutines.
func startPipeline(src recordSource, d *recordDecoder, first int64, workers int) *pipeline {
	p := &pipeline{order: make(chan *chunk, 2*workers), quit: make(chan struct{})}
	work := make(chan *chunk, 2*workers)
	p.wg.Add(1 + workers)
	go func() {
		defer p.wg.Done()
		defer close(work)
		defer close(p.order)
		index := first
		for done := false; !done; {
			c := &chunk{first: index, ready: make(chan struct{})}
			size := 0
			for len(c.recs) < chunkRecords && size < chunkBytes {
				rec, pos, fatal, err := src.next()
				if err == io.EOF {
					done = true
					break
				}
				if err != nil {
					c.recs = append(c.recs, nil)
					c.out = append(c.out, decoded{pos: pos, fatal: fatal, err: err})
					if fatal {
						done = true
						break
					}
					continue
				}
				rec = rec.own()
				if j, ok := rec.(*jsonRecord); ok {
					size += len(j.raw)
				}
				c.recs = append(c.recs, rec)
				c.out = append(c.out, decoded{pos: pos})
			}
			if len(c.recs) == 0 {
				close(c.ready)
				break
			}
			index += int64(len(c.recs))
			select {
			case p.order <- c:
			case <-p.quit:
				return
			}
			select {
			case work <- c:
			case <-p.quit:
				return
			}
		}
	}()
	for w := 0; w < workers; w++ {
		go func() {
			defer p.wg.Done()
			for c := range work {
				for i, rec := range c.recs {
					if rec != nil {
						c.out[i].ex, c.out[i].err = d.decode(rec, c.first+int64(i))
						c.out[i].runes = countedRunes(d.countRunes, &c.out[i].ex)
						if d.opts.KeepRaw {
							c.out[i].raw = rawOf(rec)
						}
						rec.release()
						c.recs[i] = nil
					}
				}
				close(c.ready)
			}
		}()
	}
	return p
}

// take returns the next record's outcome in input order, or io.EOF.
func (p *pipeline) take() decoded {
	for p.cur == nil || p.next == len(p.cur.out) {
		c, ok := <-p.order
		if !ok {
			return decoded{err: io.EOF}
		}
		<-c.ready
		p.cur, p.next = c, 0
	}
	d := p.cur.out[p.next]
	p.cur.out[p.next] = decoded{} // the caller keeps the example
	p.next++
	return d
}

// stop ends the scanner and the workers and waits for them.
func (p *pipeline) stop() {
	close(p.quit)
	for range p.order { // let a blocked scanner through
	}
	p.wg.Wait()
}

// workers returns how many goroutines decode: ReadOptions.Workers, or all
// cores.
func (o *ReadOptions) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// rawOf returns the record as JSON, in memory of its own: the bytes of a
// JSON object or string as read, a CSV or Parquet row as the object of
// its columns (which reads back as the same format).
func rawOf(rec record) []byte {
	var b []byte
	switch r := rec.(type) {
	case *jsonRecord:
		return bytes.Clone(r.raw) // its block is read into again
	case stringRecord:
		b, _ = json.Marshal(r.text)
	case rowFields:
		b, _ = json.Marshal(map[string]string(r))
	case parquetRow:
		b, _ = json.Marshal(map[string]any(r))
	}
	return b
}
