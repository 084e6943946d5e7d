package synth

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/idcheck/idcheck/ocr/mrz"
)

var judgeDate = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

func TestIdentityLinesAreValidZones(t *testing.T) {
	for _, format := range mrz.Formats {
		for i := 0; i < 200; i++ {
			rng := rand.New(rand.NewPCG(uint64(format), uint64(i)))
			lines := RandomIdentity(rng, format).Lines()
			d, err := mrz.ParseAt(lines, judgeDate)
			if err != nil {
				t.Fatalf("%s %d: %v (%q)", format, i, err, lines)
			}
			if d.Format != format || !d.Valid || len(d.Corrections) != 0 {
				t.Fatalf("%s %d: format %s valid %v corrections %v problems %v (%q)",
					format, i, d.Format, d.Valid, d.Corrections, d.Problems, lines)
			}
		}
	}
}

func TestTamperBreaksTheNamedCheck(t *testing.T) {
	for _, format := range mrz.Formats {
		for i := 0; i < 100; i++ {
			rng := rand.New(rand.NewPCG(7, uint64(i)))
			lines := RandomIdentity(rng, format).Lines()
			tampered, field := Tamper(rng, format, lines)
			d, err := mrz.ParseAt(tampered, judgeDate)
			if err != nil {
				t.Fatal(err)
			}
			if d.Valid || d.Checks[field] {
				t.Fatalf("%s: tampering %s left valid=%v checks %v", format, field, d.Valid, d.Checks)
			}
			diff := 0
			for k := range lines {
				for j := range lines[k] {
					if lines[k][j] != tampered[k][j] {
						diff++
					}
				}
			}
			if diff != 1 {
				t.Fatalf("%d characters changed, want 1", diff)
			}
		}
	}
}

func TestGenerateIsReproducibleAndRecordsTheZone(t *testing.T) {
	fonts, err := LoadFonts("")
	if err != nil {
		t.Fatal(err)
	}
	for _, level := range Levels {
		a, err := fonts.Generate(Rand(3, level, 0), level)
		if err != nil {
			t.Fatal(err)
		}
		b, err := fonts.Generate(Rand(3, level, 0), level)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Image, b.Image) {
			t.Errorf("%s: the same seed gave different images", level)
		}
		img, _, err := image.Decode(bytes.NewReader(a.Image))
		if err != nil {
			t.Fatalf("%s: %v", level, err)
		}
		r := img.Bounds()
		for _, p := range a.ZoneQuad {
			if p[0] < 0 || p[1] < 0 || p[0] > float64(r.Dx()) || p[1] > float64(r.Dy()) {
				t.Errorf("%s: zone corner %v outside the %v photo", level, p, r.Size())
			}
		}
		if a.Tampered != (level == Tampered) {
			t.Errorf("%s: tampered=%v", level, a.Tampered)
		}
	}
}

func TestWriteAndReadSet(t *testing.T) {
	fonts, err := LoadFonts("")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	written, err := fonts.WriteSet(context.Background(), dir, []Level{Clean, Tampered}, 2, 5)
	if err != nil {
		t.Fatal(err)
	}
	read, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(read) != 4 || len(written) != 4 {
		t.Fatalf("wrote %d, read %d entries", len(written), len(read))
	}
	for i := range read {
		if read[i].File != written[i].File || read[i].Level != written[i].Level || read[i].Format != written[i].Format {
			t.Errorf("entry %d: read %+v, wrote %+v", i, read[i], written[i])
		}
	}
	if _, err := ReadManifest(t.TempDir()); err == nil {
		t.Error("ReadManifest of an empty directory gave no error")
	}
	if _, err := ParseLevel("extreme"); err == nil {
		t.Error("ParseLevel accepted an unknown level")
	}
}

func TestScrambleKeepsLengthsAndBreaksTheZone(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	changed, total := 0, 0
	for i := 0; i < 50; i++ {
		lines := RandomIdentity(rng, mrz.TD3).Lines()
		got := Scramble(rng, lines)
		for k := range lines {
			if len(got[k]) != len(lines[k]) {
				t.Fatalf("line %d: length %d, want %d", k, len(got[k]), len(lines[k]))
			}
			for j := range lines[k] {
				if c := got[k][j]; !(c == '<' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
					t.Fatalf("character %q outside the zone's alphabet", c)
				}
				if lines[k][j] != '<' {
					total++
					if got[k][j] != lines[k][j] {
						changed++
					}
				}
			}
		}
	}
	// About half the characters are redrawn, and a redrawn one is the same
	// with chance 1/36: expect about 0.55·35/36 ≈ 53% changed.
	if share := float64(changed) / float64(total); share < 0.45 || share > 0.61 {
		t.Errorf("%.0f%% of characters changed, want about 53%%", 100*share)
	}
}
