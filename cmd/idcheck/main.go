// Command idcheck catches spoofed identities in hiring and KYC pipelines.
//
//	idcheck check                check profiles for the signs of a spoofed identity
//	idcheck photos add|match     store photos and find the same photo under other accounts
//	idcheck eval-check           measure the profile checks on the labelled corpus
//	idcheck read FILE...         read the machine-readable zone of document photos
//	idcheck synth -out DIR       write a set of synthetic document photos with their truth
//	idcheck eval-ocr             measure the reader's accuracy and speed on such a set
//
// Run a command with -h for its flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones for the network matcher on machines without tzdata

	"github.com/idcheck/idcheck/ocr"
)

// errUsage marks errors in how a command was called; they exit with 2.
var errUsage = errors.New("usage")

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

var commands = []command{
	{"check", "check profiles (JSON lines) for the signs of a spoofed identity: score, verdict, findings", runCheck},
	{"photos", "photos add: store photos of an account and list other accounts' look-alikes; photos match: look up only", runPhotos},
	{"eval-photos", "measure the photo hashes: thresholds at 0.1% false matches, recall per edit", runEvalPhotos},
	{"eval-check", "measure the profile checks on the labelled corpus: confusion matrix per label", runEvalCheck},
	{"read", "read the machine-readable zone of document photos, one JSON line per file", runRead},
	{"synth", "write synthetic document photos and their truth (manifest.jsonl)", runSynth},
	{"eval-ocr", "measure the reader on synthetic documents: accuracy per level, time per document", runEvalOCR},
}

func main() {
	// Only the commands that run Tesseract need its OpenMP limit, which
	// takes a second start of the process.
	if len(os.Args) > 1 && (os.Args[1] == "read" || os.Args[1] == "eval-ocr") {
		if err := ocr.SingleThreaded(); err != nil {
			slog.Warn("running with OpenMP's default threads; Tesseract will be slower", "err", err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit status: 0 for
// success, 1 when the command failed (or any input failed), 2 for usage errors.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo})))
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "idcheck %s: %v\n", c.name, err)
			return 2
		case errors.Is(err, errSomeFailed):
			return 1
		default:
			fmt.Fprintf(stderr, "idcheck %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "idcheck: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

// parseFlags parses a command's flags. help is true when -h was asked for
// (the flag package has printed the usage); errors are usage errors.
func parseFlags(fl *flag.FlagSet, args []string, stderr io.Writer) (help bool, err error) {
	fl.SetOutput(stderr)
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return true, nil
		}
		return false, fmt.Errorf("%w: %v", errUsage, err)
	}
	return false, nil
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: idcheck COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'idcheck COMMAND -h' for a command's flags.")
}
