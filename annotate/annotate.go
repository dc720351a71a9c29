// Package annotate labels instructions with their occupation by asking a
// language model, the way the OccuQuest paper and our gold sets were
// labelled: any server that speaks OpenAI's chat completions API (hosted
// APIs, vLLM, llama.cpp's server, Ollama) is asked for the O*NET-SOC code
// of each text, in structured output, and each answer is checked against
// the taxonomy. Requests run concurrently within a request and token
// budget, are retried with exponential backoff on 429, 5xx and timeouts
// (honouring Retry-After), and every answer is cached by model, prompt and
// text, so that an interrupted run resumes without paying twice.
package annotate

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/occubias/occubias/taxonomy"
)

// Errors of a run; each is wrapped with its details.
var (
	// ErrBudget ends a run that would exceed Options.MaxRequests or
	// MaxTokens; the answers received before are kept.
	ErrBudget = errors.New("annotate: budget exhausted")
	// ErrRequest is a request that failed for good: a status that is not
	// retried (400, 401, 404 ...) or retries used up.
	ErrRequest = errors.New("annotate: request failed")
)

// Options configures an Annotator.
type Options struct {
	// BaseURL is the API's base, such as "https://api.openai.com/v1" or
	// "http://localhost:8000/v1"; empty means $OPENAI_BASE_URL.
	BaseURL string
	// APIKey is sent as a bearer token; empty means $OPENAI_API_KEY.
	APIKey string
	// Model names the model.
	Model string
	// Prompt is the system prompt; empty means DefaultPrompt of the
	// taxonomy.
	Prompt string
	// Taxonomy is the classes answers must belong to; nil means SOC.
	Taxonomy *taxonomy.Taxonomy
	// Concurrency bounds the requests in flight; 0 means 4.
	Concurrency int
	// MaxRetries is how often a request is retried on 429, 5xx, a timeout
	// or a broken connection; 0 means 5.
	MaxRetries int
	// Backoff is the first retry's wait, doubled at each retry (with up to
	// as much again of random jitter) and capped at a minute; 0 means 1 s.
	Backoff time.Duration
	// Timeout bounds one request; 0 means 2 minutes.
	Timeout time.Duration
	// MaxRequests and MaxTokens bound the run (0: no bound); tokens are
	// those the server reports in usage.
	MaxRequests, MaxTokens int64
	// CacheDir keeps every answer received; empty means no cache.
	CacheDir string
	// Client sends the requests; nil means http.DefaultClient.
	Client *http.Client
}

// Answer is a model's label for one text.
type Answer struct {
	Text string `json:"text"`
	// Code is the O*NET-SOC code, or "none" when the model says no
	// occupation is served; empty when the text is unassigned (Err).
	Code       string `json:"code"`
	Major      string `json:"major"`
	Title      string `json:"title"`
	Confidence int    `json:"confidence"`
	Model      string `json:"model"`
	// PromptSHA256 identifies the system prompt the answer was given to.
	PromptSHA256 string `json:"prompt_sha256"`
	// Invalid holds answers the model gave that were not in the taxonomy
	// or not well-formed; Err says why the text is unassigned.
	Invalid []string `json:"invalid,omitempty"`
	Err     string   `json:"error,omitempty"`
	// Cached is true when the answer came from the cache.
	Cached bool `json:"-"`
}

// Stats counts what an Annotator did so far: requests sent, tokens the
// server reported, retries, answers taken from the cache.
type Stats struct {
	Requests, Tokens, Retries, Cached int64
}

// Annotator asks one model for the occupation of texts. It is safe for
// concurrent use.
type Annotator struct {
	o         Options
	promptSHA string
	requests  atomic.Int64
	tokens    atomic.Int64
	retries   atomic.Int64
	cached    atomic.Int64
	mu        sync.Mutex
	jsonMode  bool // the server refused json_schema: ask for json_object
}

// New returns an Annotator with o's defaults filled in.
func New(o Options) (*Annotator, error) {
	if o.BaseURL == "" {
		o.BaseURL = os.Getenv("OPENAI_BASE_URL")
	}
	if o.APIKey == "" {
		o.APIKey = os.Getenv("OPENAI_API_KEY")
	}
	if o.BaseURL == "" {
		return nil, fmt.Errorf("annotate: no API base URL (--base-url or OPENAI_BASE_URL)")
	}
	if o.Model == "" {
		return nil, fmt.Errorf("annotate: no model")
	}
	if o.Taxonomy == nil {
		o.Taxonomy = taxonomy.SOC()
	}
	if o.Prompt == "" {
		o.Prompt = DefaultPrompt(o.Taxonomy)
	}
	if o.Concurrency <= 0 {
		o.Concurrency = 4
	}
	if o.MaxRetries <= 0 {
		o.MaxRetries = 5
	}
	if o.Backoff <= 0 {
		o.Backoff = time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 2 * time.Minute
	}
	if o.Client == nil {
		o.Client = http.DefaultClient
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	sum := sha256.Sum256([]byte(o.Prompt))
	return &Annotator{o: o, promptSHA: hex.EncodeToString(sum[:])}, nil
}

// Model returns the model the annotator asks.
func (a *Annotator) Model() string { return a.o.Model }

// Prompt returns the system prompt the annotator sends.
func (a *Annotator) Prompt() string { return a.o.Prompt }

// Endpoint returns the URL the annotator posts to.
func (a *Annotator) Endpoint() string { return a.o.BaseURL + "/chat/completions" }

// Stats returns what the annotator has done so far.
func (a *Annotator) Stats() Stats {
	return Stats{Requests: a.requests.Load(), Tokens: a.tokens.Load(), Retries: a.retries.Load(), Cached: a.cached.Load()}
}

// Annotate labels texts, o.Concurrency at a time, and returns their
// answers in order. progress, when set, is called after each answer. On
// cancellation or an exhausted budget it returns what was answered (the
// others are zero Answers) with the error; every answer received is in the
// cache already.
func (a *Annotator) Annotate(ctx context.Context, texts []string, progress func(done int, st Stats)) ([]Answer, error) {
	out := make([]Answer, len(texts))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next     atomic.Int64
		done     atomic.Int64
		firstErr error
		errOnce  sync.Once
		wg       sync.WaitGroup
	)
	for w := 0; w < a.o.Concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(texts) || ctx.Err() != nil {
					return
				}
				ans, err := a.One(ctx, texts[i])
				if err != nil {
					errOnce.Do(func() { firstErr = err; cancel() })
					return
				}
				out[i] = ans
				n := done.Add(1)
				if progress != nil {
					progress(int(n), a.Stats())
				}
			}
		}()
	}
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return out, firstErr
}

// One labels one text: from the cache, or by asking the model (once more,
// with what was wrong, when its answer is not in the taxonomy).
func (a *Annotator) One(ctx context.Context, text string) (Answer, error) {
	key := a.cacheKey(text)
	if ans, ok := a.fromCache(key); ok {
		a.cached.Add(1)
		ans.Cached = true
		return ans, nil
	}
	ans := Answer{Text: text, Model: a.o.Model, PromptSHA256: a.promptSHA}
	messages := []message{{"system", a.o.Prompt}, {"user", text}}
	for attempt := 0; attempt < 2; attempt++ {
		content, err := a.complete(ctx, messages)
		if err != nil {
			return Answer{}, err
		}
		code, conf, why := a.check(content)
		if why == "" {
			ans.Code, ans.Confidence = code, conf
			if code != "none" {
				o, _ := a.o.Taxonomy.Occupation(code)
				ans.Major, ans.Title = o.Parent, o.Title
			} else {
				ans.Major = "none"
			}
			break
		}
		ans.Invalid = append(ans.Invalid, content)
		ans.Err = why
		messages = append(messages, message{"assistant", content},
			message{"user", "That answer is not valid: " + why + ". Answer again with the JSON object only, its code one of the taxonomy's or \"none\"."})
	}
	if ans.Code != "" {
		ans.Err = ""
	}
	a.toCache(key, ans)
	return ans, nil
}

// check parses and validates an answer: a JSON object with a code of the
// taxonomy (or "none") and a confidence from 1 to 3, nothing else.
func (a *Annotator) check(content string) (code string, confidence int, why string) {
	var v struct {
		Code       string `json:"code"`
		Confidence int    `json:"confidence"`
	}
	dec := json.NewDecoder(strings.NewReader(strings.TrimSpace(stripFence(content))))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return "", 0, fmt.Sprintf("not the JSON object asked for (%v)", err)
	}
	if dec.More() {
		return "", 0, "more than one JSON value"
	}
	if v.Confidence < 1 || v.Confidence > 3 {
		return "", 0, fmt.Sprintf("confidence %d is not 1, 2 or 3", v.Confidence)
	}
	if v.Code != "none" && a.o.Taxonomy.Index(taxonomy.Occupation, v.Code) < 0 {
		return "", 0, fmt.Sprintf("%q is not a code of the taxonomy", v.Code)
	}
	return v.Code, v.Confidence, ""
}

// stripFence removes a Markdown code fence some models wrap JSON in.
func stripFence(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "```") {
		s = strings.TrimPrefix(s, "```json")
		s = strings.TrimPrefix(s, "```")
		s = strings.TrimSuffix(strings.TrimSpace(s), "```")
	}
	return s
}

type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// schema is the structured output asked for.
var schema = map[string]any{
	"type": "json_schema",
	"json_schema": map[string]any{
		"name":   "occupation",
		"strict": true,
		"schema": map[string]any{
			"type":                 "object",
			"additionalProperties": false,
			"required":             []string{"code", "confidence"},
			"properties": map[string]any{
				"code":       map[string]any{"type": "string"},
				"confidence": map[string]any{"type": "integer", "enum": []int{1, 2, 3}},
			},
		},
	},
}

// complete sends one chat completion, retrying as Options says, and
// returns the answer's content.
func (a *Annotator) complete(ctx context.Context, messages []message) (string, error) {
	for attempt := 0; ; attempt++ {
		if err := a.spend(); err != nil {
			return "", err
		}
		content, retryAfter, err := a.post(ctx, messages)
		if err == nil {
			return content, nil
		}
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		var re *retryable
		if !errors.As(err, &re) || attempt >= a.o.MaxRetries {
			return "", fmt.Errorf("%w: %v", ErrRequest, err)
		}
		a.retries.Add(1)
		wait := retryAfter
		if wait <= 0 {
			wait = a.o.Backoff << attempt
			wait += time.Duration(rand.Int64N(int64(wait) + 1))
			wait = min(wait, time.Minute)
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

// spend counts one request against the budget.
func (a *Annotator) spend() error {
	if m := a.o.MaxRequests; m > 0 && a.requests.Load() >= m {
		return fmt.Errorf("%w: %d requests", ErrBudget, m)
	}
	if m := a.o.MaxTokens; m > 0 && a.tokens.Load() >= m {
		return fmt.Errorf("%w: %d tokens", ErrBudget, m)
	}
	a.requests.Add(1)
	return nil
}

// retryable marks an error worth another try.
type retryable struct{ err error }

func (r *retryable) Error() string { return r.err.Error() }

func (a *Annotator) post(ctx context.Context, messages []message) (content string, retryAfter time.Duration, err error) {
	a.mu.Lock()
	jsonMode := a.jsonMode
	a.mu.Unlock()
	body := map[string]any{"model": a.o.Model, "messages": messages, "temperature": 0}
	if jsonMode {
		body["response_format"] = map[string]any{"type": "json_object"}
	} else {
		body["response_format"] = schema
	}
	b, err := json.Marshal(body)
	if err != nil {
		return "", 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, a.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.o.BaseURL+"/chat/completions", bytes.NewReader(b))
	if err != nil {
		return "", 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if a.o.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+a.o.APIKey)
	}
	resp, err := a.o.Client.Do(req)
	if err != nil {
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return "", 0, err
		}
		return "", 0, &retryable{err} // a timeout or a broken connection
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return "", 0, &retryable{err}
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return "", parseRetryAfter(resp.Header.Get("Retry-After")), &retryable{fmt.Errorf("status %d: %s", resp.StatusCode, snippet(data))}
	case resp.StatusCode == http.StatusBadRequest && !jsonMode && strings.Contains(string(data), "response_format"):
		// A server without structured output: ask for JSON mode instead.
		a.mu.Lock()
		a.jsonMode = true
		a.mu.Unlock()
		return "", 0, &retryable{fmt.Errorf("status 400 on json_schema: %s", snippet(data))}
	case resp.StatusCode != http.StatusOK:
		return "", 0, fmt.Errorf("status %d: %s", resp.StatusCode, snippet(data))
	}
	var r struct {
		Choices []struct {
			Message message `json:"message"`
		} `json:"choices"`
		Usage struct {
			TotalTokens int64 `json:"total_tokens"`
		} `json:"usage"`
	}
	if err := json.Unmarshal(data, &r); err != nil || len(r.Choices) == 0 {
		return "", 0, &retryable{fmt.Errorf("not a chat completion: %s", snippet(data))}
	}
	a.tokens.Add(r.Usage.TotalTokens)
	return r.Choices[0].Message.Content, 0, nil
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(h string) time.Duration {
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

func snippet(b []byte) string {
	if len(b) > 200 {
		b = b[:200]
	}
	return strings.TrimSpace(string(b))
}

// cacheKey identifies an answer by model, prompt and text.
func (a *Annotator) cacheKey(text string) string {
	h := sha256.New()
	h.Write([]byte(a.o.Model))
	h.Write([]byte{0})
	h.Write([]byte(a.promptSHA))
	h.Write([]byte{0})
	h.Write([]byte(text))
	return hex.EncodeToString(h.Sum(nil))
}

func (a *Annotator) cachePath(key string) string {
	return filepath.Join(a.o.CacheDir, key[:2], key+".json")
}

func (a *Annotator) fromCache(key string) (Answer, bool) {
	if a.o.CacheDir == "" {
		return Answer{}, false
	}
	b, err := os.ReadFile(a.cachePath(key))
	if err != nil || len(b) > 16<<20 {
		return Answer{}, false
	}
	var ans Answer
	if json.Unmarshal(b, &ans) != nil {
		return Answer{}, false
	}
	return ans, true
}

// toCache writes an answer atomically (a temporary file renamed), so that
// an interrupted run never leaves half an answer.
func (a *Annotator) toCache(key string, ans Answer) {
	if a.o.CacheDir == "" {
		return
	}
	path := a.cachePath(key)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	b, _ := json.Marshal(ans)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".answer-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b)
	if cerr := tmp.Close(); werr == nil && cerr == nil {
		os.Rename(tmp.Name(), path)
		return
	}
	os.Remove(tmp.Name())
}

// DefaultPrompt is the labelling rubric with the taxonomy's occupations,
// the instructions our gold sets were labelled under, shortened.
func DefaultPrompt(tax *taxonomy.Taxonomy) string {
	var b strings.Builder
	b.WriteString(`You label instructions given to an AI assistant with the occupation whose work or expertise the request draws on: the occupation of the professional who would be asked to do this task, or whose knowledge answers the question.

Rules:
- Choose exactly one O*NET-SOC 2019 occupation code from the list below.
- Judge by what the request needs, not by who seems to ask: "write a cover letter for a nurse" needs a writer's skill, not a nurse's.
- Code, data and software requests go to the computer occupation that does that work (software developers, data scientists, database administrators ...).
- General knowledge, trivia and homework go to the occupation that teaches or researches the subject (a history question to historians or history teachers).
- Answer "none" only when no occupation is served at all: greetings, questions about the assistant itself.
- confidence: 3 when the occupation is obvious, 2 when one of a few fits, 1 when it is a guess among fields.

Answer with a JSON object only: {"code": "<code or none>", "confidence": <1, 2 or 3>}.

Occupations (code, title):
`)
	for _, o := range tax.Occupations {
		b.WriteString(o.Code)
		b.WriteByte('\t')
		b.WriteString(o.Title)
		b.WriteByte('\n')
	}
	return b.String()
}

// EstimateTokens guesses a text's tokens as its bytes over four, the
// usual ratio for English with OpenAI's tokenizers, for a cost estimate
// before any request is made.
func EstimateTokens(s string) int64 { return int64(len(s)+3) / 4 }
