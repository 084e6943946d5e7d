// Package evaluate measures the document reader on a set of synthetic
// documents with known truth (package synth): per difficulty level, the
// share of documents whose every field is read exactly, the accuracy of each
// field, the share of tampered documents reported invalid, the documents
// reported valid with a wrong field, and the time per document. It can time
// plain Tesseract on the same images as a baseline.
package evaluate

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/idcheck/idcheck/ocr"
	"github.com/idcheck/idcheck/ocr/mrz"
	"github.com/idcheck/idcheck/ocr/synth"
)

// Fields are the reported fields compared with the truth.
var Fields = []string{"document_type", "issuing_state", "surname", "given_names", "document_number",
	"nationality", "birth_date", "sex", "expiry_date", "optional_data", "optional_data_2"}

func fieldValues(d *mrz.Document) []string {
	return []string{d.DocumentType, d.IssuingState, d.Surname, d.GivenNames, d.DocumentNumber,
		d.Nationality, d.BirthDate, d.Sex, d.ExpiryDate, d.OptionalData, d.OptionalData2}
}

// Result is the reading of one document of a set.
type Result struct {
	Entry   synth.Entry
	Doc     *mrz.Document // nil when reading failed
	Err     error
	Elapsed time.Duration
	// FieldsRight says, per entry of Fields, whether the field was read as printed.
	FieldsRight []bool
	AllRight    bool // every field as printed and the whole zone text exact
}

// Run reads every entry of the set in dir with reader, workers at a time.
// now must be the date the truth is judged at (century inference, expiry).
func Run(ctx context.Context, reader *ocr.Reader, dir string, entries []synth.Entry, workers int, now time.Time) ([]Result, error) {
	results := make([]Result, len(entries))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for w := 0; w < max(1, workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				e := entries[i]
				data, err := os.ReadFile(filepath.Join(dir, e.File))
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				start := time.Now()
				doc, err := reader.Read(ctx, data)
				results[i] = judge(e, doc, err, time.Since(start), now)
			}
		}()
	}
	for i := range entries {
		select {
		case jobs <- i:
		case <-ctx.Done():
			close(jobs)
			wg.Wait()
			return nil, ctx.Err()
		}
	}
	close(jobs)
	wg.Wait()
	return results, firstErr
}

// judge compares a reading with the truth of its entry.
func judge(e synth.Entry, doc *mrz.Document, err error, elapsed time.Duration, now time.Time) Result {
	r := Result{Entry: e, Doc: doc, Err: err, Elapsed: elapsed, FieldsRight: make([]bool, len(Fields))}
	if doc == nil {
		return r
	}
	truth, terr := mrz.ParseAt(e.Lines, now)
	if terr != nil {
		r.Err = fmt.Errorf("truth does not parse: %w", terr)
		return r
	}
	want, got := fieldValues(truth), fieldValues(doc)
	r.AllRight = slices.Equal(doc.Lines, e.Lines)
	for i := range Fields {
		r.FieldsRight[i] = want[i] == got[i]
		r.AllRight = r.AllRight && r.FieldsRight[i]
	}
	return r
}

// LevelStats sums up the results of one level.
type LevelStats struct {
	Level        synth.Level
	Docs         int
	AllRight     int // every field exact
	Errors       int // no zone read
	Valid        int // reported valid
	ValidWrong   int // reported valid with some field wrong
	Invalid      int // reported invalid
	FieldRight   []int
	Median, P90  time.Duration
	TamperedDocs int
}

// Summarize groups results by level, in the order of synth.Levels.
func Summarize(results []Result) []LevelStats {
	var out []LevelStats
	for _, level := range synth.Levels {
		s := LevelStats{Level: level, FieldRight: make([]int, len(Fields))}
		var times []time.Duration
		for _, r := range results {
			if r.Entry.Level != level {
				continue
			}
			s.Docs++
			times = append(times, r.Elapsed)
			if r.Doc == nil {
				s.Errors++
				continue
			}
			if r.AllRight {
				s.AllRight++
			}
			if r.Doc.Valid {
				s.Valid++
				if !r.AllRight {
					s.ValidWrong++
				}
			} else {
				s.Invalid++
			}
			for i, ok := range r.FieldsRight {
				if ok {
					s.FieldRight[i]++
				}
			}
		}
		if s.Docs == 0 {
			continue
		}
		slices.Sort(times)
		s.Median, s.P90 = times[len(times)/2], times[len(times)*9/10]
		out = append(out, s)
	}
	return out
}

func pct(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}

// WriteTables prints the summary as Markdown tables.
func WriteTables(w io.Writer, stats []LevelStats) {
	fmt.Fprintln(w, "| level | documents | every field exact | reported valid | valid with a wrong field | reported invalid | no zone read | median ms | p90 ms |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range stats {
		fmt.Fprintf(w, "| %s | %d | %s | %s | %d | %s | %d | %.0f | %.0f |\n", s.Level, s.Docs,
			pct(s.AllRight, s.Docs), pct(s.Valid, s.Docs), s.ValidWrong, pct(s.Invalid, s.Docs), s.Errors,
			ms(s.Median), ms(s.P90))
	}
	fmt.Fprintln(w)
	head := "| field |"
	rule := "|---|"
	for _, s := range stats {
		head += " " + string(s.Level) + " |"
		rule += "---:|"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	for i, f := range Fields {
		row := "| " + f + " |"
		for _, s := range stats {
			row += " " + pct(s.FieldRight[i], s.Docs) + " |"
		}
		fmt.Fprintln(w, row)
	}
}

// Failure is one document not read exactly, as WriteFailures prints it.
type Failure struct {
	File        string           `json:"file"`
	Level       synth.Level      `json:"level"`
	Want        []string         `json:"want"`
	Got         []string         `json:"got,omitempty"`
	Valid       bool             `json:"valid"`
	Corrections []mrz.Correction `json:"corrections,omitempty"`
	Problems    []string         `json:"problems,omitempty"`
	Error       string           `json:"error,omitempty"`
}

// WriteFailures prints every result that was not read exactly as one JSON
// line, the truth beside the reading, for finding out what goes wrong.
// Tampered documents count as failures only when reported valid.
func WriteFailures(w io.Writer, results []Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range results {
		if r.AllRight && r.Entry.Level != synth.Tampered {
			continue
		}
		if r.Entry.Level == synth.Tampered && (r.Doc == nil || !r.Doc.Valid) {
			continue
		}
		f := Failure{File: r.Entry.File, Level: r.Entry.Level, Want: r.Entry.Lines}
		if r.Err != nil {
			f.Error = r.Err.Error()
		}
		if r.Doc != nil {
			f.Got, f.Valid, f.Corrections, f.Problems = r.Doc.Lines, r.Doc.Valid, r.Doc.Corrections, r.Doc.Problems
		}
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("write failures: %w", err)
		}
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Baseline is plain Tesseract on one image: the command-line program with
// its defaults (English, automatic page segmentation), as a user without
// idcheck would run it, and whether the zone it printed reads exactly.
type Baseline struct {
	Elapsed  time.Duration
	AllRight bool
}

// RunBaseline runs `tesseract IMAGE stdout` on every entry, one at a time,
// with one OpenMP thread, and judges the zone found in its output.
func RunBaseline(ctx context.Context, dir string, entries []synth.Entry, now time.Time) ([]Baseline, error) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		return nil, fmt.Errorf("evaluate: baseline needs the tesseract program: %w", err)
	}
	out := make([]Baseline, len(entries))
	for i, e := range entries {
		cmd := exec.CommandContext(ctx, "tesseract", filepath.Join(dir, e.File), "stdout")
		cmd.Env = append(os.Environ(), ocr.ThreadLimitVar+"=1")
		start := time.Now()
		text, err := cmd.Output()
		out[i].Elapsed = time.Since(start)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue
		}
		if doc, err := mrz.Recover(strings.Split(string(text), "\n"), now); err == nil {
			out[i].AllRight = judge(e, doc, nil, 0, now).AllRight
		}
	}
	return out, nil
}

// WriteBaselineTable prints idcheck against plain Tesseract per level: the
// share read exactly and the median time, and the ratio of the medians.
func WriteBaselineTable(w io.Writer, results []Result, base []Baseline) {
	fmt.Fprintln(w, "| level | documents | idcheck exact | tesseract exact | idcheck median ms | tesseract median ms | tesseract / idcheck |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, level := range synth.Levels {
		var n, ours, theirs int
		var tOurs, tTheirs []time.Duration
		for i, r := range results {
			if r.Entry.Level != level {
				continue
			}
			n++
			if r.AllRight {
				ours++
			}
			if base[i].AllRight {
				theirs++
			}
			tOurs, tTheirs = append(tOurs, r.Elapsed), append(tTheirs, base[i].Elapsed)
		}
		if n == 0 {
			continue
		}
		slices.Sort(tOurs)
		slices.Sort(tTheirs)
		mo, mt := tOurs[n/2], tTheirs[n/2]
		fmt.Fprintf(w, "| %s | %d | %s | %s | %.0f | %.0f | %.2f |\n", level, n, pct(ours, n), pct(theirs, n),
			ms(mo), ms(mt), float64(mt)/float64(mo))
	}
}
