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
	claims := [2]matchers.Place{{Source: "claim", Country: p.Nationality, What: "claimed nationality"},
		{Source: "claim", Country: p.Residence, What: "claimed residence"}}
	// One pass, allocating nothing unless a sanctioned country turns up:
	// almost no profile has one.
	type hit struct{ what, sources []string }
	var hits map[country.Code]*hit
	note := func(pl matchers.Place) {
		if pl.Country == "" || !slices.Contains(list, pl.Country) {
			return
		}
		if hits == nil {
			hits = map[country.Code]*hit{}
		}
		h := hits[pl.Country]
		if h == nil {
			h = &hit{}
			hits[pl.Country] = h
		}
		if !slices.Contains(h.what, pl.What) {
			h.what = append(h.what, pl.What)
		}
		if !slices.Contains(h.sources, string(pl.Source)) {
			h.sources = append(h.sources, string(pl.Source))
		}
	}
	for _, pl := range places {
		note(pl)
	}
	for _, pl := range claims {
		note(pl)
	}
	for _, c := range list { // in the list's order, for stable output
		h := hits[c]
		if h == nil {
			continue
		}
		out.Add(matchers.Finding{Code: matchers.SanctionedJurisdiction, Severity: matchers.Critical, Source: matchers.Source(h.sources[0]),
			Country: c,
			Message: fmt.Sprintf("contact with %s, a comprehensively sanctioned jurisdiction: %s",
				matchers.Describe(c), strings.Join(h.what, "; ")),
			Evidence: map[string]any{"jurisdiction": c, "sources": h.sources, "evidence": h.what}})
	}
	return out
}
