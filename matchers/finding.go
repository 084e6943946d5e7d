// Package matchers defines what every matcher reports: findings, each with
// a stable reason code, a severity, the evidence behind it and a message a
// reviewer can read. The matchers themselves live in the subpackages
// (phone, address, language, bank, document, network, sanctions); package
// screen runs them all on a profile and package policy weighs their
// findings into a score and verdict.
package matchers

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/idcheck/idcheck/country"
)

// Severity says how much a finding alone should worry a reviewer.
type Severity int

// Severities, least first.
const (
	Low Severity = iota + 1
	Medium
	High
	Critical
)

var severityNames = []string{"", "low", "medium", "high", "critical"}

// String is the severity's name: "low", "medium", "high" or "critical".
func (s Severity) String() string {
	if s < Low || s > Critical {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity's name.
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if i > 0 && strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want low, medium, high or critical)", s)
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Source names the part of a profile a finding comes from; the policy
// counts mismatches from different sources that point to the same country
// as independent evidence.
type Source string

// Sources.
const (
	SourcePhone    Source = "phone"
	SourceEmail    Source = "email"
	SourceAddress  Source = "address"
	SourceLanguage Source = "language"
	SourceBank     Source = "bank"
	SourceDocument Source = "document"
	SourceNetwork  Source = "network"
	SourceTime     Source = "time"
	SourcePolicy   Source = "policy"
)

// Finding is one thing a matcher noticed.
type Finding struct {
	Code     Code           `json:"code"`
	Severity Severity       `json:"severity"`
	Message  string         `json:"message"`
	Evidence map[string]any `json:"evidence,omitempty"`
	Source   Source         `json:"source"`
	// Country is the other country the finding points to — where the phone
	// is registered, where the bank is — when it points to one; it is what
	// the policy's combination rule groups by.
	Country country.Code `json:"country,omitempty"`
}

// Findings is what one matcher reports on one profile: findings; a signal —
// what it worked out (the phone's region, the text's language), whether or
// not that was a problem — for the reviewer to see, under the matcher's
// name; and the countries the evidence places the person in, for the
// sanctions matcher.
type Findings struct {
	List      []Finding
	SignalKey string // "" when the matcher had nothing to look at
	Signal    any
	Places    []Place
}

// Place is a country some evidence of a profile ties the person to.
type Place struct {
	Source  Source
	Country country.Code
	What    string // the evidence, for a message: "phone number +850 2 381 2345"
}

// Place records a country the evidence ties the person to.
func (f *Findings) Place(src Source, c country.Code, what string) {
	if c != "" {
		f.Places = append(f.Places, Place{Source: src, Country: c, What: what})
	}
}

// Add appends a finding.
func (f *Findings) Add(fd Finding) { f.List = append(f.List, fd) }

// Codes lists the findings' reason codes, in order.
func (f Findings) Codes() []Code {
	var out []Code
	for _, fd := range f.List {
		out = append(out, fd.Code)
	}
	return out
}

// SetSignal records the matcher's signal.
func (f *Findings) SetSignal(key string, v any) { f.SignalKey, f.Signal = key, v }

// String renders a finding for logs.
func (fd Finding) String() string {
	ev, _ := json.Marshal(fd.Evidence)
	return fmt.Sprintf("%s %s: %s %s", fd.Severity, fd.Code, fd.Message, ev)
}

// Describe names a country for a message: "Japan (JP)".
func Describe(c country.Code) string {
	if c == "" {
		return "no country"
	}
	return fmt.Sprintf("%s (%s)", country.Name(c), c)
}
