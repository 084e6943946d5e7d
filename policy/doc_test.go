package policy

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idcheck/idcheck/matchers"
)

var update = flag.Bool("update", false, "rewrite docs/reason-codes.md")

// renderCodes writes the reason-code table with the built-in policy's
// weights: the document every caller branches on must match the code.
func renderCodes() []byte {
	p := Default()
	var b bytes.Buffer
	b.WriteString(`# Reason codes

Every finding idcheck reports carries one of these codes. Codes are stable: a published code keeps
its meaning. The severity is the usual one (some findings raise or lower it, as the trigger says);
the weight is what the built-in policy adds to the score for one such finding.

This file is generated from ` + "`matchers.Codes`" + ` and ` + "`policy.Default`" + `; ` + "`go test ./policy -run TestReasonCodeDoc -update`" + ` rewrites it.

| code | source | severity | weight | triggered when | why it matters |
|---|---|---|---:|---|---|
`)
	for _, c := range matchers.Codes {
		w := p.SeverityWeights[c.Severity.String()]
		if v, ok := p.Weights[c.Code]; ok {
			w = v
		}
		weight := fmt.Sprint(w)
		if c.Code == matchers.CorroboratedMismatch {
			weight = fmt.Sprintf("%g / %g", p.Corroboration.TwoSources, p.Corroboration.ThreeSources)
		}
		for _, r := range p.AlwaysReject {
			if r == c.Code {
				weight += ", always rejects"
			}
		}
		src := string(c.Source)
		if src == "" {
			src = "any"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", c.Code, src, c.Severity, weight, c.Trigger, c.Why)
	}
	fmt.Fprintf(&b, `
## The built-in policy

- Score: the sum of the findings' weights, capped at 100. A finding that points to the claimed
  nationality's own country (a Japanese living in Germany who kept a Japanese phone) weighs %g times
  as much, and corroborates nothing.
- Corroboration: when findings of medium severity or more from two independent sources (phone,
  e-mail, address, language, bank, document, network; a login's country and the browser's time zone
  count as one source) point to the same other country, the policy adds `+"`CORROBORATED_MISMATCH`"+`
  (weight %g; %g and critical from three sources).
- Verdict: reject from a score of %g, review from %g, pass below. %s reject whatever the score.
- Sanctioned jurisdictions: %s.

A YAML file (`+"`idcheck check -policy FILE`"+`) changes any part of it; what it leaves out keeps the
built-in value, and unknown fields, codes or severities are errors:

`+"```yaml"+`
thresholds: {review: 25, reject: 70}
severity_weights: {low: 5, medium: 15, high: 35, critical: 100}
weights: {PHONE_VOIP: 25}            # by code, over the severity's weight
always_reject: [SANCTIONED_JURISDICTION, DOCUMENT_CHECK_FAILED]
corroboration: {two_sources: 30, three_sources: 60}
nationality_factor: 0.5
sanctioned: [KP, IR, CU]             # ISO 3166 alpha-2
`+"```"+`
`, p.NationalityFactor, p.Corroboration.TwoSources, p.Corroboration.ThreeSources, p.Thresholds.Reject, p.Thresholds.Review,
		joinCodes(p.AlwaysReject), joinCountries(p))
	return b.Bytes()
}

func joinCodes(cs []matchers.Code) string {
	var s []string
	for _, c := range cs {
		s = append(s, "`"+string(c)+"`")
	}
	return strings.Join(s, " and ")
}

func joinCountries(p *Policy) string {
	var s []string
	for _, c := range p.Sanctioned {
		s = append(s, matchers.Describe(c))
	}
	return strings.Join(s, ", ")
}

func TestReasonCodeDoc(t *testing.T) {
	path := filepath.Join("..", "docs", "reason-codes.md")
	want := renderCodes()
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: go test ./policy -run TestReasonCodeDoc -update", path)
	}
	// Every code a matcher can report is documented once.
	seen := map[matchers.Code]bool{}
	for _, c := range matchers.Codes {
		if seen[c.Code] {
			t.Errorf("%s documented twice", c.Code)
		}
		seen[c.Code] = true
	}
}
