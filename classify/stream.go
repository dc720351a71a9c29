package classify

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/occubias/occubias"
)

// Side says which part of a conversation is classified.
type Side string

const (
	// UserSide is every user turn (Example.Prompt): the default.
	UserSide Side = "user"
	// FirstUserTurn is the first user turn only.
	FirstUserTurn Side = "first"
	// AllTurns is the whole conversation, system and assistant included.
	AllTurns Side = "all"
)

// ParseSide reads "user", "first" or "all".
func ParseSide(s string) (Side, error) {
	switch side := Side(strings.ToLower(s)); side {
	case UserSide, FirstUserTurn, AllTurns:
		return side, nil
	}
	return UserSide, fmt.Errorf("unknown side %q (user, first or all)", s)
}

// TextOf returns the text of ex that side selects.
func TextOf(ex *occubias.Example, side Side) string {
	switch side {
	case FirstUserTurn:
		return ex.FirstPrompt()
	case AllTurns:
		var b strings.Builder
		for i, t := range ex.Turns {
			if i > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(t.Text)
		}
		return b.String()
	}
	return ex.Prompt()
}

// StreamOptions configures ClassifyStream.
type StreamOptions struct {
	PredictOptions
	// Side is the part of each conversation classified; "" means UserSide.
	Side Side
	// Workers is the number of goroutines predicting; 0 means GOMAXPROCS.
	Workers int
}

const streamBatch = 256

type streamBatchJob struct {
	exs   []occubias.Example
	preds []Prediction
	done  chan struct{}
}

// ClassifyStream reads r to the end, classifies every example on all
// cores and calls fn with each example and its prediction in input order.
// Memory stays bounded by a few batches per worker whatever the dataset
// size. It returns the first error of fn or of the reader; after an error
// of fn no more examples are read than the one being read.
func (m *Model) ClassifyStream(r *occubias.Reader, opts StreamOptions, fn func(occubias.Example, Prediction) error) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if opts.Side == "" {
		opts.Side = UserSide
	}
	switch opts.Side {
	case UserSide, FirstUserTurn, AllTurns:
	default:
		return fmt.Errorf("classify: unknown side %q (user, first, all)", opts.Side)
	}
	work := make(chan *streamBatchJob, workers)
	order := make(chan *streamBatchJob, 2*workers)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range work {
				for i := range job.exs {
					job.preds[i] = m.Predict(TextOf(&job.exs[i], opts.Side), opts.PredictOptions)
				}
				close(job.done)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(work)
		for {
			job := &streamBatchJob{done: make(chan struct{})}
			for len(job.exs) < streamBatch && !stopped(stop) && r.Next() {
				job.exs = append(job.exs, r.Example())
			}
			if len(job.exs) == 0 {
				return
			}
			job.preds = make([]Prediction, len(job.exs))
			select {
			case order <- job:
			case <-stop:
				return
			}
			work <- job
		}
	}()
	var ferr error
	for job := range order {
		<-job.done
		if ferr != nil {
			continue
		}
		for i := range job.exs {
			if ferr = fn(job.exs[i], job.preds[i]); ferr != nil {
				close(stop)
				break
			}
		}
	}
	wg.Wait()
	if ferr != nil {
		return ferr
	}
	return r.Err()
}

func stopped(stop chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}
