package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/idcheck/idcheck/matchers/photo"
	"github.com/idcheck/idcheck/store"
)

// photoResult is one line of `idcheck photos` output.
type photoResult struct {
	File    string        `json:"file"`
	PhotoID int64         `json:"photo_id,omitempty"` // add only
	Matches []photo.Match `json:"matches"`
}

// photoError is the line for a file that could not be added or looked up.
type photoError struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

func runPhotos(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "match") {
		return fmt.Errorf("%w: idcheck photos add --db DB --account ID [--kind profile|document] FILE... | idcheck photos match --db DB FILE...", errUsage)
	}
	verb := args[0]
	fl := flag.NewFlagSet("photos "+verb, flag.ContinueOnError)
	db := fl.String("db", os.Getenv("IDCHECK_DB"), "store: a SQLite file path or a postgres:// URL (env IDCHECK_DB)")
	account := fl.String("account", "", "account the photos belong to (add); match leaves this account's photos out")
	kindName := fl.String("kind", string(store.KindProfile), "what the photos show: profile, document or portrait")
	keep := fl.Bool("keep-images", false, "store the image bytes too, not only their hashes")
	if help, err := parseFlags(fl, args[1:], stderr); help || err != nil {
		return err
	}
	kind, err := store.ParseKind(*kindName)
	switch {
	case err != nil:
		return fmt.Errorf("%w: %v", errUsage, err)
	case *db == "":
		return fmt.Errorf("%w: --db is required (a SQLite file path or a postgres:// URL)", errUsage)
	case verb == "add" && *account == "":
		return fmt.Errorf("%w: --account is required", errUsage)
	case fl.NArg() == 0:
		return fmt.Errorf("%w: no files given", errUsage)
	}
	s, err := store.Open(ctx, *db, store.Options{KeepImages: *keep})
	if err != nil {
		return err
	}
	defer s.Close()
	enc := json.NewEncoder(stdout)
	failed := 0
	for _, file := range fl.Args() {
		r := photoResult{File: file, Matches: []photo.Match{}}
		var out any
		if err := onePhoto(ctx, s, verb, file, *account, kind, &r); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			out = photoError{File: file, Error: err.Error()}
			failed++
		} else {
			out = r
		}
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "idcheck photos: %d of %d files failed\n", failed, fl.NArg())
		return errSomeFailed
	}
	return nil
}

func onePhoto(ctx context.Context, s store.Store, verb, file, account string, kind store.Kind, r *photoResult) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	p, err := photo.Read(data)
	if err != nil {
		return err
	}
	// Matches first, so that a photo is not its own match.
	if r.Matches, err = photo.Find(ctx, s, p, account); err != nil {
		return err
	}
	if verb != "add" {
		return nil
	}
	rec, err := p.Record(account, kind, data)
	if err != nil {
		return err
	}
	r.PhotoID, err = s.AddPhoto(ctx, rec)
	return err
}
