package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/idcheck/idcheck/policy"
	"github.com/idcheck/idcheck/screen"
	"github.com/idcheck/idcheck/screen/evaluate"
)

func runEvalCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval-check", flag.ContinueOnError)
	corpus := fl.String("corpus", "testdata/profiles/corpus.jsonl", "labelled profiles, one JSON case per line")
	policyFile := fl.String("policy", "", "YAML policy replacing parts of the built-in one")
	misses := fl.String("misses", "", "write every case that missed its expected verdict to this file")
	asOf := fl.String("date", "2026-11-24", "judge document expiry as of this date (YYYY-MM-DD)")
	if help, err := parseFlags(fl, args, stderr); help || err != nil {
		return err
	}
	now, err := time.Parse("2006-01-02", *asOf)
	if err != nil || fl.NArg() > 0 {
		return fmt.Errorf("%w: idcheck eval-check [-corpus FILE] [-policy FILE] [-misses FILE] [-date YYYY-MM-DD]", errUsage)
	}
	pol := policy.Default()
	if *policyFile != "" {
		if pol, err = policy.Load(*policyFile); err != nil {
			return err
		}
	}
	cases, err := evaluate.ReadCorpus(*corpus)
	if err != nil {
		return err
	}
	outcomes := evaluate.Run(screen.New(pol, nil, func() time.Time { return now }), cases)
	evaluate.WriteTables(stdout, evaluate.Summarize(outcomes))
	if *misses != "" {
		f, err := os.Create(*misses)
		if err != nil {
			return err
		}
		if err := evaluate.WriteMisses(f, outcomes); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	return nil
}
