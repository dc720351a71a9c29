package linear

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/occubias/occubias/taxonomy"
)

// The model file is
//
//	magic "OCBMODEL" | version uint32 | payload length uint64 | payload | SHA-256 of payload
//
// and the payload holds a JSON header (taxonomy, feature configuration,
// mix, provenance), the feature hashes (ascending, as uvarint deltas),
// their IDF (uint16, thousandths) and, per level, the biases (float32),
// a weight scale (float32), each feature row's entry count (uvarint) and
// the entries (class as a uvarint delta within the row, weight as int16
// times the scale). All integers are little-endian.
const (
	modelMagic   = "OCBMODEL"
	modelVersion = 1
	// MaxModelBytes bounds the size of a model file that will be read.
	MaxModelBytes = 256 << 20
	maxHeader     = 64 << 20
)

// ErrBadModel wraps every reason a model file is refused: wrong magic,
// unknown version, checksum mismatch, truncation, or counts that do not fit.
var ErrBadModel = errors.New("classify: bad model file")

type modelHeader struct {
	Taxonomy *taxonomy.Taxonomy `json:"taxonomy"`
	Features FeatureConfig      `json:"features"`
	Mix      float64            `json:"mix"`
	Info     Info               `json:"info"`
}

// WriteTo writes the model in the model file format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var p bytes.Buffer
	hdr, err := json.Marshal(modelHeader{m.Taxonomy, m.Features, m.Mix, m.Info})
	if err != nil {
		return 0, err
	}
	putUvarint(&p, uint64(len(hdr)))
	p.Write(hdr)
	putUvarint(&p, uint64(len(m.Hashes)))
	prev := uint32(0)
	for _, h := range m.Hashes {
		putUvarint(&p, uint64(h-prev))
		prev = h
	}
	for _, x := range m.IDF {
		binary.Write(&p, binary.LittleEndian, uint16(math.Round(float64(x)*1000)))
	}
	for _, h := range m.Heads {
		binary.Write(&p, binary.LittleEndian, h.Bias)
		var maxAbs float32
		for _, x := range h.W {
			maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
		}
		scale := maxAbs / math.MaxInt16
		if scale == 0 {
			scale = 1
		}
		binary.Write(&p, binary.LittleEndian, scale)
		putUvarint(&p, uint64(len(h.W)))
		for r := 0; r+1 < len(h.Off); r++ {
			putUvarint(&p, uint64(h.Off[r+1]-h.Off[r]))
		}
		for r := 0; r+1 < len(h.Off); r++ {
			prevC := uint16(0)
			for k := h.Off[r]; k < h.Off[r+1]; k++ {
				putUvarint(&p, uint64(h.Cls[k]-prevC))
				prevC = h.Cls[k]
				binary.Write(&p, binary.LittleEndian, int16(math.Round(float64(h.W[k]/scale))))
			}
		}
	}
	var out bytes.Buffer
	out.WriteString(modelMagic)
	binary.Write(&out, binary.LittleEndian, uint32(modelVersion))
	binary.Write(&out, binary.LittleEndian, uint64(p.Len()))
	out.Write(p.Bytes())
	sum := sha256.Sum256(p.Bytes())
	out.Write(sum[:])
	return out.WriteTo(w)
}

// Decode reads a model from the bytes of a model file. Every count is
// checked against the bytes that remain before anything is allocated, so a
// hostile file cannot make it allocate more than a small multiple of its
// own size.
func Decode(data []byte) (*Model, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s", ErrBadModel, fmt.Sprintf(format, args...))
	}
	if len(data) > MaxModelBytes {
		return nil, bad("larger than %d bytes", MaxModelBytes)
	}
	if len(data) < 20+sha256.Size || string(data[:8]) != modelMagic {
		return nil, bad("not an occubias model (no %q magic)", modelMagic)
	}
	if v := binary.LittleEndian.Uint32(data[8:]); v != modelVersion {
		return nil, bad("version %d, this library reads version %d", v, modelVersion)
	}
	n := binary.LittleEndian.Uint64(data[12:])
	if n != uint64(len(data)-20-sha256.Size) {
		return nil, bad("payload of %d bytes declared, %d present (truncated?)", n, len(data)-20-sha256.Size)
	}
	payload := data[20 : 20+n]
	if sum := sha256.Sum256(payload); !bytes.Equal(sum[:], data[20+n:]) {
		return nil, bad("checksum mismatch (corrupted file)")
	}
	d := &decoder{b: payload}
	hlen := d.count(1, maxHeader)
	var hdr modelHeader
	if d.err == nil {
		if err := json.Unmarshal(d.bytes(hlen), &hdr); err != nil {
			return nil, bad("header: %v", err)
		}
	}
	if d.err != nil {
		return nil, bad("%v", d.err)
	}
	if hdr.Taxonomy == nil || len(hdr.Taxonomy.Groups) == 0 || len(hdr.Taxonomy.Occupations) == 0 ||
		len(hdr.Taxonomy.Groups) > math.MaxUint16 || len(hdr.Taxonomy.Occupations) > math.MaxUint16 {
		return nil, bad("header has no usable taxonomy")
	}
	m := &Model{Taxonomy: hdr.Taxonomy, Features: hdr.Features, Mix: hdr.Mix, Info: hdr.Info}
	nf := d.count(1, 1<<26)
	if d.err != nil {
		return nil, bad("features: %v", d.err)
	}
	m.Hashes = make([]uint32, nf)
	var prev uint64
	for i := range m.Hashes {
		prev += d.uvarint()
		if prev > math.MaxUint32 || (i > 0 && uint32(prev) <= m.Hashes[i-1]) {
			return nil, bad("feature hashes not ascending")
		}
		m.Hashes[i] = uint32(prev)
	}
	if d.need(2 * nf); d.err != nil {
		return nil, bad("idf: %v", d.err)
	}
	m.IDF = make([]float32, nf)
	for i := range m.IDF {
		m.IDF[i] = float32(binary.LittleEndian.Uint16(d.bytes(2))) / 1000
	}
	for l := range m.Heads {
		level := taxonomy.Level(l)
		classes := m.Taxonomy.Size(level)
		if d.need(4*classes + 4); d.err != nil {
			return nil, bad("%s biases: %v", level, d.err)
		}
		h := Head{Bias: make([]float32, classes), Off: make([]uint32, nf+1)}
		for c := range h.Bias {
			h.Bias[c] = math.Float32frombits(binary.LittleEndian.Uint32(d.bytes(4)))
		}
		scale := math.Float32frombits(binary.LittleEndian.Uint32(d.bytes(4)))
		nnz := d.count(3, math.MaxUint32)
		if d.err != nil {
			return nil, bad("%s weights: %v", level, d.err)
		}
		var total uint64
		for r := 0; r < nf; r++ {
			total += d.uvarint()
			if total > uint64(nnz) {
				return nil, bad("%s: row counts exceed %d weights", level, nnz)
			}
			h.Off[r+1] = uint32(total)
		}
		if total != uint64(nnz) || d.err != nil {
			return nil, bad("%s: row counts add up to %d, not %d", level, total, nnz)
		}
		h.Cls, h.W = make([]uint16, nnz), make([]float32, nnz)
		for r := 0; r < nf; r++ {
			c := uint64(0)
			for k := h.Off[r]; k < h.Off[r+1]; k++ {
				delta := d.uvarint()
				if k > h.Off[r] && delta == 0 {
					return nil, bad("%s: class repeated in a row", level)
				}
				c += delta
				if c >= uint64(classes) {
					return nil, bad("%s: class %d out of range", level, c)
				}
				h.Cls[k] = uint16(c)
				h.W[k] = float32(int16(binary.LittleEndian.Uint16(d.bytes(2)))) * scale
			}
			if d.err != nil {
				return nil, bad("%s weights: %v", level, d.err)
			}
		}
		m.Heads[l] = h
	}
	if d.err != nil {
		return nil, bad("%v", d.err)
	}
	if len(d.b) != 0 {
		return nil, bad("%d bytes after the last weight", len(d.b))
	}
	m.Index()
	return m, nil
}

type decoder struct {
	b   []byte
	err error
}

var errShort = errors.New("unexpected end of payload")

func (d *decoder) need(n int) {
	if d.err == nil && (n < 0 || n > len(d.b)) {
		d.err = errShort
	}
}

func (d *decoder) bytes(n int) []byte {
	d.need(n)
	if d.err != nil {
		return make([]byte, n&0xff)
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a count of items that take at least minBytes each and
// checks that they fit in what remains, and below limit.
func (d *decoder) count(minBytes int, limit uint64) int {
	v := d.uvarint()
	if d.err == nil && (v > limit || v*uint64(minBytes) > uint64(len(d.b))) {
		d.err = fmt.Errorf("count %d does not fit in the %d bytes left", v, len(d.b))
		return 0
	}
	return int(v)
}

func putUvarint(b *bytes.Buffer, v uint64) {
	var tmp [binary.MaxVarintLen64]byte
	b.Write(tmp[:binary.PutUvarint(tmp[:], v)])
}
