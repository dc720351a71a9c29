package classify

import (
	_ "embed"
	"sync"
)

// defaultModel is trained by
//
//	go run ./cmd/occubias train --default ../shared -o classify/model/default.occubias
//
//go:embed model/default.occubias
var defaultModel []byte

var defaultOnce = sync.OnceValues(func() (*Model, error) { return Decode(defaultModel) })

// Default returns the model embedded in the library: SOC major groups and
// O*NET-SOC 2019 occupations, trained on the gold train files and O*NET
// text of the shared data, with one round of self-training on its
// unlabelled real prompts (`occubias train --default`). It is decoded once
// and shared; a Model is safe for concurrent use.
func Default() (*Model, error) { return defaultOnce() }

// DefaultModelBytes returns the embedded model file, to hash or save it.
func DefaultModelBytes() []byte { return defaultModel }
