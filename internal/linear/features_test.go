package linear

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// specHashes is the feature hashes of text written out from their
// definition, rune by rune and with the standard library's FNV-1a: words
// of letters, digits, + and # (an apostrophe followed by a letter inside
// one), lower-cased, without one-letter words other than digits and
// stopwords, stemmed, at most MaxTokens of them; each word hashed, and
// each pair "previous word" when configured.
func specHashes(c FeatureConfig, text string) []uint32 {
	isWord := func(r rune) bool {
		if r < utf8.RuneSelf {
			return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '+' || r == '#'
		}
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	stop := map[string]bool{}
	for _, w := range stopwords.words {
		stop[w] = w != ""
	}
	max := c.MaxTokens
	if max <= 0 {
		max = defaultMaxTokens
	}
	var words []string
	runes := []rune(text)
	for k := 0; k < len(runes) && len(words) < max; {
		if !isWord(runes[k]) {
			k++
			continue
		}
		var b strings.Builder
		for k < len(runes) && (isWord(runes[k]) || runes[k] == '\'' && k+1 < len(runes) && unicode.IsLetter(runes[k+1])) {
			b.WriteRune(runes[k])
			k++
		}
		w := strings.ToLower(b.String())
		if len(w) < 2 && !(len(w) == 1 && '0' <= w[0] && w[0] <= '9') || stop[w] {
			continue
		}
		if c.Stem {
			n := len(w)
			switch {
			case n > 4 && strings.HasSuffix(w, "ies"):
				w = w[:n-3] + "y"
			case n > 5 && strings.HasSuffix(w, "ing"):
				w = w[:n-3]
			case n > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
				w = w[:n-2]
			case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
				w = w[:n-1]
			}
		}
		words = append(words, w)
	}
	hash := func(s string) uint32 {
		h := fnv.New32a()
		h.Write([]byte(s))
		return h.Sum32()
	}
	var out []uint32
	for i, w := range words {
		out = append(out, hash(w))
		if c.Bigrams && i > 0 {
			out = append(out, hash(words[i-1]+" "+w))
		}
	}
	slices.Sort(out)
	return out
}

var featureTexts = []string{
	"",
	"The patients' duties: designing C++ and C# APIs in 2024, don't panic!",
	"Écris une lettre à l'ÉQUIPE: naïve façade, ÜBER-Größe, İstanbul, ΣΊΣΥΦΟΣ",
	"Nurses studied the studies; they're applying dressings. I'm 5 ft 10 in.",
	"emojis 🙂 between words🙂and\u00a0nbsp, tabs\tand\nnewlines, bad \xff\xfe bytes, and 'quotes' it's",
	"x y z 1 2 3 a+b c#d ++ ## -- __ o'clock rock'n'roll ' '' 'a a'",
	"ＦＵＬＬＷＩＤＴＨ ｌｅｔｔｅｒｓ and 数字１２３ 日本語のテキスト",
	strings.Repeat("Teaching accountants reconciles ledgers. ", 300),
}

// TestHashesMatchSpec: the tokenizer's one-pass, hash-as-you-copy path
// gives exactly the hashes of the definition, for every configuration,
// on texts with capitals, non-ASCII letters, contractions, stems,
// invalid UTF-8 and more words than MaxTokens.
func TestHashesMatchSpec(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	texts := slices.Clone(featureTexts)
	pieces := []string{"Nursing", "nurses", "studied", "STUDIES", "don't", "d'", "C++", "é", "É", "ß", "İ", " ", " ", ", ", "'", "\xff", "7", "x", "the", "is", "class", "bus", "Agreed", "seeing", "ied", "ies"}
	for range 300 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, c := range []FeatureConfig{{}, {Stem: true}, {Bigrams: true}, {Bigrams: true, Stem: true}, {Bigrams: true, Stem: true, MaxTokens: 7}} {
		for _, text := range texts {
			_, got := c.Hashes(text, nil, nil)
			if want := specHashes(c, text); !slices.Equal(got, want) {
				t.Fatalf("%+v, %q:\n got %v\nwant %v\ntokens %q", c, text, got, want, c.Tokens(text, nil))
			}
		}
	}
}

func FuzzHashes(f *testing.F) {
	for _, text := range featureTexts {
		f.Add(text)
	}
	c := FeatureConfig{Bigrams: true, Stem: true, MaxTokens: 50}
	f.Fuzz(func(t *testing.T, text string) {
		if _, got := c.Hashes(text, nil, nil); !slices.Equal(got, specHashes(c, text)) {
			t.Fatalf("%q: hashes differ from the definition", text)
		}
	})
}
