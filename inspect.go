package occubias

import "math/bits"

// Inspection summarizes one dataset file, as `occubias inspect` prints it.
type Inspection struct {
	Source      string      `json:"source"`
	Format      Format      `json:"format"`
	Container   Container   `json:"container"`
	Compression Compression `json:"compression,omitempty"`
	// Fields says which fields a prompt or transcript record was read from.
	Fields   string   `json:"fields,omitempty"`
	Examples int64    `json:"examples"`
	Skipped  int64    `json:"skipped"`
	Errors   []string `json:"errors,omitempty"`
	// Turns counts conversation turns over all examples.
	Turns int64 `json:"turns"`
	// MeanPromptChars is the mean length of Example.Prompt in characters
	// (Unicode code points).
	MeanPromptChars float64 `json:"mean_prompt_chars"`
	// Labels counts the examples carrying each label name.
	Labels map[string]int64 `json:"labels,omitempty"`
	// Err is the error that stopped the read under Strict, or "".
	Err string `json:"error,omitempty"`
}

// Inspect reads the dataset at path to the end and summarizes it. A read
// stopped by a malformed record still reports what was read before it; the
// error is returned as well as recorded in Inspection.Err.
func Inspect(path string, opts ReadOptions) (Inspection, error) {
	r, err := Open(path, opts)
	if err != nil {
		return Inspection{Source: path, Err: err.Error()}, err
	}
	defer r.Close()
	return InspectReader(r)
}

// InspectReader reads r to the end and summarizes what it read.
func InspectReader(r *Reader) (Inspection, error) { return InspectReaderFunc(r, nil) }

// InspectReaderFunc is InspectReader calling progress, when not nil, with
// the number of examples read so far after each example.
func InspectReaderFunc(r *Reader, progress func(read int64)) (Inspection, error) {
	in := Inspection{Source: r.stats.Source}
	var promptChars int64
	r.countRunes = true // by the decoding goroutines, from the next record they start on
	for r.Next() {
		if progress != nil {
			progress(r.stats.Read)
		}
		ex := r.Example()
		in.Turns += int64(len(ex.Turns))
		n := r.runes
		if n < 0 {
			n = promptRunes(&ex)
		}
		promptChars += int64(n)
		for name := range ex.Labels {
			if in.Labels == nil {
				in.Labels = make(map[string]int64)
			}
			in.Labels[name]++
		}
	}
	st := r.Stats()
	in.Format, in.Container, in.Compression, in.Fields = st.Format, st.Container, st.Compression, st.Fields
	in.Examples, in.Skipped = st.Read, st.Skipped
	for _, e := range st.Errors {
		in.Errors = append(in.Errors, e.Error())
	}
	if in.Examples > 0 {
		in.MeanPromptChars = float64(promptChars) / float64(in.Examples)
	}
	if err := r.Err(); err != nil {
		in.Err = err.Error()
		return in, err
	}
	return in, nil
}

// countedRunes is promptRunes(ex) when count is set (Reader.countRunes),
// else −1.
func countedRunes(count bool, ex *Example) int {
	if !count {
		return -1
	}
	return promptRunes(ex)
}

// promptRunes is utf8.RuneCountInString(ex.Prompt()) without building the
// prompt: the user turns' code points and the "\n\n" between them. A
// Reader's texts are valid UTF-8 (every source checks its records).
func promptRunes(ex *Example) int {
	n, started := 0, false
	for _, t := range ex.Turns {
		if t.Role != User {
			continue
		}
		if started {
			n += 2
		}
		n += runeCount(t.Text)
		started = started || t.Text != ""
	}
	return n
}

// runeCount is utf8.RuneCountInString(s) for valid UTF-8 s, which has one
// code point per byte that is not a continuation byte (10xxxxxx): eight
// bytes at a time count them, a byte's top bit set and the next bit clear.
func runeCount(s string) int {
	const high = 0x8080808080808080
	cont, i := 0, 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		cont += bits.OnesCount64(w & ^(w << 1) & high)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			cont++
		}
	}
	return len(s) - cont
}
