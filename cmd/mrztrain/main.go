// Command mrztrain writes the line images that idcheck's Tesseract model
// for machine-readable zones is trained on (see scripts/train-mrz-model.sh).
//
// It generates synthetic documents (package synth) at the clean, mild and
// hard levels, finds their zones with the same locator the reader uses, cuts
// the lines exactly as the reader does, and writes each line as NAME.png
// with its true text in NAME.gt.txt and a whole-line box file NAME.box, the
// inputs of `tesseract NAME.png NAME --psm 13 lstm.train`.
//
//	mrztrain -out DIR -n 3000 -seed 1000
//
// Seeds used for training must differ from the ones used for evaluation.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/idcheck/idcheck/imagefile"
	"github.com/idcheck/idcheck/ocr"
	"github.com/idcheck/idcheck/ocr/synth"
)

func main() {
	out := flag.String("out", "", "directory to write line images to (required)")
	n := flag.Int("n", 3000, "documents to generate")
	seed := flag.Uint64("seed", 1000, "random seed (keep apart from evaluation seeds)")
	workers := flag.Int("workers", 2, "documents generated at once")
	fontDir := flag.String("fonts", "", "OCR-B font directory (default: Debian's)")
	scrambled := flag.Float64("scrambled", 0.5, "share of documents whose zone characters are partly random (synth.Scramble)")
	heights := flag.String("heights", "both", "character heights lines are cut at: both (the reader's two, one per document), or one of them, in pixels")
	flag.Parse()
	charPx, err := parseHeights(*heights)
	if err != nil || *out == "" || *n < 1 || *scrambled < 0 || *scrambled > 1 {
		if err != nil {
			fmt.Fprintln(os.Stderr, "mrztrain:", err)
		}
		fmt.Fprintln(os.Stderr, "usage: mrztrain -out DIR [-n DOCS] [-seed N] [-scrambled SHARE] [-heights both|PX]")
		os.Exit(2)
	}
	if err := run(*out, *n, *seed, *workers, *fontDir, *scrambled, charPx); err != nil {
		fmt.Fprintln(os.Stderr, "mrztrain:", err)
		os.Exit(1)
	}
}

// parseHeights turns the -heights flag into the character heights (pixels)
// lines may be cut at: the reader's two, or one of them.
func parseHeights(s string) ([]float64, error) {
	both := []float64{ocr.LineCharPx, ocr.AltCharPx}
	if s == "both" {
		return both, nil
	}
	for _, px := range both {
		if s == strconv.FormatFloat(px, 'f', -1, 64) {
			return []float64{px}, nil
		}
	}
	return nil, fmt.Errorf("-heights %q: want both, %v or %v", s, ocr.LineCharPx, ocr.AltCharPx)
}

func run(out string, n int, seed uint64, workers int, fontDir string, scrambled float64, charPx []float64) error {
	fonts, err := synth.LoadFonts(fontDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var next, lines, missed atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				k, err := writeDocument(fonts, out, seed, uint64(i), scrambled, charPx)
				if err != nil {
					errs <- err
					return
				}
				if k == 0 {
					missed.Add(1)
				}
				lines.Add(int64(k))
				if i%250 == 0 {
					slog.Info("progress", "documents", i, "lines", lines.Load())
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	slog.Info("done", "documents", n, "lines", lines.Load(), "zones_not_found", missed.Load())
	return nil
}

// writeDocument generates document i and writes its zone's lines, cut at
// one of the character heights in heights (pixels); it returns how many
// lines it wrote (0 when the locator missed the zone).
func writeDocument(fonts *synth.Fonts, out string, seed, i uint64, scrambled float64, heights []float64) (int, error) {
	rng := rand.New(rand.NewPCG(seed, i))
	level := []synth.Level{synth.Clean, synth.Mild, synth.Mild, synth.Hard, synth.Hard}[rng.IntN(5)]
	generate := fonts.Generate
	if rng.Float64() < scrambled {
		generate = fonts.GenerateScrambled
	}
	// Drawn even from a single height, so that a document's other draws,
	// and so its photo, do not depend on the heights chosen.
	charPx := heights[rng.IntN(2)%len(heights)]
	s, err := generate(rng, level)
	if err != nil {
		return 0, err
	}
	img, _, err := imagefile.Decode(s.Image)
	if err != nil {
		return 0, err
	}
	// The true text direction: along the top edge of the zone, as the
	// generator recorded it in the photo.
	q := s.ZoneQuad
	dx, dy := q[1][0]-q[0][0], q[1][1]-q[0][1]
	n := math.Hypot(dx, dy)
	dx, dy = dx/n, dy/n
	for _, z := range ocr.FindZones(img) {
		a := z.Angle() * math.Pi / 180
		dot := math.Cos(a)*dx + math.Sin(a)*dy
		if math.Abs(dot) < math.Cos(3*math.Pi/180) {
			continue // not the zone's direction
		}
		if x, y := z.Centre(); !inside(q, x, y) {
			continue // lines of the visual zone, or of a page beside the card
		}
		crops := z.LinesAt(dot < 0, charPx)
		if len(crops) != len(s.Lines) {
			continue
		}
		for k, c := range crops {
			base := filepath.Join(out, fmt.Sprintf("%07d-%d", i, k))
			if err := writeLine(base, c, s.Lines[k]); err != nil {
				return 0, err
			}
		}
		return len(crops), nil
	}
	return 0, nil
}

func writeLine(base string, img *image.Gray, text string) error {
	f, err := os.Create(base + ".png")
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(base+".gt.txt", []byte(text+"\n"), 0o644); err != nil {
		return err
	}
	// One box for the whole line, as Tesseract's line training expects:
	// "WordStr" carries the text, a tab box ends the line.
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	box := fmt.Sprintf("WordStr 0 0 %d %d 0 #%s\n\t %d 0 %d %d 0\n", w, h, text, w, w+1, h+1)
	return os.WriteFile(base+".box", []byte(box), 0o644)
}

// inside reports whether (x, y) lies in the convex quadrilateral q.
func inside(q [4][2]float64, x, y float64) bool {
	sign := 0.0
	for i := 0; i < 4; i++ {
		a, b := q[i], q[(i+1)%4]
		cross := (b[0]-a[0])*(y-a[1]) - (b[1]-a[1])*(x-a[0])
		if cross*sign < 0 {
			return false
		}
		if cross != 0 {
			sign = cross
		}
	}
	return true
}
