package ocr

import (
	"math"
	"math/rand/v2"
	"testing"
)

// leaningLine draws a line of block letters (two stems and a bar between
// them, at a regular pitch, with some pixel noise) whose ink leans as slant
// describes: a stroke at x0 at mid-height sits at x0 − k·(y − h/2).
func leaningLine(k float64, rng *rand.Rand) *gray {
	const w, h, pitch, top, bottom = 600, 54, 24, 11, 43
	g := newGray(w, h)
	for i := range g.pix {
		g.pix[i] = uint8(200 + rng.IntN(40))
	}
	for y := top; y < bottom; y++ {
		shift := -k * (float64(y) - h/2)
		for x0 := 30; x0+pitch < w-30; x0 += pitch {
			for _, stem := range []int{0, 12} {
				for dx := 0; dx < 4; dx++ {
					x := int(math.Round(float64(x0+stem+dx) + shift))
					g.pix[y*w+x] = uint8(20 + rng.IntN(40))
				}
			}
			if y >= 25 && y < 29 {
				for dx := 4; dx < 12; dx++ {
					g.pix[y*w+int(math.Round(float64(x0+dx)+shift))] = 30
				}
			}
		}
	}
	return g
}

func TestSlantFindsTheLean(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, k := range []float64{0, 0.05, -0.05, 0.1, -0.125, 0.2, -0.3} {
		got := slant([]*gray{leaningLine(k, rng)})
		if math.Abs(got-k) > slantStep+1e-9 {
			t.Errorf("slant of a line leaning %.3f = %.3f", k, got)
		}
	}
}

func TestSlantOfBlankOrEmpty(t *testing.T) {
	blank := newGray(100, 40)
	for i := range blank.pix {
		blank.pix[i] = 210
	}
	for name, g := range map[string]*gray{"blank": blank, "empty": newGray(0, 0)} {
		if k := slant([]*gray{g}); k != 0 {
			t.Errorf("slant of a %s plane = %v, want 0", name, k)
		}
	}
}
