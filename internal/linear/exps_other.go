//go:build !amd64 || purego

package linear

import "math"

// expsVector does nothing where no vector code is wired up: exps computes
// every exponential itself.
func expsVector(scores []float32, out []float64, top float64) (int, float64) { return 0, 0 }

// maxVector reads no score: exps finds the largest itself.
func maxVector(scores []float32) (int, float32) { return 0, float32(math.Inf(-1)) }
