package mrz

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"
)

// maxLengthEdits bounds how many characters Recover inserts or removes in
// one line; a line further off than that is padded or cut at its end only.
const maxLengthEdits = 4

// variantsPerLine bounds how many length repairs of one line are tried.
const variantsPerLine = 10

// Recover parses zone text as OCR produced it: lines may have spaces, lower
// case, and a few characters too many or too few, mostly in runs of fillers.
// It tries the formats the line count and lengths allow, repairs lengths by
// inserting or removing fillers inside filler runs, and returns the reading
// whose check digits hold best, with every repair in Corrections. Ties go to
// the reading with fewer and likelier repairs.
func Recover(raw []string, now time.Time) (*Document, error) {
	return RecoverConfident(raw, nil, now)
}

// uncertain is the OCR confidence (0-100) below which a character that
// makes its line too long may be taken for one OCR made up.
const uncertain = 90

// RecoverConfident is Recover with the OCR's confidence in each character
// of each line (conf[i][j] for raw[i][j], 0-100; nil when unknown). A line
// that is too long may then also lose its least confident characters, when
// OCR was unsure of them (below 90): OCR adds characters where the print
// is smudged, and those are not always fillers.
func RecoverConfident(raw []string, conf [][]float64, now time.Time) (*Document, error) {
	var lines []string
	var confs [][]float64
	for i, l := range raw {
		c := cleanLine(l)
		if c == "" {
			continue
		}
		lines = append(lines, c)
		var lc []float64
		if i < len(conf) && len(conf[i]) == len(c) { // aligned only when cleaning changed nothing
			lc = conf[i]
		}
		confs = append(confs, lc)
	}
	var best *Document
	bestScore := 0
	for _, w := range candidateWindows(len(lines)) {
		window := lines[w[0]:w[1]]
		for _, width := range candidateWidths(window) {
			doc, score := bestOfVariants(window, confs[w[0]:w[1]], width, now)
			if doc != nil && (best == nil || score > bestScore) {
				best, bestScore = doc, score
			}
		}
	}
	if best == nil {
		return nil, fmt.Errorf("%w: got %s", ErrFormat, describeLengths(lines))
	}
	return best, nil
}

// cleanLine upper-cases a line and drops white space and characters OCR
// adds at line ends (quotes, dots).
func cleanLine(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case unicode.IsSpace(r):
		case r == '«':
			b.WriteString("<<")
		case r == '‹':
			b.WriteByte('<')
		case r < 128:
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return strings.Trim(b.String(), ".,'`\"")
}

// candidateWindows returns the runs of consecutive lines, of n, that could
// be a zone: every run of two and of three lines, as [from, to) indices.
func candidateWindows(n int) [][2]int {
	var out [][2]int
	for k := 2; k <= 3; k++ {
		for i := 0; i+k <= n; i++ {
			out = append(out, [2]int{i, i + k})
		}
	}
	return out
}

// candidateWidths names the line widths a window may have been meant to be.
func candidateWidths(lines []string) []int {
	if len(lines) == 3 {
		return []int{30}
	}
	mean := (len(lines[0]) + len(lines[1])) / 2
	var out []int
	for _, w := range []int{36, 44} {
		if mean >= w-2*maxLengthEdits && mean <= w+2*maxLengthEdits {
			out = append(out, w)
		}
	}
	return out
}

// lineVariant is one length repair of a line.
type lineVariant struct {
	text  string
	cost  int
	edits []Correction
}

// bestOfVariants tries the length repairs of every line and returns the
// best parse and its score.
func bestOfVariants(lines []string, confs [][]float64, width int, now time.Time) (*Document, int) {
	per := make([][]lineVariant, len(lines))
	for i, l := range lines {
		per[i] = lengthVariants(l, confs[i], width, i+1)
	}
	var best *Document
	bestScore := 0
	idx := make([]int, len(lines))
	for {
		texts := make([]string, len(lines))
		cost := 0
		var edits []Correction
		for i, k := range idx {
			v := per[i][k]
			texts[i], cost = v.text, cost+v.cost
			edits = append(edits, v.edits...)
		}
		if format := DetectFormat(texts); format != FormatUnknown {
			doc := parseFormat(texts, format, now)
			distrustRealigned(doc, format, texts, edits)
			doc.Corrections = append(append([]Correction{}, edits...), doc.Corrections...)
			score := doc.Score() - 3*cost
			if best == nil || score > bestScore {
				best, bestScore = doc, score
			}
		}
		// Next combination.
		i := 0
		for ; i < len(idx); i++ {
			idx[i]++
			if idx[i] < len(per[i]) {
				break
			}
			idx[i] = 0
		}
		if i == len(idx) {
			return best, bestScore
		}
	}
}

// run is a maximal stretch of fillers in a line.
type run struct{ start, n int }

func fillerRuns(s string) []run {
	var out []run
	for i := 0; i < len(s); {
		if s[i] != '<' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '<' {
			j++
		}
		out = append(out, run{i, j - i})
		i = j
	}
	return out
}

// lengthVariants returns up to variantsPerLine ways to bring s to width
// characters, cheapest first. Fillers are inserted into or removed from
// filler runs (a run at the end of the line counts, even an empty one);
// changes in long runs are cheapest, since OCR miscounts those most.
func lengthVariants(s string, conf []float64, width, lineNo int) []lineVariant {
	d := len(s) - width
	if d == 0 {
		return []lineVariant{{text: s}}
	}
	if d > maxLengthEdits || -d > maxLengthEdits {
		return []lineVariant{cutOrPad(s, width, lineNo)}
	}
	runs := fillerRuns(s)
	if len(runs) == 0 || runs[len(runs)-1].start+runs[len(runs)-1].n != len(s) {
		runs = append(runs, run{len(s), 0}) // an empty run at the end takes insertions
	}
	var out []lineVariant
	need := abs(d)
	counts := make([]int, len(runs))
	var distribute func(k, left int)
	distribute = func(k, left int) {
		if k == len(runs) {
			if left == 0 {
				out = append(out, applyRunEdits(s, runs, counts, d > 0, lineNo))
			}
			return
		}
		limit := left
		if d > 0 && runs[k].n < limit {
			limit = runs[k].n
		}
		for c := 0; c <= limit; c++ {
			counts[k] = c
			distribute(k+1, left-c)
		}
		counts[k] = 0
	}
	distribute(0, need)
	if d > 0 && conf != nil {
		if v, ok := dropUncertain(s, conf, d, lineNo); ok {
			out = append(out, v)
		}
	}
	if d > 0 {
		// A stray mark read at either end of the line.
		for _, cut := range []struct {
			t   string
			col int
		}{{s[1:], 1}, {s[:len(s)-1], len(s)}} {
			if len(cut.t) == width {
				out = append(out, lineVariant{text: cut.t, cost: 4, edits: []Correction{{
					Line: lineNo, Column: cut.col, Field: "line", From: string(s[cut.col-1]),
					Reason: reasonStray,
				}}})
			}
		}
	}
	if len(out) == 0 {
		return []lineVariant{cutOrPad(s, width, lineNo)}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].cost < out[j].cost })
	if len(out) > variantsPerLine {
		out = out[:variantsPerLine]
	}
	return out
}

// distrustRealigned makes a reading invalid when fillers were inserted or
// removed in a short run (under four) inside a field that has a check
// digit of its own (document number, dates, TD3's personal number). OCR
// miscounts long runs of fillers, and evening those out is safe; a short
// run it counts well, so a line too long or too short there more likely
// has a character added or lost inside the field — and the field's check
// digit then holds one time in ten by chance, for a wrong field. A tampered
// visa number read "90O8129<<" for "9O8129<<<" came out valid that way.
func distrustRealigned(doc *Document, format Format, lines []string, edits []Correction) {
	for _, e := range edits {
		if e.To == "" && e.From != "<" && e.From != "" && namesStart(format, e) {
			// A letter cut from the front of the names as a stray mark
			// may have been the name's first letter ("MUSTERMANN" read
			// "USTERMANN"); nothing vouches either way.
			doc.Valid = false
			doc.Problems = append(doc.Problems, fmt.Sprintf(
				"name: a character removed before the names at line %d column %d; no check digit says whether it was a letter of them",
				e.Line, e.Column))
			continue
		}
		if e.To == "" && e.From != "<" && e.From != "" && e.Reason == reasonStray {
			if name, ok := checkedStart(format, e); ok {
				// The character cut may have been the field's own first
				// one, with another read into the field after it ("AA34"
				// read "ARA34"): cut from the front, the field's first
				// character changes, and its check digit, choosing between
				// cutting there and not, holds one time in ten by chance.
				// A tampered visa came out valid that way.
				doc.Valid = false
				doc.Problems = append(doc.Problems, fmt.Sprintf(
					"%s: a character removed before it at line %d column %d; its check digit cannot vouch for which character was stray",
					name, e.Line, e.Column))
				continue
			}
		}
		if e.From != "<" && e.To != "<" {
			continue // not a filler repair (a dropped uncertain character is OCR's own evidence)
		}
		if name, ok := unvouchedShift(format, lines, e); ok {
			doc.Valid = false
			doc.Problems = append(doc.Problems, fmt.Sprintf(
				"%s: fillers inserted or removed after its characters at line %d column %d; no check digit of its own vouches for the field",
				name, e.Line, e.Column))
			continue
		}
		for _, c := range layouts[format].checks {
			if c.name == fComposite || len(c.covers) != 1 || c.line != e.Line-1 {
				continue
			}
			col := e.Column - 1
			if col <= c.covers[0].from || col > c.pos {
				continue // outside the field, or at its start: the field moved whole
			}
			if fillerRunAt(lines[c.line], col) >= 4 {
				continue
			}
			doc.Valid = false
			doc.Problems = append(doc.Problems, fmt.Sprintf(
				"%s: fillers inserted or removed in a short run at line %d column %d; its check digit cannot vouch for the field",
				c.name, e.Line, e.Column))
			break
		}
	}
}

// unvouchedShift reports whether filler repair e lies in a field that has
// no check digit of its own — the names, or the optional data of TD1, TD2
// and the visas — after some of its characters. A line one character too
// long or short there may have a character added or lost among those
// characters, which only the composite check digit covers, one time in ten
// by chance, or nothing at all (names, visas): a visa read "60OT1FY" for
// "6OT1FY" came out valid that way, and names read with a letter added in
// front ("VWILLIAMS"). In the names only a filler removed counts: a names
// line read short has nearly always lost a filler of the run that ends it.
func unvouchedShift(format Format, lines []string, e Correction) (string, bool) {
	line, col := e.Line-1, e.Column-1
	if line < 0 || line >= len(lines) || len(lines[line]) == 0 {
		return "", false
	}
	// A filler cut from the end of a line too long stood past it.
	col = min(col, len(lines[line])-1)
	f, ok := fieldAt(format, line, col)
	if !ok || (f.name != fOptional && f.name != fOptional2 && f.name != fName) {
		return "", false
	}
	if ownCheck(format, f) {
		return "", false // TD3's personal number: its check digit vouches
	}
	if f.name == fName && e.To != "" {
		// Fillers added to a names line read short: OCR drops fillers
		// from the long run that ends the names far more often than a
		// letter.
		return "", false
	}
	return f.name, strings.Trim(lines[line][f.from:col], "<") != ""
}

// reasonStray is the reason of a correction removing a character read at
// either end of a line.
const reasonStray = "stray character at the end of a line removed"

// checkedStart reports whether edit e is at the first column of a field
// with a check digit of its own, and names the field.
func checkedStart(format Format, e Correction) (string, bool) {
	f, ok := fieldAt(format, e.Line-1, e.Column-1)
	if !ok || f.from != e.Column-1 || !ownCheck(format, f) {
		return "", false
	}
	return f.name, true
}

// ownCheck reports whether field f of format has a check digit of its own
// (a check digit is named for the field it alone covers).
func ownCheck(format Format, f field) bool {
	for _, c := range layouts[format].checks {
		if c.name == f.name {
			return true
		}
	}
	return false
}

// namesStart reports whether edit e is at the first column of the names.
func namesStart(format Format, e Correction) bool {
	f, ok := fieldAt(format, e.Line-1, e.Column-1)
	return ok && f.name == fName && f.from == e.Column-1
}

// fieldAt returns the field of format that holds column col (0-based) of
// line (0-based); the fields of a layout do not overlap.
func fieldAt(format Format, line, col int) (field, bool) {
	for _, f := range layouts[format].fields {
		if f.line == line && col >= f.from && col < f.to {
			return f, true
		}
	}
	return field{}, false
}

// fillerRunAt is the length of the run of fillers at or just before col.
func fillerRunAt(s string, col int) int {
	i := min(col, len(s)-1)
	if i > 0 && s[i] != '<' {
		i--
	}
	if i < 0 || s[i] != '<' {
		return 0
	}
	a, b := i, i
	for a > 0 && s[a-1] == '<' {
		a--
	}
	for b < len(s)-1 && s[b+1] == '<' {
		b++
	}
	return b - a + 1
}

// dropUncertain removes the d least confident characters of s that are not
// fillers, when OCR was unsure of every one of them.
func dropUncertain(s string, conf []float64, d, lineNo int) (lineVariant, bool) {
	idx := make([]int, 0, len(s))
	for i := range s {
		if s[i] != '<' && conf[i] < uncertain {
			idx = append(idx, i)
		}
	}
	if len(idx) < d {
		return lineVariant{}, false
	}
	sort.SliceStable(idx, func(a, b int) bool { return conf[idx[a]] < conf[idx[b]] })
	drop := idx[:d]
	sort.Ints(drop)
	v := lineVariant{cost: 2 * d}
	var b strings.Builder
	prev := 0
	for k, i := range drop {
		b.WriteString(s[prev:i])
		prev = i + 1
		v.edits = append(v.edits, Correction{Line: lineNo, Column: i + 1 - k, Field: "line", From: string(s[i]),
			Reason: fmt.Sprintf("character read with %.0f%% confidence removed to restore the line length", conf[i])})
	}
	b.WriteString(s[prev:])
	v.text = b.String()
	return v, true
}

// cutOrPad brings s to width by cutting its end or padding it with fillers,
// the repair of last resort.
func cutOrPad(s string, width, lineNo int) lineVariant {
	d := len(s) - width
	t := s + strings.Repeat("<", max(0, -d))
	return lineVariant{text: t[:width], cost: 3 * abs(d), edits: []Correction{{
		Line: lineNo, Column: min(len(s), width) + 1, Field: "line",
		Reason: fmt.Sprintf("line was %d characters, want %d: cut or padded at its end", len(s), width),
	}}}
}

// applyRunEdits removes (or inserts) counts[k] fillers in runs[k].
func applyRunEdits(s string, runs []run, counts []int, remove bool, lineNo int) lineVariant {
	var b strings.Builder
	v := lineVariant{}
	prev := 0
	for k, r := range runs {
		end := r.start + r.n
		b.WriteString(s[prev:r.start])
		n := r.n
		if counts[k] > 0 {
			col := b.Len() + 1
			reason := "filler inserted to restore the line length"
			from, to := "", "<"
			if remove {
				n -= counts[k]
				reason = "filler removed to restore the line length"
				from, to = "<", ""
			} else {
				n += counts[k]
			}
			for c := 0; c < counts[k]; c++ {
				v.edits = append(v.edits, Correction{Line: lineNo, Column: col, Field: "line", From: from, To: to, Reason: reason})
			}
			// Long runs are miscounted most; the end of a line is where
			// trailing fillers get lost or doubled.
			unit := 2
			if r.n >= 4 || end == len(s) {
				unit = 1
			}
			v.cost += unit * counts[k]
		}
		b.WriteString(strings.Repeat("<", n))
		prev = end
	}
	b.WriteString(s[prev:])
	v.text = b.String()
	return v
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
