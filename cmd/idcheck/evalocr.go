package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/idcheck/idcheck/ocr"
	"github.com/idcheck/idcheck/ocr/evaluate"
	"github.com/idcheck/idcheck/ocr/synth"
)

func runEvalOCR(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval-ocr", flag.ContinueOnError)
	dir := fl.String("dir", "", "a set written by 'idcheck synth' (default: generate one in a temporary directory)")
	n := fl.Int("n", 100, "documents per level when generating")
	seed := fl.Uint64("seed", 1, "seed when generating")
	levels := fl.String("levels", "clean,mild,hard,tampered", "levels when generating")
	workers := fl.Int("workers", 1, "documents read at once; keep 1 for per-document times on one core")
	model := fl.String("model", ocr.ModelMRZ, "Tesseract model")
	secondModel := fl.String("second-model", ocr.ModelMRZSecond, `second zone model, reading again what the first did not read valid ("" for none)`)
	minConf := fl.Float64("min-confidence", ocr.DefaultMinConfidence, "least OCR confidence (0-100) in what no check digit covers (the names, a visa's optional data), for a valid reading")
	baseline := fl.Bool("baseline", false, "also run plain 'tesseract IMAGE stdout' on every image and compare")
	failures := fl.String("failures", "", "write every document not read exactly (and every tampered one reported valid) to this file, one JSON line each")
	asOf := fl.String("date", "2026-11-24", "date the truth is judged at (YYYY-MM-DD), for century inference and expiry")
	if help, err := parseFlags(fl, args, stderr); help || err != nil {
		return err
	}
	now, err := time.Parse("2006-01-02", *asOf)
	if err != nil || fl.NArg() > 0 || *workers < 1 {
		return fmt.Errorf("%w: idcheck eval-ocr [-dir DIR | -n DOCS -seed N] [-workers 1] [-baseline] [-date YYYY-MM-DD]", errUsage)
	}
	if *dir == "" {
		ls, err := parseLevels(*levels)
		if err != nil {
			return err
		}
		fs, err := synth.LoadFonts("")
		if err != nil {
			return err
		}
		tmp, err := os.MkdirTemp("", "idcheck-eval-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		slog.Info("generating documents", "per_level", *n, "seed", *seed, "dir", tmp)
		if _, err := fs.WriteSet(ctx, tmp, ls, *n, *seed); err != nil {
			return err
		}
		*dir = tmp
	}
	entries, err := synth.ReadManifest(*dir)
	if err != nil {
		return err
	}
	reader, closeReader, err := newReader(*workers, *model, *secondModel, func() time.Time { return now })
	if err != nil {
		return err
	}
	defer closeReader()
	reader.MinConfidence = *minConf
	slog.Info("reading documents", "count", len(entries), "workers", *workers, "model", *model, "second_model", *secondModel)
	results, err := evaluate.Run(ctx, reader, *dir, entries, *workers, now)
	if err != nil {
		return err
	}
	evaluate.WriteTables(stdout, evaluate.Summarize(results))
	if *failures != "" {
		if err := writeFailures(*failures, results); err != nil {
			return err
		}
	}
	if *baseline {
		slog.Info("running plain tesseract on every image")
		base, err := evaluate.RunBaseline(ctx, *dir, entries, now)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout)
		evaluate.WriteBaselineTable(stdout, results, base)
	}
	return nil
}

func writeFailures(path string, results []evaluate.Result) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("failures file: %w", err)
	}
	if err := evaluate.WriteFailures(f, results); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
