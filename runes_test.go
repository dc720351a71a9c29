package occubias

import (
	"testing"
	"unicode/utf8"
)

func TestRuneCountAndPromptRunes(t *testing.T) {
	texts := []string{"", "a", "plain ascii text of some length", "é", "naïve café – 中文字 😀 mixed with ascii",
		"exactly8", "ü€𐍈 four widths of code point, seventeen", "中文中文中文中文"}
	for _, s := range texts {
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
		}
	}
	exs := []Example{
		{Turns: []Turn{{Role: User, Text: "one"}}},
		{Turns: []Turn{{Role: User, Text: "é one"}, {Role: Assistant, Text: "answer"}, {Role: User, Text: "two 中"}}},
		{Turns: []Turn{{Role: User, Text: ""}, {Role: User, Text: "after an empty turn"}, {Role: User, Text: ""}}},
		{Turns: []Turn{{Role: System, Text: "system"}, {Role: Assistant, Text: "no user turn"}}},
	}
	for i, ex := range exs {
		if got, want := promptRunes(&ex), utf8.RuneCountInString(ex.Prompt()); got != want {
			t.Errorf("example %d: promptRunes = %d, want %d", i, got, want)
		}
	}
}
