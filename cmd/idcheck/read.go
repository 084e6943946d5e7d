package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/idcheck/idcheck/ocr"
	"github.com/idcheck/idcheck/ocr/mrz"
)

// errSomeFailed reports that some inputs failed; each already has its error
// line, so main prints nothing more.
var errSomeFailed = errors.New("some inputs failed")

// readResult is one line of `idcheck read` output.
type readResult struct {
	File     string        `json:"file"`
	MRZ      *mrz.Document `json:"mrz,omitempty"`
	Error    string        `json:"error,omitempty"`
	TimingMS int64         `json:"timing_ms"`
}

func runRead(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("read", flag.ContinueOnError)
	workers := fl.Int("workers", runtime.NumCPU(), "documents read at once (one Tesseract client each)")
	model := fl.String("model", ocr.ModelMRZ, `Tesseract model: "mrz" (built in) or an installed language such as "eng"`)
	secondModel := fl.String("second-model", ocr.ModelMRZSecond, `second zone model, reading again what the first did not read valid ("" for none)`)
	minConf := fl.Float64("min-confidence", ocr.DefaultMinConfidence, "least OCR confidence (0-100) in what no check digit covers (the names, a visa's optional data), for a valid reading")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: idcheck read [-workers N] [-model mrz] [-second-model mrz2] FILE...  (FILE - reads standard input)")
		fl.PrintDefaults()
	}
	if help, err := parseFlags(fl, args, stderr); help || err != nil {
		return err
	}
	files := fl.Args()
	if len(files) == 0 {
		fl.Usage()
		return fmt.Errorf("%w: no files given", errUsage)
	}
	if *workers < 1 {
		return fmt.Errorf("%w: -workers must be at least 1", errUsage)
	}
	reader, closeReader, err := newReader(min(*workers, len(files)), *model, *secondModel, nil)
	if err != nil {
		return err
	}
	defer closeReader()
	reader.MinConfidence = *minConf

	// Read in parallel, print in input order.
	results := make([]chan readResult, len(files))
	sem := make(chan struct{}, *workers)
	for i, file := range files {
		results[i] = make(chan readResult, 1)
		go func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] <- readOne(ctx, reader, file)
		}()
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false) // zones are full of '<'
	failed := 0
	for _, ch := range results {
		r := <-ch
		if r.Error != "" {
			failed++
		}
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "idcheck read: %d of %d files failed\n", failed, len(files))
		return errSomeFailed
	}
	return nil
}

func readOne(ctx context.Context, reader *ocr.Reader, file string) readResult {
	start := time.Now()
	r := readResult{File: file}
	var data []byte
	var err error
	if file == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(file)
	}
	if err == nil {
		r.MRZ, err = reader.Read(ctx, data)
	}
	if err != nil {
		r.Error = err.Error()
	}
	r.TimingMS = time.Since(start).Milliseconds()
	return r
}

// newReader starts a document reader with size Tesseract clients of model
// and, unless second is empty, as many of the second model (see
// ocr.Reader.Second); the function returned stops them.
func newReader(size int, model, second string, now func() time.Time) (*ocr.Reader, func(), error) {
	engine, err := ocr.NewEngine(size, model)
	if err != nil {
		return nil, nil, err
	}
	reader := ocr.NewReader(engine, now)
	if second == "" {
		return reader, func() { engine.Close() }, nil
	}
	engine2, err := ocr.NewEngine(size, second)
	if err != nil {
		engine.Close()
		return nil, nil, err
	}
	reader.Second = engine2
	return reader, func() { engine.Close(); engine2.Close() }, nil
}
