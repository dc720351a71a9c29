package classify

import "testing"

// DefaultBytes gives external tests the embedded model file.
func DefaultBytes(testing.TB) []byte { return DefaultModelBytes() }
