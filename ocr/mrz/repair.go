package mrz

import "fmt"

// zone is the mutable text of a machine-readable zone being parsed.
type zone struct {
	lines   [][]byte
	illegal []string // characters no field may hold, as problems
}

func newZone(lines []string) *zone {
	z := &zone{lines: make([][]byte, len(lines))}
	for i, l := range lines {
		z.lines[i] = []byte(l)
	}
	return z
}

func (z *zone) span(fl field) string { return string(z.lines[fl.line][fl.from:fl.to]) }

func (z *zone) strings() []string {
	out := make([]string, len(z.lines))
	for i, l := range z.lines {
		out[i] = string(l)
	}
	return out
}

func (z *zone) set(doc *Document, fl field, pos int, to byte, reason string) {
	from := z.lines[fl.line][pos]
	z.lines[fl.line][pos] = to
	doc.Corrections = append(doc.Corrections, Correction{
		Line: fl.line + 1, Column: pos + 1, Field: fl.name,
		From: string(from), To: string(to), Reason: reason,
	})
}

// toDigit maps letters that OCR confuses with digits to that digit.
var toDigit = map[byte]byte{
	'O': '0', 'Q': '0', 'D': '0', 'U': '0', 'I': '1', 'L': '1', 'Z': '2',
	'S': '5', 'B': '8', 'G': '6', 'A': '4', 'T': '7',
}

// toLetter maps digits that OCR confuses with letters to that letter.
var toLetter = map[byte]byte{
	'0': 'O', '1': 'I', '2': 'Z', '4': 'A', '5': 'S', '6': 'G', '8': 'B', '7': 'T',
}

// isFillerLike reports the characters OCR reads a filler '<' as.
func isFillerLike(c byte) bool { return c == 'K' || c == 'C' || c == 'X' }

// repairClasses turns letters in numeric fields into digits and digits in
// alphabetic fields into letters, where the confusion is a known one. Each
// such character is illegal where it stands, so the change cannot turn a
// legal reading into another legal one.
func (z *zone) repairClasses(lay layout, doc *Document) {
	for _, fl := range lay.fields {
		for pos := fl.from; pos < fl.to; pos++ {
			c := z.lines[fl.line][pos]
			if _, ok := charValue(c); !ok {
				z.illegal = append(z.illegal, fmt.Sprintf("line %d column %d: %q is not an MRZ character", fl.line+1, pos+1, c))
				continue
			}
			switch {
			case fl.kind == numeric && c >= 'A' && c <= 'Z':
				if d, ok := toDigit[c]; ok {
					z.set(doc, fl, pos, d, "letter in a numeric field")
				} else {
					z.illegal = append(z.illegal, fmt.Sprintf("%s: letter %q in a numeric field", fl.name, c))
				}
			case fl.kind == alpha && c >= '0' && c <= '9':
				if l, ok := toLetter[c]; ok {
					z.set(doc, fl, pos, l, "digit in an alphabetic field")
				} else {
					z.illegal = append(z.illegal, fmt.Sprintf("%s: digit %q in an alphabetic field", fl.name, c))
				}
			}
		}
	}
}

// repairNameFillers turns K, C and X after the end of the names into
// fillers. The name field is PRIMARY<<SECONDARY<PARTS then fillers only; a
// second "<<" after the secondary identifier has begun ends the names, so
// nothing but fillers may follow it.
func (z *zone) repairNameFillers(lay layout, doc *Document) {
	for _, fl := range lay.fields {
		if fl.name != fName {
			continue
		}
		l := z.lines[fl.line]
		sep := -1
		for i := fl.from; i+1 < fl.to; i++ {
			if l[i] == '<' && l[i+1] == '<' {
				sep = i
				break
			}
		}
		if sep < 0 {
			return
		}
		i := sep
		for i < fl.to && l[i] == '<' {
			i++
		}
		// Secondary identifier: from i to the next "<<".
		end := -1
		for j := i; j+1 < fl.to; j++ {
			if l[j] == '<' && l[j+1] == '<' {
				end = j
				break
			}
		}
		if i == fl.to || end < 0 {
			return
		}
		for j := end; j < fl.to; j++ {
			if isFillerLike(l[j]) {
				z.set(doc, fl, j, '<', "filler read as a letter after the end of the names")
			}
		}
	}
}

// repairCountries settles an issuing state or nationality that is no ICAO
// code by reading K, C or X as fillers, when exactly one such reading is a
// code (Germany's "D<<" read as "DKK").
func (z *zone) repairCountries(lay layout, doc *Document) {
	for _, fl := range lay.fields {
		if fl.name != fIssuer && fl.name != fNation {
			continue
		}
		code := z.span(fl)
		if IsCountryCode(code) {
			continue
		}
		var found []string
		for mask := 1; mask < 4; mask++ { // positions 2 and 3 only: codes are left-aligned
			b := []byte(code)
			ok := true
			for bit := 0; bit < 2; bit++ {
				if mask&(1<<bit) == 0 {
					continue
				}
				if !isFillerLike(b[1+bit]) {
					ok = false
					break
				}
				b[1+bit] = '<'
			}
			if ok && IsCountryCode(string(b)) {
				found = append(found, string(b))
			}
		}
		if len(found) != 1 {
			continue
		}
		for k := 0; k < 3; k++ {
			if found[0][k] != code[k] {
				z.set(doc, fl, fl.from+k, found[0][k], "filler read as a letter in a country code")
			}
		}
	}
}
