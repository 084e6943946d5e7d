// Package policy turns findings into a score from 0 to 100 and a verdict:
// pass, review or reject. A built-in policy is documented in
// docs/reason-codes.md; a YAML file can change any part of it.
//
// The score adds a weight per finding (by its code, or else its severity)
// and caps at 100. Findings that point to the claimed nationality's own
// country — a Japanese living in Germany who kept a Japanese phone — weigh
// half and corroborate nothing. Mismatches from two or more independent
// sources that point to the same other country add a CORROBORATED_MISMATCH
// finding of their own, because several agreeing mismatches are how
// spoofed identities show while one alone is often innocent. Some codes
// (sanctioned jurisdictions, broken documents) reject whatever the score.
package policy

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/matchers/sanctions"
)

// Verdicts.
const (
	Pass   = "pass"
	Review = "review"
	Reject = "reject"
)

// Policy weighs findings. The zero value is not useful; start from Default.
type Policy struct {
	Thresholds struct {
		Review float64 `yaml:"review"` // score from which a profile goes to review
		Reject float64 `yaml:"reject"` // score from which it is rejected
	} `yaml:"thresholds"`
	// SeverityWeights weigh findings whose code has no weight of its own.
	SeverityWeights map[string]float64 `yaml:"severity_weights"`
	// Weights weigh findings by code.
	Weights map[matchers.Code]float64 `yaml:"weights"`
	// AlwaysReject codes reject a profile whatever its score.
	AlwaysReject []matchers.Code `yaml:"always_reject"`
	// Corroboration is the weight of a CORROBORATED_MISMATCH finding when
	// two, or three or more, independent sources point to one country.
	Corroboration struct {
		TwoSources   float64 `yaml:"two_sources"`
		ThreeSources float64 `yaml:"three_sources"`
	} `yaml:"corroboration"`
	// NationalityFactor multiplies the weight of findings that point to
	// the claimed nationality's country.
	NationalityFactor float64 `yaml:"nationality_factor"`
	// Sanctioned are the jurisdictions the sanctions matcher looks for.
	Sanctioned []country.Code `yaml:"sanctioned"`
}

// Default returns the built-in policy.
func Default() *Policy {
	p := &Policy{
		SeverityWeights: map[string]float64{"low": 5, "medium": 15, "high": 35, "critical": 100},
		Weights:         map[matchers.Code]float64{},
		AlwaysReject:    []matchers.Code{matchers.SanctionedJurisdiction, matchers.DocumentCheckFailed},
		Sanctioned:      sanctions.Default(),
	}
	p.Thresholds.Review, p.Thresholds.Reject = 25, 70
	p.Corroboration.TwoSources, p.Corroboration.ThreeSources = 30, 60
	p.NationalityFactor = 0.5
	return p
}

// Load reads a YAML policy file. Fields it leaves out keep the built-in
// values; unknown fields, codes and severities are errors.
func Load(path string) (*Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	p, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("policy %s: %w", path, err)
	}
	return p, nil
}

// Parse reads a YAML policy over the built-in one.
func Parse(data []byte) (*Policy, error) {
	p := Default()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(p); err != nil && !errors.Is(err, io.EOF) { // an empty file changes nothing
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *Policy) validate() error {
	t := p.Thresholds
	if !(t.Review > 0 && t.Review < t.Reject && t.Reject <= 100) {
		return fmt.Errorf("thresholds: want 0 < review (%g) < reject (%g) <= 100", t.Review, t.Reject)
	}
	for s, w := range p.SeverityWeights {
		if _, err := matchers.ParseSeverity(s); err != nil {
			return fmt.Errorf("severity_weights: %w", err)
		}
		if w < 0 {
			return fmt.Errorf("severity_weights: %s: negative weight %g", s, w)
		}
	}
	for _, name := range []string{"low", "medium", "high", "critical"} {
		if _, ok := p.SeverityWeights[name]; !ok {
			return fmt.Errorf("severity_weights: %s has no weight", name)
		}
	}
	for c, w := range p.Weights {
		if _, ok := matchers.Info(c); !ok {
			return fmt.Errorf("weights: unknown reason code %q", c)
		}
		if w < 0 {
			return fmt.Errorf("weights: %s: negative weight %g", c, w)
		}
	}
	for _, c := range p.AlwaysReject {
		if _, ok := matchers.Info(c); !ok {
			return fmt.Errorf("always_reject: unknown reason code %q", c)
		}
	}
	for _, c := range p.Sanctioned {
		if _, ok := country.Lookup(c); !ok {
			return fmt.Errorf("sanctioned: %q is no ISO 3166 country code", c)
		}
	}
	if p.NationalityFactor < 0 || p.NationalityFactor > 1 {
		return fmt.Errorf("nationality_factor %g: want 0 to 1", p.NationalityFactor)
	}
	return nil
}

// Decision is the policy's judgement of one profile.
type Decision struct {
	Score   int
	Verdict string
	// Findings are the matchers' findings with any the policy added
	// (CORROBORATED_MISMATCH), most severe first.
	Findings []matchers.Finding
}

// independent maps sources to what is independent evidence: a login's
// country and the browser's time zone come from the same machine.
func independent(s matchers.Source) matchers.Source {
	if s == matchers.SourceTime {
		return matchers.SourceNetwork
	}
	return s
}

// Decide scores findings for a profile that claims nationality.
func (p *Policy) Decide(findings []matchers.Finding, nationality country.Code) Decision {
	if len(findings) == 0 {
		return Decision{Verdict: Pass, Findings: []matchers.Finding{}} // most profiles: nothing to weigh
	}
	all := slices.Clone(findings)
	sources := map[country.Code][]matchers.Source{}
	for _, f := range findings {
		if f.Country == "" || f.Severity < matchers.Medium || f.Country == nationality {
			continue
		}
		s := independent(f.Source)
		if !slices.Contains(sources[f.Country], s) {
			sources[f.Country] = append(sources[f.Country], s)
		}
	}
	countries := make([]country.Code, 0, len(sources))
	for c := range sources {
		countries = append(countries, c)
	}
	slices.Sort(countries)
	for _, c := range countries {
		src := sources[c]
		if len(src) < 2 {
			continue
		}
		sev := matchers.High
		if len(src) >= 3 {
			sev = matchers.Critical
		}
		names := make([]string, len(src))
		for i, s := range src {
			names[i] = string(s)
		}
		slices.Sort(names)
		all = append(all, matchers.Finding{Code: matchers.CorroboratedMismatch, Severity: sev, Source: matchers.SourcePolicy, Country: c,
			Message:  fmt.Sprintf("%d independent sources point to %s: %v", len(src), matchers.Describe(c), names),
			Evidence: map[string]any{"country": c, "sources": names}})
	}
	score := 0.0
	reject := false
	for _, f := range all {
		w := p.weight(f, len(sources[f.Country]))
		if f.Country != "" && f.Country == nationality {
			w *= p.NationalityFactor
		}
		score += w
		if slices.Contains(p.AlwaysReject, f.Code) {
			reject = true
		}
	}
	d := Decision{Score: int(math.Min(100, math.Round(score))), Findings: all}
	switch {
	case reject || score >= p.Thresholds.Reject:
		d.Verdict = Reject
	case score >= p.Thresholds.Review:
		d.Verdict = Review
	default:
		d.Verdict = Pass
	}
	if reject {
		d.Score = 100
	}
	slices.SortStableFunc(d.Findings, func(a, b matchers.Finding) int { return int(b.Severity - a.Severity) })
	return d
}

func (p *Policy) weight(f matchers.Finding, sources int) float64 {
	if f.Code == matchers.CorroboratedMismatch {
		if w, ok := p.Weights[f.Code]; ok {
			return w
		}
		if sources >= 3 {
			return p.Corroboration.ThreeSources
		}
		return p.Corroboration.TwoSources
	}
	if w, ok := p.Weights[f.Code]; ok {
		return w
	}
	return p.SeverityWeights[f.Severity.String()]
}
