package profile_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/idcheck/idcheck/profile"
	"github.com/idcheck/idcheck/screen/evaluate"
)

// BenchmarkParse decodes and checks the labelled corpus's profiles in turn
// (about 1.8 KB of JSON each); BenchmarkParse/decode is encoding/json's
// share.
func BenchmarkParse(b *testing.B) {
	cases, err := evaluate.ReadCorpus(filepath.Join("..", "testdata", "profiles", "corpus.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := profile.Parse(cases[i%len(cases)].Profile, now); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			dec := json.NewDecoder(bytes.NewReader(cases[i%len(cases)].Profile))
			dec.DisallowUnknownFields()
			var p profile.Profile
			if err := dec.Decode(&p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
