package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/idcheck/idcheck/ocr/synth"
)

func runSynth(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("synth", flag.ContinueOnError)
	out := fl.String("out", "", "directory to write the set to (required)")
	n := fl.Int("n", 100, "documents per level")
	seed := fl.Uint64("seed", 1, "random seed; the same seed gives the same set")
	levels := fl.String("levels", "clean,mild,hard,tampered", "comma-separated levels")
	fonts := fl.String("fonts", "", "OCR-B font directory (default "+synth.DefaultFontDir+")")
	if help, err := parseFlags(fl, args, stderr); help || err != nil {
		return err
	}
	if *out == "" || *n < 1 || fl.NArg() > 0 {
		return fmt.Errorf("%w: idcheck synth -out DIR [-n DOCS] [-seed N] [-levels clean,mild,hard,tampered]", errUsage)
	}
	ls, err := parseLevels(*levels)
	if err != nil {
		return err
	}
	fs, err := synth.LoadFonts(*fonts)
	if err != nil {
		return err
	}
	entries, err := fs.WriteSet(ctx, *out, ls, *n, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d documents and %s to %s\n", len(entries), synth.ManifestName, *out)
	return nil
}

func parseLevels(s string) ([]synth.Level, error) {
	var out []synth.Level
	for _, name := range strings.Split(s, ",") {
		l, err := synth.ParseLevel(strings.TrimSpace(name))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		out = append(out, l)
	}
	return out, nil
}
