package evaluate

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/idcheck/idcheck/ocr/mrz"
	"github.com/idcheck/idcheck/ocr/synth"
)

var now = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

var specimen = []string{
	"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
	"L898902C36UTO7408122F1204159ZE184226B<<<<<10",
}

func parse(t *testing.T, lines []string) *mrz.Document {
	t.Helper()
	d, err := mrz.ParseAt(lines, now)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func entry(level synth.Level, lines []string) synth.Entry {
	return synth.Entry{File: "x.jpg", Sample: synth.Sample{Level: level, Lines: lines, Tampered: level == synth.Tampered}}
}

func TestJudgeAndSummarize(t *testing.T) {
	misreadName := []string{"P<UTOERIKSSDN<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", specimen[1]} // valid: names have no check digit
	misreadDate := []string{specimen[0], "L898902C36UTO7408182F1204159ZE184226B<<<<<10"} // invalid: birth check fails
	results := []Result{
		judge(entry(synth.Clean, specimen), parse(t, specimen), nil, 100*time.Millisecond, now),
		judge(entry(synth.Clean, specimen), parse(t, misreadName), nil, 300*time.Millisecond, now),
		judge(entry(synth.Clean, specimen), parse(t, misreadDate), nil, 200*time.Millisecond, now),
		judge(entry(synth.Clean, specimen), nil, errors.New("no zone"), 50*time.Millisecond, now),
		judge(entry(synth.Tampered, misreadDate), parse(t, misreadDate), nil, 100*time.Millisecond, now),
	}
	if !results[0].AllRight || results[1].AllRight || results[2].AllRight || results[3].AllRight {
		t.Fatalf("AllRight: %v %v %v %v", results[0].AllRight, results[1].AllRight, results[2].AllRight, results[3].AllRight)
	}
	// The tampered document read as printed is all right, and invalid.
	if !results[4].AllRight || results[4].Doc.Valid {
		t.Fatalf("tampered: all right %v, valid %v", results[4].AllRight, results[4].Doc.Valid)
	}
	stats := Summarize(results)
	if len(stats) != 2 || stats[0].Level != synth.Clean || stats[1].Level != synth.Tampered {
		t.Fatalf("levels %+v", stats)
	}
	c := stats[0]
	// 4 clean documents: 1 exact, 2 valid of which 1 has a wrong surname,
	// 1 invalid, 1 not read; times 50, 100, 200, 300 ms: median is the
	// upper middle one, 200 ms.
	if c.Docs != 4 || c.AllRight != 1 || c.Valid != 2 || c.ValidWrong != 1 || c.Invalid != 1 || c.Errors != 1 {
		t.Errorf("clean stats %+v", c)
	}
	if c.Median != 200*time.Millisecond {
		t.Errorf("median %v", c.Median)
	}
	surname := 2 // index of surname in Fields
	if Fields[surname] != "surname" || c.FieldRight[surname] != 2 {
		t.Errorf("surname right in %d documents, want 2 (exact and misread date)", c.FieldRight[surname])
	}
	var fails bytes.Buffer
	if err := WriteFailures(&fails, results); err != nil {
		t.Fatal(err)
	}
	// Three clean documents not read exactly; the tampered one is reported
	// invalid, as it should be, so it is no failure.
	got := strings.Split(strings.TrimSpace(fails.String()), "\n")
	if len(got) != 3 || !strings.Contains(got[0], `"got":["P<UTOERIKSSDN<<`) || !strings.Contains(got[2], `"error":"no zone"`) {
		t.Errorf("failures:\n%s", fails.String())
	}
	var buf bytes.Buffer
	WriteTables(&buf, stats)
	for _, want := range []string{"| clean | 4 | 25.0% | 50.0% | 1 | 25.0% | 1 | 200 |", "| surname | 50.0% | 100.0% |"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("tables lack %q:\n%s", want, buf.String())
		}
	}
}
