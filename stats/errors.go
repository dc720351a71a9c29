package stats

import "errors"

var (
	// ErrEmpty is returned for a count vector with no categories.
	ErrEmpty = errors.New("stats: no categories")
	// ErrNegative is returned for a negative count.
	ErrNegative = errors.New("stats: negative count")
	// ErrNotFinite is returned for a NaN or infinite count.
	ErrNotFinite = errors.New("stats: count is NaN or infinite")
	// ErrZeroTotal is returned when all counts are zero, so that no share
	// is defined.
	ErrZeroTotal = errors.New("stats: all counts are zero")
	// ErrLength is returned when two vectors that must align differ in length.
	ErrLength = errors.New("stats: vectors differ in length")
	// ErrArgument is returned for an out-of-range parameter (a threshold,
	// k, an order q, a confidence level).
	ErrArgument = errors.New("stats: argument out of range")
)
