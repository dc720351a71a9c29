package classify

import "testing"

// defaultBytes gives external tests the embedded model file.
func DefaultBytes(testing.TB) []byte { return DefaultModelBytes() }
