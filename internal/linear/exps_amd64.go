//go:build !purego

package linear

import (
	"math"

	"golang.org/x/sys/cpu"
)

// vectorExp reports whether expsAVX can run: it needs AVX, and SSE4.1's
// rounding, which every AVX processor has.
var vectorExp = cpu.X86.HasAVX && cpu.X86.HasSSE41

// expConstants holds FastExp's constants, each broadcast to the four
// lanes of a vector, for expsAVX.
type expConstants struct {
	f [11][4]float64
	i [4]int32
}

var expTable = func() *expConstants {
	k := &expConstants{}
	for j, c := range []float64{-700, math.Log2E, 0.5, math.Ln2, 1.0 / 5040, 1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 1.0 / 2, 1} {
		k.f[j] = [4]float64{c, c, c, c}
	}
	k.i = [4]int32{1023, 1023, 1023, 1023}
	return k
}()

// expsVector sets out[i] to FastExp(float64(scores[i]) − top) for the
// first multiple of four scores, four at a time, and returns how many it
// did and their sum, added in index order.
func expsVector(scores []float32, out []float64, top float64) (int, float64) {
	if !vectorExp {
		return 0, 0
	}
	n := len(scores) &^ 3
	if n == 0 {
		return 0, 0
	}
	return n, expsAVX(scores[:n], out[:n], top, expTable)
}

// maxVector returns the largest of the first multiple of eight scores,
// eight at a time, and how many it read. Scores are never NaN.
func maxVector(scores []float32) (int, float32) {
	n := len(scores) &^ 7
	if !vectorExp || n == 0 {
		return 0, float32(math.Inf(-1))
	}
	return n, maxAVX(scores[:n])
}

//go:noescape
func maxAVX(x []float32) float32

//go:noescape
func expsAVX(scores []float32, out []float64, top float64, k *expConstants) float64
