// Package country knows the world's countries: ISO 3166-1 codes, names in
// English and in the countries' own languages with common aliases, the
// languages spoken in each, the ICAO 9303 codes documents carry, the
// country of each IANA time zone, and which jurisdictions are
// comprehensively sanctioned.
//
// The tables are built once, on first use, from golang.org/x/text's CLDR
// data, the time-zone table in zone.tab (from the public-domain tz
// database) and the hand-written additions in this package, and are never
// changed afterwards; every function is safe for concurrent use.
package country

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Code is an ISO 3166-1 alpha-2 country code in upper case ("JP"), or ""
// for no country.
type Code string

// Info describes one country.
type Info struct {
	Code   Code
	Alpha3 string // ISO 3166-1 alpha-3 ("JPN")
	Name   string // English short name ("Japan")
	// Languages are the ISO 639-1 codes of the languages most people there
	// speak and write, the main one first.
	Languages []string
}

type tables struct {
	info   map[Code]*Info
	byName map[string]Code // folded names, aliases, alpha-2 and alpha-3 codes
	alpha3 map[string]Code
	byTZ   map[string]Code
	zones  map[Code][]string
}

//go:embed zone.tab
var zoneTab string

// notCountries are CLDR regions that are no ISO 3166-1 country: parts of
// countries, reserved and withdrawn codes, groupings.
var notCountries = map[string]bool{"AC": true, "CP": true, "DG": true, "EA": true, "IC": true, "TA": true,
	"AN": true, "CS": true, "NT": true, "SU": true, "YU": true, "UN": true, "EU": true, "EZ": true,
	"QO": true, "ZZ": true, "AA": true}

var load = sync.OnceValue(build)

func build() *tables {
	t := &tables{info: map[Code]*Info{}, byName: map[string]Code{}, alpha3: map[string]Code{}, byTZ: map[string]Code{}, zones: map[Code][]string{}}
	english := display.English.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			s := string([]rune{a, b})
			r, err := language.ParseRegion(s)
			if err != nil || !r.IsCountry() || r.Canonicalize() != r || notCountries[s] {
				continue
			}
			name := english.Name(r)
			if name == "" || r.ISO3() == "ZZZ" {
				continue
			}
			c := Code(s)
			langs := extraLanguages[c]
			if langs == nil {
				if base, conf := language.Make("und-" + s).Base(); conf != language.No {
					langs = []string{base.String()}
				}
			}
			t.info[c] = &Info{Code: c, Alpha3: r.ISO3(), Name: name, Languages: langs}
			t.alpha3[r.ISO3()] = c
			t.addName(s, c)
			t.addName(r.ISO3(), c)
			t.addName(name, c)
			// The name in each of the country's own languages: 日本, 대한민국, Україна.
			for _, l := range langs {
				if tag, err := language.Parse(l); err == nil {
					if names := display.Regions(tag); names != nil { // nil for languages CLDR lacks
						t.addName(names.Name(r), c)
					}
				}
			}
		}
	}
	for name, c := range aliases {
		t.addName(name, c)
	}
	sc := bufio.NewScanner(strings.NewReader(zoneTab))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 3 && !strings.HasPrefix(f[0], "#") {
			t.byTZ[f[2]] = Code(f[0])
			t.zones[Code(f[0])] = append(t.zones[Code(f[0])], f[2])
		}
	}
	for tz, c := range oldZones {
		t.byTZ[tz] = c
	}
	return t
}

func (t *tables) addName(name string, c Code) {
	if k := Fold(name); k != "" {
		if _, taken := t.byName[k]; !taken {
			t.byName[k] = c
		}
	}
}

var folder = sync.Pool{New: func() any {
	return transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Fold reduces a name to the form names are compared in: accents removed,
// lower case, every run of characters other than letters and digits made
// one space, trimmed. Scripts without case or accents (Han, Hangul) pass
// through unchanged.
func Fold(s string) string {
	out := s
	if !isASCII(s) {
		// Only text beyond ASCII can carry accents to remove.
		tr := folder.Get().(transform.Transformer)
		var err error
		out, _, err = transform.String(tr, s)
		folder.Put(tr)
		if err != nil {
			out = s
		}
	}
	var b strings.Builder
	b.Grow(len(out))
	space := false
	for _, r := range out {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') || r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r >= 'A' && r <= 'Z' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return strings.TrimPrefix(b.String(), "the ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Parse names the country s stands for: an alpha-2 or alpha-3 code, or an
// English or native name or a common alias ("Japan", "JPN", "日本", "UK",
// "South Korea", "DPRK"), in any case and with or without accents.
func Parse(s string) (Code, bool) {
	c, ok := load().byName[Fold(s)]
	return c, ok
}

// Lookup returns what is known of country c.
func Lookup(c Code) (Info, bool) {
	i, ok := load().info[c]
	if !ok {
		return Info{}, false
	}
	return *i, true
}

// Name is the English name of c, or c itself when it is unknown.
func Name(c Code) string {
	if i, ok := load().info[c]; ok {
		return i.Name
	}
	return string(c)
}

// Languages returns the ISO 639-1 codes of the languages of c, main first.
func Languages(c Code) []string {
	if i, ok := load().info[c]; ok {
		return i.Languages
	}
	return nil
}

// ByTimeZone names the country of an IANA time zone ("Asia/Tokyo" is JP).
// Zones that span no single country (UTC, Etc/GMT+9) have none.
func ByTimeZone(tz string) (Code, bool) {
	c, ok := load().byTZ[tz]
	return c, ok
}

// Zones lists the IANA time zones of c, in zone.tab's order.
func Zones(c Code) []string { return load().zones[c] }

// Names calls yield with every folded name, alias and code Parse knows
// and its country, in no particular order, until yield returns false.
func Names(yield func(folded string, c Code) bool) {
	for k, c := range load().byName {
		if !yield(k, c) {
			return
		}
	}
}

// FromICAO maps the three-character nationality or issuing-state code of a
// machine-readable zone to a country. Most are ISO alpha-3 codes; ICAO adds
// D<< for Germany, RKS for Kosovo and GBD/GBN/GBO/GBP/GBS for British
// nationals. United Nations documents and stateless persons (UNO, XXA...)
// have no country.
func FromICAO(code string) (Code, bool) {
	code = strings.TrimRight(strings.ToUpper(code), "<")
	switch code {
	case "D":
		return "DE", true
	case "RKS":
		return "XK", true
	case "GBD", "GBN", "GBO", "GBP", "GBS":
		return "GB", true
	}
	c, ok := load().alpha3[code]
	return c, ok
}
