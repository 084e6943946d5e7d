package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"io"
	"os"

	"github.com/disintegration/imaging"

	"github.com/idcheck/idcheck/matchers/photo"
	"github.com/idcheck/idcheck/matchers/photo/portrait"
	"github.com/idcheck/idcheck/store"
)

// photoResult is one line of `idcheck photos` output.
type photoResult struct {
	File    string        `json:"file"`
	PhotoID int64         `json:"photo_id,omitempty"` // add only
	Matches []photo.Match `json:"matches"`
	// Documents: the portrait cut out around the face, looked up (and
	// added, kind portrait) as a photo of its own; or why there is none.
	Portrait      *portraitResult `json:"portrait,omitempty"`
	PortraitError string          `json:"portrait_error,omitempty"`
}

// portraitResult is the portrait cut out of a document.
type portraitResult struct {
	PhotoID int64         `json:"photo_id,omitempty"` // add only
	Box     [4]int        `json:"box"`                // left, top, right, bottom, in the document's pixels
	Face    [4]int        `json:"face"`               // the face found, likewise
	Score   float32       `json:"face_score"`         // the face detector's confidence
	Turn    int           `json:"turn"`               // degrees the document was turned, anticlockwise, for the face to be upright
	Matches []photo.Match `json:"matches"`
}

// photoError is the line for a file that could not be added or looked up.
type photoError struct {
	File  string `json:"file"`
	Error string `json:"error"`
}

func runPhotos(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "rekey" {
		return runRekey(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || (args[0] != "add" && args[0] != "match") {
		return fmt.Errorf("%w: idcheck photos add --db DB --account ID [--kind profile|document] FILE... | idcheck photos match --db DB [--kind profile|document] FILE... | idcheck photos rekey --db DB", errUsage)
	}
	verb := args[0]
	fl := flag.NewFlagSet("photos "+verb, flag.ContinueOnError)
	db := dbFlag(fl)
	account := fl.String("account", "", "account the photos belong to (add); match leaves this account's photos out")
	kindName := fl.String("kind", string(store.KindProfile), "what the photos show: profile, document (its portrait is cut out and looked up too) or portrait")
	keep := fl.Bool("keep-images", false, "store the image bytes too, not only their hashes")
	if help, err := parseFlags(fl, args[1:], stderr); help || err != nil {
		return err
	}
	kind, err := store.ParseKind(*kindName)
	switch {
	case err != nil:
		return fmt.Errorf("%w: %v", errUsage, err)
	case *db == "":
		return errNoDB
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
	var faces *portrait.Finder
	if kind == store.KindDocument {
		if faces, err = portrait.New(); err != nil {
			return err
		}
	}
	enc := json.NewEncoder(stdout)
	failed := 0
	for _, file := range fl.Args() {
		r := photoResult{File: file, Matches: []photo.Match{}}
		var out any
		if err := onePhoto(ctx, s, faces, verb, file, *account, kind, &r); err != nil {
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

// dbFlag adds the --db flag every photos command takes.
func dbFlag(fl *flag.FlagSet) *string {
	return fl.String("db", os.Getenv("IDCHECK_DB"), "store: a SQLite file path or a postgres:// URL (env IDCHECK_DB)")
}

// errNoDB is the usage error of a photos command without --db.
var errNoDB = fmt.Errorf("%w: --db is required (a SQLite file path or a postgres:// URL)", errUsage)

// runRekey makes anew the keys of stored photos whose keys an earlier
// version of idcheck made (photo.Rekey), and prints how many.
func runRekey(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("photos rekey", flag.ContinueOnError)
	db := dbFlag(fl)
	if help, err := parseFlags(fl, args, stderr); help || err != nil {
		return err
	}
	switch {
	case *db == "":
		return errNoDB
	case fl.NArg() > 0:
		return fmt.Errorf("%w: photos rekey takes no files", errUsage)
	}
	s, err := store.Open(ctx, *db, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := photo.Rekey(ctx, s)
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(map[string]int{"rekeyed": n, "key_version": photo.KeyVersion})
}

// onePhoto looks up (and with add, stores) one file; with faces, a
// document, whose portrait it cuts out and looks up (and stores) too.
func onePhoto(ctx context.Context, s store.Store, faces *portrait.Finder, verb, file, account string, kind store.Kind, r *photoResult) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	p, img, err := photo.ReadImage(data)
	if err != nil {
		return err
	}
	if r.Matches, r.PhotoID, err = findAndAdd(ctx, s, verb, p, account, kind, data); err != nil {
		return err
	}
	if faces == nil {
		return nil
	}
	// The document is looked up (and stored) already: a portrait that
	// cannot be had is said in the line, not made the file's failure.
	cut, pp, png, err := cutPortrait(faces, img)
	if err != nil {
		r.PortraitError = err.Error()
		return nil
	}
	r.Portrait = &portraitResult{Box: rect(cut.Box), Face: rect(cut.Face.Box), Score: cut.Face.Score, Turn: cut.Turn}
	r.Portrait.Matches, r.Portrait.PhotoID, err = findAndAdd(ctx, s, verb, pp, account, store.KindPortrait, png)
	return err
}

// cutPortrait cuts the portrait out of a document and describes it; its
// bytes are its PNG, what the store hashes (and keeps, if it keeps
// images).
func cutPortrait(faces *portrait.Finder, img image.Image) (*portrait.Portrait, *photo.Photo, []byte, error) {
	cut, err := faces.Cut(img)
	if err != nil {
		return nil, nil, nil, err
	}
	var png bytes.Buffer
	if err := imaging.Encode(&png, cut.Image, imaging.PNG); err != nil {
		return nil, nil, nil, fmt.Errorf("portrait: encode: %w", err)
	}
	p, err := photo.Read(png.Bytes())
	if err != nil {
		return nil, nil, nil, fmt.Errorf("portrait: %w", err)
	}
	return cut, p, png.Bytes(), nil
}

// findAndAdd looks p up among other accounts' photos and, with add,
// stores it: matches first, so that a photo is not its own match.
func findAndAdd(ctx context.Context, s store.Store, verb string, p *photo.Photo, account string, kind store.Kind, data []byte) ([]photo.Match, int64, error) {
	matches, err := photo.Find(ctx, s, p, account)
	if err != nil || verb != "add" {
		return matches, 0, err
	}
	rec, err := p.Record(account, kind, data)
	if err != nil {
		return nil, 0, err
	}
	id, err := s.AddPhoto(ctx, rec)
	return matches, id, err
}

func rect(r image.Rectangle) [4]int { return [4]int{r.Min.X, r.Min.Y, r.Max.X, r.Max.Y} }
