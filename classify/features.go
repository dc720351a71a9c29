package classify

import (
	"hash/fnv"
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
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but if then else of to in on at by for with from as into onto about
		is are was were be been being am do does did done have has had having it its it's this that these those there here
		i me my mine we us our you your yours he him his she her they them their what which who whom whose when where why how
		can could would should will shall may might must not no nor so than too very just also only any all some each every
		up down out over under again further once more most other such own same both few s t don now let let's please
		one two get give make write tell using use want need like don't i'm i've can't won't isn't doesn't`) {
		m[w] = true
	}
	return m
}()

// tokens splits text into lower-case words of letters and digits, drops
// stopwords, and stems when asked.
func (c FeatureConfig) tokens(text string, out []string) []string {
	max := c.MaxTokens
	if max <= 0 {
		max = defaultMaxTokens
	}
	out = out[:0]
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.ToLower(text[start:end])
		start = -1
		if len(w) < 2 && !(len(w) == 1 && w[0] >= '0' && w[0] <= '9') || stopwords[w] {
			return
		}
		if c.Stem {
			w = stem(w)
		}
		out = append(out, w)
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '#' {
			if start < 0 {
				start = i
			}
			continue
		}
		if r == '\'' && start >= 0 && i+1 < len(text) {
			if next, _ := utf8.DecodeRuneInString(text[i+1:]); unicode.IsLetter(next) {
				continue // keep contractions such as "don't" whole
			}
		}
		flush(i)
		if len(out) >= max {
			return out
		}
	}
	flush(len(text))
	return out
}

// stem strips the commonest English suffixes. It is deliberately light:
// "duties"/"duty", "designing"/"design", "patients"/"patient" meet, while
// words are never cut below three letters.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	}
	return w
}

// hashes returns the feature hashes of text: words and, when configured,
// adjacent word pairs, sorted with duplicates kept (their count is the
// term frequency).
func (c FeatureConfig) hashes(text string, toks []string, out []uint32) ([]string, []uint32) {
	toks = c.tokens(text, toks)
	out = out[:0]
	h := fnv.New32a()
	for i, w := range toks {
		h.Reset()
		h.Write([]byte(w))
		out = append(out, h.Sum32())
		if c.Bigrams && i > 0 {
			h.Reset()
			h.Write([]byte(toks[i-1]))
			h.Write([]byte{' '})
			h.Write([]byte(w))
			out = append(out, h.Sum32())
		}
	}
	slices.Sort(out)
	return toks, out
}

// sparse is a feature vector: row indices into the model's feature table
// and their values.
type sparse struct {
	idx []int32
	val []float32
}

// vectorize maps sorted hashes through the feature table: each known
// feature gets (1 + ln tf) * idf, then the vector is scaled to unit L2
// norm. Unknown features are dropped.
func vectorize(hashes []uint32, table map[uint32]int32, idf []float32, v *sparse) {
	v.idx, v.val = v.idx[:0], v.val[:0]
	for i := 0; i < len(hashes); {
		j := i + 1
		for j < len(hashes) && hashes[j] == hashes[i] {
			j++
		}
		if row, ok := table[hashes[i]]; ok {
			tf := 1 + math.Log(float64(j-i))
			v.idx = append(v.idx, row)
			v.val = append(v.val, float32(tf)*idf[row])
		}
		i = j
	}
	var norm float64
	for _, x := range v.val {
		norm += float64(x) * float64(x)
	}
	if norm > 0 {
		s := float32(1 / math.Sqrt(norm))
		for k := range v.val {
			v.val[k] *= s
		}
	}
}
