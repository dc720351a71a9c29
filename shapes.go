package occubias

import (
	"fmt"
	"strings"
)

// The common shapes of one-text records (Prompt) and of transcripts
// (Transcript), told apart by their field names and, for transcripts, by
// the first record's text.
var (
	// promptTextFields are the field names that hold the request, in the
	// order they are preferred.
	promptTextFields = []string{"prompt", "question", "query", "input", "text"}
	// promptResponseFields hold the answer.
	promptResponseFields = []string{"completion", "response", "answer", "output", "target"}
	// promptIDFields hold the record's id.
	promptIDFields = []string{"id", "uid", "question_id", "message_id", "idx"}
	// promptLabelFields are kept as labels when present.
	promptLabelFields = []string{"category", "subcategory", "cluster", "lang", "source"}
	// transcriptFields may hold a whole transcript, in the order they are
	// preferred: hh-rlhf's chosen conversation, Guanaco-style inputs.
	transcriptFields = []string{"chosen", "input", "text", "prompt", "conversation"}
)

// shape says which fields of a Prompt or Transcript record hold what.
type shape struct {
	text, response, id string
	labels             []string
}

// String says what was detected, for ReadStats.
func (s *shape) String() string {
	out := fmt.Sprintf("text from %q", s.text)
	if s.response != "" {
		out += fmt.Sprintf(", response from %q", s.response)
	}
	return out
}

// detectShape finds the fields of a Prompt or Transcript record among
// fields, or returns nil when it has none of them.
func detectShape(f Format, fields fieldSource) *shape {
	present := map[string]string{}
	for _, k := range fields.keys() {
		present[strings.ToLower(k)] = k
	}
	first := func(names []string) string {
		for _, n := range names {
			if k, ok := present[n]; ok {
				return k
			}
		}
		return ""
	}
	s := &shape{id: first(promptIDFields)}
	for _, n := range promptLabelFields {
		if k, ok := present[n]; ok {
			s.labels = append(s.labels, k)
		}
	}
	switch f {
	case Transcript:
		for _, n := range transcriptFields {
			if k, ok := present[n]; ok {
				if v, _ := fields.field(k); isTranscript(v) {
					s.text = k
					break
				}
			}
		}
		if s.text == "" {
			return nil
		}
		if k, ok := present["output"]; ok && k != s.text {
			s.response = k
		}
	case Prompt:
		s.text = first(promptTextFields)
		if s.text == "" {
			return nil
		}
		for _, n := range promptResponseFields {
			if k, ok := present[n]; ok && k != s.text {
				s.response = k
				break
			}
		}
	}
	return s
}

// transcriptMarkers open the turns of a transcript: hh-rlhf's
// "\n\nHuman: ... \n\nAssistant: ..." and Guanaco's "### Human: ...
// ### Assistant: ...".
var transcriptMarkers = []struct {
	marker string
	role   Role
}{
	{"### Human:", User}, {"### Assistant:", Assistant},
	{"\n\nHuman:", User}, {"\n\nAssistant:", Assistant},
}

// isTranscript reports whether text is a transcript: it starts with a
// turn marker.
func isTranscript(text string) bool {
	t := strings.TrimLeft(text, " \t\r\n")
	return strings.HasPrefix(t, "### Human:") || strings.HasPrefix(t, "Human:") || strings.HasPrefix(text, "\n\nHuman:")
}

// splitTranscript splits a transcript into its turns. Text before the
// first marker is a system turn when it is not blank; an empty last turn
// (a prompt ending in "### Assistant:") is dropped.
func splitTranscript(text string) []Turn {
	if strings.HasPrefix(text, "Human:") {
		text = "\n\n" + text
	}
	var turns []Turn
	role, start := System, 0
	for pos := 0; pos < len(text); {
		best, bestAt := -1, len(text)
		for i, m := range transcriptMarkers {
			if at := strings.Index(text[pos:], m.marker); at >= 0 && pos+at < bestAt {
				best, bestAt = i, pos+at
			}
		}
		if best < 0 {
			break
		}
		if body := strings.TrimSpace(text[start:bestAt]); body != "" || role != System {
			turns = append(turns, Turn{Role: role, Text: body})
		}
		role = transcriptMarkers[best].role
		start = bestAt + len(transcriptMarkers[best].marker)
		pos = start
	}
	if body := strings.TrimSpace(text[start:]); body != "" {
		turns = append(turns, Turn{Role: role, Text: body})
	}
	return turns
}

// shapeExample maps a Prompt or Transcript record onto ex.
func shapeExample(f Format, s *shape, fields fieldSource, ex *Example) error {
	text, ok := fields.field(s.text)
	if !ok {
		return fmt.Errorf("%w %q", ErrMissingField, s.text)
	}
	if f == Transcript {
		ex.Turns = splitTranscript(text)
		if !hasRole(ex.Turns, User) {
			return fmt.Errorf("%w: field %q holds no Human: turn", ErrMalformedRecord, s.text)
		}
	} else {
		ex.Turns = appendTurn(ex.Turns, User, text)
	}
	if s.response != "" {
		if r, ok := fields.field(s.response); ok && r != "" {
			ex.Turns = appendTurn(ex.Turns, Assistant, r)
		}
	}
	if s.id != "" {
		ex.ID, _ = fields.field(s.id)
	}
	for _, l := range s.labels {
		if v, ok := fields.field(l); ok {
			ex.Labels = setLabel(ex.Labels, strings.ToLower(l), v)
		}
	}
	return nil
}

func hasRole(turns []Turn, r Role) bool {
	for _, t := range turns {
		if t.Role == r {
			return true
		}
	}
	return false
}

// alpacaPreamble opens the Alpaca prompt template that some conversation
// datasets (Evol-Instruct's ShareGPT release) leave in their human turns.
const alpacaPreamble = "Below is an instruction that describes a task"

// stripAlpacaTemplate returns the instruction (and its input) of a user
// turn written in the Alpaca prompt template, or text unchanged:
//
//	Below is an instruction that describes a task[, paired with an input
//	that provides further context]. Write a response that appropriately
//	completes the request. ### Instruction: X [### Input: Y] [### Response:]
func stripAlpacaTemplate(text string) string {
	if !strings.HasPrefix(strings.TrimSpace(text), alpacaPreamble) {
		return text
	}
	_, rest, ok := strings.Cut(text, "### Instruction:")
	if !ok {
		return text
	}
	rest, _, _ = strings.Cut(rest, "### Response:")
	instruction, input, _ := strings.Cut(rest, "### Input:")
	return joinNonEmpty(strings.TrimSpace(instruction), strings.TrimSpace(input))
}

// stringRecord is a record that is a bare JSON string (files of prompts,
// one per line or in an array): its one field is "text".
type stringRecord struct{ text string }

func (r stringRecord) fields() (fieldSource, error) { return rowFields{"text": r.text}, nil }

func (r stringRecord) own() record { return r }

func (stringRecord) release() {}

func (r stringRecord) decode(*rawRecord) error {
	return fmt.Errorf("%w: a bare string has no fields of this format (it reads as %s)", ErrMalformedRecord, Prompt)
}
