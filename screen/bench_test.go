package screen

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/idcheck/idcheck/matchers/address"
	"github.com/idcheck/idcheck/matchers/bank"
	"github.com/idcheck/idcheck/matchers/document"
	"github.com/idcheck/idcheck/matchers/email"
	"github.com/idcheck/idcheck/matchers/language"
	"github.com/idcheck/idcheck/matchers/phone"
	"github.com/idcheck/idcheck/profile"
)

// corpusProfiles loads the labelled corpus's profiles, parsed.
func corpusProfiles(b *testing.B) []*profile.Profile {
	b.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "profiles", "corpus.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []*profile.Profile
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var c struct {
			Profile json.RawMessage `json:"profile"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			b.Fatal(err)
		}
		p, err := profile.Parse(c.Profile, now())
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// BenchmarkCheck checks the corpus's profiles (texts of about 300
// characters, 6-18 logins, a passport zone) one after another; profiles/s
// is the figure the target is set in.
func BenchmarkCheck(b *testing.B) {
	ps := corpusProfiles(b)
	s := New(nil, nil, now)
	s.Check(ps[0]) // build the lazy tables outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Check(ps[i%len(ps)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "profiles/s")
}

// BenchmarkCheckJSON includes decoding and validating the JSON, as the
// command and the service do.
func BenchmarkCheckJSON(b *testing.B) {
	ps := corpusProfiles(b)
	raws := make([][]byte, len(ps))
	for i, p := range ps {
		raws[i], _ = json.Marshal(p)
	}
	s := New(nil, nil, now)
	s.CheckJSON(raws[0])
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.CheckJSON(raws[i%len(raws)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "profiles/s")
}

// BenchmarkMatchers times each matcher alone on the corpus, to show where
// a check's time goes.
func BenchmarkMatchers(b *testing.B) {
	ps := corpusProfiles(b)
	s := New(nil, nil, now)
	s.Check(ps[0])
	for _, m := range []struct {
		name string
		fn   func(p *profile.Profile)
	}{
		{"phone", func(p *profile.Profile) { phone.Match(p) }},
		{"email", func(p *profile.Profile) { email.Match(p) }},
		{"address", func(p *profile.Profile) { address.Match(p) }},
		{"language", func(p *profile.Profile) { language.Match(p) }},
		{"bank", func(p *profile.Profile) { bank.Match(p) }},
		{"document", func(p *profile.Profile) { document.Match(p) }},
		{"network", func(p *profile.Profile) { s.network.Match(p) }},
	} {
		b.Run(m.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				m.fn(ps[i%len(ps)])
			}
		})
	}
}
