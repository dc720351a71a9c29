package occubias

import "strings"

// Role is the speaker of one conversation turn.
type Role string

// The three speakers every format is mapped to.
const (
	System    Role = "system"
	User      Role = "user"
	Assistant Role = "assistant"
)

// Turn is one message of a conversation.
type Turn struct {
	Role Role
	Text string
}

// Example is one instruction record, whatever format it came from.
//
// Single-turn formats (Dolly, Alpaca, WizardLM) become a user turn holding
// the instruction followed by its input or context, then an assistant turn
// holding the response when the record has one.
type Example struct {
	// ID is the record's own id when the format has one (ShareGPT id,
	// WizardLM idx, MT-Bench question_id, Dolly CSV index), otherwise the
	// source file's base name and the record index, as "file#index".
	ID string
	// Source is the path the record was read from ("-" for standard input).
	Source string
	// Format is the record format's name, one of the Format constants.
	Format Format
	// Index is the record's 0-based position among the records of Source,
	// counting records that were skipped as malformed.
	Index int64
	// Turns is the conversation in order.
	Turns []Turn
	// Labels holds the labels the source carries: "category" (Dolly,
	// OccuQuest, MT-Bench), "occupation" and "topic" (OccuQuest), "skill"
	// and "difficulty" (WizardLM), "name" or "motivation_app"
	// (Self-Instruct), "dataset" (AlpacaEval), or the chosen label fields of
	// a generic file. Nil when the record has none.
	Labels map[string]string
}

// Prompt returns the user side of the conversation: the text of every user
// turn, separated by blank lines. For single-turn formats this is the
// instruction plus its input or context. It is what is classified.
func (e *Example) Prompt() string { return e.join(User) }

// Response returns the assistant side: the text of every assistant turn,
// separated by blank lines. Empty when the record holds no response.
func (e *Example) Response() string { return e.join(Assistant) }

// FirstPrompt returns the text of the first user turn, or "".
func (e *Example) FirstPrompt() string {
	for _, t := range e.Turns {
		if t.Role == User {
			return t.Text
		}
	}
	return ""
}

// Label returns the named label, or "" when the record does not carry it.
func (e *Example) Label(name string) string { return e.Labels[name] }

func (e *Example) join(role Role) string {
	n, count := 0, 0
	for _, t := range e.Turns {
		if t.Role == role {
			n += len(t.Text) + 2
			count++
		}
	}
	if count == 1 {
		for _, t := range e.Turns {
			if t.Role == role {
				return t.Text
			}
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, t := range e.Turns {
		if t.Role != role {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(t.Text)
	}
	return b.String()
}
