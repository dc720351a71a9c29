package classify

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
)

// withPayload wraps a payload in a valid envelope: magic, version, length
// and checksum, so that fuzzing reaches the payload decoder.
func withPayload(p []byte) []byte {
	var b bytes.Buffer
	b.WriteString(modelMagic)
	binary.Write(&b, binary.LittleEndian, uint32(modelVersion))
	binary.Write(&b, binary.LittleEndian, uint64(len(p)))
	b.Write(p)
	s := sha256.Sum256(p)
	b.Write(s[:])
	return b.Bytes()
}
