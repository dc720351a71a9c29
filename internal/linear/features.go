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

func (s *wordSet) has(w []byte) bool { return s.hasHashed(w, fnv32a(fnvOffset, w)) }

// hasHashed is has for a word whose FNV-1a hash h is known.
func (s *wordSet) hasHashed(w []byte, h uint32) bool {
	if len(w) > s.maxLen {
		return false
	}
	for j := h % uint32(len(s.words)); s.words[j] != ""; j = (j + 1) % uint32(len(s.words)) {
		if s.hashes[j] == h && s.words[j] == string(w) {
			return true
		}
	}
	return false
}

// wordBytes marks the ASCII bytes words are made of: letters, digits, and
// + and # (for C++ and C#). lowerBytes maps a byte to its ASCII lower case.
var wordBytes, lowerBytes = func() (word [256]bool, lower [256]byte) {
	for b := range 256 {
		ch := byte(b)
		word[b] = 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9' || ch == '+' || ch == '#'
		lower[b] = ch
		if 'A' <= ch && ch <= 'Z' {
			lower[b] = ch + 'a' - 'A'
		}
	}
	return word, lower
}()

// eachToken calls fn with every token of text and its FNV-1a hash: a
// lower-case word of letters and digits (and + or #, for C++ and C#), that
// is not a stopword, stemmed when configured. The slice passed to fn is
// reused.
func (c FeatureConfig) eachToken(text string, buf []byte, fn func(tok []byte, h uint32)) []byte {
	max := c.MaxTokens
	if max <= 0 {
		max = defaultMaxTokens
	}
	n := 0
	for i := 0; i < len(text); {
		// Between words: ASCII separators (an apostrophe among them) in a
		// tight loop, then a word's first letter or another separator.
		for i < len(text) && text[i] < utf8.RuneSelf && !wordBytes[text[i]] {
			i++
		}
		if i == len(text) {
			break
		}
		start, ascii := i, true
		if text[i] >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				continue
			}
			ascii = false
		}
		// In a word, up to the first rune that is not part of it.
	word:
		for i < len(text) {
			switch ch := text[i]; {
			case wordBytes[ch]:
				i++
			case ch >= utf8.RuneSelf:
				r, size := utf8.DecodeRuneInString(text[i:])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break word
				}
				ascii = false
				i += size
			case ch == '\'' && i+1 < len(text):
				if next, _ := utf8.DecodeRuneInString(text[i+1:]); !unicode.IsLetter(next) {
					break word
				}
				i++ // keep contractions such as "don't" whole
			default:
				break word
			}
		}
		var kept bool
		if buf, kept = c.token(text[start:i], ascii, buf, fn); kept {
			if n++; n >= max {
				break
			}
		}
	}
	return buf
}

// token lower-cases word into buf and, unless it is too short or a
// stopword, stems it when configured and calls fn with it and its hash;
// it reports whether it did. An ASCII word is hashed as it is copied, the
// hashes of its last four prefixes kept, so that neither the stopword
// check nor the stem hashes it again.
func (c FeatureConfig) token(word string, ascii bool, buf []byte, fn func(tok []byte, h uint32)) ([]byte, bool) {
	var h uint32 = fnvOffset
	var prefix [4]uint32 // the hash of word[:j] at prefix[j%4], for the last four j
	if ascii {
		buf = buf[:0]
		for j := 0; j < len(word); j++ {
			prefix[j&3] = h
			ch := lowerBytes[word[j]]
			buf = append(buf, ch)
			h = (h ^ uint32(ch)) * fnvPrime
		}
	} else {
		buf = append(buf[:0], strings.ToLower(word)...)
		h = fnv32a(fnvOffset, buf)
	}
	if len(buf) < 2 && !(len(buf) == 1 && buf[0] >= '0' && buf[0] <= '9') || stopwords.hasHashed(buf, h) {
		return buf, false
	}
	if c.Stem {
		keep, y := stem(buf)
		if keep < len(buf) || y {
			switch {
			case ascii:
				h = prefix[keep&3]
				if y {
					h = (h ^ 'y') * fnvPrime
				}
			case y:
				h = fnv32a(fnv32a(fnvOffset, buf[:keep]), []byte{'y'})
			default:
				h = fnv32a(fnvOffset, buf[:keep])
			}
			buf = buf[:keep]
			if y {
				buf = append(buf, 'y')
			}
		}
	}
	fn(buf, h)
	return buf, true
}

// Tokens returns the tokens of text as strings (for tests and debugging).
func (c FeatureConfig) Tokens(text string, out []string) []string {
	out = out[:0]
	c.eachToken(text, nil, func(tok []byte, _ uint32) { out = append(out, string(tok)) })
	return out
}

// stem strips the commonest English suffixes: the stem of w is w[:keep],
// followed by a y when y is set. It is deliberately light:
// "duties"/"duty", "designing"/"design", "patients"/"patient" meet, while
// words are never cut below three letters.
func stem(w []byte) (keep int, y bool) {
	n := len(w)
	has := func(suffix string) bool { return n >= len(suffix) && string(w[n-len(suffix):]) == suffix }
	switch {
	case n > 4 && has("ies"):
		return n - 3, true
	case n > 5 && has("ing"):
		return n - 3, false
	case n > 4 && has("ed") && !has("eed"):
		return n - 2, false
	case n > 3 && has("s") && !has("ss") && !has("us") && !has("is"):
		return n - 1, false
	}
	return n, false
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
	scratch, out = c.unsortedHashes(text, scratch, out)
	return scratch, sortHashes(out)
}

// unsortedHashes is Hashes in the order of the text.
func (c FeatureConfig) unsortedHashes(text string, scratch []byte, out []uint32) ([]byte, []uint32) {
	out = out[:0]
	var prev uint32 // FNV-1a state after "previous word "
	first := true
	scratch = c.eachToken(text, scratch, func(tok []byte, h uint32) {
		out = append(out, h)
		if c.Bigrams && !first {
			out = append(out, fnv32a(prev, tok))
		}
		prev, first = (h^' ')*fnvPrime, false
	})
	return scratch, out
}

// sortHashes sorts h (hashes, or rows): the standard sort for a short
// text's, a radix sort on bytes (four counting passes, in h's spare
// capacity) for a long one's, faster from about 300 on (3.5x at 3,000).
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

// Vectorize maps hashes, in any order, through the feature table of
// hashes sorted ascending: each known feature gets (1 + ln tf) * idf, then
// the vector is scaled to unit L2 norm. Unknown features are dropped.
func Vectorize(hashes []uint32, table *Table, idf []float32, v *Sparse) {
	knownFeatures(hashes, table, nil, v)
	for k, row := range v.Idx {
		v.Val[k] *= idf[row]
	}
	normalize(v.Val)
}

// knownFeatures sets v to the known features of hashes, in any order,
// each valued 1 + ln tf, in the order of their rows, which is the order of
// their hashes (a model's rows are sorted by hash). The rows of the known
// hashes are sorted, not the hashes: a text's known features are about
// half of its hashes. rows is scratch space, returned for reuse.
func knownFeatures(hashes []uint32, table *Table, rows []uint32, v *Sparse) []uint32 {
	rows = rows[:0]
	for _, h := range hashes {
		if row, ok := table.Row(h); ok {
			rows = append(rows, uint32(row))
		}
	}
	rows = sortHashes(rows)
	v.Idx, v.Val = v.Idx[:0], v.Val[:0]
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && rows[j] == rows[i] {
			j++
		}
		v.Idx = append(v.Idx, int32(rows[i]))
		v.Val = append(v.Val, termWeight(j-i))
		i = j
	}
	return rows
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
