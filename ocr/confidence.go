package ocr

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/idcheck/idcheck/ocr/mrz"
)

// checkConfidence marks doc invalid where OCR's word is all there is for a
// character: no check digit vouches for the names, nor for a visa's
// optional data. A character there read with less than min confidence, or
// read as a digit in the names and repaired into a letter (which letter is
// a guess: "HARUTO" was read "HARU1O" and repaired into "HARUIO"), or
// removed from there to restore the line's length (which character was the
// extra one is a guess too), goes to
// doc.Unsure, and its zone line (0-based) to the lines returned. Where the OCR line has the zone line's length, characters are
// checked one by one; where Recover changed its length, the least confident
// character of the stretch counts. (Letters and digits of alphanumeric
// fields have look-alikes with equal check values too, 'S' and '8' say;
// holding them to the same threshold made three readings in four invalid
// with the 2026-11-24 model, and is left for a model calibrated for it.)
func checkConfidence(doc *mrz.Document, lines []Line, min float64) (unsure []int) {
	for _, u := range unvouched(doc) {
		want := doc.Lines[u.line]
		// The OCR line this zone line came from: the nearest by edit
		// distance, since Recover may have used a subset of the lines and
		// inserted or removed characters (counting equal characters at
		// equal places once took a name line's fillers for another line's).
		best, bestDist := -1, 0
		for i, l := range lines {
			if d := editDistance(l.Text, want); best < 0 || d < bestDist {
				best, bestDist = i, d
			}
		}
		if best < 0 {
			continue
		}
		l := lines[best]
		low, col := 101.0, 0
		switch {
		case len(l.Text) == len(want) && len(l.Confidence) == len(l.Text):
			for k := u.from; k < u.to; k++ {
				if c := l.Confidence[k]; c < low {
					low, col = c, k+1
				}
			}
		case u.from == 0:
			low = l.MinConfidence()
		default:
			// A stretch that ends the line: its share of the OCR line's end.
			for k := max(0, len(l.Confidence)-(u.to-u.from)); k < len(l.Confidence); k++ {
				low = math.Min(low, l.Confidence[k])
			}
		}
		if low < min {
			doc.Valid = false
			where := fmt.Sprintf("line %d", u.line+1)
			if col > 0 {
				where += fmt.Sprintf(" column %d", col)
			}
			doc.Unsure = append(doc.Unsure, fmt.Sprintf(
				"%s, %s, was read with %.0f%% confidence (below %.0f%%); no check digit covers it", where, u.what, low, min))
			unsure = append(unsure, u.line)
		}
	}
	unsure = append(unsure, checkLengthRepairs(doc)...)
	for _, c := range doc.Corrections {
		if c.Field == "name" && len(c.From) == 1 && c.From[0] >= '0' && c.From[0] <= '9' {
			doc.Valid = false
			doc.Unsure = append(doc.Unsure, fmt.Sprintf(
				"line %d column %d, in the names, was read as the digit %q and repaired into %q; no check digit says which letter it is",
				c.Line, c.Column, c.From, c.To))
			unsure = append(unsure, c.Line-1)
		}
	}
	slices.Sort(unsure)
	return slices.Compact(unsure)
}

// stretch is a span of a zone line that no check digit covers.
type stretch struct {
	line, from, to int // zone line, columns [from, to), 0-based
	what           string
}

// unvouched lists the stretches of doc's zone that no check digit covers:
// the names, and a visa's optional data.
func unvouched(doc *mrz.Document) []stretch {
	var out []stretch
	switch doc.Format {
	case mrz.TD1:
		out = []stretch{{2, 0, 30, "in the names"}}
	case mrz.MRVA, mrz.MRVB:
		out = []stretch{{0, 0, -1, "in the names"}, {1, 28, -1, "in the optional data"}}
	default:
		out = []stretch{{0, 0, -1, "in the names"}}
	}
	kept := out[:0]
	for _, u := range out {
		if u.line >= len(doc.Lines) {
			continue
		}
		if n := len(doc.Lines[u.line]); u.to < 0 || u.to > n {
			u.to = n
		}
		kept = append(kept, u)
	}
	return kept
}

// checkLengthRepairs marks doc invalid, with an entry in doc.Unsure, where
// Recover had to guess inside a stretch no check digit covers to restore a
// line's length, and returns the zone lines (0-based) concerned:
//   - a character other than a filler removed (which one was the extra one
//     is a guess), or one past the end of a stretch that fills its line
//     (after fillers, a character past the end is the card's edge or a
//     smudge; after letters, it may as well be the last letter);
//   - a filler added to a final run of fewer than three fillers: OCR drops
//     a line's last character as readily as a filler, and a run that short
//     may have been a single filler and a letter ("JING<A" read "JING<").
//     A longer run means the field had ended, since names hold no run of
//     more than two fillers inside them.
func checkLengthRepairs(doc *mrz.Document) (unsure []int) {
	for _, u := range unvouched(doc) {
		want := doc.Lines[u.line]
		fillsLine := u.to == len(want)
		run := len(want[u.from:u.to]) - len(strings.TrimRight(want[u.from:u.to], "<"))
		for _, c := range doc.Corrections {
			col := c.Column - 1
			if c.Line != u.line+1 || col < u.from {
				continue
			}
			var why string
			switch {
			case c.To == "" && c.From != "" && c.From != "<" &&
				(col < u.to || (col >= len(want) && fillsLine && want[len(want)-1] != '<')):
				why = fmt.Sprintf("%q was removed to restore the line length; no check digit says it was the extra character", c.From)
			case c.From == "" && c.To == "<" && fillsLine && run < 3 && col >= u.to-run:
				why = "a filler was added to restore the line length; no check digit says a filler, not a character, was missing"
			default:
				continue
			}
			doc.Valid = false
			doc.Unsure = append(doc.Unsure, fmt.Sprintf("line %d column %d, %s: %s", c.Line, c.Column, u.what, why))
			unsure = append(unsure, u.line)
		}
	}
	return unsure
}
