//go:build !amd64 || purego

package linear

// prefetch does nothing where no prefetch instruction is wired up: the
// loads it would have started early happen when the data is read.
func prefetch(addrs []uintptr) {}
