package evaluate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/idcheck/idcheck/screen"
)

var now = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// TestCorpusMeetsTargets runs the labelled corpus and holds the checks to
// the targets: every sanctioned and tampered profile rejected, at
// least 97% of spoofed ones at review or reject, at most 2% of legitimate
// ones above pass.
func TestCorpusMeetsTargets(t *testing.T) {
	cases, err := ReadCorpus(filepath.Join("..", "..", "testdata", "profiles", "corpus.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 150 {
		t.Fatalf("%d cases, the corpus must hold at least 150", len(cases))
	}
	outcomes := Run(screen.New(nil, nil, func() time.Time { return now }), cases)
	stats := map[string]Stats{}
	for _, s := range Summarize(outcomes) {
		stats[s.Label] = s
	}
	for _, l := range Labels {
		if stats[l].Cases == 0 {
			t.Fatalf("no %s cases", l)
		}
		if stats[l].Errors > 0 {
			t.Errorf("%d %s profiles did not parse", stats[l].Errors, l)
		}
	}
	share := func(n, of int) float64 { return float64(n) / float64(of) }
	if s := stats["sanctioned"]; s.Reject != s.Cases {
		t.Errorf("sanctioned: %d of %d rejected", s.Reject, s.Cases)
	}
	if s := stats["tampered"]; s.Reject != s.Cases {
		t.Errorf("tampered: %d of %d rejected", s.Reject, s.Cases)
	}
	if s := stats["spoofed"]; share(s.Review+s.Reject, s.Cases) < 0.97 {
		t.Errorf("spoofed: %d of %d flagged", s.Review+s.Reject, s.Cases)
	}
	if s := stats["legit"]; share(s.Review+s.Reject, s.Cases) > 0.02 {
		t.Errorf("legit: %d of %d above pass", s.Review+s.Reject, s.Cases)
	}
	var misses bytes.Buffer
	if err := WriteMisses(&misses, outcomes); err != nil {
		t.Fatal(err)
	}
	if t.Failed() {
		t.Logf("misses:\n%s", misses.String())
	}
}

func TestReadCorpusRejectsBadCases(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"label.jsonl":  `{"label":"weird","expect":"pass","profile":{}}`,
		"expect.jsonl": `{"label":"legit","expect":"maybe","profile":{}}`,
		"json.jsonl":   `{"label":`,
	} {
		path := filepath.Join(dir, name)
		if err := writeFile(path, body); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadCorpus(path); err == nil || !strings.Contains(err.Error(), ":1:") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestTables(t *testing.T) {
	var buf bytes.Buffer
	WriteTables(&buf, []Stats{{Label: "legit", Cases: 4, Pass: 3, Review: 1, Met: 3}})
	if !strings.Contains(buf.String(), "| legit | 4 | 3 | 1 | 0 | 0 | 75.0% | ≤ 2% above pass |") {
		t.Errorf("%s", buf.String())
	}
}

func writeFile(path, body string) error { return os.WriteFile(path, []byte(body), 0o644) }
