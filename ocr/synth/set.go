package synth

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// ManifestName is the file in a set's directory that lists its documents.
const ManifestName = "manifest.jsonl"

// Entry is one document of a set: its image file, relative to the set's
// directory, and its truth.
type Entry struct {
	File string `json:"file"`
	Sample
}

// Rand returns the random source of document i of level in a set made with
// seed. Each document has its own stream, so a set's documents do not
// change when another level or a larger count is asked for.
func Rand(seed uint64, level Level, i int) *rand.Rand {
	li := 0
	for k, l := range Levels {
		if l == level {
			li = k
		}
	}
	return rand.New(rand.NewPCG(seed, uint64(li)<<32|uint64(i)))
}

// WriteSet generates n documents of each level into dir, named
// LEVEL-NNNN.EXT, and lists them in dir/manifest.jsonl.
func (fs *Fonts) WriteSet(ctx context.Context, dir string, levels []Level, n int, seed uint64) ([]Entry, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	var entries []Entry
	for _, level := range levels {
		for i := 0; i < n; i++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			s, err := fs.Generate(Rand(seed, level, i), level)
			if err != nil {
				return nil, err
			}
			e := Entry{File: fmt.Sprintf("%s-%04d.%s", level, i, s.Ext), Sample: *s}
			if err := os.WriteFile(filepath.Join(dir, e.File), s.Image, 0o644); err != nil {
				return nil, fmt.Errorf("synth: %w", err)
			}
			entries = append(entries, e)
		}
	}
	return entries, WriteManifest(dir, entries)
}

// WriteManifest writes entries to dir/manifest.jsonl, one per line.
func WriteManifest(dir string, entries []Entry) error {
	f, err := os.Create(filepath.Join(dir, ManifestName))
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, e := range entries {
		if err := enc.Encode(e); err != nil {
			f.Close()
			return fmt.Errorf("synth: write manifest: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("synth: write manifest: %w", err)
	}
	return f.Close()
}

// ReadManifest reads dir/manifest.jsonl.
func ReadManifest(dir string) ([]Entry, error) {
	f, err := os.Open(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	defer f.Close()
	var entries []Entry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("synth: %s line %d: %w", ManifestName, n, err)
		}
		if e.File == "" || len(e.Lines) == 0 {
			return nil, fmt.Errorf("synth: %s line %d: no file or no lines", ManifestName, n)
		}
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("synth: read manifest: %w", err)
	}
	return entries, nil
}
