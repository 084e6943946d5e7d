package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/idcheck/idcheck/geoip"
	"github.com/idcheck/idcheck/policy"
	"github.com/idcheck/idcheck/screen"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	input := fl.String("input", "-", "profiles: JSON lines or a JSON array; - reads standard input")
	policyFile := fl.String("policy", "", "YAML policy replacing parts of the built-in one (docs/reason-codes.md)")
	geoFile := fl.String("geoip", envOr("IDCHECK_GEOIP", ""), "MaxMind-format country database (GeoLite2-Country.mmdb) for logins without a country (env IDCHECK_GEOIP)")
	asOf := fl.String("date", "", "judge document expiry as of this date (YYYY-MM-DD; default today)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: idcheck check [-input profiles.jsonl] [-policy FILE] [-geoip FILE]")
		fl.PrintDefaults()
	}
	if help, err := parseFlags(fl, args, stderr); help || err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q (profiles come from -input)", errUsage, fl.Arg(0))
	}
	now := time.Now
	if *asOf != "" {
		t, err := time.Parse("2006-01-02", *asOf)
		if err != nil {
			return fmt.Errorf("%w: -date %q is not YYYY-MM-DD", errUsage, *asOf)
		}
		now = func() time.Time { return t }
	}
	pol := policy.Default()
	if *policyFile != "" {
		var err error
		if pol, err = policy.Load(*policyFile); err != nil {
			return err
		}
	}
	var geo *geoip.DB
	if *geoFile != "" {
		var err error
		if geo, err = geoip.Open(*geoFile); err != nil {
			return err
		}
		defer geo.Close()
	}
	in := io.Reader(os.Stdin)
	if *input != "-" {
		f, err := os.Open(*input)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	s := screen.New(pol, geo, now)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	failed, total := 0, 0
	err := eachProfile(in, func(line int, raw []byte, perr error) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		total++
		var r screen.Result
		if perr != nil {
			r = screen.Result{Error: perr.Error()}
		} else {
			r = s.CheckJSON(raw)
		}
		if r.Error != "" {
			r.Line = line
			failed++
		}
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "idcheck check: %d of %d profiles could not be checked\n", failed, total)
		return errSomeFailed
	}
	return nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// maxLine is the longest profile line read (texts can be long).
const maxLine = 16 << 20

// eachProfile calls fn with each profile of in: the lines of a JSON-lines
// file (blank lines skipped), or the elements of a JSON array. For an
// array, line is the element's position (1-based). A line that is not JSON
// is passed on, for its own error; an array that breaks off stops the run.
func eachProfile(in io.Reader, fn func(line int, raw []byte, err error) error) error {
	br := bufio.NewReaderSize(in, 64<<10)
	first, err := peekNonSpace(br)
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return err
	}
	if first == '[' {
		dec := json.NewDecoder(br)
		if _, err := dec.Token(); err != nil {
			return fmt.Errorf("read input: %w", err)
		}
		for i := 1; dec.More(); i++ {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return fmt.Errorf("read input: element %d: %w", i, err)
			}
			if err := fn(i, raw, nil); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return fmt.Errorf("read input: %w", err)
		}
		return nil
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for line := 1; sc.Scan(); line++ {
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		if err := fn(line, raw, nil); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	return nil
}

func peekNonSpace(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\n', '\r', 0xEF, 0xBB, 0xBF: // spaces and a UTF-8 byte-order mark
			if _, err := br.ReadByte(); err != nil {
				return 0, err
			}
		default:
			return b[0], nil
		}
	}
}
