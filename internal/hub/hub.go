// Package hub downloads datasets from the Hugging Face hub into a local
// cache, resumably and verified, so that well-known datasets can be
// analysed by name.
//
// It speaks the hub's public HTTP layout, as the official client does:
// GET {endpoint}/api/datasets/{repo}/tree/{revision}?recursive=true lists
// the files with their sizes and hashes, and GET {endpoint}/datasets/{repo}/
// resolve/{revision}/{path} downloads one, with Range requests to resume.
// HF_ENDPOINT, HF_TOKEN (or HUGGING_FACE_HUB_TOKEN, or the token file under
// HF_HOME) configure it like the official client.
package hub

import (
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// DefaultEndpoint is the hub's address unless HF_ENDPOINT says otherwise.
const DefaultEndpoint = "https://huggingface.co"

var (
	// ErrNotFound is returned for a repository, revision or file the hub
	// does not have (HTTP 404), or a dataset name that is not known.
	ErrNotFound = errors.New("hub: not found")
	// ErrUnauthorized is returned when the hub refuses the request (HTTP
	// 401 or 403): a gated or private dataset needs a token.
	ErrUnauthorized = errors.New("hub: unauthorized (set HF_TOKEN for gated or private datasets)")
	// ErrVerify is returned when a downloaded file's size or hash differs
	// from the hub's listing; the file is not kept.
	ErrVerify = errors.New("hub: downloaded file does not match the listing")
	// ErrNotCached is returned by Resolve for a dataset not fetched yet.
	ErrNotCached = errors.New("hub: dataset not in the cache (run `occubias fetch` first)")
)

// Dataset is a well-known dataset: its repository and the files of it
// that hold the instructions.
type Dataset struct {
	Name     string   `json:"name"`
	Repo     string   `json:"repo"`
	Patterns []string `json:"patterns"`
	About    string   `json:"about"`
}

// Known lists the datasets that can be fetched and analysed by name.
var Known = []Dataset{
	{"dolly", "databricks/databricks-dolly-15k", []string{"databricks-dolly-15k.jsonl"}, "databricks-dolly-15k, 15,011 human-written instructions"},
	{"sharegpt", "anon8231489123/ShareGPT_Vicuna_unfiltered", []string{"ShareGPT_V3_unfiltered_cleaned_split.json"}, "ShareGPT conversations, V3 cleaned split"},
	{"wizardlm", "WizardLMTeam/WizardLM_evol_instruct_70k", []string{"alpaca_evol_instruct_70k.json"}, "WizardLM evol-instruct 70k"},
	{"wizardlm-v2", "WizardLMTeam/WizardLM_evol_instruct_V2_196k", []string{"WizardLM_evol_instruct_V2_143k.json"}, "WizardLM evol-instruct V2"},
	{"occuquest", "OFA-Sys/OccuQuest", []string{"data/*.parquet"}, "OccuQuest, 1,013 occupations in 26 categories (six splits)"},
}

// Lookup returns the known dataset with the given name.
func Lookup(name string) (Dataset, bool) {
	for _, d := range Known {
		if strings.EqualFold(d.Name, name) {
			return d, true
		}
	}
	return Dataset{}, false
}

// Client talks to one hub endpoint and keeps a cache directory.
type Client struct {
	Endpoint string
	Token    string
	Cache    string
	HTTP     *http.Client
	// Progress, when set, is called as bytes of a file arrive.
	Progress func(file string, done, total int64)
}

// NewClient configures a client from the environment: HF_ENDPOINT,
// HF_TOKEN, HUGGING_FACE_HUB_TOKEN or $HF_HOME/token, and the cache
// directory OCCUBIAS_CACHE, else $XDG_CACHE_HOME/occubias, else
// ~/.cache/occubias.
func NewClient() *Client {
	c := &Client{Endpoint: DefaultEndpoint, HTTP: &http.Client{Timeout: 0}}
	if e := os.Getenv("HF_ENDPOINT"); e != "" {
		c.Endpoint = strings.TrimRight(e, "/")
	}
	c.Token = os.Getenv("HF_TOKEN")
	if c.Token == "" {
		c.Token = os.Getenv("HUGGING_FACE_HUB_TOKEN")
	}
	home, _ := os.UserHomeDir()
	if c.Token == "" {
		hfHome := os.Getenv("HF_HOME")
		if hfHome == "" {
			hfHome = filepath.Join(home, ".cache", "huggingface")
		}
		if b, err := os.ReadFile(filepath.Join(hfHome, "token")); err == nil {
			c.Token = strings.TrimSpace(string(b))
		}
	}
	switch {
	case os.Getenv("OCCUBIAS_CACHE") != "":
		c.Cache = os.Getenv("OCCUBIAS_CACHE")
	case os.Getenv("XDG_CACHE_HOME") != "":
		c.Cache = filepath.Join(os.Getenv("XDG_CACHE_HOME"), "occubias")
	default:
		c.Cache = filepath.Join(home, ".cache", "occubias")
	}
	return c
}

// File is one file of a repository as the hub lists it.
type File struct {
	Path string `json:"path"`
	Size int64  `json:"size"`
	// SHA256 is the content hash of files stored with Git LFS.
	SHA256 string `json:"sha256,omitempty"`
	// GitOID is the Git blob hash (SHA-1 of "blob <size>\0" and the content).
	GitOID string `json:"git_oid,omitempty"`
}

type treeEntry struct {
	Type string `json:"type"`
	Path string `json:"path"`
	Size int64  `json:"size"`
	OID  string `json:"oid"`
	LFS  *struct {
		OID  string `json:"oid"`
		Size int64  `json:"size"`
	} `json:"lfs"`
}

func (c *Client) get(ctx context.Context, u string, header http.Header) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", "occubias")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	switch resp.StatusCode {
	case http.StatusOK, http.StatusPartialContent:
		return resp, nil
	case http.StatusNotFound:
		resp.Body.Close()
		return nil, fmt.Errorf("%w: %s", ErrNotFound, u)
	case http.StatusUnauthorized, http.StatusForbidden:
		resp.Body.Close()
		return nil, fmt.Errorf("%w: %s", ErrUnauthorized, u)
	}
	resp.Body.Close()
	return nil, fmt.Errorf("hub: %s: %s", u, resp.Status)
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

// List returns every file of a dataset repository at a revision.
func (c *Client) List(ctx context.Context, repo, revision string) ([]File, error) {
	u := fmt.Sprintf("%s/api/datasets/%s/tree/%s?recursive=true", c.Endpoint, escapePath(repo), url.PathEscape(revision))
	resp, err := c.get(ctx, u, nil)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var entries []treeEntry
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(&entries); err != nil {
		return nil, fmt.Errorf("hub: listing %s: %w", repo, err)
	}
	var files []File
	for _, e := range entries {
		if e.Type != "file" {
			continue
		}
		f := File{Path: e.Path, Size: e.Size, GitOID: e.OID}
		if e.LFS != nil {
			f.SHA256, f.Size, f.GitOID = e.LFS.OID, e.LFS.Size, ""
		}
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// repoDir is where a repository's revision is cached.
func (c *Client) repoDir(repo, revision string) string {
	return filepath.Join(c.Cache, "datasets", strings.ReplaceAll(repo, "/", "--"), revision)
}

// Download fetches one file into the cache and returns its local path. A
// file already complete is not fetched again; a partial download left by
// an interruption is resumed with a Range request. The file is verified
// against f's size and hash before it takes its final name.
func (c *Client) Download(ctx context.Context, repo, revision string, f File) (string, error) {
	dst := filepath.Join(c.repoDir(repo, revision), filepath.FromSlash(f.Path))
	if st, err := os.Stat(dst); err == nil && st.Size() == f.Size {
		return dst, nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	part := dst + ".incomplete"
	out, err := os.OpenFile(part, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return "", err
	}
	defer out.Close()
	h, newHash := f.hasher()
	have, err := io.Copy(h, out) // re-hash what an earlier attempt kept
	if err != nil {
		return "", err
	}
	if have > f.Size {
		if err := out.Truncate(0); err != nil {
			return "", err
		}
		have, h = 0, newHash()
		out.Seek(0, io.SeekStart)
	}
	if have < f.Size || f.Size == 0 {
		u := fmt.Sprintf("%s/datasets/%s/resolve/%s/%s", c.Endpoint, escapePath(repo), url.PathEscape(revision), escapePath(f.Path))
		header := http.Header{}
		if have > 0 {
			header.Set("Range", fmt.Sprintf("bytes=%d-", have))
		}
		resp, err := c.get(ctx, u, header)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		if have > 0 && resp.StatusCode != http.StatusPartialContent {
			// The server ignored the range: start over.
			if err := out.Truncate(0); err != nil {
				return "", err
			}
			out.Seek(0, io.SeekStart)
			have, h = 0, newHash()
		}
		w := io.MultiWriter(out, h)
		buf := make([]byte, 1<<20)
		last := time.Time{}
		for {
			n, rerr := resp.Body.Read(buf)
			if n > 0 {
				if _, err := w.Write(buf[:n]); err != nil {
					return "", err
				}
				have += int64(n)
				if have > f.Size && f.Size > 0 {
					return "", fmt.Errorf("%w: %s is longer than %d bytes", ErrVerify, f.Path, f.Size)
				}
				if c.Progress != nil && time.Since(last) > 100*time.Millisecond {
					c.Progress(f.Path, have, f.Size)
					last = time.Now()
				}
			}
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				return "", fmt.Errorf("hub: %s: %w (%d of %d bytes kept; fetch again to resume)", f.Path, rerr, have, f.Size)
			}
		}
		if c.Progress != nil {
			c.Progress(f.Path, have, f.Size)
		}
	}
	if have != f.Size {
		return "", fmt.Errorf("%w: %s has %d bytes, the hub lists %d", ErrVerify, f.Path, have, f.Size)
	}
	if sum := hex.EncodeToString(h.Sum(nil)); sum != f.wantHash() {
		out.Close()
		os.Remove(part)
		return "", fmt.Errorf("%w: %s hashes to %s, the hub lists %s", ErrVerify, f.Path, sum, f.wantHash())
	}
	if err := out.Close(); err != nil {
		return "", err
	}
	return dst, os.Rename(part, dst)
}

// hasher returns the hash f is verified with, primed for Git blobs.
func (f File) hasher() (hash.Hash, func() hash.Hash) {
	newHash := func() hash.Hash {
		if f.SHA256 != "" || f.GitOID == "" {
			return sha256.New()
		}
		h := sha1.New()
		fmt.Fprintf(h, "blob %d\x00", f.Size)
		return h
	}
	return newHash(), newHash
}

func (f File) wantHash() string {
	if f.SHA256 != "" || f.GitOID == "" {
		return f.SHA256
	}
	return f.GitOID
}

// Snapshot is what Fetch wrote: the files of a dataset in the cache.
type Snapshot struct {
	Repo     string   `json:"repo"`
	Revision string   `json:"revision"`
	Dir      string   `json:"dir"`
	Files    []File   `json:"files"`
	Paths    []string `json:"paths"`
}

const manifestName = "occubias-manifest.json"

// Fetch downloads the files of a dataset — a known name or any repository
// id — that match patterns (path.Match globs; for a known name, its own
// patterns when none are given; all files otherwise) at revision ("" for
// main), and records them in a manifest so that Resolve finds them.
func (c *Client) Fetch(ctx context.Context, nameOrRepo, revision string, patterns []string) (*Snapshot, error) {
	repo := nameOrRepo
	if d, ok := Lookup(nameOrRepo); ok {
		repo = d.Repo
		if len(patterns) == 0 {
			patterns = d.Patterns
		}
	} else if !strings.Contains(nameOrRepo, "/") {
		return nil, fmt.Errorf("%w: %q is neither a known dataset (%s) nor a repository id owner/name", ErrNotFound, nameOrRepo, knownNames())
	}
	if revision == "" {
		revision = "main"
	}
	files, err := c.List(ctx, repo, revision)
	if err != nil {
		return nil, err
	}
	snap := &Snapshot{Repo: repo, Revision: revision, Dir: c.repoDir(repo, revision)}
	for _, f := range files {
		if !matches(f.Path, patterns) {
			continue
		}
		p, err := c.Download(ctx, repo, revision, f)
		if err != nil {
			return snap, err
		}
		snap.Files = append(snap.Files, f)
		snap.Paths = append(snap.Paths, p)
	}
	if len(snap.Files) == 0 {
		return snap, fmt.Errorf("%w: no file of %s matches %v", ErrNotFound, repo, patterns)
	}
	b, _ := json.MarshalIndent(snap, "", "  ")
	return snap, os.WriteFile(filepath.Join(snap.Dir, manifestName), b, 0o644)
}

func matches(p string, patterns []string) bool {
	if len(patterns) == 0 {
		return true
	}
	for _, pat := range patterns {
		if ok, _ := path.Match(pat, p); ok {
			return true
		}
	}
	return false
}

func knownNames() string {
	var n []string
	for _, d := range Known {
		n = append(n, d.Name)
	}
	return strings.Join(n, ", ")
}

// Resolve turns a command-line dataset argument into files: an existing
// path is itself; a known name or repository id fetched before gives its
// cached files (revision main).
func (c *Client) Resolve(arg string) ([]string, error) {
	if _, err := os.Stat(arg); err == nil || arg == "-" {
		return []string{arg}, nil
	}
	repo := arg
	if d, ok := Lookup(arg); ok {
		repo = d.Repo
	} else if !strings.Contains(arg, "/") {
		return nil, fmt.Errorf("%s: no such file, and not a known dataset (%s)", arg, knownNames())
	}
	b, err := os.ReadFile(filepath.Join(c.repoDir(repo, "main"), manifestName))
	if err != nil {
		return nil, fmt.Errorf("%w: %s is neither a file nor a fetched dataset (%s)", ErrNotCached, arg, repo)
	}
	var snap Snapshot
	if err := json.Unmarshal(b, &snap); err != nil {
		return nil, fmt.Errorf("hub: manifest of %s: %w", repo, err)
	}
	return snap.Paths, nil
}
