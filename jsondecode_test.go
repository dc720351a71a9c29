package occubias

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"unicode/utf8"
)

// recordCases are records of every known format and the JSON corners the
// record decoder must read exactly as encoding/json does, or decline.
var recordCases = []string{
	`{"id":"a1","conversations":[{"from":"human","value":"Hi \"there\"\n\u00e9\ud83d\ude00"},{"from":"gpt","value":"x"}]}`,
	`{"idx": 7, "conversations": [ {"from": "human", "value": "plain"} ] }`,
	`{"messages":[{"role":"user","content":"a\/b\\c\t"},{"role":"assistant","content":null}],"category":"Sales","occupation":"x","topic":"t"}`,
	`{"instruction":"Do it","context":"","response":"ok","category":"open_qa"}`,
	`{"Instruction":"Upper","Skill":"math","Difficulty":3,"idx":1}`,
	`{"instruction":"i","input":"in","output":"o","history":[["a","b"],["c","d"]],"system":"s"}`,
	`{"question_id":81,"category":"writing","turns":["one","two"]}`,
	`{"id":"seed","name":"n","instruction":"i","instances":[{"input":"","output":"x"}],"is_classification":false}`,
	`{"instruction":null,"input":null,"turns":null,"history":[null,["a"]],"instances":null}`,
	`{"labels":{"a":"1","b":null},"source":"s","messages":[]}`,
	`{"conversations":[null,{"from":"human","value":"v","extra":{"deep":[1,2.5e-3,-0,true,false,null,"s"]}}]}`,
	`{"id":{"nested":[1,{"x":"y"}]},"index":-12.75E+2}`,
	`{"labels":{"a":"1"},"labels":{"b":"2"}}`,
	`{"instruction":"a","instruction":"b"}`,
	`{"INPUT":"folded","Output":"o","instruction":"i"}`,
	// Valid, but left to encoding/json.
	`{"conversations":[],"conversations":[{"from":"human","value":"dup"}]}`,
	`{"ſkill":"long s folds to skill"}`,
	`{"instruct\u0069on":"escaped key"}`,
	// Malformed or of another type: encoding/json errs, the decoder declines.
	`{"instruction":1}`,
	`{"conversations":"text"}`,
	`{"conversations":[{"from":"human","value":"x"]}`,
	`{"a":01}`,
	`{"a":1.}`,
	`{"a":-}`,
	`{"a":tru}`,
	`{"a":"bad \x escape"}`,
	`{"a":"lone \ud800 surrogate"}`,
	`{"a":"ctrl ` + "\x01" + `"}`,
	`{"a":1,}`,
	`{,"a":1}`,
	`{"a" 1}`,
	`{"a":1} x`,
	`{"a":"unterminated}`,
	`{"instruction":"x"`,
	"{\"instruction\":\"latin-1 caf\xe9\"}",
	"{\"a\":\"\xed\xa0\x80 a surrogate in UTF-8\"}",
	"{\"a\":1}\xff",
}

// checkRecordDecoder asserts that decodeRecord gives what encoding/json
// gives for raw, or declines it; and declines whatever encoding/json
// refuses.
func checkRecordDecoder(t *testing.T, raw []byte) {
	t.Helper()
	var want, got rawRecord
	wantErr := json.Unmarshal(raw, &want)
	err := decodeRecord(raw, &got)
	if errors.Is(err, errDeclined) {
		return
	}
	if err != nil {
		t.Fatalf("%q: error %v, want nil or errDeclined", raw, err)
	}
	if wantErr != nil {
		t.Fatalf("%q: decoded, but encoding/json says %v", raw, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\ngot  %+v\nwant %+v", raw, got, want)
	}
}

func TestDecodeRecordMatchesEncodingJSON(t *testing.T) {
	declined := 0
	for _, c := range recordCases {
		checkRecordDecoder(t, []byte(c))
		var r rawRecord
		if errors.Is(decodeRecord([]byte(c), &r), errDeclined) {
			declined++
		}
	}
	// The well-formed records of the first half are read, not declined.
	for _, c := range recordCases[:15] {
		var r rawRecord
		if err := decodeRecord([]byte(c), &r); err != nil {
			t.Errorf("%q declined: %v", c, err)
		}
	}
	if want := len(recordCases) - 15; declined != want {
		t.Errorf("%d records declined, want %d", declined, want)
	}
}

func FuzzDecodeRecord(f *testing.F) {
	for _, c := range recordCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkRecordDecoder(t, raw)
		var r rawRecord
		if err := decodeRecord(raw, &r); !utf8.Valid(raw) && !errors.Is(err, errDeclined) {
			t.Fatalf("%q is not UTF-8, and was read (%v)", raw, err)
		}
	})
}

// TestRawID: ids read without encoding/json are those it reads.
func TestRawID(t *testing.T) {
	reference := func(raw json.RawMessage) string {
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 || string(raw) == "null" {
			return ""
		}
		var s string
		if raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
			return s
		}
		return string(raw)
	}
	for _, id := range []string{`"gen_12"`, `""`, `"a\"b"`, `"tab\there"`, "\"ctrl\x01\"", `"é 中"`, `12`, `-1.5e3`, `null`, ` "spaced" `, `"unterminated`, `"`} {
		if got, want := rawID(json.RawMessage(id)), reference(json.RawMessage(id)); got != want {
			t.Errorf("rawID(%s) = %q, want %q", id, got, want)
		}
	}
}
