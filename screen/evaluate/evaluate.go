// Package evaluate measures the profile checks on a labelled corpus
// (testdata/profiles/corpus.jsonl): each case is an ordinary user, a
// spoofed identity, a profile touching a sanctioned jurisdiction or one
// with an edited document, with the verdict it should get. It prints the
// confusion matrix and the share of each label that met its target.
package evaluate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/idcheck/idcheck/policy"
	"github.com/idcheck/idcheck/screen"
)

// Labels, in table order.
var Labels = []string{"legit", "spoofed", "sanctioned", "tampered"}

// Expectations a case can have.
const (
	ExpectPass   = "pass"   // the verdict must be pass
	ExpectFlag   = "flag"   // review or reject
	ExpectReject = "reject" // reject
)

// Case is one labelled profile.
type Case struct {
	Label   string          `json:"label"`
	Expect  string          `json:"expect"`
	Note    string          `json:"note"`
	Profile json.RawMessage `json:"profile"`
}

// ReadCorpus reads a corpus file, one case per line.
func ReadCorpus(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	var cases []Case
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var c Case
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("corpus %s:%d: %w", path, line, err)
		}
		if !slices.Contains(Labels, c.Label) {
			return nil, fmt.Errorf("corpus %s:%d: unknown label %q", path, line, c.Label)
		}
		switch c.Expect {
		case ExpectPass, ExpectFlag, ExpectReject:
		default:
			return nil, fmt.Errorf("corpus %s:%d: unknown expectation %q", path, line, c.Expect)
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus %s: %w", path, err)
	}
	return cases, nil
}

// Outcome is how one case was judged.
type Outcome struct {
	Case   Case
	Result screen.Result
	Met    bool // the verdict is what the case expects
}

// Run checks every case.
func Run(s *screen.Screener, cases []Case) []Outcome {
	out := make([]Outcome, len(cases))
	for i, c := range cases {
		r := s.CheckJSON(c.Profile)
		met := false
		switch c.Expect {
		case ExpectPass:
			met = r.Verdict == policy.Pass
		case ExpectFlag:
			met = r.Verdict == policy.Review || r.Verdict == policy.Reject
		case ExpectReject:
			met = r.Verdict == policy.Reject
		}
		out[i] = Outcome{Case: c, Result: r, Met: met}
	}
	return out
}

// Stats counts the verdicts per label.
type Stats struct {
	Label                       string
	Cases, Pass, Review, Reject int
	Errors                      int // profiles that did not parse
	Met                         int
}

// Summarize counts outcomes per label, in the order of Labels.
func Summarize(outcomes []Outcome) []Stats {
	var out []Stats
	for _, l := range Labels {
		s := Stats{Label: l}
		for _, o := range outcomes {
			if o.Case.Label != l {
				continue
			}
			s.Cases++
			switch o.Result.Verdict {
			case policy.Pass:
				s.Pass++
			case policy.Review:
				s.Review++
			case policy.Reject:
				s.Reject++
			default:
				s.Errors++
			}
			if o.Met {
				s.Met++
			}
		}
		if s.Cases > 0 {
			out = append(out, s)
		}
	}
	return out
}

// targets says what each label must reach, as the issue set it.
var targets = map[string]string{
	"legit":      "≤ 2% above pass",
	"spoofed":    "≥ 97% at review or reject",
	"sanctioned": "100% rejected",
	"tampered":   "100% rejected",
}

// WriteTables prints the confusion matrix as Markdown.
func WriteTables(w io.Writer, stats []Stats) {
	fmt.Fprintln(w, "| label | cases | pass | review | reject | not checked | met expectation | target |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---|")
	for _, s := range stats {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d | %.1f%% | %s |\n", s.Label, s.Cases, s.Pass, s.Review, s.Reject,
			s.Errors, 100*float64(s.Met)/float64(s.Cases), targets[s.Label])
	}
}

// WriteMisses prints every case whose verdict missed its expectation, one
// JSON object per line: the note, the verdict and the findings.
func WriteMisses(w io.Writer, outcomes []Outcome) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, o := range outcomes {
		if o.Met {
			continue
		}
		if err := enc.Encode(map[string]any{"label": o.Case.Label, "expect": o.Case.Expect, "note": o.Case.Note, "result": o.Result}); err != nil {
			return err
		}
	}
	return nil
}
