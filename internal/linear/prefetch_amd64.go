//go:build !purego

package linear

// prefetch asks the processor to bring the cache lines at addrs into its
// caches without waiting for them. An address that is not mapped is
// ignored: a prefetch never faults.
//
//go:noescape
func prefetch(addrs []uintptr)
