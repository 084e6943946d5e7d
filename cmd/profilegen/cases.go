package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

func (g *gen) kitCodes() []string {
	var cs []string
	for c := range kits {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	return cs
}

// person builds an ordinary profile: a national of nat living in res.
func (g *gen) person(prefix string, nat, res kit) map[string]any {
	given, surname := pick(g.rng, nat.given), pick(g.rng, nat.surnames)
	p := map[string]any{
		"account_id":          g.id(prefix),
		"full_name":           given + " " + surname,
		"claimed_nationality": pick(g.rng, []string{nat.code, icaoOr(nat.code), countryName(nat.code)}),
		"claimed_residence":   pick(g.rng, []string{res.code, countryName(res.code)}),
		"phone":               g.phone(res),
		"email":               fmt.Sprintf("%s.%s@%s", strings.ToLower(mrzName(given)[:1]), strings.ToLower(strings.ReplaceAll(mrzName(surname), " ", "")), pick(g.rng, nat.mail)),
		"address":             fmt.Sprintf(pick(g.rng, res.addresses), 1+g.rng.IntN(120)),
		"timezone":            res.tz,
		"payouts":             []map[string]any{g.bankPayout(res)},
		"logins":              g.logins(6+g.rng.IntN(10), res.code, res.tz, res.ip, false),
		"document":            map[string]any{"mrz": g.passport(icao[nat.code], given, surname, false)},
	}
	langs := []string{nat.lang}
	if res.lang != nat.lang {
		langs = append(langs, res.lang)
	}
	if !slices.Contains(langs, "en") {
		langs = append(langs, "en")
	}
	p["languages"] = langs
	switch g.rng.IntN(3) {
	case 0:
		p["texts"] = []string{g.text("en", 3)}
	case 1:
		p["texts"] = []string{g.text(nat.lang, 3)}
	default:
		p["texts"] = []string{g.text(res.lang, 2), g.text("en", 2)}
	}
	return p
}

func icaoOr(c string) string {
	if s, ok := icao[c]; ok && !strings.Contains(s, "<") {
		return s
	}
	return c
}

var names = map[string]string{"JP": "Japan", "KR": "South Korea", "CN": "China", "US": "United States", "DE": "Germany",
	"PL": "Poland", "UA": "Ukraine", "FR": "France", "GB": "United Kingdom", "ES": "Spain", "IT": "Italy", "NL": "Netherlands",
	"PT": "Portugal", "RO": "Romania", "VN": "Vietnam", "PH": "Philippines", "IN": "India", "BR": "Brazil", "CA": "Canada",
	"LT": "Lithuania", "TR": "Türkiye", "SG": "Singapore", "NG": "Nigeria"}

func countryName(c string) string { return names[c] }

var eu = []string{"DE", "PL", "FR", "ES", "IT", "NL", "PT", "RO", "LT"}

func (g *gen) all() []Case {
	var cs []Case
	add := func(label, expect, note string, p map[string]any) {
		cs = append(cs, Case{Label: label, Expect: expect, Note: note, Profile: p})
	}
	codes := g.kitCodes()

	// People at home, three per country.
	for _, c := range codes {
		for i := 0; i < 3; i++ {
			p := g.person("home", kits[c], kits[c])
			note := "lives at home"
			if i == 2 {
				p["texts"] = []string{g.text("en", 4)}
				note = "lives at home, writes only English"
			}
			add("legit", "pass", note, p)
		}
	}
	// Expatriates: infrastructure of where they live, language and
	// documents of where they come from; some keep a phone, bank or mail
	// from home.
	pairs := [][2]string{{"JP", "DE"}, {"JP", "US"}, {"KR", "US"}, {"KR", "JP"}, {"CN", "JP"}, {"CN", "CA"}, {"UA", "PL"},
		{"UA", "DE"}, {"PL", "GB"}, {"IN", "SG"}, {"PH", "SG"}, {"VN", "JP"}, {"BR", "PT"}, {"RO", "IT"}, {"TR", "DE"},
		{"FR", "CA"}, {"US", "DE"}, {"NG", "GB"}, {"IT", "NL"}, {"ES", "FR"}, {"GB", "ES"}, {"LT", "GB"}, {"DE", "NL"}, {"IN", "US"}}
	for i, pr := range pairs {
		nat, res := kits[pr[0]], kits[pr[1]]
		p := g.person("expat", nat, res)
		note := fmt.Sprintf("national of %s living in %s", pr[0], pr[1])
		switch i % 4 {
		case 1:
			p["phone"] = g.phone(nat)
			note += ", kept the phone from home"
		case 2:
			p["payouts"] = []map[string]any{g.bankPayout(nat)}
			note += ", paid to the bank at home"
		}
		add("legit", "pass", note, p)
	}
	// Travellers: a few logins from a trip abroad.
	for i := 0; i < 12; i++ {
		home := kits[codes[(i*5)%len(codes)]]
		trip := kits[codes[(i*5+3)%len(codes)]]
		p := g.person("travel", home, home)
		ls := p["logins"].([]map[string]any)
		p["logins"] = append(ls, g.logins(2, trip.code, trip.tz, trip.ip, false)...)
		add("legit", "pass", fmt.Sprintf("lives in %s, logged in from %s on a trip", home.code, trip.code), p)
	}
	// EU residents paid through EU neobanks.
	neo := []struct{ name, country, code string }{{"Revolut", "LT", "32500"}, {"Wise", "BE", "967"}, {"N26", "DE", "10011001"}, {"Paysera", "LT", "35000"}}
	for i := 0; i < 10; i++ {
		res := kits[eu[i%len(eu)]]
		n := neo[i%len(neo)]
		if n.country == res.code {
			n = neo[(i+1)%len(neo)]
		}
		p := g.person("neobank", res, res)
		p["payouts"] = []map[string]any{{"type": "bank", "iban": g.withBankCode(n.country, n.code)}}
		add("legit", "pass", fmt.Sprintf("lives in %s, paid through %s (%s IBAN)", res.code, n.name, n.country), p)
	}
	// Freelancers outside the US paid through a US payment-service wallet.
	for _, c := range []string{"PH", "IN", "UA", "NG", "VN", "BR"} {
		p := g.person("wallet", kits[c], kits[c])
		p["payouts"] = []map[string]any{{"type": "wallet", "provider": "payoneer", "country": "US"}}
		add("legit", "pass", "lives in "+c+", paid through a Payoneer account in the US", p)
	}

	// People who write their own language far from home.
	for _, pr := range [][2]string{{"KR", "JP"}, {"CN", "US"}, {"CN", "JP"}, {"VN", "JP"}, {"UA", "PL"}} {
		p := g.person("diaspora", kits[pr[0]], kits[pr[1]])
		p["texts"] = []string{g.text(kits[pr[0]].lang, 4)}
		add("legit", "pass", fmt.Sprintf("national of %s living in %s, writes %s", pr[0], pr[1], kits[pr[0]].lang), p)
	}
	// Digital nomads: a month in each of several countries.
	for _, home := range []string{"PT", "ES"} {
		p := g.person("nomad", kits[home], kits[home])
		ls := g.logins(6, home, kits[home].tz, kits[home].ip, false)
		for k, c := range []string{"FR", "IT"} {
			for _, l := range g.logins(3, c, kits[c].tz, kits[c].ip, false) {
				at, _ := time.Parse(time.RFC3339, l["at"].(string))
				l["at"] = at.AddDate(0, -1-k, 0).Format(time.RFC3339) // the months before
				ls = append(ls, l)
			}
		}
		p["logins"] = ls
		add("legit", "pass", "lives in "+home+", works a month at a time from France and Italy", p)
	}
	// Night-shift workers in the Philippines and India on US hours, with
	// the browser set to US time: the honest false alarm of the time checks.
	for _, c := range []string{"PH", "IN"} {
		p := g.person("nightshift", kits[c], kits[c])
		ls := g.logins(10, c, "America/New_York", kits[c].ip, false)
		p["logins"] = ls
		p["timezone"] = "America/New_York"
		add("legit", "pass", "lives in "+c+", works night shifts on US hours with the browser on New York time", p)
	}

	cs = append(cs, g.spoofed(50)...)
	cs = append(cs, g.sanctioned()...)
	cs = append(cs, g.tampered(10)...)
	return cs
}
