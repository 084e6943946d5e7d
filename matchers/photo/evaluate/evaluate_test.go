package evaluate

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestRunOnPortraits(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	pics, err := Sources([]string{t.TempDir()}, 3, 160, 24, rng)
	if err != nil {
		t.Fatal(err)
	}
	if len(pics) != 24 {
		t.Fatalf("%d pictures", len(pics))
	}
	var edits []Edit
	for _, e := range Edits(nil) {
		if e.Name == "mirrored" || e.Name == "JPEG quality 20" {
			edits = append(edits, e)
		}
	}
	r, err := Run(pics, edits, rng)
	if err != nil {
		t.Fatal(err)
	}
	if r.Pairs != 24*23/2 {
		t.Errorf("%d pairs", r.Pairs)
	}
	for _, a := range r.Algos {
		if r.FalseMatch[a] > MaxFalseMatch {
			t.Errorf("%s: false matches %.4f at threshold %d", a, r.FalseMatch[a], r.Threshold[a])
		}
	}
	// The mirror image is looked up through the mirrored hashes: found
	// whenever the threshold allows anything at all.
	if r.Threshold["phash"] >= 4 && r.Recall["mirrored"]["phash"] < 0.9 {
		t.Errorf("mirrored recall %.2f at threshold %d", r.Recall["mirrored"]["phash"], r.Threshold["phash"])
	}
	var buf bytes.Buffer
	WriteTables(&buf, r)
	for _, want := range []string{"24 pictures, 276 pairs", "| phash |", "| mirrored | 99% |"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("tables lack %q:\n%s", want, buf.String())
		}
	}
}

func TestPictureKey(t *testing.T) {
	for path, want := range map[string]string{
		"/usr/share/wallpapers/Flow/contents/images/5120x2880.jpg":      "/usr/share/wallpapers/Flow",
		"/usr/share/wallpapers/Flow/contents/images_dark/5120x2880.jpg": "/usr/share/wallpapers/Flow",
		"/usr/share/backgrounds/gnome/pixels-l.webp":                    "/usr/share/backgrounds/gnome/pixels",
		"/usr/share/backgrounds/gnome/pixels-d.webp":                    "/usr/share/backgrounds/gnome/pixels",
	} {
		if got := pictureKey(path); got != want {
			t.Errorf("%s: %s", path, got)
		}
	}
}
