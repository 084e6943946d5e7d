// Package mrz parses and checks the machine-readable zone of ICAO 9303
// travel documents: TD1 cards (3×30), TD2 cards (2×36), TD3 passports (2×44)
// and MRV-A (2×44) and MRV-B (2×36) visas.
//
// Parse takes lines that already have the right lengths and repairs only the
// OCR confusions the zone's structure can settle: a letter where a field can
// hold only digits (and the reverse), fillers read as K, C or X, and
// look-alike characters in alphanumeric fields where the check digit picks
// exactly one reading. It never turns a character into another character that
// is legal in its field just to make a check digit hold, so a tampered
// document stays invalid. Recover also settles OCR output whose lines came out
// too long or too short, which happens mostly in runs of fillers.
package mrz

import "fmt"

// Format is one of the ICAO 9303 machine-readable zone layouts.
type Format int

// The machine-readable formats of ICAO 9303.
const (
	FormatUnknown Format = iota
	TD1                  // ID-1 card: 3 lines of 30 characters (ICAO 9303-5).
	TD2                  // ID-2 card: 2 lines of 36 characters (ICAO 9303-6).
	TD3                  // passport: 2 lines of 44 characters (ICAO 9303-4).
	MRVA                 // visa of format A: 2 lines of 44 characters (ICAO 9303-7).
	MRVB                 // visa of format B: 2 lines of 36 characters (ICAO 9303-7).
)

var formatNames = map[Format]string{TD1: "TD1", TD2: "TD2", TD3: "TD3", MRVA: "MRV-A", MRVB: "MRV-B"}

// String returns the format's ICAO name, such as "TD3" or "MRV-A".
func (f Format) String() string {
	if n, ok := formatNames[f]; ok {
		return n
	}
	return "unknown"
}

// MarshalText encodes the format as its ICAO name.
func (f Format) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText decodes an ICAO format name.
func (f *Format) UnmarshalText(b []byte) error {
	for k, v := range formatNames {
		if v == string(b) {
			*f = k
			return nil
		}
	}
	return fmt.Errorf("mrz: unknown format %q", b)
}

// Lines is how many lines the format has.
func (f Format) Lines() int {
	if f == TD1 {
		return 3
	}
	if f == FormatUnknown {
		return 0
	}
	return 2
}

// Width is how many characters each line of the format holds.
func (f Format) Width() int {
	switch f {
	case TD1:
		return 30
	case TD2, MRVB:
		return 36
	case TD3, MRVA:
		return 44
	}
	return 0
}

// Formats lists every known format.
var Formats = []Format{TD1, TD2, TD3, MRVA, MRVB}

// kind is the set of characters a field may hold.
type kind int

const (
	numeric kind = iota // digits, and '<' where a value may be unknown or absent
	alpha               // letters and '<'
	alnum               // letters, digits and '<'
)

// field is one fixed span of the zone.
type field struct {
	name string
	line int // 0-based
	from int // 0-based, inclusive
	to   int // exclusive
	kind kind
}

// check is one check digit and the spans it covers.
type check struct {
	name   string
	line   int
	pos    int
	covers []field
}

// layout describes where each field of a format lies.
type layout struct {
	fields []field
	checks []check
}

// Field names, as reported in Document, Correction and Checks.
const (
	fDocType   = "document_type"
	fIssuer    = "issuing_state"
	fName      = "name"
	fDocNumber = "document_number"
	fNation    = "nationality"
	fBirth     = "birth_date"
	fSex       = "sex"
	fExpiry    = "expiry_date"
	fOptional  = "optional_data"
	fOptional2 = "optional_data_2"
	fComposite = "composite"
	checkSufx  = "_check"
)

func f(name string, line, from, to int, k kind) field { return field{name, line, from, to, k} }

// layouts follow ICAO 9303 parts 4 to 7.
var layouts = map[Format]layout{
	TD1: {
		fields: []field{
			f(fDocType, 0, 0, 2, alpha), f(fIssuer, 0, 2, 5, alpha), f(fDocNumber, 0, 5, 14, alnum),
			f(fDocNumber+checkSufx, 0, 14, 15, numeric), f(fOptional, 0, 15, 30, alnum),
			f(fBirth, 1, 0, 6, numeric), f(fBirth+checkSufx, 1, 6, 7, numeric), f(fSex, 1, 7, 8, alpha),
			f(fExpiry, 1, 8, 14, numeric), f(fExpiry+checkSufx, 1, 14, 15, numeric), f(fNation, 1, 15, 18, alpha),
			f(fOptional2, 1, 18, 29, alnum), f(fComposite+checkSufx, 1, 29, 30, numeric),
			f(fName, 2, 0, 30, alpha),
		},
		checks: []check{
			{fDocNumber, 0, 14, []field{f("", 0, 5, 14, alnum)}},
			{fBirth, 1, 6, []field{f("", 1, 0, 6, numeric)}},
			{fExpiry, 1, 14, []field{f("", 1, 8, 14, numeric)}},
			{fComposite, 1, 29, []field{f("", 0, 5, 30, alnum), f("", 1, 0, 7, alnum), f("", 1, 8, 15, alnum), f("", 1, 18, 29, alnum)}},
		},
	},
	TD2:  twoLine(36, 35, true),
	TD3:  twoLine(44, 43, true),
	MRVA: twoLine(44, 0, false),
	MRVB: twoLine(36, 0, false),
}

// twoLine builds the layouts of TD2, TD3 and the visas, which share their
// first 28 characters of line 2 and differ in what follows.
func twoLine(width, compositePos int, composite bool) layout {
	l := layout{
		fields: []field{
			f(fDocType, 0, 0, 2, alpha), f(fIssuer, 0, 2, 5, alpha), f(fName, 0, 5, width, alpha),
			f(fDocNumber, 1, 0, 9, alnum), f(fDocNumber+checkSufx, 1, 9, 10, numeric), f(fNation, 1, 10, 13, alpha),
			f(fBirth, 1, 13, 19, numeric), f(fBirth+checkSufx, 1, 19, 20, numeric), f(fSex, 1, 20, 21, alpha),
			f(fExpiry, 1, 21, 27, numeric), f(fExpiry+checkSufx, 1, 27, 28, numeric),
		},
		checks: []check{
			{fDocNumber, 1, 9, []field{f("", 1, 0, 9, alnum)}},
			{fBirth, 1, 19, []field{f("", 1, 13, 19, numeric)}},
			{fExpiry, 1, 27, []field{f("", 1, 21, 27, numeric)}},
		},
	}
	switch {
	case width == 44 && composite: // TD3: personal number with its own check digit
		l.fields = append(l.fields, f(fOptional, 1, 28, 42, alnum), f(fOptional+checkSufx, 1, 42, 43, numeric),
			f(fComposite+checkSufx, 1, 43, 44, numeric))
		l.checks = append(l.checks,
			check{fOptional, 1, 42, []field{f("", 1, 28, 42, alnum)}},
			check{fComposite, 1, compositePos, []field{f("", 1, 0, 10, alnum), f("", 1, 13, 20, alnum), f("", 1, 21, 43, alnum)}})
	case composite: // TD2
		l.fields = append(l.fields, f(fOptional, 1, 28, 35, alnum), f(fComposite+checkSufx, 1, 35, 36, numeric))
		l.checks = append(l.checks,
			check{fComposite, 1, compositePos, []field{f("", 1, 0, 10, alnum), f("", 1, 13, 20, alnum), f("", 1, 21, 35, alnum)}})
	default: // visas: no composite check digit
		l.fields = append(l.fields, f(fOptional, 1, 28, width, alnum))
	}
	return l
}
