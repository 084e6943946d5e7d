package ocr

import (
	"math"
	"math/rand/v2"
	"testing"
)

// sauvolaReference is Sauvola's threshold computed the plain way, summing
// each pixel's neighbourhood afresh.
func sauvolaReference(g *gray, window int, k float64) []bool {
	r := window / 2
	dark := make([]bool, g.w*g.h)
	for y := 0; y < g.h; y++ {
		for x := 0; x < g.w; x++ {
			var sum, sq, n float64
			for yy := max(0, y-r); yy < min(g.h, y+r+1); yy++ {
				for xx := max(0, x-r); xx < min(g.w, x+r+1); xx++ {
					v := float64(g.pix[yy*g.w+xx])
					sum, sq, n = sum+v, sq+v*v, n+1
				}
			}
			m := sum / n
			s := math.Sqrt(math.Max(sq/n-m*m, 0))
			dark[y*g.w+x] = float64(g.pix[y*g.w+x]) < m*(1+k*(s/128-1))
		}
	}
	return dark
}

func TestSauvolaMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, tc := range []struct{ w, h, window int }{
		{1, 1, 15}, {40, 30, 15}, {37, 61, 5}, {64, 9, 31}, {120, 80, 81},
	} {
		g := newGray(tc.w, tc.h)
		for i := range g.pix {
			// Text-like: mostly paper, some ink, some noise.
			switch v := rng.IntN(10); {
			case v < 2:
				g.pix[i] = uint8(20 + rng.IntN(60))
			default:
				g.pix[i] = uint8(170 + rng.IntN(80))
			}
		}
		got, want := g.sauvola(tc.window, 0.2), sauvolaReference(g, tc.window, 0.2)
		diff, dark := 0, 0
		for i := range want {
			if got[i] != want[i] {
				diff++
			}
			if want[i] {
				dark++
			}
		}
		if diff > 0 || (tc.w*tc.h > 100 && dark == 0) {
			t.Errorf("%dx%d window %d: %d of %d pixels differ from the reference (%d dark)", tc.w, tc.h, tc.window, diff, len(want), dark)
		}
	}
}
