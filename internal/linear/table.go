package linear

import "unsafe"

// Table maps feature hashes to their rows: open addressing with linear
// probing over a power-of-two array at most half full, keyed by the hash
// itself (FNV-1a output, already well mixed). It answers the lookups of
// every word of every text, about twice as fast as a Go map here. A slot
// holds its key and row side by side, so that a lookup touches one cache
// line.
type Table struct {
	slots []slot
	mask  uint32
}

type slot struct {
	key uint32
	row int32 // row+1; 0 marks an empty slot
}

// NewTable indexes hashes: hashes[i] maps to row i.
func NewTable(hashes []uint32) *Table {
	size := 16
	for size < 2*len(hashes) {
		size *= 2
	}
	t := &Table{slots: make([]slot, size), mask: uint32(size - 1)}
	for i, h := range hashes {
		for j := h & t.mask; ; j = (j + 1) & t.mask {
			s := &t.slots[j]
			if s.row == 0 {
				s.key, s.row = h, int32(i)+1
				break
			}
			if s.key == h {
				break // a repeated hash keeps its first row
			}
		}
	}
	return t
}

// Row returns the row of hash h, and whether it has one.
func (t *Table) Row(h uint32) (int32, bool) {
	for j := h & t.mask; ; j = (j + 1) & t.mask {
		s := t.slots[j]
		if s.row == 0 {
			return 0, false
		}
		if s.key == h {
			return s.row - 1, true
		}
	}
}

// slotLines appends the address of the first slot each hash probes.
func (t *Table) slotLines(hashes []uint32, addrs []uintptr) []uintptr {
	for _, h := range hashes {
		addrs = append(addrs, uintptr(unsafe.Pointer(&t.slots[h&t.mask])))
	}
	return addrs
}
