package occubias_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/occubias/occubias"
)

// bigArray writes a JSON array of n ShareGPT records whose sizes vary from
// a few bytes to 2.5 MiB, so that elements straddle the reader's blocks
// and some are larger than one; the strings hold escaped quotes,
// backslashes (also just before a closing quote), \u escapes and
// non-ASCII text, and the records nested values of other fields.
func bigArray(n int, seed uint64) ([]byte, []string) {
	rng := rand.New(rand.NewPCG(seed, 1))
	pieces := []string{`plain words `, `a "quoted" bit `, `back\slash `, `ends in a backslash\`, "é ü 中文 ", "tab\tnewline\n", "\u2028", `\\`}
	var buf bytes.Buffer
	var want []string
	buf.WriteString("[\n")
	for i := range n {
		var b strings.Builder
		size := rng.IntN(4000)
		if rng.IntN(40) == 0 {
			size = rng.IntN(2_600_000)
		}
		for b.Len() < size {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		want = append(want, text)
		value, _ := json.Marshal(text)
		if i > 0 {
			buf.WriteString(",\n")
		}
		fmt.Fprintf(&buf, `{"id": "r%d", "extra": {"n": [1, 2.5, {"s": "x\"]}"}]}, "conversations": [{"from": "human", "value": %s}, {"from": "gpt", "value": "ok"}]}`, i, value)
	}
	buf.WriteString("\n]\n")
	return buf.Bytes(), want
}

func TestReadAcrossBlocks(t *testing.T) {
	data, want := bigArray(600, 7)
	if len(data) < 8<<20 {
		t.Fatalf("test array of %d bytes, want several blocks", len(data))
	}
	for _, workers := range []int{1, 3} {
		r, err := occubias.NewReader(bytes.NewReader(data), "big.json", occubias.ReadOptions{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		// Examples are compared once all are read: none may point into a
		// buffer that the reader has read into again since.
		var exs []occubias.Example
		for r.Next() {
			exs = append(exs, r.Example())
		}
		if r.Err() != nil || len(exs) != len(want) {
			t.Fatalf("workers %d: read %d of %d: %v", workers, len(exs), len(want), r.Err())
		}
		for i, ex := range exs {
			if ex.ID != fmt.Sprintf("r%d", i) || ex.Prompt() != want[i] {
				t.Fatalf("workers %d: record %d: id %q, prompt of %d bytes, want %d", workers, i, ex.ID, len(ex.Prompt()), len(want[i]))
			}
		}
	}
}

// TestErrorOffsetAcrossBlocks puts malformed elements far into the array
// and checks that their errors give their exact byte offsets.
func TestErrorOffsetAcrossBlocks(t *testing.T) {
	data, _ := bigArray(300, 8)
	data = bytes.TrimRight(data, "\n]")
	var bad []int64
	for i := range 3 {
		data = append(data, ",\n"...)
		bad = append(bad, int64(len(data)))
		data = append(data, `{"conversations": [{"from": "human", "value": 12}]}`...)
		data = append(data, ",\n"...)
		data = append(data, strings.Repeat(`{"conversations": [{"from": "human", "value": "fill"}]}, `, 20000*(i+1))...)
		data = append(data, `{"conversations": []}`...)
	}
	data = append(data, "]"...)
	r, err := occubias.NewReader(bytes.NewReader(data), "bad.json", occubias.ReadOptions{Policy: occubias.SkipBad})
	if err != nil {
		t.Fatal(err)
	}
	for r.Next() {
	}
	if r.Err() != nil {
		t.Fatal(r.Err())
	}
	errs := r.Stats().Errors
	if len(errs) != len(bad) {
		t.Fatalf("%d errors, want %d: %v", len(errs), len(bad), errs)
	}
	for i, err := range errs {
		var re *occubias.RecordError
		if !errors.As(err, &re) || re.Offset != bad[i] || !errors.Is(err, occubias.ErrMalformedRecord) {
			t.Errorf("error %d: %v, want a malformed record at byte %d", i, err, bad[i])
		}
	}
}

// TestRecordTooLargeAcrossBlocks: an element longer than MaxRecordBytes,
// and longer than a block, stops the read with ErrRecordTooLarge at its
// offset, after every element before it.
func TestRecordTooLargeAcrossBlocks(t *testing.T) {
	data, _ := bigArray(50, 9)
	data = bytes.TrimRight(data, "\n]")
	data = append(data, ", "...)
	at := int64(len(data))
	data = append(data, `{"conversations": [{"from": "human", "value": "`...)
	data = append(data, strings.Repeat("x", 3<<20)...)
	data = append(data, `"}]}]`...)
	r, err := occubias.NewReader(bytes.NewReader(data), "large.json", occubias.ReadOptions{MaxRecordBytes: 3 << 20, Policy: occubias.SkipBad})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r.Next() {
		n++
	}
	var re *occubias.RecordError
	if n != 50 || !errors.As(r.Err(), &re) || !errors.Is(r.Err(), occubias.ErrRecordTooLarge) || re.Offset != at {
		t.Fatalf("read %d, error %v; want 50 read, then too large at byte %d", n, r.Err(), at)
	}
}

// TestReadJSONLAcrossBlocks reads the records of bigArray one per line,
// with a line longer than MaxRecordBytes among them: it is skipped with
// its line number and every other record is read, in order.
func TestReadJSONLAcrossBlocks(t *testing.T) {
	data, want := bigArray(400, 10)
	var elems []json.RawMessage
	if err := json.Unmarshal(data, &elems); err != nil {
		t.Fatal(err)
	}
	longest := 0
	for _, e := range elems {
		longest = max(longest, len(e)+1)
	}
	var lines bytes.Buffer
	for i, e := range elems {
		if i == 200 {
			fmt.Fprintf(&lines, "{\"text\": %q}\n", strings.Repeat("y", longest))
		}
		lines.Write(e)
		lines.WriteByte('\n')
	}
	for _, workers := range []int{1, 3} {
		r, err := occubias.NewReader(bytes.NewReader(lines.Bytes()), "big.jsonl", occubias.ReadOptions{Workers: workers, MaxRecordBytes: longest, Policy: occubias.SkipBad})
		if err != nil {
			t.Fatal(err)
		}
		i := 0
		for r.Next() {
			if ex := r.Example(); ex.Prompt() != want[i] {
				t.Fatalf("workers %d: record %d: prompt of %d bytes, want %d", workers, i, len(ex.Prompt()), len(want[i]))
			}
			i++
		}
		errs := r.Stats().Errors
		var re *occubias.RecordError
		if r.Err() != nil || i != len(want) || len(errs) != 1 || !errors.As(errs[0], &re) || re.Line != 201 || !errors.Is(re, occubias.ErrRecordTooLarge) {
			t.Fatalf("workers %d: read %d of %d, errors %v, %v; want the line 201 too large", workers, i, len(want), errs, r.Err())
		}
	}
}

// shareGPTArray writes n ShareGPT records shaped like those of
// bench/gensharegpt: one to three exchanges of a few hundred to a few
// thousand bytes, with line breaks, quotes and non-ASCII text.
func shareGPTArray(n int) []byte {
	rng := rand.New(rand.NewPCG(12, 1))
	words := []string{"the", "patient's", "blood", "pressure", "reading", `\"quoted\"`, `line\nbreak`, "café", "SELECT", "*", "FROM", "orders;", "代码", "deploy", "invoice", "torque"}
	text := func(n int) string {
		var b strings.Builder
		for b.Len() < n {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(' ')
		}
		return b.String()
	}
	var buf bytes.Buffer
	buf.WriteString("[")
	for i := range n {
		if i > 0 {
			buf.WriteString(",\n")
		}
		fmt.Fprintf(&buf, `{"id":"gen_%d","conversations":[`, i)
		for t := range 1 + rng.IntN(3) {
			if t > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, `{"from":"human","value":"%s"},{"from":"gpt","value":"%s"}`, text(100+rng.IntN(1500)), text(200+rng.IntN(2000)))
		}
		buf.WriteString("]}")
	}
	buf.WriteString("]\n")
	return buf.Bytes()
}

// BenchmarkReadJSONArray reads a ShareGPT array from memory on all cores,
// as inspect does (bench/read.sh measures a 1 GiB file).
func BenchmarkReadJSONArray(b *testing.B) {
	data := shareGPTArray(5000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := occubias.NewReader(bytes.NewReader(data), "bench.json", occubias.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for r.Next() {
		}
		if r.Err() != nil {
			b.Fatal(r.Err())
		}
	}
}

// TestInspectCounts checks inspect's statistics, whose prompt lengths the
// decoding goroutines count, against the examples read one by one.
func TestInspectCounts(t *testing.T) {
	data := shareGPTArray(3000)
	var turns, chars int64
	r, err := occubias.NewReader(bytes.NewReader(data), "a.json", occubias.ReadOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r.Next() {
		ex := r.Example()
		turns += int64(len(ex.Turns))
		chars += int64(utf8.RuneCountInString(ex.Prompt()))
		n++
	}
	for _, workers := range []int{1, 3} {
		r, err := occubias.NewReader(bytes.NewReader(data), "a.json", occubias.ReadOptions{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		in, err := occubias.InspectReader(r)
		if err != nil {
			t.Fatal(err)
		}
		if in.Examples != int64(n) || in.Turns != turns || in.MeanPromptChars != float64(chars)/float64(n) {
			t.Errorf("workers %d: %d examples, %d turns, mean prompt %v; want %d, %d, %v", workers, in.Examples, in.Turns, in.MeanPromptChars, n, turns, float64(chars)/float64(n))
		}
	}
}
