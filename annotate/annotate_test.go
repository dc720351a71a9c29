package annotate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// server answers chat completions with reply(n, request), n counting the
// requests from 1.
func server(t *testing.T, reply func(n int64, w http.ResponseWriter, req chatRequest)) (*httptest.Server, *atomic.Int64) {
	var n atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer k" {
			http.Error(w, "wrong path or key", http.StatusNotFound)
			return
		}
		var req chatRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		reply(n.Add(1), w, req)
	}))
	t.Cleanup(s.Close)
	return s, &n
}

type chatRequest struct {
	Model          string         `json:"model"`
	Messages       []message      `json:"messages"`
	ResponseFormat map[string]any `json:"response_format"`
}

func answer(w http.ResponseWriter, content string) {
	json.NewEncoder(w).Encode(map[string]any{
		"choices": []any{map[string]any{"message": map[string]string{"role": "assistant", "content": content}}},
		"usage":   map[string]int{"total_tokens": 100},
	})
}

func annotator(t *testing.T, url string, o Options) *Annotator {
	t.Helper()
	o.BaseURL, o.APIKey, o.Model = url+"/v1", "k", "m1"
	if o.Backoff == 0 {
		o.Backoff = time.Millisecond
	}
	a, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestHappyPath(t *testing.T) {
	s, n := server(t, func(_ int64, w http.ResponseWriter, req chatRequest) {
		if req.Model != "m1" || len(req.Messages) != 2 || req.Messages[0].Role != "system" || req.ResponseFormat["type"] != "json_schema" {
			http.Error(w, "bad request", 400)
			return
		}
		code := map[string]string{"Write a SQL join": "15-1242.00", "hello there": "none"}[req.Messages[1].Content]
		answer(w, fmt.Sprintf(`{"code": %q, "confidence": 3}`, code))
	})
	a := annotator(t, s.URL, Options{})
	got, err := a.Annotate(context.Background(), []string{"Write a SQL join", "hello there"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if g := got[0]; g.Code != "15-1242.00" || g.Major != "15" || g.Title != "Database Administrators" || g.Confidence != 3 || g.Model != "m1" || len(g.PromptSHA256) != 64 {
		t.Errorf("%+v", g)
	}
	if got[1].Code != "none" || got[1].Major != "none" {
		t.Errorf("%+v", got[1])
	}
	if st := a.Stats(); n.Load() != 2 || st.Requests != 2 || st.Tokens != 200 {
		t.Errorf("%d requests, stats %+v", n.Load(), st)
	}
}

// TestRetries: 429 with Retry-After is waited out, 500s are retried,
// a timeout is retried, and a 400 is not.
func TestRetries(t *testing.T) {
	ok := `{"code": "29-1141.00", "confidence": 2}`
	s, n := server(t, func(n int64, w http.ResponseWriter, _ chatRequest) {
		switch n {
		case 1:
			w.Header().Set("Retry-After", "1")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		case 2, 3:
			http.Error(w, "oops", http.StatusBadGateway)
		case 4:
			time.Sleep(300 * time.Millisecond) // past the timeout below
			answer(w, ok)
		default:
			answer(w, ok)
		}
	})
	a := annotator(t, s.URL, Options{Concurrency: 1, Timeout: 100 * time.Millisecond})
	start := time.Now()
	got, err := a.Annotate(context.Background(), []string{"Chart a patient's vitals"}, nil)
	if err != nil || got[0].Code != "29-1141.00" {
		t.Fatalf("%+v, %v", got, err)
	}
	if waited := time.Since(start); waited < 900*time.Millisecond {
		t.Errorf("Retry-After of 1 s not honoured: done in %v", waited)
	}
	if st := a.Stats(); n.Load() != 5 || st.Retries != 4 {
		t.Errorf("%d requests, %d retries", n.Load(), st.Retries)
	}
	bad, _ := server(t, func(_ int64, w http.ResponseWriter, _ chatRequest) {
		http.Error(w, "no such model", http.StatusNotFound)
	})
	if _, err := annotator(t, bad.URL, Options{}).Annotate(context.Background(), []string{"x"}, nil); !errors.Is(err, ErrRequest) {
		t.Errorf("404: %v", err)
	}
}

// TestInvalidAnswers: a malformed answer and a code outside the taxonomy
// are sent back once with what is wrong; a second bad answer leaves the
// text unassigned, with both answers recorded.
func TestInvalidAnswers(t *testing.T) {
	s, _ := server(t, func(_ int64, w http.ResponseWriter, req chatRequest) {
		text := req.Messages[1].Content
		retry := len(req.Messages) > 2
		switch {
		case text == "malformed" && !retry:
			answer(w, "The occupation is nurse.")
		case text == "malformed":
			answer(w, "```json\n{\"code\": \"29-1141.00\", \"confidence\": 2}\n```")
		case text == "outside":
			if !retry || !strings.Contains(req.Messages[3].Content, `"99-9999.00" is not a code`) {
				answer(w, `{"code": "99-9999.00", "confidence": 3}`)
				return
			}
			answer(w, `{"code": "99-9998.00", "confidence": 3}`)
		}
	})
	a := annotator(t, s.URL, Options{})
	got, err := a.Annotate(context.Background(), []string{"malformed", "outside"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if g := got[0]; g.Code != "29-1141.00" || len(g.Invalid) != 1 || g.Err != "" {
		t.Errorf("malformed then valid: %+v", g)
	}
	if g := got[1]; g.Code != "" || len(g.Invalid) != 2 || !strings.Contains(g.Err, "not a code of the taxonomy") {
		t.Errorf("outside twice: %+v", g)
	}
}

// TestCancelKeepsCache cancels a run midway; the answers received are in
// the cache, and a second run asks only for the others.
func TestCancelKeepsCache(t *testing.T) {
	texts := make([]string, 20)
	for i := range texts {
		texts[i] = fmt.Sprintf("text %d", i)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	s, n := server(t, func(n int64, w http.ResponseWriter, _ chatRequest) {
		if n > 8 {
			once.Do(cancel)
			time.Sleep(50 * time.Millisecond)
		}
		answer(w, `{"code": "15-1252.00", "confidence": 2}`)
	})
	cache := t.TempDir()
	a := annotator(t, s.URL, Options{CacheDir: cache, Concurrency: 2})
	got, err := a.Annotate(ctx, texts, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	answered := 0
	for _, g := range got {
		if g.Code != "" {
			answered++
		}
	}
	sent := n.Load()
	b := annotator(t, s.URL, Options{CacheDir: cache, Concurrency: 2})
	again, err := b.Annotate(context.Background(), texts, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range again {
		if g.Code != "15-1252.00" || g.Text != texts[i] {
			t.Fatalf("answer %d: %+v", i, g)
		}
	}
	if st := b.Stats(); st.Cached < int64(answered) || st.Requests != int64(len(texts))-st.Cached || answered < 8 {
		t.Errorf("first run answered %d (%d sent); second: %+v", answered, sent, st)
	}
}

func TestBudget(t *testing.T) {
	s, _ := server(t, func(_ int64, w http.ResponseWriter, _ chatRequest) { answer(w, `{"code": "none", "confidence": 3}`) })
	a := annotator(t, s.URL, Options{MaxRequests: 3, Concurrency: 1})
	got, err := a.Annotate(context.Background(), []string{"a", "b", "c", "d", "e"}, nil)
	if !errors.Is(err, ErrBudget) || got[2].Code != "none" || got[3].Code != "" {
		t.Errorf("%v, %+v", err, got)
	}
	tok := annotator(t, s.URL, Options{MaxTokens: 150, Concurrency: 1})
	if _, err := tok.Annotate(context.Background(), []string{"a", "b", "c"}, nil); !errors.Is(err, ErrBudget) || tok.Stats().Requests != 2 {
		t.Errorf("token budget: %v, %+v", err, tok.Stats())
	}
}

// TestJSONModeFallback: a server that refuses json_schema is asked again
// in JSON mode.
func TestJSONModeFallback(t *testing.T) {
	s, _ := server(t, func(_ int64, w http.ResponseWriter, req chatRequest) {
		if req.ResponseFormat["type"] != "json_object" {
			http.Error(w, `{"error": "response_format json_schema is not supported"}`, http.StatusBadRequest)
			return
		}
		answer(w, `{"code": "25-2021.00", "confidence": 3}`)
	})
	got, err := annotator(t, s.URL, Options{}).Annotate(context.Background(), []string{"Plan a fractions lesson"}, nil)
	if err != nil || got[0].Code != "25-2021.00" {
		t.Errorf("%+v, %v", got, err)
	}
}

func TestSample(t *testing.T) {
	got := Sample([]int{100, 50, 10}, 32, 7)
	if len(got[0]) != 20 || len(got[1]) != 10 || len(got[2]) != 2 {
		t.Errorf("shares %d %d %d, want 20 10 2", len(got[0]), len(got[1]), len(got[2]))
	}
	again := Sample([]int{100, 50, 10}, 32, 7)
	for g := range got {
		for i := range got[g] {
			if got[g][i] != again[g][i] || got[g][i] >= []int{100, 50, 10}[g] || i > 0 && got[g][i] <= got[g][i-1] {
				t.Fatalf("group %d: %v / %v", g, got[g], again[g])
			}
		}
	}
	if all := Sample([]int{3, 2}, 10, 1); len(all[0]) != 3 || len(all[1]) != 2 {
		t.Errorf("everything: %v", all)
	}
}
