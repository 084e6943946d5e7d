package profile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// corpusJSON returns the labelled corpus's profiles as JSON.
func corpusJSON(b *testing.B) [][]byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "profiles", "corpus.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	var out [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var c struct {
			Profile json.RawMessage `json:"profile"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			b.Fatal(err)
		}
		out = append(out, c.Profile)
	}
	return out
}

// BenchmarkParse decodes and checks the corpus's profiles in turn (about
// 1.8 KB of JSON each); BenchmarkParse/decode is encoding/json's share.
func BenchmarkParse(b *testing.B) {
	raws := corpusJSON(b)
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := Parse(raws[i%len(raws)], now); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			dec := json.NewDecoder(bytes.NewReader(raws[i%len(raws)]))
			dec.DisallowUnknownFields()
			var p Profile
			if err := dec.Decode(&p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
