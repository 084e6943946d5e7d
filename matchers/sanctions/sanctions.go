// Package sanctions reports any contact of a profile with a
// comprehensively sanctioned jurisdiction — North Korea above all — from
// whatever evidence the other matchers placed in one: a phone number, an
// address, a bank, a document, a login, a time zone, or the claims
// themselves. Such a finding is critical and the policy always rejects it.
package sanctions

import (
	"fmt"
	"slices"
	"strings"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

// Default returns the jurisdictions under comprehensive US sanctions
// programs as of 2026: North Korea, Iran and Cuba. (The Syria program
// ended in 2025; regions such as Crimea are no countries and have no code.)
// A policy file can replace the list.
func Default() []country.Code { return []country.Code{"KP", "IR", "CU"} }

// Matcher reports contact with Jurisdictions (Default when nil).
type Matcher struct {
	Jurisdictions []country.Code
}

// Match looks for sanctioned countries among the claims of p and the
// places the other matchers found.
func (m Matcher) Match(p *profile.Profile, places []matchers.Place) matchers.Findings {
	var out matchers.Findings
	list := m.Jurisdictions
	if list == nil {
		list = Default()
	}
	if p.Nationality != "" {
		places = append(slices.Clip(places), matchers.Place{Source: "claim", Country: p.Nationality, What: "claimed nationality"})
	}
	if p.Residence != "" {
		places = append(slices.Clip(places), matchers.Place{Source: "claim", Country: p.Residence, What: "claimed residence"})
	}
	for _, c := range list {
		var what []string
		var sources []string
		for _, pl := range places {
			if pl.Country != c {
				continue
			}
			if !slices.Contains(what, pl.What) {
				what = append(what, pl.What)
			}
			if !slices.Contains(sources, string(pl.Source)) {
				sources = append(sources, string(pl.Source))
			}
		}
		if len(what) == 0 {
			continue
		}
		out.Add(matchers.Finding{Code: matchers.SanctionedJurisdiction, Severity: matchers.Critical, Source: matchers.Source(sources[0]),
			Country: c,
			Message: fmt.Sprintf("contact with %s, a comprehensively sanctioned jurisdiction: %s",
				matchers.Describe(c), strings.Join(what, "; ")),
			Evidence: map[string]any{"jurisdiction": c, "sources": sources, "evidence": what}})
	}
	return out
}
