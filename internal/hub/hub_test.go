package hub

import (
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeHub serves files in the hub's URL layout on a loopback address.
type fakeHub struct {
	files map[string][]byte // path → content, of repo owner/data at main
	lfs   map[string]bool   // paths listed as LFS files (sha256) rather than Git blobs
	token string
	// cutAfter makes the next download of a path stop after that many bytes.
	cutAfter map[string]int
	mu       sync.Mutex
	ranges   []string
	auth     []string
}

func (h *fakeHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	h.auth = append(h.auth, r.Header.Get("Authorization"))
	h.mu.Unlock()
	if h.token != "" && r.Header.Get("Authorization") != "Bearer "+h.token {
		http.Error(w, "gated", http.StatusUnauthorized)
		return
	}
	switch {
	case r.URL.Path == "/api/datasets/owner/data/tree/main":
		var entries []map[string]any
		for p, b := range h.files {
			e := map[string]any{"type": "file", "path": p, "size": len(b)}
			if h.lfs[p] {
				s := sha256.Sum256(b)
				e["oid"] = "0123"
				e["lfs"] = map[string]any{"oid": hex.EncodeToString(s[:]), "size": len(b), "pointerSize": 130}
				e["size"] = 130
			} else {
				g := sha1.New()
				fmt.Fprintf(g, "blob %d\x00", len(b))
				g.Write(b)
				e["oid"] = hex.EncodeToString(g.Sum(nil))
			}
			entries = append(entries, e)
		}
		entries = append(entries, map[string]any{"type": "directory", "path": "data", "oid": "x", "size": 0})
		json.NewEncoder(w).Encode(entries)
	case strings.HasPrefix(r.URL.Path, "/datasets/owner/data/resolve/main/"):
		p := strings.TrimPrefix(r.URL.Path, "/datasets/owner/data/resolve/main/")
		b, ok := h.files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h.mu.Lock()
		h.ranges = append(h.ranges, r.Header.Get("Range"))
		cut, cutting := h.cutAfter[p]
		delete(h.cutAfter, p)
		h.mu.Unlock()
		if cutting {
			// Promise the whole file, send part of it, and drop the connection.
			w.Header().Set("Content-Length", fmt.Sprint(len(b)))
			w.WriteHeader(http.StatusOK)
			w.Write(b[:cut])
			w.(http.Flusher).Flush()
			conn, _, _ := w.(http.Hijacker).Hijack()
			conn.Close()
			return
		}
		http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(b))
	default:
		http.NotFound(w, r)
	}
}

func newTestHub(t *testing.T) (*fakeHub, *Client) {
	big := bytes.Repeat([]byte(`{"instruction": "Inspect the forklift.", "context": "", "response": "ok", "category": "open_qa"}`+"\n"), 3000)
	h := &fakeHub{
		files: map[string][]byte{
			"data/train-00000-of-00001.parquet": big,
			"data/test.jsonl":                   []byte(`{"instruction": "a", "context": "", "response": "b"}` + "\n"),
			"README.md":                         []byte("# data\n"),
		},
		lfs:      map[string]bool{"data/train-00000-of-00001.parquet": true},
		cutAfter: map[string]int{},
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c := &Client{Endpoint: srv.URL, Cache: t.TempDir(), HTTP: srv.Client()}
	return h, c
}

func TestFetchVerifiesAndCaches(t *testing.T) {
	h, c := newTestHub(t)
	snap, err := c.Fetch(context.Background(), "owner/data", "", []string{"data/*"})
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Paths) != 2 {
		t.Fatalf("fetched %v", snap.Paths)
	}
	for i, p := range snap.Paths {
		b, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(b, h.files[snap.Files[i].Path]) {
			t.Errorf("%s differs from the served file (%v)", p, err)
		}
	}
	got, err := c.Resolve("owner/data")
	if err != nil || len(got) != 2 {
		t.Errorf("Resolve = %v, %v", got, err)
	}
	// A second fetch downloads nothing.
	n := len(h.ranges)
	if _, err := c.Fetch(context.Background(), "owner/data", "", []string{"data/*"}); err != nil || len(h.ranges) != n {
		t.Errorf("refetch made %d downloads, err %v", len(h.ranges)-n, err)
	}
}

func TestFetchResumes(t *testing.T) {
	h, c := newTestHub(t)
	const p = "data/train-00000-of-00001.parquet"
	h.cutAfter[p] = 100_000
	_, err := c.Fetch(context.Background(), "owner/data", "main", []string{p})
	if err == nil {
		t.Fatal("a dropped connection gave no error")
	}
	part := filepath.Join(c.repoDir("owner/data", "main"), filepath.FromSlash(p)) + ".incomplete"
	if st, err := os.Stat(part); err != nil || st.Size() != 100_000 {
		t.Fatalf("partial file: %v %v", st, err)
	}
	snap, err := c.Fetch(context.Background(), "owner/data", "main", []string{p})
	if err != nil {
		t.Fatal(err)
	}
	if last := h.ranges[len(h.ranges)-1]; last != "bytes=100000-" {
		t.Errorf("resumed with Range %q, want bytes=100000-", last)
	}
	b, _ := os.ReadFile(snap.Paths[0])
	if !bytes.Equal(b, h.files[p]) {
		t.Error("resumed file differs from the served one")
	}
	if _, err := os.Stat(part); !os.IsNotExist(err) {
		t.Errorf("partial file left behind: %v", err)
	}
}

func TestFetchRejectsCorruption(t *testing.T) {
	h, c := newTestHub(t)
	const p = "data/test.jsonl"
	// A partial file whose bytes differ from the hub's: resuming from it
	// gives a file of the right size but the wrong hash.
	part := filepath.Join(c.repoDir("owner/data", "main"), filepath.FromSlash(p)) + ".incomplete"
	os.MkdirAll(filepath.Dir(part), 0o755)
	os.WriteFile(part, []byte(`{"INSTRUCTION"`), 0o644)
	_, err := c.Fetch(context.Background(), "owner/data", "main", []string{p})
	if !errors.Is(err, ErrVerify) {
		t.Fatalf("err = %v, want ErrVerify", err)
	}
	if _, err := os.Stat(part); !os.IsNotExist(err) {
		t.Error("corrupt partial file kept")
	}
	// The next fetch starts over and succeeds.
	if _, err := c.Fetch(context.Background(), "owner/data", "main", []string{p}); err != nil {
		t.Fatal(err)
	}
	_ = h
}

func TestTokenAndErrors(t *testing.T) {
	h, c := newTestHub(t)
	h.token = "hf_secret"
	if _, err := c.Fetch(context.Background(), "owner/data", "", nil); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("without a token: %v", err)
	}
	c.Token = "hf_secret"
	if _, err := c.Fetch(context.Background(), "owner/data", "", []string{"README.md"}); err != nil {
		t.Fatal(err)
	}
	if h.auth[len(h.auth)-1] != "Bearer hf_secret" {
		t.Errorf("Authorization %q", h.auth[len(h.auth)-1])
	}
	if _, err := c.Fetch(context.Background(), "owner/missing", "", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing repo: %v", err)
	}
	if _, err := c.Fetch(context.Background(), "nosuchname", "", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown name: %v", err)
	}
	if _, err := c.Resolve("dolly"); !errors.Is(err, ErrNotCached) {
		t.Errorf("Resolve of an unfetched dataset: %v", err)
	}
}

func TestNewClientEnvironment(t *testing.T) {
	t.Setenv("HF_ENDPOINT", "http://127.0.0.1:9/")
	t.Setenv("HF_TOKEN", "")
	t.Setenv("HUGGING_FACE_HUB_TOKEN", "")
	home := t.TempDir()
	t.Setenv("HF_HOME", home)
	os.WriteFile(filepath.Join(home, "token"), []byte("hf_file\n"), 0o600)
	t.Setenv("OCCUBIAS_CACHE", "/tmp/oc")
	c := NewClient()
	if c.Endpoint != "http://127.0.0.1:9" || c.Token != "hf_file" || c.Cache != "/tmp/oc" {
		t.Errorf("%+v", c)
	}
	t.Setenv("HF_TOKEN", "hf_env")
	if NewClient().Token != "hf_env" {
		t.Error("HF_TOKEN not preferred")
	}
}
