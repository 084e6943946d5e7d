package evaluate

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/idcheck/idcheck/matchers/photo"
	"github.com/idcheck/idcheck/store"
)

// FindResult is what Run measured of photo.Find itself, as `photos add`
// uses it: every picture stored in a SQLite store of its own account,
// each looked up with DefaultThresholds, keys and corner words as built.
type FindResult struct {
	// Worded is the share of pictures filed under their corners' words
	// (photo.MinWordCorners corners and photo.MinWordSide pixels).
	Worded float64
	// False is the share of pairs of a looked-up picture and another
	// stored one that Find reports.
	False float64
	// WordCandidates is the share of pairs of a looked-up picture and
	// another stored one that the store's word index returns
	// (store.WordCandidates, before any signature is compared): what
	// a lookup fetches at scale, besides its key candidates.
	WordCandidates float64
	// Found is, per edit, the share of copies whose original Find
	// reports.
	Found map[string]float64
}

// findStore is a store holding the evaluated pictures, one account each.
type findStore struct {
	s      store.Store
	dir    string
	ids    []int64 // by picture
	worded int     // pictures stored with words
}

// newFindStore stores the pictures as photos add does, in a temporary
// SQLite file; close removes it.
func newFindStore(ctx context.Context, pics []*photo.Photo) (*findStore, error) {
	dir, err := os.MkdirTemp("", "eval-photos-")
	if err != nil {
		return nil, err
	}
	s, err := store.Open(ctx, filepath.Join(dir, "photos.db"), store.Options{})
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	f := &findStore{s: s, dir: dir}
	recs := make([]store.Photo, len(pics))
	for i, p := range pics {
		if recs[i], err = p.Record(account(i), store.KindProfile, nil); err != nil {
			f.close()
			return nil, err
		}
		// Described pictures come from no file: a digest of the
		// signature stands for the file's, so that no two seem the very
		// same file.
		recs[i].Bytes, recs[i].SHA256 = int64(len(recs[i].Signature)), sha256.Sum256(recs[i].Signature)
		if len(recs[i].Words) > 0 {
			f.worded++
		}
	}
	if f.ids, err = s.AddPhotos(ctx, recs); err != nil {
		f.close()
		return nil, err
	}
	return f, nil
}

func account(i int) string { return fmt.Sprint("picture-", i) }

func (f *findStore) close() {
	f.s.Close()
	os.RemoveAll(f.dir)
}

// finds says whether Find, for q, reports picture i.
func (f *findStore) finds(ctx context.Context, i int, q *photo.Photo) (bool, error) {
	ms, err := photo.Find(ctx, f.s, q, "")
	if err != nil {
		return false, err
	}
	for _, m := range ms {
		if m.PhotoID == f.ids[i] {
			return true, nil
		}
	}
	return false, nil
}

// measure looks each stored picture up among the others and fills r's
// shares of pairs reported and of word candidates, and Worded.
func (f *findStore) measure(ctx context.Context, pics []*photo.Photo, r *FindResult) error {
	reported, cands := 0, 0
	for j, p := range pics {
		ms, err := photo.Find(ctx, f.s, p, account(j))
		if err != nil {
			return err
		}
		reported += len(ms)
		if q, ok := p.Signature.WordQuery(account(j)); ok {
			cs, err := f.s.WordCandidates(ctx, q)
			if err != nil {
				return err
			}
			cands += len(cs)
		}
	}
	n := float64(len(pics))
	pairs := n * (n - 1)
	r.Worded = float64(f.worded) / n
	r.False, r.WordCandidates = float64(reported)/pairs, float64(cands)/pairs
	return nil
}

// writeFind prints FindResult as Markdown.
func writeFind(w io.Writer, r *Result) {
	f := r.Find
	fmt.Fprintf(w, "\nFind as `photos add` runs it (a SQLite store of every picture; default thresholds, keys and corner words): %.1f%% of the pictures are filed under corner words; of pairs of a looked-up picture and another stored one, %.3f%% are word candidates and %.3f%% are reported.\n\n",
		100*f.Worded, 100*f.WordCandidates, 100*f.False)
	fmt.Fprintln(w, "| edit | target | photos add |")
	fmt.Fprintln(w, "|---|---:|---:|")
	for _, e := range r.Edits {
		fmt.Fprintf(w, "| %s | %.0f%% |%s\n", e.Name, 100*e.Target, anyCell(f.Found[e.Name], e.Target))
	}
}
