// Package network checks where and when an account is used: login
// countries against the claimed residence, many countries or networks in a
// short time, the browser's time zone, and activity hours that fit another
// time zone better than the claimed one.
package network

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/geoip"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

// Thresholds; see the reason-code table.
const (
	window          = 24 * time.Hour
	manyCountries   = 3 // distinct countries in one window
	manyIPs         = 8 // distinct addresses in one window
	minActivity     = 6 // logins needed to judge activity hours
	nightShareLimit = 0.5
	dayShareBetter  = 0.7
)

// Matcher checks logins and time zones. GeoIP, when set, fills in the
// country of logins that came without one.
type Matcher struct {
	GeoIP *geoip.DB
}

// Signal is what the matcher worked out.
type Signal struct {
	LoginCountries map[country.Code]int    `json:"login_countries,omitempty"`
	UnknownLogins  int                     `json:"logins_without_country,omitempty"`
	ForeignShare   float64                 `json:"foreign_share,omitempty"`
	TimezoneIn     map[string]country.Code `json:"timezone_countries,omitempty"`
	NightShare     *float64                `json:"night_share,omitempty"`
	BestUTCOffset  *int                    `json:"best_utc_offset_hours,omitempty"`
}

// Match checks p's logins and time zones.
func (m Matcher) Match(p *profile.Profile) matchers.Findings {
	var out matchers.Findings
	home := p.Home()
	var sig Signal
	codes := make([]country.Code, len(p.Logins))
	for i, l := range p.Logins {
		codes[i] = l.Code
		if codes[i] == "" && l.Addr.IsValid() {
			if c, err := m.GeoIP.Country(l.Addr); err == nil {
				codes[i] = c
			}
		}
		if codes[i] == "" {
			sig.UnknownLogins++
			continue
		}
		if sig.LoginCountries == nil {
			sig.LoginCountries = map[country.Code]int{}
		}
		if sig.LoginCountries[codes[i]] == 0 {
			out.Place(matchers.SourceNetwork, codes[i], "login from "+l.IP)
		}
		sig.LoginCountries[codes[i]]++
	}
	m.loginCountries(&out, &sig, home, len(p.Logins)-sig.UnknownLogins)
	bursts(&out, p.Logins, codes)
	timezones(&out, &sig, p, home)
	activity(&out, &sig, p.Logins, home)
	if len(p.Logins) > 0 || p.Timezone != "" {
		out.Signal("network", sig)
	}
	return out
}

func (m Matcher) loginCountries(out *matchers.Findings, sig *Signal, home country.Code, known int) {
	if home == "" || known == 0 {
		return
	}
	foreign := 0
	var top country.Code
	for c, n := range sig.LoginCountries {
		if c == home {
			continue
		}
		foreign += n
		if top == "" || n > sig.LoginCountries[top] || n == sig.LoginCountries[top] && c < top {
			top = c
		}
	}
	if foreign == 0 {
		return
	}
	sig.ForeignShare = float64(foreign) / float64(known)
	sev := matchers.Low // a traveller
	switch {
	case sig.ForeignShare >= 0.6:
		sev = matchers.High
	case sig.ForeignShare >= 0.34:
		sev = matchers.Medium
	}
	others := make([]string, 0, len(sig.LoginCountries))
	for c := range sig.LoginCountries {
		if c != home {
			others = append(others, string(c))
		}
	}
	slices.Sort(others)
	out.Add(matchers.Finding{Code: matchers.LoginCountryMismatch, Severity: sev, Source: matchers.SourceNetwork, Country: top,
		Message: fmt.Sprintf("%d of %d logins come from outside %s, most from %s",
			foreign, known, matchers.Describe(home), matchers.Describe(top)),
		Evidence: map[string]any{"foreign_logins": foreign, "logins": known, "countries": others, "claimed_residence": home}})
}

// bursts looks for many countries or many addresses within one window.
func bursts(out *matchers.Findings, logins []profile.Login, codes []country.Code) {
	idx := make([]int, 0, len(logins))
	for i, l := range logins {
		if !l.At.IsZero() {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return logins[idx[a]].At.Before(logins[idx[b]].At) })
	var countriesDone, ipsDone bool
	for a := range idx {
		start := logins[idx[a]].At
		cs, ips := map[country.Code]bool{}, map[string]bool{}
		for _, i := range idx[a:] {
			if logins[i].At.Sub(start) > window {
				break
			}
			if codes[i] != "" {
				cs[codes[i]] = true
			}
			if logins[i].Addr.IsValid() {
				ips[logins[i].Addr.String()] = true
			}
		}
		if len(cs) >= manyCountries && !countriesDone {
			countriesDone = true
			list := make([]string, 0, len(cs))
			for c := range cs {
				list = append(list, string(c))
			}
			slices.Sort(list)
			out.Add(matchers.Finding{Code: matchers.LoginManyCountries, Severity: matchers.Medium, Source: matchers.SourceNetwork,
				Message:  fmt.Sprintf("logins from %d countries within 24 hours from %s", len(cs), start.UTC().Format(time.RFC3339)),
				Evidence: map[string]any{"countries": list, "from": start.UTC().Format(time.RFC3339)}})
		}
		if len(ips) >= manyIPs && !ipsDone {
			ipsDone = true
			out.Add(matchers.Finding{Code: matchers.LoginManyIPs, Severity: matchers.Low, Source: matchers.SourceNetwork,
				Message:  fmt.Sprintf("logins from %d different addresses within 24 hours from %s", len(ips), start.UTC().Format(time.RFC3339)),
				Evidence: map[string]any{"addresses": len(ips), "from": start.UTC().Format(time.RFC3339)}})
		}
	}
}

// offsets returns the UTC offsets, in seconds, the zones of c have at t.
func offsets(c country.Code, t time.Time) []int {
	var out []int
	for _, z := range country.Zones(c) {
		if loc, err := time.LoadLocation(z); err == nil {
			_, off := t.In(loc).Zone()
			if !slices.Contains(out, off) {
				out = append(out, off)
			}
		}
	}
	return out
}

func timezones(out *matchers.Findings, sig *Signal, p *profile.Profile, home country.Code) {
	seen := map[string]time.Time{}
	if p.Timezone != "" {
		seen[p.Timezone] = time.Time{}
	}
	for _, l := range p.Logins {
		if l.Timezone != "" {
			if _, ok := seen[l.Timezone]; !ok {
				seen[l.Timezone] = l.At
			}
		}
	}
	names := make([]string, 0, len(seen))
	for tz := range seen {
		names = append(names, tz)
	}
	slices.Sort(names)
	for _, tz := range names {
		c, ok := country.ByTimeZone(tz)
		if !ok {
			continue
		}
		if sig.TimezoneIn == nil {
			sig.TimezoneIn = map[string]country.Code{}
		}
		sig.TimezoneIn[tz] = c
		out.Place(matchers.SourceTime, c, "time zone "+tz)
		if home == "" || c == home {
			continue
		}
		at := seen[tz]
		if at.IsZero() {
			at = time.Now()
		}
		sev := matchers.Low
		if loc, err := time.LoadLocation(tz); err == nil {
			_, off := at.In(loc).Zone()
			if !slices.Contains(offsets(home, at), off) {
				sev = matchers.Medium
			}
		}
		out.Add(matchers.Finding{Code: matchers.TimezoneMismatch, Severity: sev, Source: matchers.SourceTime, Country: c,
			Message: fmt.Sprintf("the browser's time zone %s is in %s, account claims to live in %s",
				tz, matchers.Describe(c), matchers.Describe(home)),
			Evidence: map[string]any{"timezone": tz, "timezone_country": c, "claimed_residence": home}})
	}
}

func isNight(h int) bool { return h < 7 }
func isDay(h int) bool   { return h >= 8 && h < 22 }

// activity compares the hours of the logins in the claimed residence with
// the best-fitting UTC offset.
func activity(out *matchers.Findings, sig *Signal, logins []profile.Login, home country.Code) {
	var times []time.Time
	for _, l := range logins {
		if !l.At.IsZero() {
			times = append(times, l.At)
		}
	}
	if home == "" || len(times) < minActivity {
		return
	}
	// The residence's most favourable zone: a US resident may be anywhere
	// from Hawaii to Maine.
	night := 1.0
	var homeOffsets []int
	for _, z := range country.Zones(home) {
		loc, err := time.LoadLocation(z)
		if err != nil {
			continue
		}
		n := 0
		for _, t := range times {
			if isNight(t.In(loc).Hour()) {
				n++
			}
		}
		night = min(night, float64(n)/float64(len(times)))
		_, off := times[0].In(loc).Zone()
		homeOffsets = append(homeOffsets, off/3600)
	}
	if len(homeOffsets) == 0 {
		return
	}
	sig.NightShare = &night
	if night < nightShareLimit {
		return
	}
	best, bestShare := 0, -1.0
	for h := -12; h <= 14; h++ {
		n := 0
		for _, t := range times {
			if isDay(t.UTC().Add(time.Duration(h) * time.Hour).Hour()) {
				n++
			}
		}
		if s := float64(n) / float64(len(times)); s > bestShare {
			best, bestShare = h, s
		}
	}
	sig.BestUTCOffset = &best
	far := true
	for _, o := range homeOffsets {
		if abs(o-best) < 4 {
			far = false
		}
	}
	if bestShare < dayShareBetter || !far {
		return
	}
	out.Add(matchers.Finding{Code: matchers.ActivityHoursMismatch, Severity: matchers.Medium, Source: matchers.SourceTime,
		Message: fmt.Sprintf("%.0f%% of logins fall at night in %s; %.0f%% fall in working hours at UTC%+d",
			100*night, country.Name(home), 100*bestShare, best),
		Evidence: map[string]any{"night_share": round2(night), "best_utc_offset_hours": best, "day_share_there": round2(bestShare),
			"logins": len(times), "claimed_residence": home}})
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }
