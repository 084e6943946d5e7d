// Package synth makes realistic synthetic identity documents for testing and
// measuring the document reader: random identities written into valid
// machine-readable zones of every ICAO 9303 format, rendered in OCR-B on a
// card with a visual zone, then photographed: placed on a table, rotated,
// seen in perspective, blurred, badly lit, noisy and JPEG-compressed, at a
// difficulty level. Tampered documents have a digit changed after their
// check digits were computed. Everything is reproducible from a seed.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/idcheck/idcheck/ocr/mrz"
)

// Identity is what a generated document says about its holder.
type Identity struct {
	Format         mrz.Format
	DocumentCode   string // two characters, such as "P<" or "ID"
	IssuingState   string // three characters, fillers included ("D<<")
	Nationality    string
	Surname        string
	GivenNames     []string
	DocumentNumber string // up to nine characters
	Birth, Expiry  time.Time
	Sex            byte // 'M', 'F' or '<'
	Optional       string
	Optional2      string // TD1 only
}

var countries = []string{"UTO", "D<<", "JPN", "KOR", "CHN", "USA", "GBR", "FRA", "POL", "UKR", "RUS", "CAN",
	"NLD", "ITA", "ESP", "SWE", "LTU", "ROU", "BGR", "VNM", "PHL", "IND", "BRA", "MEX", "AUS", "SGP", "TWN", "HKG"}

var surnames = []string{"ERIKSSON", "SATO", "SUZUKI", "TAKAHASHI", "WATANABE", "KIM", "LEE", "PARK", "CHOI", "JUNG",
	"WANG", "LI", "ZHANG", "LIU", "CHEN", "SMITH", "JOHNSON", "WILLIAMS", "BROWN", "GARCIA", "MUELLER", "SCHMIDT",
	"KOWALSKI", "NOWAK", "WISNIEWSKI", "SHEVCHENKO", "KOVALENKO", "IVANOV", "PETROV", "SMIRNOVA", "DUBOIS",
	"MARTIN", "ROSSI", "FERRARI", "FERNANDEZ", "NGUYEN", "TRAN", "SANTOS", "OLIVEIRA", "VAN<DER<BERG", "DE<JONG",
	"POPESCU", "IONESCU", "KAZLAUSKAS", "PETRENKO", "OKONKWO", "HERNANDEZ", "MCALLISTER", "OCONNOR", "XU",
	"YAMAMOTO", "NAKAMURA", "KOBAYASHI", "HOANG", "DIMITROV", "GEORGIEVA", "ANDERSSON", "JOHANSSON", "LINDQVIST"}

var givenNames = []string{"ANNA", "MARIA", "HARUTO", "YUI", "SOTA", "HINA", "MINJUN", "SEOYEON", "JIHO", "WEI",
	"JING", "XIAOMING", "JOHN", "MICHAEL", "SARAH", "EMILY", "DAVID", "KLAUS", "PIOTR", "AGNIESZKA", "OLENA",
	"DMYTRO", "IVAN", "OLGA", "PIERRE", "CAMILLE", "GIULIA", "MARCO", "LUCIA", "MINH", "LINH", "JOAO", "ANA",
	"PIETER", "ANDREI", "IOANA", "JONAS", "RUTA", "CHIAMAKA", "CARLOS", "SEAN", "AOIFE", "KENJI", "SAKURA",
	"NIKOLAI", "ELENA", "LARS", "INGRID", "JOSE", "XAVIER", "KAREN", "CONNOR", "CLAIRE", "BOGDAN", "KATARZYNA"}

// RandomIdentity draws an identity for format from rng.
func RandomIdentity(rng *rand.Rand, format mrz.Format) Identity {
	id := Identity{Format: format}
	switch format {
	case mrz.TD3:
		id.DocumentCode = pick(rng, []string{"P<", "P<", "P<", "PD", "PO"})
	case mrz.MRVA, mrz.MRVB:
		id.DocumentCode = pick(rng, []string{"V<", "VA", "VB", "VC"})
	default:
		id.DocumentCode = pick(rng, []string{"I<", "ID", "IR", "AC", "C<"})
	}
	id.IssuingState = pick(rng, countries)
	id.Nationality = id.IssuingState
	if rng.IntN(5) == 0 {
		id.Nationality = pick(rng, countries)
	}
	id.Surname = pick(rng, surnames)
	if rng.IntN(6) == 0 {
		id.Surname += "<" + pick(rng, surnames)
	}
	for n := 1 + rng.IntN(3); n > 0; n-- {
		id.GivenNames = append(id.GivenNames, pick(rng, givenNames))
	}
	id.DocumentNumber = randomDocumentNumber(rng)
	id.Birth = time.Date(1950+rng.IntN(56), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
	id.Expiry = time.Date(2016+rng.IntN(20), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
	id.Sex = "MF<"[rng.IntN(3)]
	if rng.IntN(7) == 0 {
		id.Sex = "MF"[rng.IntN(2)]
	}
	optLen := map[mrz.Format]int{mrz.TD1: 15, mrz.TD2: 7, mrz.TD3: 14, mrz.MRVA: 16, mrz.MRVB: 8}[format]
	if rng.IntN(2) == 0 {
		id.Optional = randomAlnum(rng, 1+rng.IntN(optLen))
	}
	if format == mrz.TD1 && rng.IntN(3) == 0 {
		id.Optional2 = randomAlnum(rng, 1+rng.IntN(11))
	}
	return id
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

const (
	letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	digits  = "0123456789"
)

func randomAlnum(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		if rng.IntN(3) == 0 {
			b[i] = letters[rng.IntN(26)]
		} else {
			b[i] = digits[rng.IntN(10)]
		}
	}
	return string(b)
}

func randomDocumentNumber(rng *rand.Rand) string {
	switch rng.IntN(4) {
	case 0: // 9 digits
		return randomDigits(rng, 9)
	case 1: // letter, then digits
		return string(letters[rng.IntN(26)]) + randomDigits(rng, 8)
	case 2: // two letters, seven digits
		return string(letters[rng.IntN(26)]) + string(letters[rng.IntN(26)]) + randomDigits(rng, 7)
	default: // shorter, padded with fillers
		return randomAlnum(rng, 6+rng.IntN(3))
	}
}

func randomDigits(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[rng.IntN(10)]
	}
	return string(b)
}

// pad fills s with fillers to n characters, cutting it if longer.
func pad(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat("<", n-len(s))
}

func cd(s string) string {
	d, ok := mrz.CheckDigit(s)
	if !ok {
		panic(fmt.Sprintf("synth: no check digit for %q", s))
	}
	return string(d)
}

// optionalCheck is the check digit of optional data; empty data has a filler.
func optionalCheck(s string) string {
	if strings.Trim(s, "<") == "" {
		return "<"
	}
	return cd(s)
}

// Lines writes the identity into the lines of its machine-readable zone,
// with correct check digits.
func (id Identity) Lines() []string {
	yymmdd := func(t time.Time) string { return t.Format("060102") }
	name := id.Surname + "<<" + strings.Join(id.GivenNames, "<")
	number := pad(id.DocumentNumber, 9)
	birth, expiry := yymmdd(id.Birth), yymmdd(id.Expiry)
	head := id.DocumentCode + id.IssuingState
	switch id.Format {
	case mrz.TD1:
		opt1, opt2 := pad(id.Optional, 15), pad(id.Optional2, 11)
		l1 := head + number + cd(number) + opt1
		l2 := birth + cd(birth) + string(id.Sex) + expiry + cd(expiry) + id.Nationality + opt2
		l2 += cd(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
		return []string{l1, l2, pad(name, 30)}
	case mrz.TD2, mrz.TD3:
		w := id.Format.Width()
		l1 := pad(head+name, w)
		l2 := number + cd(number) + id.Nationality + birth + cd(birth) + string(id.Sex) + expiry + cd(expiry)
		if id.Format == mrz.TD3 {
			opt := pad(id.Optional, 14)
			l2 += opt + optionalCheck(opt)
		} else {
			l2 += pad(id.Optional, 7)
		}
		l2 += cd(l2[0:10] + l2[13:20] + l2[21:])
		return []string{l1, l2}
	default: // visas
		w := id.Format.Width()
		l2 := number + cd(number) + id.Nationality + birth + cd(birth) + string(id.Sex) + expiry + cd(expiry)
		return []string{pad(head+name, w), pad(l2+id.Optional, w)}
	}
}

// Scramble replaces about half of the characters of lines by random letters
// and digits, and a few by fillers, keeping the lines' lengths and most
// filler runs. The result is no valid zone; it is training material in
// which no character can be guessed from its position.
func Scramble(rng *rand.Rand, lines []string) []string {
	const alphabet = letters + digits
	out := make([]string, len(lines))
	for i, l := range lines {
		b := []byte(l)
		for k, c := range b {
			switch r := rng.Float64(); {
			case c == '<' && r < 0.06:
				b[k] = alphabet[rng.IntN(len(alphabet))]
			case c != '<' && r < 0.05:
				b[k] = '<'
			case c != '<' && r < 0.55:
				b[k] = alphabet[rng.IntN(len(alphabet))]
			}
		}
		out[i] = string(b)
	}
	return out
}

// Tamper changes one digit of a field that a check digit protects (document
// number, birth date or expiry date) into another digit, leaving the check
// digits as they were: what a forger who edits a printed zone produces. It
// returns the new lines and the changed field's name.
func Tamper(rng *rand.Rand, format mrz.Format, lines []string) ([]string, string) {
	type span struct {
		name           string
		line, from, to int
	}
	var spans []span
	switch format {
	case mrz.TD1:
		spans = []span{{"document_number", 0, 5, 14}, {"birth_date", 1, 0, 6}, {"expiry_date", 1, 8, 14}}
	default:
		spans = []span{{"document_number", 1, 0, 9}, {"birth_date", 1, 13, 19}, {"expiry_date", 1, 21, 27}}
	}
	out := append([]string(nil), lines...)
	for {
		s := pick(rng, spans)
		pos := s.from + rng.IntN(s.to-s.from)
		b := []byte(out[s.line])
		if b[pos] < '0' || b[pos] > '9' {
			continue
		}
		old := b[pos]
		for b[pos] == old {
			b[pos] = digits[rng.IntN(10)]
		}
		// Keep dates real dates, as a forger would.
		test := append([]string(nil), out...)
		test[s.line] = string(b)
		if d, err := mrz.ParseAt(test, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil || len(d.Problems) > 0 {
			continue
		}
		out[s.line] = string(b)
		return out, s.name
	}
}
