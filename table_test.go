package occubias_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"

	"github.com/occubias/occubias"
)

func TestReadTable(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("code,title\n15-1252.00,Software Developers\n29-1141.00,\"Registered Nurses\"\n"))
	zw.Close()
	tsv := "\xef\xbb\xbfO*NET-SOC Code\tTitle\n15-1252.00\tSoftware Developers\n"
	for _, c := range []struct {
		name, data string
		rows       int
		first      string
	}{
		{"occupations.csv.gz", gz.String(), 2, "Software Developers"},
		{"Occupation Data.txt", tsv, 1, "Software Developers"},
		{"table", "a\tb\n1\t2\n", 1, ""},
	} {
		var titles []string
		err := occubias.ReadTableFrom(strings.NewReader(c.data), c.name, func(row map[string]string) error {
			titles = append(titles, row["title"]+row["Title"])
			return nil
		})
		if err != nil || len(titles) != c.rows || titles[0] != c.first {
			t.Errorf("%s: %q, %v", c.name, titles, err)
		}
	}

	var re *occubias.RecordError
	err := occubias.ReadTableFrom(strings.NewReader("a,b\n1,2\n3\n"), "short.csv", func(map[string]string) error { return nil })
	if !errors.As(err, &re) || re.Line != 3 || !strings.HasPrefix(err.Error(), "short.csv:3: ") {
		t.Errorf("short row: %v", err)
	}
	stop := errors.New("bad value")
	err = occubias.ReadTableFrom(strings.NewReader("a\n1\n2\n"), "fn.tsv", func(row map[string]string) error {
		if row["a"] == "2" {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || err.Error() != "fn.tsv:3: bad value" {
		t.Errorf("error of fn: %v", err)
	}
	if err := occubias.ReadTableFrom(strings.NewReader(`[{"a": 1}]`), "x.json", nil); !errors.Is(err, occubias.ErrUnknownFormat) {
		t.Errorf("JSON array read as a table: %v", err)
	}
}
