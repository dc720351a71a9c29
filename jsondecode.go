package occubias

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/bits"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// errDeclined is returned by the record decoder below for input it leaves
// to encoding/json: anything malformed (so that the error message is
// encoding/json's), a value of an unexpected JSON type, a key with an
// escape or a non-ASCII byte, a lone surrogate, deep nesting.
var errDeclined = errors.New("record left to encoding/json")

// decodeRecord fills rec from the JSON object raw as encoding/json would,
// or returns errDeclined (always for a record that is not valid UTF-8). It reads only the fields
// of rawRecord and skips (validating) the others, with one pass over the
// bytes and one allocation, not cleared, for all the record's strings:
// they are unescaped into one strings.Builder, and each string is a view
// of its part of it. That is several times faster than a reflective
// decoder on instruction data, whose records are mostly long strings.
func decodeRecord(raw []byte, rec *rawRecord) error {
	d := recordScanner{b: raw}
	d.text.Grow(len(raw)) // unescaped, the strings are never longer
	d.space()
	if err := d.record(rec); err != nil {
		return err
	}
	d.space()
	if d.i != len(d.b) {
		return errDeclined
	}
	return nil
}

// recordScanner reads one JSON record. Field names of rawRecord are
// matched as encoding/json matches them: exactly, or ignoring ASCII case.
type recordScanner struct {
	b []byte
	i int
	// text holds the unescaped strings back to back; each string read is
	// a view of its part (a Builder never writes over what it holds).
	text strings.Builder
	// slab holds the strings that fields of type *string point to, so
	// that they are allocated a few at a time, not one by one.
	slab []string
}

// maxRecordDepth bounds the nesting the scanner follows; deeper records
// go to encoding/json, which has its own limit.
const maxRecordDepth = 256

func (d *recordScanner) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\r', '\n':
			d.i++
		default:
			return
		}
	}
}

// null consumes a null literal, if one is next.
func (d *recordScanner) null() bool {
	if d.i+4 <= len(d.b) && string(d.b[d.i:d.i+4]) == "null" {
		d.i += 4
		return true
	}
	return false
}

// member reads the next member's key of an object whose '{' has been
// read; ok is false after the closing '}'.
func (d *recordScanner) member(first bool) (key []byte, ok bool, err error) {
	d.space()
	if d.i >= len(d.b) {
		return nil, false, errDeclined
	}
	if d.b[d.i] == '}' {
		d.i++
		return nil, false, nil
	}
	if !first {
		if d.b[d.i] != ',' {
			return nil, false, errDeclined
		}
		d.i++
		d.space()
	}
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return nil, false, errDeclined
	}
	start := d.i + 1
	end := d.special(start)
	if end < 0 || d.b[end] != '"' {
		return nil, false, errDeclined
	}
	key = d.b[start:end]
	for _, c := range key {
		if c >= utf8.RuneSelf {
			return nil, false, errDeclined // may fold to a field name (ſ, K)
		}
	}
	d.i = end + 1
	d.space()
	if d.i >= len(d.b) || d.b[d.i] != ':' {
		return nil, false, errDeclined
	}
	d.i++
	d.space()
	return key, true, nil
}

// foldKey returns key in lower case, in buf when it has capitals.
func foldKey(key []byte, buf *[32]byte) []byte {
	for j, c := range key {
		if 'A' <= c && c <= 'Z' {
			if len(key) > len(buf) {
				return key // longer than any field name
			}
			k := buf[:len(key)]
			copy(k, key)
			for i := j; i < len(k); i++ {
				if 'A' <= k[i] && k[i] <= 'Z' {
					k[i] += 'a' - 'A'
				}
			}
			return k
		}
	}
	return key
}

// object reads a JSON object, calling value to read each member's value
// with the member's key as written (foldKey gives it in lower case).
func (d *recordScanner) object(value func(key []byte) error) error {
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		return errDeclined
	}
	d.i++
	for first := true; ; first = false {
		key, ok, err := d.member(first)
		if err != nil || !ok {
			return err
		}
		if err := value(key); err != nil {
			return err
		}
	}
}

func (d *recordScanner) record(r *rawRecord) error {
	return d.object(func(key []byte) (err error) {
		var buf [32]byte
		key = foldKey(key, &buf)
		switch string(key) {
		case "id":
			r.ID, err = d.rawValue()
		case "idx":
			r.Idx, err = d.rawValue()
		case "index":
			r.Index, err = d.rawValue()
		case "question_id":
			r.QuestionID, err = d.rawValue()
		case "difficulty":
			r.Difficulty, err = d.rawValue()
		case "instruction":
			r.Instruction, err = d.stringPointer()
		case "input":
			err = d.stringInto(&r.Input)
		case "context":
			err = d.stringInto(&r.Context)
		case "response":
			err = d.stringInto(&r.Response)
		case "output":
			err = d.stringInto(&r.Output)
		case "system":
			err = d.stringInto(&r.System)
		case "category":
			err = d.stringInto(&r.Category)
		case "occupation":
			err = d.stringInto(&r.Occupation)
		case "topic":
			err = d.stringInto(&r.Topic)
		case "skill":
			err = d.stringInto(&r.Skill)
		case "dataset":
			err = d.stringInto(&r.Dataset)
		case "name":
			err = d.stringInto(&r.Name)
		case "motivation_app":
			err = d.stringInto(&r.MotivationApp)
		case "source":
			err = d.stringInto(&r.Source)
		// A repeated list is left to encoding/json, which decodes the
		// second into the first one's elements.
		case "conversations":
			if r.Conversations != nil {
				return errDeclined
			}
			r.Conversations, err = d.turns()
		case "messages":
			if r.Messages != nil {
				return errDeclined
			}
			r.Messages, err = d.turns()
		case "turns":
			if r.Turns != nil {
				return errDeclined
			}
			r.Turns, err = d.strings()
		case "history":
			if r.History != nil {
				return errDeclined
			}
			r.History, err = d.history()
		case "instances":
			if r.Instances != nil {
				return errDeclined
			}
			err = d.instances(r)
		case "labels":
			r.Labels, err = d.labels(r.Labels)
		default:
			err = d.skip(0)
		}
		return err
	})
}

// rawValue returns the next value's bytes, as json.RawMessage holds them.
func (d *recordScanner) rawValue() (json.RawMessage, error) {
	start := d.i
	if err := d.skip(0); err != nil {
		return nil, err
	}
	return json.RawMessage(d.b[start:d.i]), nil
}

// stringInto sets *s to the next string; null leaves it as it is.
func (d *recordScanner) stringInto(s *string) error {
	if d.null() {
		return nil
	}
	v, err := d.string()
	if err == nil {
		*s = v
	}
	return err
}

// stringPointer returns a pointer to the next string, or nil for null.
func (d *recordScanner) stringPointer() (*string, error) {
	if d.null() {
		return nil, nil
	}
	v, err := d.string()
	if err != nil {
		return nil, err
	}
	if len(d.slab) == cap(d.slab) {
		d.slab = make([]string, 0, 8)
	}
	d.slab = append(d.slab, v)
	return &d.slab[len(d.slab)-1], nil
}

// array reads a JSON array, calling elem before each element; it
// reports false for null.
func (d *recordScanner) array(elem func() error) (bool, error) {
	if d.null() {
		return false, nil
	}
	if d.i >= len(d.b) || d.b[d.i] != '[' {
		return false, errDeclined
	}
	d.i++
	for first := true; ; first = false {
		d.space()
		if d.i >= len(d.b) {
			return false, errDeclined
		}
		if d.b[d.i] == ']' {
			d.i++
			return true, nil
		}
		if !first {
			if d.b[d.i] != ',' {
				return false, errDeclined
			}
			d.i++
			d.space()
		}
		if err := elem(); err != nil {
			return false, err
		}
	}
}

func (d *recordScanner) turns() ([]rawTurn, error) {
	turns := make([]rawTurn, 0, 4)
	ok, err := d.array(func() error {
		var t rawTurn
		if d.null() {
			turns = append(turns, t)
			return nil
		}
		err := d.object(func(key []byte) (err error) {
			var buf [32]byte
			switch string(foldKey(key, &buf)) {
			case "from":
				t.From, err = d.stringPointer()
			case "value":
				t.Value, err = d.stringPointer()
			case "role":
				t.Role, err = d.stringPointer()
			case "content":
				t.Content, err = d.stringPointer()
			default:
				err = d.skip(0)
			}
			return err
		})
		turns = append(turns, t)
		return err
	})
	if !ok {
		turns = nil
	}
	return turns, err
}

func (d *recordScanner) strings() ([]string, error) {
	out := []string{}
	ok, err := d.array(func() error {
		var s string
		err := d.stringInto(&s)
		out = append(out, s)
		return err
	})
	if !ok {
		out = nil
	}
	return out, err
}

func (d *recordScanner) history() ([][]string, error) {
	out := [][]string{}
	ok, err := d.array(func() error {
		s, err := d.strings()
		out = append(out, s)
		return err
	})
	if !ok {
		out = nil
	}
	return out, err
}

func (d *recordScanner) instances(r *rawRecord) error {
	r.Instances = []rawInstance{}
	ok, err := d.array(func() error {
		r.Instances = append(r.Instances, rawInstance{})
		in := &r.Instances[len(r.Instances)-1]
		if d.null() {
			return nil
		}
		return d.object(func(key []byte) (err error) {
			var buf [32]byte
			switch string(foldKey(key, &buf)) {
			case "input":
				err = d.stringInto(&in.Input)
			case "output":
				err = d.stringInto(&in.Output)
			default:
				err = d.skip(0)
			}
			return err
		})
	})
	if !ok && err == nil {
		r.Instances = nil
	}
	return err
}

func (d *recordScanner) labels(m map[string]string) (map[string]string, error) {
	if d.null() {
		return nil, nil
	}
	if m == nil {
		m = map[string]string{}
	}
	err := d.object(func(key []byte) error {
		var v string
		err := d.stringInto(&v)
		m[string(key)] = v
		return err
	})
	return m, err
}

// skip passes over the next value, checking it as encoding/json would.
func (d *recordScanner) skip(depth int) error {
	if depth > maxRecordDepth || d.i >= len(d.b) {
		return errDeclined
	}
	switch c := d.b[d.i]; {
	case c == '"':
		end := d.special(d.i + 1)
		for end >= 0 && d.b[end] == '\\' {
			n, ok := d.escapeLen(end)
			if !ok {
				return errDeclined
			}
			end = d.special(end + n)
		}
		if end < 0 || d.b[end] != '"' {
			return errDeclined
		}
		d.i = end + 1
		return nil
	case c == '{':
		return d.object(func([]byte) error { return d.skip(depth + 1) })
	case c == '[':
		_, err := d.array(func() error { return d.skip(depth + 1) })
		return err
	case c == '-' || '0' <= c && c <= '9':
		return d.number()
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	}
	return errDeclined
}

func (d *recordScanner) literal(s string) error {
	if d.i+len(s) <= len(d.b) && string(d.b[d.i:d.i+len(s)]) == s {
		d.i += len(s)
		return nil
	}
	return errDeclined
}

// number passes over a number of JSON's grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *recordScanner) number() error {
	b, i := d.b, d.i
	digits := func() bool {
		j := i
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if !digits() {
		return errDeclined
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return errDeclined
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return errDeclined
		}
	}
	d.i = i
	return nil
}

// string reads the JSON string at d.i into d.text and returns it.
func (d *recordScanner) string() (string, error) {
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return "", errDeclined
	}
	start := d.i + 1
	end := d.special(start)
	if end < 0 {
		return "", errDeclined
	}
	from := d.text.Len()
	d.text.Write(d.b[start:end])
	for d.b[end] == '\\' {
		n, ok := d.escapeLen(end)
		if !ok {
			return "", errDeclined
		}
		writeEscape(&d.text, d.b[end:end+n])
		next := d.special(end + n)
		if next < 0 {
			return "", errDeclined
		}
		d.text.Write(d.b[end+n : next])
		end = next
	}
	if d.b[end] != '"' {
		return "", errDeclined // a control character
	}
	d.i = end + 1
	return d.view(from), nil
}

// view returns the string written to d.text from byte from on.
func (d *recordScanner) view(from int) string { return d.text.String()[from:] }

// escapeLen returns the length of the escape sequence at b[i] == '\\' and
// whether it is one encoding/json reads to the same text: a lone UTF-16
// surrogate is not (it becomes U+FFFD there), nor is a broken escape.
func (d *recordScanner) escapeLen(i int) (int, bool) {
	b := d.b
	if i+1 >= len(b) {
		return 0, false
	}
	switch b[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, true
	case 'u':
		r, ok := hex4(b, i+2)
		if !ok {
			return 0, false
		}
		if !utf16.IsSurrogate(r) {
			return 6, true
		}
		if r >= 0xDC00 || i+12 > len(b) || b[i+6] != '\\' || b[i+7] != 'u' {
			return 0, false
		}
		r2, ok := hex4(b, i+8)
		if !ok || utf16.DecodeRune(r, r2) == utf8.RuneError {
			return 0, false
		}
		return 12, true
	}
	return 0, false
}

// writeEscape writes the text of one escape sequence checked by
// escapeLen.
func writeEscape(dst *strings.Builder, esc []byte) {
	switch esc[1] {
	case 'b':
		dst.WriteByte('\b')
	case 'f':
		dst.WriteByte('\f')
	case 'n':
		dst.WriteByte('\n')
	case 'r':
		dst.WriteByte('\r')
	case 't':
		dst.WriteByte('\t')
	case 'u':
		r, _ := hex4(esc, 2)
		if len(esc) == 12 {
			r2, _ := hex4(esc, 8)
			r = utf16.DecodeRune(r, r2)
		}
		dst.WriteRune(r)
	default:
		dst.WriteByte(esc[1])
	}
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// special returns the index from i on of the first byte that ends a run of
// plain string content — '"', '\\', a control character or a byte that
// starts no valid UTF-8 sequence — or −1, so that a record is read only
// when its strings are valid UTF-8 (the rest of it is ASCII, or declined).
// It tests eight bytes at a time: a byte of x is zero, or below 0x20, when
// its top bit survives (x − 0x01…)·¬x or (w − 0x20…)·¬w, and is not ASCII
// when its own top bit is set; the lowest such byte is exact (borrows
// only run upwards). A valid multi-byte sequence is stepped over.
func (d *recordScanner) special(i int) int {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	b := d.b
	for {
		found := false
		for ; i+8 <= len(b); i += 8 {
			w := binary.LittleEndian.Uint64(b[i:])
			q := w ^ (ones * '"')
			s := w ^ (ones * '\\')
			t := ((q - ones) &^ q) | ((s - ones) &^ s) | ((w - ones*0x20) &^ w) | w
			if t &= high; t != 0 {
				i += bits.TrailingZeros64(t) / 8
				found = true
				break
			}
		}
		for ; !found && i < len(b); i++ {
			if c := b[i]; c == '"' || c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
				found = true
				break
			}
		}
		if !found {
			return -1
		}
		if b[i] < utf8.RuneSelf {
			return i
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
}
