// Package network checks where and when an account is used: login
// countries against the claimed residence, many countries or networks in a
// short time, the browser's time zone, and activity hours that fit another
// time zone better than the claimed one.
package network

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/geoip"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

// Thresholds; see the reason-code table.
const (
	window        = 24 * time.Hour
	manyCountries = 3 // distinct countries in one window
	manyIPs       = 8 // distinct addresses in one window
	minActivity   = 6 // logins needed to judge activity hours
	// Activity hours fit another zone when at least nightShareLimit of
	// logins fall between midnight and 06:00 at home, at least
	// dayShareBetter fall in the day (08:00-22:00) at some other offset
	// four or more hours away, and that is dayShareGain more than at home.
	nightShareLimit = 0.25
	dayShareBetter  = 0.8
	dayShareGain    = 0.4
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
	NightShare     *float64                `json:"night_share,omitempty"` // of logins, 00:00-05:59 at home
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
	activity(&out, &sig, p, home)
	if len(p.Logins) > 0 || p.Timezone != "" {
		out.SetSignal("network", sig)
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
	// Accounts have tens of logins, not thousands: small slices searched
	// linearly beat maps here.
	var cs []country.Code
	var ips []netip.Addr
	for a := range idx {
		start := logins[idx[a]].At
		cs, ips = cs[:0], ips[:0]
		for _, i := range idx[a:] {
			if logins[i].At.Sub(start) > window {
				break
			}
			if codes[i] != "" && !slices.Contains(cs, codes[i]) {
				cs = append(cs, codes[i])
			}
			if logins[i].Addr.IsValid() && !slices.Contains(ips, logins[i].Addr) {
				ips = append(ips, logins[i].Addr)
			}
		}
		if len(cs) >= manyCountries && !countriesDone {
			countriesDone = true
			list := make([]string, 0, len(cs))
			for _, c := range cs {
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
		if countriesDone && ipsDone {
			break
		}
	}
}

// offsets returns the UTC offsets, in seconds, the zones of c have at t.
func offsets(c country.Code, t time.Time) []int {
	var out []int
	for _, z := range country.Zones(c) {
		if loc, err := loadLocation(z); err == nil {
			_, off := t.In(loc).Zone()
			if !slices.Contains(out, off) {
				out = append(out, off)
			}
		}
	}
	return out
}

// timezones checks the browser's time zone: the profile's, and the one
// most logins reported (a time zone seen on a few logins is a trip).
func timezones(out *matchers.Findings, sig *Signal, p *profile.Profile, home country.Code) {
	at := map[string]time.Time{}
	if p.Timezone != "" {
		at[p.Timezone] = time.Time{}
	}
	if tz, when := dominantZone(p.Logins); tz != "" {
		if _, ok := at[tz]; !ok {
			at[tz] = when
		}
	}
	names := make([]string, 0, len(at))
	for tz := range at {
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
		when := at[tz]
		if when.IsZero() {
			when = latest(p.Logins)
		}
		sev := matchers.Low
		if loc, err := loadLocation(tz); err == nil {
			_, off := when.In(loc).Zone()
			if !slices.Contains(offsets(home, when), off) {
				sev = matchers.Medium
			}
		}
		out.Add(matchers.Finding{Code: matchers.TimezoneMismatch, Severity: sev, Source: matchers.SourceTime, Country: c,
			Message: fmt.Sprintf("the browser's time zone %s is in %s, account claims to live in %s",
				tz, matchers.Describe(c), matchers.Describe(home)),
			Evidence: map[string]any{"timezone": tz, "timezone_country": c, "claimed_residence": home}})
	}
}

// dominantZone is the time zone at least half the logins that report one
// report (the first in name order on a tie), and when it was first seen.
func dominantZone(logins []profile.Login) (string, time.Time) {
	counts := map[string]int{}
	first := map[string]time.Time{}
	total := 0
	for _, l := range logins {
		if l.Timezone == "" {
			continue
		}
		total++
		counts[l.Timezone]++
		if f, ok := first[l.Timezone]; !ok || l.At.Before(f) {
			first[l.Timezone] = l.At
		}
	}
	zones := make([]string, 0, len(counts))
	for tz := range counts {
		zones = append(zones, tz)
	}
	slices.Sort(zones)
	for _, tz := range zones {
		if 2*counts[tz] >= total {
			return tz, first[tz]
		}
	}
	return "", time.Time{}
}

// latest is the time of the last login, or the Unix epoch when none has
// one: a fixed date, so that results do not depend on today's DST.
func latest(logins []profile.Login) time.Time {
	var t time.Time
	for _, l := range logins {
		if l.At.After(t) {
			t = l.At
		}
	}
	if t.IsZero() {
		return time.Unix(0, 0)
	}
	return t
}

// isDay says whether a local hour is in the hours people are awake and
// working: 08:00 to 21:59.
func isDay(h int) bool { return h >= 8 && h < 22 }

// homeZones are the zones to judge activity hours in: the browser's zone
// when it is in the claimed country, else every zone of the country (a US
// resident may be anywhere from Hawaii to Maine).
func homeZones(p *profile.Profile, home country.Code) []string {
	for _, tz := range []string{p.Timezone, first(dominantZone(p.Logins))} {
		if c, ok := country.ByTimeZone(tz); ok && c == home {
			return []string{tz}
		}
	}
	return country.Zones(home)
}

func first(s string, _ time.Time) string { return s }

// activity compares the hours of the logins in the claimed residence with
// the best-fitting UTC offset.
func activity(out *matchers.Findings, sig *Signal, p *profile.Profile, home country.Code) {
	var times []time.Time
	for _, l := range p.Logins {
		if !l.At.IsZero() {
			times = append(times, l.At)
		}
	}
	if home == "" || len(times) < minActivity {
		return
	}
	dayShare := func(hour func(time.Time) int) float64 {
		n := 0
		for _, t := range times {
			if isDay(hour(t)) {
				n++
			}
		}
		return float64(n) / float64(len(times))
	}
	homeDay, night := -1.0, 1.0
	var homeOffsets []int
	for _, z := range homeZones(p, home) {
		loc, err := loadLocation(z)
		if err != nil {
			continue
		}
		// The zone most favourable to the person.
		homeDay = max(homeDay, dayShare(func(t time.Time) int { return t.In(loc).Hour() }))
		n := 0
		for _, t := range times {
			if t.In(loc).Hour() < 6 {
				n++
			}
		}
		night = min(night, float64(n)/float64(len(times)))
		_, off := times[0].In(loc).Zone()
		homeOffsets = append(homeOffsets, off/3600)
	}
	if homeDay < 0 {
		return
	}
	sig.NightShare = &night
	if night < nightShareLimit {
		return
	}
	best, bestShare := 0, -1.0
	for h := -12; h <= 14; h++ {
		d := time.Duration(h) * time.Hour
		if s := dayShare(func(t time.Time) int { return t.UTC().Add(d).Hour() }); s > bestShare {
			best, bestShare = h, s
		}
	}
	sig.BestUTCOffset = &best
	for _, o := range homeOffsets {
		if abs(o-best) < 4 {
			return // the best fit is near home: odd hours, not another zone
		}
	}
	if bestShare < dayShareBetter || bestShare-homeDay < dayShareGain {
		return
	}
	out.Add(matchers.Finding{Code: matchers.ActivityHoursMismatch, Severity: matchers.Medium, Source: matchers.SourceTime,
		Message: fmt.Sprintf("%.0f%% of logins fall between midnight and 06:00 in %s and only %.0f%% in the day; at UTC%+d, %.0f%% fall in the day",
			100*night, country.Name(home), 100*homeDay, best, 100*bestShare),
		Evidence: map[string]any{"night_share": round2(night), "day_share": round2(homeDay), "best_utc_offset_hours": best, "day_share_there": round2(bestShare),
			"logins": len(times), "claimed_residence": home}})
}

// locations caches time zones: time.LoadLocation parses the zone's data
// on every call, which cost more than all the rest of the matcher. The
// values never change once stored.
var locations sync.Map // string → *time.Location, or error

func loadLocation(name string) (*time.Location, error) {
	if v, ok := locations.Load(name); ok {
		if err, bad := v.(error); bad {
			return nil, err
		}
		return v.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		locations.Store(name, err)
		return nil, err
	}
	locations.Store(name, loc)
	return loc, nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }
