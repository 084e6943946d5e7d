// Package address places a free-text postal address, in any script, in a
// country — from the country it names, its cities, its postal code and the
// script it is written in — and compares that with the claimed residence.
// Cities that advisories name as bases of North Korean IT workers abroad
// are a finding of their own.
package address

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/internal/script"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

// Signal is where the matcher placed the address, and why.
type Signal struct {
	Country    country.Code   `json:"country,omitempty"` // best guess
	How        string         `json:"how,omitempty"`     // "named", "city", "postal_code" or "script"
	Named      country.Code   `json:"named,omitempty"`   // the country the address names
	City       string         `json:"city,omitempty"`
	CityIn     country.Code   `json:"city_country,omitempty"`
	PostalIn   country.Code   `json:"postal_code_country,omitempty"`
	Scripts    []string       `json:"scripts,omitempty"`
	ScriptIn   []country.Code `json:"script_countries,omitempty"`
	BorderHub  string         `json:"border_hub,omitempty"`
	Unresolved bool           `json:"unresolved,omitempty"`
}

type gazetteer struct {
	countries map[string]country.Code // folded country names and aliases
	codes     map[string]country.Code // folded alpha-2 and alpha-3 codes
	cities    map[string]country.Code
	hubs      map[string]string // folded name → English name
	maxWords  int               // longest name, in words
	maxRunes  int               // longest name without spaces, in runes
}

var load = sync.OnceValue(func() *gazetteer {
	g := &gazetteer{countries: map[string]country.Code{}, codes: map[string]country.Code{},
		cities: map[string]country.Code{}, hubs: map[string]string{}}
	note := func(k string) {
		g.maxWords = max(g.maxWords, len(strings.Fields(k)))
		if !isASCII(k) && !strings.Contains(k, " ") {
			g.maxRunes = max(g.maxRunes, utf8.RuneCountInString(k))
		}
	}
	country.Names(func(k string, c country.Code) bool {
		if len(k) <= 3 && isASCII(k) {
			g.codes[k] = c
		} else {
			g.countries[k] = c
			note(k)
		}
		return true
	})
	for c, names := range cities {
		for _, n := range names {
			k := country.Fold(n)
			g.cities[k] = c
			note(k)
		}
	}
	for name, others := range hubs {
		g.hubs[country.Fold(name)] = name
		for _, o := range others {
			g.hubs[country.Fold(o)] = name
		}
	}
	return g
})

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// postal are postal-code shapes that only one country uses.
var postal = []struct {
	c  country.Code
	re *regexp.Regexp
}{
	{"JP", regexp.MustCompile(`(?:〒\s*|\b)\d{3}-\d{4}\b`)},
	{"PL", regexp.MustCompile(`\b\d{2}-\d{3}\b`)},
	{"PT", regexp.MustCompile(`\b\d{4}-\d{3}\b`)},
	{"BR", regexp.MustCompile(`\b\d{5}-\d{3}\b`)},
	{"US", regexp.MustCompile(`\b[A-Z]{2}\s+\d{5}-\d{4}\b`)},
	{"CA", regexp.MustCompile(`\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b`)},
	{"GB", regexp.MustCompile(`\b[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}\b`)},
	{"NL", regexp.MustCompile(`\b[1-9]\d{3} ?(?:[A-RT-Z][A-Z]|S[BCE-RT-Z])\b`)},
}

// scripts a country's addresses are written in, besides Latin letters,
// which are used everywhere.
var scriptCountries = [script.Count][]country.Code{
	script.Hangul:   {"KR", "KP"},
	script.Kana:     {"JP"},
	script.Han:      {"CN", "TW", "HK", "MO", "JP", "SG"},
	script.Cyrillic: {"RU", "UA", "BY", "BG", "RS", "KZ", "KG", "MN", "MK", "TJ", "ME", "BA"},
	script.Thai:     {"TH"},
	script.Arabic:   {"AE", "SA", "EG", "IQ", "IR", "JO", "KW", "LB", "MA", "DZ", "TN", "OM", "QA", "BH", "SY", "YE", "PK", "AF", "LY", "SD"},
	script.Hebrew:   {"IL"},
	script.Greek:    {"GR", "CY"},
	script.Lao:      {"LA"},
}

// scriptsOf lists the scripts of s's letters that place an address
// (scriptCountries), in order of first use.
func scriptsOf(s string) []script.Script {
	var seen [script.Count]bool
	var out []script.Script
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		if sc := script.Of(r); len(scriptCountries[sc]) > 0 && !seen[sc] {
			seen[sc] = true
			out = append(out, sc)
		}
	}
	return out
}

// Locate places an address in a country.
func Locate(addr string) Signal {
	g := load()
	var sig Signal
	folded := country.Fold(addr)
	// Word boundaries in folded, whose words are one space apart: an n-gram
	// is then a substring, and looking it up allocates nothing.
	var starts, ends []int
	for i := 0; i < len(folded); {
		j := strings.IndexByte(folded[i:], ' ')
		if j < 0 {
			j = len(folded) - i
		}
		starts, ends = append(starts, i), append(ends, i+j)
		i += j + 1
	}
	if len(starts) == 0 {
		sig.Unresolved = true
		return sig
	}
	// The last part of the address, after its last comma or line break,
	// is where Latin-script addresses name their country.
	last := addr
	if i := strings.LastIndexAny(addr, ",\n;，、"); i >= 0 {
		last = addr[i+1:]
	}
	lastFolded := country.Fold(last)
	if c, ok := g.codes[lastFolded]; ok && strings.TrimSpace(last) == strings.ToUpper(strings.TrimSpace(last)) {
		sig.Named = c // ", JP", ", USA"
	} else if c, ok := g.countries[lastFolded]; ok {
		sig.Named = c // ", Georgia" names the country even though it is ambiguous
	}
	each := func(yield func(k string) bool) {
		for i := range starts {
			for n := 1; n <= g.maxWords && i+n <= len(starts); n++ {
				if !yield(folded[starts[i]:ends[i+n-1]]) {
					return
				}
			}
			// Scripts without spaces (東京都目黒区): every substring of
			// two runes or more.
			w := folded[starts[i]:ends[i]]
			if isASCII(w) {
				continue
			}
			for a := 0; a < len(w); {
				_, size := utf8.DecodeRuneInString(w[a:])
				b, runes := a+size, 1
				for b < len(w) && runes < g.maxRunes {
					_, sz := utf8.DecodeRuneInString(w[b:])
					b += sz
					runes++
					if !yield(w[a:b]) {
						return
					}
				}
				a += size
			}
		}
	}
	lastWords := strings.Fields(lastFolded)
	each(func(k string) bool {
		if c, ok := g.countries[k]; ok && sig.Named == "" && !ambiguous[k] {
			// Latin names count in the last part; names in other scripts
			// anywhere (中国辽宁省...).
			if !isASCII(k) || containsWords(lastWords, k) {
				sig.Named = c
			}
		}
		if c, ok := g.cities[k]; ok && sig.City == "" {
			sig.City, sig.CityIn = k, c
		}
		if h, ok := g.hubs[k]; ok && sig.BorderHub == "" {
			sig.BorderHub = h
			sig.City, sig.CityIn = country.Fold(h), g.cities[country.Fold(h)] // the city that matters
		}
		return true
	})
	if sig.Named == "" && sig.CityIn == "" {
		// Postal codes only settle addresses that name neither a country
		// nor a city; eight regular expressions are the matcher's dearest part.
		for _, p := range postal {
			if p.re.MatchString(addr) {
				sig.PostalIn = p.c
				break
			}
		}
	}
	scripts := scriptsOf(addr)
	for _, sc := range scripts {
		sig.Scripts = append(sig.Scripts, sc.String())
		sig.ScriptIn = append(sig.ScriptIn, scriptCountries[sc]...)
	}
	switch {
	case sig.Named != "":
		sig.Country, sig.How = sig.Named, "named"
	case sig.CityIn != "":
		sig.Country, sig.How = sig.CityIn, "city"
	case sig.PostalIn != "":
		sig.Country, sig.How = sig.PostalIn, "postal_code"
	case len(scripts) > 0 && len(scriptCountries[scripts[0]]) <= 2:
		sig.Country, sig.How = sig.ScriptIn[0], "script"
	default:
		sig.Unresolved = true
	}
	return sig
}

func containsWords(words []string, k string) bool {
	kw := strings.Fields(k)
	for i := 0; i+len(kw) <= len(words); i++ {
		match := true
		for j := range kw {
			if words[i+j] != kw[j] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// Match places p.Address and compares it with the claimed residence.
func Match(p *profile.Profile) matchers.Findings {
	var out matchers.Findings
	if strings.TrimSpace(p.Address) == "" {
		return out
	}
	sig := Locate(p.Address)
	out.SetSignal("address", sig)
	out.Place(matchers.SourceAddress, sig.Country, "address "+p.Address)
	if sig.CityIn != "" && sig.CityIn != sig.Country {
		out.Place(matchers.SourceAddress, sig.CityIn, "city "+sig.City)
	}
	home := p.Home()
	ev := func() map[string]any {
		m := map[string]any{"address": p.Address, "address_country": sig.Country, "how": sig.How}
		if home != "" {
			m["claimed_residence"] = home
		}
		if sig.City != "" {
			m["city"] = sig.City
		}
		return m
	}
	if sig.BorderHub != "" {
		hubIn := load().cities[country.Fold(sig.BorderHub)]
		out.Add(matchers.Finding{Code: matchers.AddressBorderHub, Severity: matchers.High, Source: matchers.SourceAddress, Country: hubIn,
			Message:  fmt.Sprintf("the address is in %s, %s, a known base of North Korean IT workers abroad", sig.BorderHub, country.Name(hubIn)),
			Evidence: ev()})
	}
	if home == "" {
		return out
	}
	if sig.Country != "" && sig.Country != home {
		sev, how := matchers.Medium, map[string]string{"city": "its city", "postal_code": "its postal code", "script": "its script"}[sig.How]
		if sig.How == "named" {
			sev, how = matchers.High, "it says so"
		}
		out.Add(matchers.Finding{Code: matchers.AddressCountryMismatch, Severity: sev, Source: matchers.SourceAddress, Country: sig.Country,
			Message: fmt.Sprintf("the address is in %s (%s), account claims to live in %s",
				matchers.Describe(sig.Country), how, matchers.Describe(home)),
			Evidence: ev()})
	}
	if len(sig.ScriptIn) > 0 && !hasCode(sig.ScriptIn, home) {
		out.Add(matchers.Finding{Code: matchers.AddressScriptMismatch, Severity: matchers.Low, Source: matchers.SourceAddress,
			Message: fmt.Sprintf("the address is written in %s, which is not used in %s",
				strings.Join(sig.Scripts, " and "), matchers.Describe(home)),
			Evidence: map[string]any{"scripts": sig.Scripts, "claimed_residence": home}})
	}
	return out
}

func hasCode(cs []country.Code, c country.Code) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}
