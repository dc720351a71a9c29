package classify_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/occubias/occubias/classify"
	"github.com/occubias/occubias/internal/toy"
	"github.com/occubias/occubias/taxonomy"
)

func TestModelFileRoundTrip(t *testing.T) {
	m := toy.Model(t)
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := classify.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	m2.WriteTo(&again)
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("a decoded model writes other bytes than it was read from")
	}
	for _, text := range []string{"the violin", "an invoice and a girder", "harvest tractor"} {
		g1, o1 := m.Probabilities(text)
		g2, o2 := m2.Probabilities(text)
		if !slices.Equal(g1, g2) || !slices.Equal(o1, o2) {
			t.Errorf("%q: probabilities differ after saving", text)
		}
	}
	if m2.Taxonomy().Size(taxonomy.Occupation) != 10 || m2.Mix() != m.Mix() || m2.Features() != m.Features() {
		t.Errorf("header not kept: %+v", m2.Info())
	}
}

func TestDecodeRejects(t *testing.T) {
	var buf bytes.Buffer
	toy.Model(t).WriteTo(&buf)
	good := buf.Bytes()
	flip := bytes.Clone(good)
	flip[len(flip)/2] ^= 0x40
	cases := map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("NOTMODEL"), good[8:]...),
		"version":   append(append(bytes.Clone(good[:8]), 9, 0, 0, 0), good[12:]...),
		"truncated": good[:len(good)-100],
		"checksum":  flip,
	}
	for name, data := range cases {
		if _, err := classify.Decode(data); !errors.Is(err, classify.ErrBadModel) {
			t.Errorf("%s: err = %v, want classify.ErrBadModel", name, err)
		}
	}
}

// FuzzDecode checks that no model file panics the decoder, including files
// whose checksum is right but whose counts lie (the checksum is recomputed).
func FuzzDecode(f *testing.F) {
	var buf bytes.Buffer
	toy.Model(f).WriteTo(&buf)
	f.Add(buf.Bytes()[20 : buf.Len()-32])
	f.Fuzz(func(t *testing.T, payload []byte) {
		classify.Decode(withPayload(payload))
	})
}

// TestDecodeMutations decodes thousands of seeded random corruptions of a
// valid payload (with a valid checksum, so the payload decoder sees them):
// each must be refused or decoded, never panic.
func TestDecodeMutations(t *testing.T) {
	var buf bytes.Buffer
	toy.Model(t).WriteTo(&buf)
	seed := buf.Bytes()[20 : buf.Len()-32]
	rng := rand.New(rand.NewPCG(1, 2))
	refused := 0
	for i := 0; i < 5000; i++ {
		p := bytes.Clone(seed)
		for k := 0; k < 1+rng.IntN(4); k++ {
			p[rng.IntN(len(p))] = byte(rng.IntN(256))
		}
		if rng.IntN(4) == 0 {
			p = p[:rng.IntN(len(p))]
		}
		if _, err := classify.Decode(withPayload(p)); err != nil {
			refused++
		}
	}
	if refused == 0 {
		t.Error("no corruption was refused")
	}
}

// withPayload wraps a payload in a valid envelope: magic "OCBMODEL",
// version 1, length and checksum, so that fuzzing reaches the payload
// decoder.
func withPayload(p []byte) []byte {
	var b bytes.Buffer
	b.WriteString("OCBMODEL")
	binary.Write(&b, binary.LittleEndian, uint32(1))
	binary.Write(&b, binary.LittleEndian, uint64(len(p)))
	b.Write(p)
	s := sha256.Sum256(p)
	b.Write(s[:])
	return b.Bytes()
}
