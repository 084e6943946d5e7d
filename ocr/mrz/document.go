package mrz

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrFormat is returned when the lines fit none of the ICAO 9303 formats.
var ErrFormat = errors.New("mrz: lines fit no ICAO 9303 format")

// Document is what a machine-readable zone says, with the outcome of every
// check digit. Dates are ISO 8601 (YYYY-MM-DD); a date whose day or month is
// unknown (fillers in the zone) is shortened to YYYY-MM or YYYY.
type Document struct {
	Format         Format          `json:"format"`
	Lines          []string        `json:"lines"`
	DocumentType   string          `json:"document_type"`
	IssuingState   string          `json:"issuing_state"`
	Surname        string          `json:"surname"`
	GivenNames     string          `json:"given_names"`
	DocumentNumber string          `json:"document_number"`
	Nationality    string          `json:"nationality"`
	BirthDate      string          `json:"birth_date"`
	Sex            string          `json:"sex"`
	ExpiryDate     string          `json:"expiry_date"`
	OptionalData   string          `json:"optional_data"`
	OptionalData2  string          `json:"optional_data_2,omitempty"`
	Valid          bool            `json:"valid"`
	Checks         map[string]bool `json:"checks"`
	Expired        bool            `json:"expired"`
	Corrections    []Correction    `json:"corrections"`
	// Problems names what is wrong beyond check digits: impossible dates,
	// characters no field may hold.
	Problems []string `json:"problems,omitempty"`
	// Unsure names characters no check digit vouches for that OCR read
	// with too little confidence; they make the reading invalid but, unlike
	// Problems, do not count against it when readings are compared, so
	// that a reader does not prefer a confident misreading.
	Unsure []string `json:"unsure,omitempty"`
}

// Correction records one character the parser changed, and why.
type Correction struct {
	Line   int    `json:"line"`   // 1-based
	Column int    `json:"column"` // 1-based; for an insertion, where the new character stands
	Field  string `json:"field"`
	From   string `json:"from"` // empty for an inserted character
	To     string `json:"to"`   // empty for a removed character
	Reason string `json:"reason"`
}

// ChecksPassed counts the check digits that hold.
func (d *Document) ChecksPassed() int {
	n := 0
	for _, ok := range d.Checks {
		if ok {
			n++
		}
	}
	return n
}

// Score rates how well a reading holds together: each check digit that holds
// counts for much, each problem against it, each repair a little. Readings
// of the same zone compare by it.
func (d *Document) Score() int {
	return 100*d.ChecksPassed() - 60*len(d.Problems) - len(d.Corrections)
}

// DetectFormat names the format that lines of these lengths and this first
// character have, or FormatUnknown.
func DetectFormat(lines []string) Format {
	switch {
	case len(lines) == 3 && len(lines[0]) == 30 && len(lines[1]) == 30 && len(lines[2]) == 30:
		return TD1
	case len(lines) != 2 || len(lines[0]) != len(lines[1]) || len(lines[0]) == 0:
		return FormatUnknown
	}
	visa := lines[0][0] == 'V'
	switch len(lines[0]) {
	case 36:
		if visa {
			return MRVB
		}
		return TD2
	case 44:
		if visa {
			return MRVA
		}
		return TD3
	}
	return FormatUnknown
}

// Parse reads the zone in lines, which must have the exact length of their
// format, as of the current time (for century inference and expiry).
func Parse(lines []string) (*Document, error) {
	return ParseAt(lines, time.Now())
}

// ParseAt reads the zone in lines as of now. It repairs the confusions the
// zone's structure settles (see the package comment) and reports each one.
func ParseAt(lines []string, now time.Time) (*Document, error) {
	clean := make([]string, len(lines))
	for i, l := range lines {
		clean[i] = strings.ToUpper(strings.TrimSpace(l))
	}
	format := DetectFormat(clean)
	if format == FormatUnknown {
		return nil, fmt.Errorf("%w: got %s", ErrFormat, describeLengths(clean))
	}
	return parseFormat(clean, format, now), nil
}

func describeLengths(lines []string) string {
	if len(lines) == 0 {
		return "no lines"
	}
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = fmt.Sprint(len(l))
	}
	return fmt.Sprintf("%d lines of %s characters (want 3×30, 2×36 or 2×44)", len(lines), strings.Join(parts, ", "))
}

// parseFormat parses lines of the right shape for format.
func parseFormat(lines []string, format Format, now time.Time) *Document {
	lay := layouts[format]
	z := newZone(lines)
	doc := &Document{Format: format, Checks: map[string]bool{}, Corrections: []Correction{}}

	z.repairClasses(lay, doc)
	z.repairNameFillers(lay, doc)
	z.repairCountries(lay, doc)

	get := func(name string) string {
		for _, fl := range lay.fields {
			if fl.name == name {
				return z.span(fl)
			}
		}
		return ""
	}
	for _, c := range lay.checks {
		data := ""
		for _, fl := range c.covers {
			data += z.span(fl)
		}
		doc.Checks[c.name] = checkHolds(data, z.lines[c.line][c.pos])
	}

	doc.DocumentType = strings.TrimRight(get(fDocType), "<")
	doc.IssuingState = strings.TrimRight(get(fIssuer), "<")
	doc.Nationality = strings.TrimRight(get(fNation), "<")
	doc.Surname, doc.GivenNames = splitName(get(fName))
	doc.DocumentNumber = strings.TrimRight(get(fDocNumber), "<")
	doc.OptionalData = strings.TrimRight(get(fOptional), "<")
	doc.OptionalData2 = strings.TrimRight(get(fOptional2), "<")
	if format == TD1 || format == TD2 {
		z.longDocumentNumber(format, doc)
	}
	switch sex := get(fSex); sex {
	case "M", "F":
		doc.Sex = sex
	case "<", "X":
		doc.Sex = "X"
	default:
		doc.Sex = sex
		doc.Problems = append(doc.Problems, fmt.Sprintf("sex %q is not M, F, X or <", sex))
	}

	var birth, expiry time.Time
	var err error
	if doc.BirthDate, birth, err = parseDate(get(fBirth), now, false); err != nil {
		doc.Problems = append(doc.Problems, "birth date: "+err.Error())
	}
	if doc.ExpiryDate, expiry, err = parseDate(get(fExpiry), now, true); err != nil {
		doc.Problems = append(doc.Problems, "expiry date: "+err.Error())
	}
	if !expiry.IsZero() {
		today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		doc.Expired = expiry.Before(today)
	}
	_ = birth
	doc.Problems = append(doc.Problems, z.illegal...)
	// The document code carries no check digit, but ICAO 9303 fixes its
	// first letter: A, C or I on cards, P on passports, V on visas.
	if first := get(fDocType)[0]; !strings.ContainsRune(allowedDocCodes[format], rune(first)) {
		doc.Problems = append(doc.Problems, fmt.Sprintf("document code %q cannot begin a %s zone (want one of %s)",
			get(fDocType), format, allowedDocCodes[format]))
	}
	// The names carry no check digit either, but ICAO 9303 puts the
	// primary identifier first, so the field never begins with a filler;
	// a names line read as fillers is a misreading (or not a names line).
	if name := get(fName); name[0] == '<' {
		doc.Problems = append(doc.Problems, "names: the field begins with a filler, not the primary identifier")
	}
	// Country codes carry no check digit; an unknown one is a misreading,
	// or a document no state issued.
	for _, c := range []struct{ name, code string }{{"issuing state", get(fIssuer)}, {"nationality", get(fNation)}} {
		if !IsCountryCode(c.code) {
			doc.Problems = append(doc.Problems, fmt.Sprintf("%s %q is not an ICAO 9303 country code", c.name, c.code))
		}
	}

	doc.Lines = z.strings()
	doc.Valid = len(doc.Problems) == 0
	for _, ok := range doc.Checks {
		doc.Valid = doc.Valid && ok
	}
	return doc
}

// allowedDocCodes are the letters a document code may begin with, per format.
var allowedDocCodes = map[Format]string{TD1: "ACI", TD2: "ACI", TD3: "P", MRVA: "V", MRVB: "V"}

// longDocumentNumber handles TD1 and TD2 document numbers of more than nine
// characters (ICAO 9303-5 and -6, note j): the check digit position holds a
// filler, and the number goes on in the optional data, ending with its check
// digit.
func (z *zone) longDocumentNumber(format Format, doc *Document) {
	line, checkPos, optFrom, optTo := 0, 14, 15, 30
	if format == TD2 {
		line, checkPos, optFrom, optTo = 1, 9, 28, 35
	}
	l := z.lines[line]
	if l[checkPos] != '<' || l[optFrom] == '<' {
		return
	}
	opt := string(l[optFrom:optTo])
	end := strings.IndexByte(opt, '<')
	if end < 0 {
		end = len(opt)
	}
	if end < 2 {
		return
	}
	number := string(l[checkPos-9:checkPos]) + opt[:end-1]
	doc.DocumentNumber = number
	doc.Checks[fDocNumber] = checkHolds(number, opt[end-1])
	doc.OptionalData = strings.TrimRight(strings.TrimLeft(opt[end:], "<"), "<")
}

// splitName splits the name field into the primary identifier (surname) and
// the secondary identifier (given names), with fillers turned into spaces.
func splitName(s string) (surname, given string) {
	s = strings.TrimRight(s, "<")
	primary, secondary, _ := strings.Cut(s, "<<")
	clean := func(p string) string {
		return strings.Join(strings.FieldsFunc(p, func(r rune) bool { return r == '<' }), " ")
	}
	return clean(primary), clean(secondary)
}

// parseDate reads a YYMMDD date. Birth dates are never in the future;
// expiry dates are read forward, up to 50 years from now. Fillers in the day,
// or in the month and day, stand for unknown parts.
func parseDate(s string, now time.Time, expiry bool) (iso string, t time.Time, err error) {
	if len(s) != 6 {
		return s, t, fmt.Errorf("%q is not YYMMDD", s)
	}
	if !isDigits(s[:2]) {
		return s, t, fmt.Errorf("%q has no year", s)
	}
	yy := int(s[0]-'0')*10 + int(s[1]-'0')
	year := 2000 + yy
	if expiry {
		if year > now.Year()+50 {
			year -= 100
		}
	} else if year > now.Year() {
		year -= 100
	}
	switch {
	case s[2:] == "<<<<":
		return fmt.Sprintf("%04d", year), t, nil
	case s[4:] == "<<" && isDigits(s[2:4]):
		m := int(s[2]-'0')*10 + int(s[3]-'0')
		if m < 1 || m > 12 {
			return s, t, fmt.Errorf("%q has month %02d", s, m)
		}
		return fmt.Sprintf("%04d-%02d", year, m), t, nil
	case !isDigits(s):
		return s, t, fmt.Errorf("%q is not YYMMDD", s)
	}
	m := int(s[2]-'0')*10 + int(s[3]-'0')
	d := int(s[4]-'0')*10 + int(s[5]-'0')
	t = time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return s, time.Time{}, fmt.Errorf("%q is not a calendar date", s)
	}
	if !expiry && year == now.Year() && t.After(now) {
		// Born this century's year yy would be in the future: last century.
		t = t.AddDate(-100, 0, 0)
	}
	return t.Format("2006-01-02"), t, nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}

// FailedLines lists, in order, the zone lines (0-based) that hold a check
// digit that fails or a character one covers: the lines worth reading again
// when a reading is not valid. It is nil when every check digit holds or
// the format is unknown.
func (d *Document) FailedLines() []int {
	on := make([]bool, d.Format.Lines())
	for _, c := range layouts[d.Format].checks {
		if ok, read := d.Checks[c.name]; !read || ok {
			continue
		}
		on[c.line] = true
		for _, f := range c.covers {
			on[f.line] = true
		}
	}
	var out []int
	for i, v := range on {
		if v {
			out = append(out, i)
		}
	}
	return out
}
