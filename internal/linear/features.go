package linear

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FeatureConfig says how text becomes features. It is stored in the model
// so that training and inference always agree.
type FeatureConfig struct {
	// Bigrams adds adjacent word pairs to single words.
	Bigrams bool `json:"bigrams"`
	// Stem strips common English inflections (plural -s, -ing, -ed).
	Stem bool `json:"stem"`
	// MaxTokens bounds the words read from one text; 0 means 2,000. Long
	// prompts (pasted code, documents) are classified by their beginning.
	MaxTokens int `json:"max_tokens"`
}

const defaultMaxTokens = 2000

// stopwords are function words that carry no occupational signal.
var stopwords = newWordSet(strings.Fields(`a an the and or but if then else of to in on at by for with from as into onto about
		is are was were be been being am do does did done have has had having it its it's this that these those there here
		i me my mine we us our you your yours he him his she her they them their what which who whom whose when where why how
		can could would should will shall may might must not no nor so than too very just also only any all some each every
		up down out over under again further once more most other such own same both few s t don now let let's please
		one two get give make write tell using use want need like don't i'm i've can't won't isn't doesn't`))

// wordSet is a small set of words: open addressing over their FNV-1a
// hashes, several times faster than a Go map for the check of every token.
type wordSet struct {
	words  [512]string
	hashes [512]uint32
	maxLen int
}

func newWordSet(words []string) *wordSet {
	s := &wordSet{}
	for _, w := range words {
		h := fnv32a(fnvOffset, []byte(w))
		j := h % uint32(len(s.words))
		for s.words[j] != "" && s.words[j] != w {
			j = (j + 1) % uint32(len(s.words))
		}
		s.words[j], s.hashes[j] = w, h
		s.maxLen = max(s.maxLen, len(w))
	}
	return s
}

func (s *wordSet) has(w []byte) bool {
	if len(w) > s.maxLen {
		return false
	}
	h := fnv32a(fnvOffset, w)
	for j := h % uint32(len(s.words)); s.words[j] != ""; j = (j + 1) % uint32(len(s.words)) {
		if s.hashes[j] == h && s.words[j] == string(w) {
			return true
		}
	}
	return false
}

// eachToken calls fn with every token of text: a lower-case word of
// letters and digits (and + or #, for C++ and C#), that is not a stopword,
// stemmed when configured. The slice passed to fn is reused.
func (c FeatureConfig) eachToken(text string, buf []byte, fn func(tok []byte)) []byte {
	max := c.MaxTokens
	if max <= 0 {
		max = defaultMaxTokens
	}
	n := 0
	start := -1
	ascii := true
	emit := func(end int) {
		if start < 0 {
			return
		}
		word := text[start:end]
		start = -1
		if ascii {
			buf = buf[:0]
			for i := 0; i < len(word); i++ {
				ch := word[i]
				if 'A' <= ch && ch <= 'Z' {
					ch += 'a' - 'A'
				}
				buf = append(buf, ch)
			}
		} else {
			buf = append(buf[:0], strings.ToLower(word)...)
		}
		ascii = true
		if len(buf) < 2 && !(len(buf) == 1 && buf[0] >= '0' && buf[0] <= '9') || stopwords.has(buf) {
			return
		}
		if c.Stem {
			buf = stemBytes(buf)
		}
		fn(buf)
		n++
	}
	for i, r := range text {
		if r < utf8.RuneSelf {
			ch := byte(r)
			if 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9' || ch == '+' || ch == '#' {
				if start < 0 {
					start = i
				}
				continue
			}
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			ascii = false
			continue
		}
		if r == '\'' && start >= 0 && i+1 < len(text) {
			if next, _ := utf8.DecodeRuneInString(text[i+1:]); unicode.IsLetter(next) {
				continue // keep contractions such as "don't" whole
			}
		}
		emit(i)
		if n >= max {
			return buf
		}
	}
	emit(len(text))
	return buf
}

// Tokens returns the tokens of text as strings (for tests and debugging).
func (c FeatureConfig) Tokens(text string, out []string) []string {
	out = out[:0]
	c.eachToken(text, nil, func(tok []byte) { out = append(out, string(tok)) })
	return out
}

// stemBytes strips the commonest English suffixes. It is deliberately
// light: "duties"/"duty", "designing"/"design", "patients"/"patient" meet,
// while words are never cut below three letters.
func stemBytes(w []byte) []byte {
	n := len(w)
	has := func(suffix string) bool { return n >= len(suffix) && string(w[n-len(suffix):]) == suffix }
	switch {
	case n > 4 && has("ies"):
		return append(w[:n-3], 'y')
	case n > 5 && has("ing"):
		return w[:n-3]
	case n > 4 && has("ed") && !has("eed"):
		return w[:n-2]
	case n > 3 && has("s") && !has("ss") && !has("us") && !has("is"):
		return w[:n-1]
	}
	return w
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// fnv32a continues an FNV-1a hash over b.
func fnv32a(h uint32, b []byte) uint32 {
	for _, c := range b {
		h ^= uint32(c)
		h *= fnvPrime
	}
	return h
}

// Hashes returns the feature hashes of text: FNV-1a of each word and,
// when configured, of each adjacent pair "previous word", sorted with
// duplicates kept (their count is the term frequency). scratch is reused.
func (c FeatureConfig) Hashes(text string, scratch []byte, out []uint32) ([]byte, []uint32) {
	out = out[:0]
	var prev uint32 // FNV-1a state after "previous word "
	first := true
	scratch = c.eachToken(text, scratch, func(tok []byte) {
		h := fnv32a(fnvOffset, tok)
		out = append(out, h)
		if c.Bigrams && !first {
			out = append(out, fnv32a(prev, tok))
		}
		prev, first = fnv32a(h, []byte{' '}), false
	})
	return scratch, sortHashes(out)
}

// sortHashes sorts h: the standard sort for a short text's hashes, a
// radix sort on bytes (four counting passes, in h's spare capacity) for a
// long one's, faster from about 300 hashes on (3.5x at 3,000).
func sortHashes(h []uint32) []uint32 {
	n := len(h)
	if n < 320 {
		slices.Sort(h)
		return h
	}
	h = slices.Grow(h, n)
	src, dst := h[:n], h[n:2*n]
	for shift := 0; shift < 32; shift += 8 {
		var start [256]int
		for _, x := range src {
			start[x>>shift&0xff]++
		}
		pos := 0
		for b, c := range start {
			start[b] = pos
			pos += c
		}
		for _, x := range src {
			b := x >> shift & 0xff
			dst[start[b]] = x
			start[b]++
		}
		src, dst = dst, src
	}
	return h[:n]
}

// Sparse is a feature vector: row indices into the model's feature table
// and their values.
type Sparse struct {
	Idx []int32
	Val []float32
}

// Vectorize maps sorted hashes through the feature table: each known
// feature gets (1 + ln tf) * idf, then the vector is scaled to unit L2
// norm. Unknown features are dropped.
func Vectorize(hashes []uint32, table *Table, idf []float32, v *Sparse) {
	termFrequencies(hashes, table, v)
	for k, row := range v.Idx {
		v.Val[k] *= idf[row]
	}
	normalize(v.Val)
}

// termFrequencies sets v to the known features of sorted hashes, each
// valued 1 + ln tf.
func termFrequencies(hashes []uint32, table *Table, v *Sparse) {
	v.Idx, v.Val = v.Idx[:0], v.Val[:0]
	for i := 0; i < len(hashes); {
		j := i + 1
		for j < len(hashes) && hashes[j] == hashes[i] {
			j++
		}
		if row, ok := table.Row(hashes[i]); ok {
			v.Idx = append(v.Idx, row)
			v.Val = append(v.Val, termWeight(j-i))
		}
		i = j
	}
}

// termWeights holds 1 + ln tf for the term frequencies most words have.
var termWeights = func() (w [64]float32) {
	for tf := 1; tf < len(w); tf++ {
		w[tf] = float32(1 + math.Log(float64(tf)))
	}
	return w
}()

// termWeight returns 1 + ln tf, as a float32.
func termWeight(tf int) float32 {
	if tf < len(termWeights) {
		return termWeights[tf]
	}
	return float32(1 + math.Log(float64(tf)))
}

// normalize scales x to unit L2 norm, unless it is all zeros.
func normalize(x []float32) {
	var norm float64
	for _, v := range x {
		norm += float64(v) * float64(v)
	}
	if norm > 0 {
		s := float32(1 / math.Sqrt(norm))
		for k := range x {
			x[k] *= s
		}
	}
}
