package occubias

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
)

// Format names a record format: the shape of one record, whatever the
// container (JSON array, JSONL, CSV/TSV, Parquet) or compression.
type Format string

// The record formats occubias reads.
const (
	// Auto detects the format from the first record's fields.
	Auto Format = ""
	// Dolly is databricks-dolly-15k: {instruction, context, response,
	// category}; the CSV export with an index column is read as Dolly too.
	Dolly Format = "dolly"
	// ShareGPT is {id, conversations: [{from, value}]}.
	ShareGPT Format = "sharegpt"
	// WizardLM is evol-instruct 70k {instruction, output}, V2
	// {idx, conversations} and the test set {idx, Skill, Difficulty,
	// Instruction}.
	WizardLM Format = "wizardlm"
	// OccuQuest is {category, occupation, topic, messages: [{role, content}]}.
	OccuQuest Format = "occuquest"
	// Alpaca is {instruction, input, output[, history][, system]}, as in
	// Stanford Alpaca, LLaMA-Factory and AlpacaEval.
	Alpaca Format = "alpaca"
	// Messages is chat {"messages": [{role, content}]} (OpenAI, Hugging Face).
	Messages Format = "messages"
	// MTBench is MT-Bench and Vicuna-bench {question_id, category, turns}.
	MTBench Format = "mtbench"
	// SelfInstruct is Self-Instruct {id, instruction, instances: [{input,
	// output}]} with "name" (seed tasks) or "motivation_app" labels.
	SelfInstruct Format = "selfinstruct"
	// Prompt is one request under a common name — prompt, question,
	// query, input or text (a file of bare JSON strings too) — with its
	// answer, if any, under completion, response, answer, output or target:
	// Koala, Arena-Hard, OpenAssistant prompt lists, question/answer files.
	Prompt Format = "prompt"
	// Transcript is a conversation written as one text, split at its
	// "Human:" and "Assistant:" markers: hh-rlhf's {chosen, rejected}
	// ("\n\nHuman: ... \n\nAssistant: ...", read from chosen) and
	// Guanaco-style OpenAssistant inputs ("### Human: ... ### Assistant:").
	Transcript Format = "transcript"
	// Generic reads user-chosen text and label fields
	// (ReadOptions.TextFields, LabelFields, IDField).
	Generic Format = "generic"
)

// Formats lists every record format, for help texts and validation.
func Formats() []Format {
	return []Format{Dolly, ShareGPT, WizardLM, OccuQuest, Alpaca, Messages, MTBench, SelfInstruct, Prompt, Transcript, Generic}
}

// ParseFormat returns the Format named by s ("" or "auto" for Auto).
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "auto" {
		return Auto, nil
	}
	if slices.Contains(Formats(), Format(s)) {
		return Format(s), nil
	}
	return Auto, fmt.Errorf("%w %q (known: %s)", ErrUnknownFormat, s, formatList())
}

func formatList() string {
	var names []string
	for _, f := range Formats() {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

// detectFormat decides the record format from the field names of the first
// record (matched case-insensitively, as encoding/json does) and, to tell a
// transcript, its text.
func detectFormat(fields fieldSource) (Format, error) {
	keys := fields.keys()
	has := make(map[string]bool, len(keys))
	for _, k := range keys {
		has[strings.ToLower(k)] = true
	}
	switch {
	case has["messages"] && (has["occupation"] || has["topic"]):
		return OccuQuest, nil
	case has["messages"]:
		return Messages, nil
	case has["conversations"] && has["idx"] && !has["id"]:
		return WizardLM, nil
	case has["conversations"]:
		return ShareGPT, nil
	case has["turns"]:
		return MTBench, nil
	case has["instruction"] && has["instances"]:
		return SelfInstruct, nil
	case has["instruction"] && (has["context"] || has["response"]):
		return Dolly, nil
	case has["instruction"] && has["category"] && has["input"] && !has["history"]:
		return Dolly, nil // Dolly with Alpaca's field names (AlpaGasus' dolly_3k)
	case has["instruction"] && (has["skill"] || has["difficulty"]):
		return WizardLM, nil
	case has["instruction"] && (has["input"] || has["history"] || has["dataset"] || has["generator"] || has["system"]):
		return Alpaca, nil
	case has["instruction"] && has["output"]:
		return WizardLM, nil
	case has["chosen"] && has["rejected"], !has["instruction"] && detectShape(Transcript, fields) != nil:
		return Transcript, nil
	case !has["instruction"] && detectShape(Prompt, fields) != nil:
		return Prompt, nil
	}
	slices.Sort(keys)
	return Auto, fmt.Errorf("%w: no known format has fields %s; choose one with a format option, or generic with text fields", ErrUnknownFormat, strings.Join(keys, ", "))
}

// rawTurn holds one conversation turn in any of the published spellings.
type rawTurn struct {
	From    *string `json:"from"`
	Value   *string `json:"value"`
	Role    *string `json:"role"`
	Content *string `json:"content"`
}

// rawInstance is one of a Self-Instruct task's instances.
type rawInstance struct {
	Input  string `json:"input"`
	Output string `json:"output"`
}

// rawRecord is the union of every known format's fields. encoding/json
// matches names case-insensitively, so "Instruction" (WizardLM test set)
// and "instruction" land in the same field.
type rawRecord struct {
	ID            json.RawMessage `json:"id"`
	Idx           json.RawMessage `json:"idx"`
	Index         json.RawMessage `json:"index"`
	QuestionID    json.RawMessage `json:"question_id"`
	Instruction   *string         `json:"instruction"`
	Input         string          `json:"input"`
	Context       string          `json:"context"`
	Response      string          `json:"response"`
	Output        string          `json:"output"`
	System        string          `json:"system"`
	Category      string          `json:"category"`
	Occupation    string          `json:"occupation"`
	Topic         string          `json:"topic"`
	Skill         string          `json:"skill"`
	Difficulty    json.RawMessage `json:"difficulty"`
	Conversations []rawTurn       `json:"conversations"`
	Messages      []rawTurn       `json:"messages"`
	Turns         []string        `json:"turns"`
	History       [][]string      `json:"history"`
	Instances     []rawInstance   `json:"instances"`
	Dataset       string          `json:"dataset"`
	Name          string          `json:"name"`
	MotivationApp string          `json:"motivation_app"`
	// Source and Labels are what ExampleWriter keeps of an example in a
	// messages record.
	Source string            `json:"source"`
	Labels map[string]string `json:"labels"`
}

// roleOf maps the speaker names used across published datasets.
func roleOf(name string) (Role, bool) {
	switch strings.ToLower(name) {
	case "human", "user", "prompter", "instruction", "question":
		return User, true
	case "gpt", "assistant", "chatgpt", "bing", "bard", "model", "bot", "ai", "output", "answer":
		return Assistant, true
	case "system":
		return System, true
	}
	return "", false
}

func appendTurn(turns []Turn, role Role, text string) []Turn {
	return append(turns, Turn{Role: role, Text: text})
}

// joinNonEmpty joins the instruction and its input the way the Alpaca and
// Dolly prompt templates present them: instruction, blank line, input.
func joinNonEmpty(a, b string) string {
	switch {
	case b == "":
		return a
	case a == "":
		return b
	}
	return a + "\n\n" + b
}

func convTurns(src []rawTurn) ([]Turn, error) {
	turns := make([]Turn, 0, len(src))
	for i, t := range src {
		speaker, text := t.From, t.Value
		if speaker == nil {
			speaker = t.Role
		}
		if text == nil {
			text = t.Content
		}
		if speaker == nil {
			return nil, fmt.Errorf("%w: turn %d has no \"from\" or \"role\"", ErrMissingField, i)
		}
		role, ok := roleOf(*speaker)
		if !ok {
			return nil, fmt.Errorf("%w %q in turn %d", ErrUnknownRole, *speaker, i)
		}
		if text == nil {
			return nil, fmt.Errorf("%w: turn %d has no \"value\" or \"content\"", ErrMissingField, i)
		}
		if role == User {
			turns = appendTurn(turns, role, stripAlpacaTemplate(*text))
		} else {
			turns = appendTurn(turns, role, *text)
		}
	}
	return turns, nil
}

// rawID renders an id field that may be a JSON string or number.
func rawID(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	if raw[0] == '"' {
		if s, ok := plainString(raw); ok {
			return s
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	return string(raw)
}

// plainString returns the text of a JSON string without escapes or
// control characters, as json.Unmarshal would; ok is false for others.
func plainString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[len(raw)-1] != '"' {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	for _, c := range body {
		if c < 0x20 || c == '"' || c == '\\' {
			return "", false
		}
	}
	return string(body), true
}

func setLabel(labels map[string]string, name, value string) map[string]string {
	if value == "" {
		return labels
	}
	if labels == nil {
		labels = make(map[string]string, 3)
	}
	labels[name] = value
	return labels
}

// toExample maps a decoded record of a known format onto ex.
func (r *rawRecord) toExample(f Format, ex *Example) error {
	var err error
	instruction := func() (string, error) {
		if r.Instruction == nil {
			return "", fmt.Errorf("%w: %s record has no \"instruction\"", ErrMissingField, f)
		}
		return *r.Instruction, nil
	}
	switch f {
	case ShareGPT, WizardLM, Messages, OccuQuest:
		src := r.Conversations
		if f == Messages || f == OccuQuest || (src == nil && r.Messages != nil) {
			src = r.Messages
		}
		if src == nil && r.Instruction != nil && f == WizardLM {
			// evol-instruct 70k and the test set.
			ex.Turns = appendTurn(ex.Turns, User, *r.Instruction)
			if r.Output != "" {
				ex.Turns = appendTurn(ex.Turns, Assistant, r.Output)
			}
			break
		}
		if src == nil {
			name := "conversations"
			if f == Messages || f == OccuQuest {
				name = "messages"
			}
			return fmt.Errorf("%w: %s record has no %q", ErrMissingField, f, name)
		}
		if ex.Turns, err = convTurns(src); err != nil {
			return err
		}
	case Dolly:
		text, err := instruction()
		if err != nil {
			return err
		}
		context := r.Context
		if context == "" {
			context = r.Input
		}
		ex.Turns = appendTurn(ex.Turns, User, joinNonEmpty(text, context))
		resp := r.Response
		if resp == "" {
			resp = r.Output
		}
		if resp != "" {
			ex.Turns = appendTurn(ex.Turns, Assistant, resp)
		}
	case Alpaca:
		text, err := instruction()
		if err != nil {
			return err
		}
		if r.System != "" {
			ex.Turns = appendTurn(ex.Turns, System, r.System)
		}
		for i, h := range r.History {
			if len(h) != 2 {
				return fmt.Errorf("%w: history entry %d has %d items, want [instruction, response]", ErrMalformedRecord, i, len(h))
			}
			ex.Turns = appendTurn(ex.Turns, User, h[0])
			ex.Turns = appendTurn(ex.Turns, Assistant, h[1])
		}
		ex.Turns = appendTurn(ex.Turns, User, joinNonEmpty(text, r.Input))
		if r.Output != "" {
			ex.Turns = appendTurn(ex.Turns, Assistant, r.Output)
		}
	case MTBench:
		if r.Turns == nil {
			return fmt.Errorf("%w: mtbench record has no \"turns\"", ErrMissingField)
		}
		for _, t := range r.Turns {
			ex.Turns = appendTurn(ex.Turns, User, t)
		}
	case SelfInstruct:
		text, err := instruction()
		if err != nil {
			return err
		}
		input, output := "", ""
		if len(r.Instances) > 0 {
			input, output = r.Instances[0].Input, r.Instances[0].Output
		}
		ex.Turns = appendTurn(ex.Turns, User, joinNonEmpty(text, input))
		if output != "" {
			ex.Turns = appendTurn(ex.Turns, Assistant, output)
		}
	default:
		return fmt.Errorf("%w %q", ErrUnknownFormat, f)
	}
	for _, id := range []json.RawMessage{r.ID, r.Idx, r.QuestionID, r.Index} {
		if s := rawID(id); s != "" {
			ex.ID = s
			break
		}
	}
	var labels map[string]string
	labels = setLabel(labels, "category", r.Category)
	labels = setLabel(labels, "occupation", r.Occupation)
	labels = setLabel(labels, "topic", r.Topic)
	labels = setLabel(labels, "skill", r.Skill)
	labels = setLabel(labels, "difficulty", rawID(r.Difficulty))
	labels = setLabel(labels, "dataset", r.Dataset)
	labels = setLabel(labels, "name", r.Name)
	labels = setLabel(labels, "motivation_app", r.MotivationApp)
	if f == Messages {
		for k, v := range r.Labels {
			labels = setLabel(labels, k, v)
		}
		labels = setLabel(labels, "source", r.Source)
	}
	ex.Labels = labels
	return nil
}

// fieldSource gives the fields of one record as text.
type fieldSource interface {
	// field returns the named field as text (strings as they are, numbers
	// and booleans as written, lists and objects as compact JSON), matched
	// case-insensitively when no field has exactly that name.
	field(name string) (string, bool)
	// keys returns the field names.
	keys() []string
}

// jsonFields are the fields of a JSON object.
type jsonFields map[string]json.RawMessage

func (f jsonFields) field(name string) (string, bool) {
	raw, ok := f[name]
	if !ok {
		for k, v := range f {
			if strings.EqualFold(k, name) {
				raw, ok = v, true
				break
			}
		}
	}
	if !ok {
		return "", false
	}
	return fieldText(raw), true
}

func (f jsonFields) keys() []string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	return keys
}

// rowFields are the columns of one CSV or TSV row, a record of its own.
type rowFields map[string]string

func (f rowFields) fields() (fieldSource, error) { return f, nil }

func (f rowFields) own() record { return maps.Clone(f) }

func (rowFields) release() {}

func (f rowFields) decode(rec *rawRecord) error {
	for k, v := range f {
		if err := rec.set(k, v); err != nil {
			return err
		}
	}
	return nil
}

func (f rowFields) field(name string) (string, bool) {
	if v, ok := f[name]; ok {
		return v, true
	}
	for k, v := range f {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

func (f rowFields) keys() []string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	return keys
}

// set assigns v, one field of a record that is not JSON (a CSV cell, a
// Parquet value), to the field of r that JSON of the same name would fill,
// as encoding/json would: names match case-insensitively, null leaves the
// zero value, and a value of the wrong kind is an error. v is a string,
// bool, number, []any or map[string]any; a string given to a list or
// object field is read as JSON, as a CSV export of nested columns holds it.
func (r *rawRecord) set(name string, v any) error {
	dst, ok := fieldByJSONName(reflect.ValueOf(r).Elem(), name)
	if !ok {
		return nil
	}
	return assign(dst, v, name)
}

// fieldByJSONName returns the field of struct value sv whose JSON name is
// name, ignoring case.
func fieldByJSONName(sv reflect.Value, name string) (reflect.Value, bool) {
	t := sv.Type()
	for i := 0; i < t.NumField(); i++ {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if strings.EqualFold(tag, name) {
			return sv.Field(i), true
		}
	}
	return reflect.Value{}, false
}

var rawMessageType = reflect.TypeFor[json.RawMessage]()

func assign(dst reflect.Value, v any, name string) error {
	if v == nil {
		return nil
	}
	if dst.Type() == rawMessageType {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("%w: field %q: %v", ErrMalformedRecord, name, err)
		}
		dst.SetBytes(b)
		return nil
	}
	wrong := func() error {
		return fmt.Errorf("%w: field %q is a JSON %s, want %s", ErrMalformedRecord, name, jsonKind(v), dst.Type())
	}
	if s, ok := v.(string); ok && (dst.Kind() == reflect.Slice || dst.Kind() == reflect.Struct || dst.Kind() == reflect.Map) {
		if err := json.Unmarshal([]byte(s), dst.Addr().Interface()); err != nil {
			return wrong()
		}
		return nil
	}
	switch dst.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return wrong()
		}
		dst.SetString(s)
	case reflect.Pointer:
		p := reflect.New(dst.Type().Elem())
		if err := assign(p.Elem(), v, name); err != nil {
			return err
		}
		dst.Set(p)
	case reflect.Slice:
		items, ok := v.([]any)
		if !ok {
			return wrong()
		}
		out := reflect.MakeSlice(dst.Type(), len(items), len(items))
		for i, item := range items {
			if err := assign(out.Index(i), item, name); err != nil {
				return err
			}
		}
		dst.Set(out)
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return wrong()
		}
		out := reflect.MakeMapWithSize(dst.Type(), len(m))
		for k, item := range m {
			e := reflect.New(dst.Type().Elem()).Elem()
			if err := assign(e, item, name+"."+k); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(k), e)
		}
		dst.Set(out)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return wrong()
		}
		for k, item := range m {
			if f, ok := fieldByJSONName(dst, k); ok {
				if err := assign(f, item, name+"."+k); err != nil {
					return err
				}
			}
		}
	default:
		return wrong()
	}
	return nil
}

// jsonKind names the JSON kind of a decoded value, as encoding/json's
// type errors do.
func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "bool"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "number"
}

// genericExample maps a record of user-chosen fields onto ex.
func genericExample(fields fieldSource, o *ReadOptions, ex *Example) error {
	var parts []string
	for _, name := range o.TextFields {
		s, ok := fields.field(name)
		if !ok {
			return fmt.Errorf("%w %q", ErrMissingField, name)
		}
		if s != "" {
			parts = append(parts, s)
		}
	}
	ex.Turns = appendTurn(ex.Turns, User, strings.Join(parts, "\n\n"))
	for _, name := range o.ResponseFields {
		if s, ok := fields.field(name); ok && s != "" {
			ex.Turns = appendTurn(ex.Turns, Assistant, s)
		}
	}
	for _, name := range o.LabelFields {
		if s, ok := fields.field(name); ok {
			ex.Labels = setLabel(ex.Labels, name, s)
		}
	}
	if o.IDField != "" {
		if s, ok := fields.field(o.IDField); ok {
			ex.ID = s
		}
	}
	return nil
}

// fieldText renders a JSON value as text: strings unquoted, null empty,
// numbers and booleans as written, arrays and objects as compact JSON.
func fieldText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && (raw[0] == '{' || raw[0] == '[') {
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			return b.String()
		}
	}
	return rawID(raw)
}
