// Command profilegen writes idcheck's labelled profile corpus
// (testdata/profiles/corpus.jsonl): ordinary users of many countries —
// people at home, expatriates, travellers, EU neobank customers, people who
// write only English — and spoofed identities built from the indicators in
// the US advisories on North Korean IT workers (FBI, State, Treasury, since
// May 2022): a claimed nationality of Japan, South Korea, the US or Eastern
// Europe with a Chinese or virtual phone, an address in a border city, pay
// to China or in virtual currency, logins from China or Russia at night in
// the claimed country, Korean or Chinese text, borrowed documents. It also
// writes profiles with any contact with a sanctioned jurisdiction, and
// profiles with an edited identity document.
//
//	profilegen -out testdata/profiles/corpus.jsonl -seed 1
//
// The file is committed; the generator is kept so that it can be grown.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"

	"github.com/idcheck/idcheck/ocr/mrz"
	"github.com/idcheck/idcheck/ocr/synth"
)

// Case is one labelled profile, as the corpus file holds it.
type Case struct {
	Label   string         `json:"label"`  // legit, spoofed, sanctioned, tampered
	Expect  string         `json:"expect"` // pass, flag (review or reject), reject
	Note    string         `json:"note"`
	Profile map[string]any `json:"profile"`
}

func main() {
	out := flag.String("out", "testdata/profiles/corpus.jsonl", "file to write")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	g := &gen{rng: rand.New(rand.NewPCG(*seed, 0))}
	cases := g.all()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "profilegen:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	for _, c := range cases {
		if err := enc.Encode(c); err != nil {
			fmt.Fprintln(os.Stderr, "profilegen:", err)
			os.Exit(1)
		}
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "profilegen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "profilegen: %d profiles written to %s\n", len(cases), *out)
}

type gen struct {
	rng *rand.Rand
	n   int
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

var base = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

func (g *gen) id(prefix string) string {
	g.n++
	return fmt.Sprintf("%s-%04d", prefix, g.n)
}

func (g *gen) phone(k kit) string {
	for try := 0; try < 200; try++ {
		p := pick(g.rng, k.phones)
		s := p.prefix + " "
		for i := 0; i < p.digits; i++ {
			s += string(rune('0' + g.rng.IntN(10)))
		}
		if num, err := phonenumbers.Parse(s, ""); err == nil && phonenumbers.IsValidNumber(num) {
			return s
		}
	}
	panic("no valid phone number for " + k.code)
}

func (g *gen) text(lang string, n int) string {
	pool := sentences[lang]
	idx := g.rng.Perm(len(pool))
	var parts []string
	for _, i := range idx[:min(n, len(pool))] {
		parts = append(parts, pool[i])
	}
	sep := " "
	if lang == "ja" || lang == "zh" {
		sep = ""
	}
	return strings.Join(parts, sep)
}

// iban builds a valid IBAN for a kit's country (prefix may carry the
// bank's letters: "NLINGB").
func (g *gen) iban(prefix string) string {
	c := prefix[:2]
	format := bbans[c]
	var b strings.Builder
	b.WriteString(prefix[2:])
	run := 0
	skip := len(prefix) - 2 // letters already given count against the first runs
	for i := 0; i < len(format); i++ {
		ch := format[i]
		if ch >= '0' && ch <= '9' {
			run = run*10 + int(ch-'0')
			continue
		}
		for k := 0; k < run; k++ {
			if skip > 0 {
				skip--
				continue
			}
			switch ch {
			case 'n':
				b.WriteByte(byte('0' + g.rng.IntN(10)))
			case 'a':
				b.WriteByte(byte('A' + g.rng.IntN(26)))
			default:
				b.WriteByte(byte('0' + g.rng.IntN(10)))
			}
		}
		run = 0
	}
	bban := b.String()
	return fmt.Sprintf("%s%02d%s", c, 98-mod97(bban+c+"00"), bban)
}

// withBankCode builds an IBAN whose BBAN starts with a given bank code.
func (g *gen) withBankCode(c, code string) string {
	return g.iban(c + code)
}

func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= '0' && ch <= '9' {
			r = (r*10 + int(ch-'0')) % 97
		} else {
			r = (r*100 + int(ch-'A'+10)) % 97
		}
	}
	return r
}

func (g *gen) bankPayout(k kit) map[string]any {
	if k.ibanBank != "" {
		return map[string]any{"type": "bank", "iban": g.iban(k.ibanBank), "country": k.code}
	}
	return map[string]any{"type": "bank", "bic": k.bic, "account": fmt.Sprintf("%010d", g.rng.IntN(1e9)), "country": k.code}
}

// logins makes n logins from country c in working hours of tz, over the
// last weeks, from ip.
func (g *gen) logins(n int, c, tz, ip string, nightly bool) []map[string]any {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		panic(err)
	}
	var out []map[string]any
	for i := 0; i < n; i++ {
		day := base.AddDate(0, 0, -g.rng.IntN(40))
		hour := 9 + g.rng.IntN(10) // 9:00-18:59 local
		if nightly {
			hour = g.rng.IntN(6) // 0:00-5:59 local
		}
		t := time.Date(day.Year(), day.Month(), day.Day(), hour, g.rng.IntN(60), 0, 0, loc)
		out = append(out, map[string]any{"ip": ip, "at": t.UTC().Format(time.RFC3339), "country": c, "timezone": tz})
	}
	return out
}

// passport writes a TD3 zone for a person.
func (g *gen) passport(state, given, surname string, expired bool) []string {
	expiry := base.AddDate(1+g.rng.IntN(8), g.rng.IntN(12), 0)
	if expired {
		expiry = base.AddDate(-1-g.rng.IntN(3), 0, 0)
	}
	id := synth.Identity{Format: mrz.TD3, DocumentCode: "P<", IssuingState: state, Nationality: state,
		Surname: strings.ReplaceAll(mrzName(surname), " ", "<"), GivenNames: strings.Fields(mrzName(given)),
		DocumentNumber: fmt.Sprintf("%s%07d", string(rune('A'+g.rng.IntN(26)))+string(rune('A'+g.rng.IntN(26))), g.rng.IntN(1e7)),
		Sex:            "MF"[g.rng.IntN(2)], Birth: time.Date(1975+g.rng.IntN(28), time.Month(1+g.rng.IntN(12)), 1+g.rng.IntN(28), 0, 0, 0, 0, time.UTC),
		Expiry: expiry}
	return id.Lines()
}

var icao = map[string]string{"JP": "JPN", "KR": "KOR", "CN": "CHN", "US": "USA", "DE": "D<<", "PL": "POL", "UA": "UKR",
	"FR": "FRA", "GB": "GBR", "ES": "ESP", "IT": "ITA", "NL": "NLD", "PT": "PRT", "RO": "ROU", "VN": "VNM", "PH": "PHL",
	"IN": "IND", "BR": "BRA", "CA": "CAN", "LT": "LTU", "TR": "TUR", "SG": "SGP", "NG": "NGA", "KP": "PRK", "IR": "IRN"}

// mrzName spells a name as a zone does: Latin capitals, Ä as AE.
func mrzName(s string) string {
	r := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "ą", "a", "ć", "c", "ę", "e", "ł", "l", "ń", "n",
		"ó", "o", "ś", "s", "ź", "z", "ż", "z", "é", "e", "è", "e", "í", "i", "á", "a", "ú", "u", "ã", "a", "ç", "c", "ı", "i",
		"ş", "s", "ğ", "g", "ū", "u", "ė", "e", "ą", "a")
	s = strings.ToUpper(r.Replace(strings.ToLower(s)))
	return strings.Map(func(c rune) rune {
		if c >= 'A' && c <= 'Z' || c == ' ' {
			return c
		}
		if c == '-' || c == '\'' {
			return ' '
		}
		return -1
	}, s)
}
