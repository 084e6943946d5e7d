package ocr

import (
	"slices"
	"testing"
	"time"

	"github.com/idcheck/idcheck/ocr/mrz"
)

// The line a confidence check looks at is the OCR line the names came
// from, even when it was read with extra characters and another line has
// as many fillers in the same places.
func TestCheckConfidenceFindsTheRightLine(t *testing.T) {
	doc, err := mrz.RecoverConfident([]string{
		"IDD<<T220001293<<<<<<<<<<<<<<<",
		"6408125<2010315D<<<<<<<<<<<<<4",
		"XMUSTERMANN<<ERIKA<<<<<<<<<<<<<", // one too many: 'X' unsure
	}, [][]float64{nil, nil, append([]float64{60}, slices.Repeat([]float64{99}, 30)...)}, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	lines := []Line{
		{Text: "IDD<<T220001293<<<<<<<<<<<<<<<", Confidence: slices.Repeat([]float64{99}, 30)},
		{Text: "6408125<2010315D<<<<<<<<<<<<<4", Confidence: slices.Repeat([]float64{99}, 30)},
		{Text: "XMUSTERMANN<<ERIKA<<<<<<<<<<<<<", Confidence: append([]float64{60}, slices.Repeat([]float64{99}, 30)...)},
	}
	doc.Valid = true
	checkConfidence(doc, lines, 95)
	if doc.Valid || len(doc.Unsure) != 1 {
		t.Errorf("the name line was read with a 60%% character, yet valid; unsure %v", doc.Unsure)
	}
}

// A visa's optional data has no check digit: a character read there without
// enough confidence makes the reading unsure, as in the names. A digit read
// in the names and repaired into a letter does too, whatever its
// confidence: which letter it stood for is a guess.
func TestCheckConfidenceUnvouchedStretches(t *testing.T) {
	now := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	sure := func(n int) []float64 { return slices.Repeat([]float64{99}, n) }
	visa := []string{
		"VBCANDOE<<JANE<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
		"BA42195817CAN9204063<3205116OT1FY1GDBH2T<<<<",
	}
	unsureAt := func(n, at int) []float64 {
		c := sure(n)
		c[at] = 70
		return c
	}
	tests := []struct {
		name  string
		lines []string
		conf  [][]float64
		valid bool
	}{
		{"visa read surely", visa, [][]float64{sure(44), sure(44)}, true},
		{"visa optional data unsure", visa, [][]float64{sure(44), unsureAt(44, 33)}, false},
		{"visa document number unsure (its check digit vouches)", visa, [][]float64{sure(44), unsureAt(44, 3)}, true},
		{"digit in the names", []string{
			"IDD<<T220001293<<<<<<<<<<<<<<<",
			"6408125<2010315D<<<<<<<<<<<<<4",
			"MUSTERMANN<<ER1KA<<<<<<<<<<<<<",
		}, [][]float64{sure(30), sure(30), sure(30)}, false},
		{"stray character past names that fill the line", []string{
			"IRESPJC86154898FD4YG6065S2<<<<",
			"7410024F3001282TWN<<<<<<<<<<<9",
			"WANG<HOANG<<JOAO<OLENA<CAMILLEX",
		}, [][]float64{sure(30), sure(30), sure(31)}, false},
		{"stray character past the names' fillers", []string{
			"IRESPJC86154898FD4YG6065S2<<<<",
			"7410024F3001282TWN<<<<<<<<<<<9",
			"WANG<<JOAO<<<<<<<<<<<<<<<<<<<<I",
		}, [][]float64{sure(30), sure(30), sure(31)}, true},
		{"names' last letter lost, a filler added for it", []string{
			"IRBRAMCALLISTER<VAN<DER<BERG<<JING<",
			"1365185944BRA8405081M1908181591GL703",
		}, [][]float64{sure(35), sure(36)}, false},
		{"names' final fillers read one short", []string{
			"IRBRAMCALLISTER<<JING<<<<<<<<<<<<<<",
			"1365185944BRA8405081M1908181591GL703",
		}, [][]float64{sure(35), sure(36)}, true},
		{"visa optional data filling its line, stray character past it", []string{
			"VBCANDOE<<JANE<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
			"BA42195817CAN9204063<3205116OT1FY1GDBH2T12342",
		}, [][]float64{sure(44), sure(45)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := mrz.RecoverConfident(tt.lines, tt.conf, now)
			if err != nil {
				t.Fatal(err)
			}
			if !doc.Valid {
				t.Fatalf("not valid before the check: %v", doc.Problems)
			}
			lines := make([]Line, len(tt.lines))
			for i := range lines {
				lines[i] = Line{Text: tt.lines[i], Confidence: tt.conf[i]}
			}
			checkConfidence(doc, lines, 95)
			if doc.Valid != tt.valid {
				t.Errorf("valid %v, want %v; unsure %v", doc.Valid, tt.valid, doc.Unsure)
			}
		})
	}
}
