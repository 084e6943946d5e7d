package keypoint

import (
	"image"
	"math"
	"slices"
)

// Words are what an index would file a point under: WordTables words of
// WordBits bits each, cut from disjoint blocks of its descriptor. Two
// points whose descriptors agree in one block share that table's word. A
// copy's points share words with the original's by the dozen; so, asked
// with Probes, do different pictures' points too often yet: eval-photos
// measures how often ("Corner words"; docs/photo-scale.md, plan step 1b).
//
// Words are long because a lookup asks with each corner described 36
// ways (Probes): over 160 painted portraits (a scratch run, not kept;
// docs/photo-scale.md), words of 24 bits in 8 tables let 51% of the pairs of
// different pictures share words at 10 corners or more, 32 bits 0.46%, and
// 40 bits in 6 tables 0.02%, while copies (JPEG quality 20, turned 10°,
// cropped 20%, in a screenshot) shared 5 or more 98-100% of the time.
const (
	WordBits   = 40
	WordTables = 6
)

// Words cuts a point's words, one per table.
func (p Point) Words() [WordTables]uint64 { return Words(&p.Bits) }

// Words cuts a descriptor's words, one per table; the table is in the top
// bits, so that words of different tables never agree.
func Words(bits *[4]uint64) (w [WordTables]uint64) {
	for t := range w {
		// The block's bits, from the descriptor's word it starts in and,
		// when it runs over, the next.
		at, off := t*WordBits/64, t*WordBits%64
		x := bits[at] >> off
		if off+WordBits > 64 {
			x |= bits[at+1] << (64 - off)
		}
		w[t] = uint64(t)<<WordBits | x&(1<<WordBits-1)
	}
	return w
}

// turns are the angles, in degrees, by which Probes also describes a
// picture's corners: a copy turned by up to 10° is described by one of
// them within about 4°, where descriptors still agree.
var turns = [...]float64{0, -8, 8}

// probeLevels are the scales at which Probes looks for corners: Detect's
// and those between them. A word needs the descriptors' bits to agree
// exactly, which they seldom do between scales 0.87 apart (a copy scaled
// by 1.13 shared words at 32 of 300 corners in a test, one scaled by 1.03
// at 196); matching points by their nearest descriptor tolerates it.
var probeLevels = [...]float64{1, 0.866, 0.75, 0.65, 0.5625, 0.487}

// probePatterns are the pairs turned by each of turns, and the same for
// the mirror image (offsets flipped left to right, then turned).
var probePatterns = func() (out [2][len(turns)][256][4]int8) {
	for m := range out {
		for k, deg := range turns {
			s, c := math.Sincos(deg * math.Pi / 180)
			turn := func(x, y int8) (int8, int8) {
				fx, fy := float64(x), float64(y)
				if m == 1 {
					fx = -fx
				}
				tx, ty := math.Round(c*fx-s*fy), math.Round(s*fx+c*fy)
				lim := float64(patchRadius)
				return int8(min(max(tx, -lim), lim)), int8(min(max(ty, -lim), lim))
			}
			for i, p := range pairs {
				out[m][k][i][0], out[m][k][i][1] = turn(p[0], p[1])
				out[m][k][i][2], out[m][k][i][3] = turn(p[2], p[3])
			}
		}
	}
	return out
}()

// Probe is one corner of a picture looked up, described every way Probes
// describes it; an index counts a corner once however many of its
// descriptions share a word.
type Probe struct {
	// X, Y is the corner's position in the picture scaled to Side, pixels,
	// and MirroredX its X in the mirror image.
	X, Y, MirroredX   float32
	Upright, Mirrored [len(turns)][4]uint64
}

// Probes finds a looked-up picture's corners, at more scales than Detect,
// and describes each upright and turned by 8° either way, as it is and as
// its mirror image's would be: what a lookup asks an index with, so that
// copies scaled, turned by up to 10° or mirrored share words with the
// original's points.
func Probes(img image.Image) []Probe {
	_, _, probes := DetectAll(img)
	return probes
}

// DetectAll is Detect of a picture and of its mirror image, and Probes,
// at once. Detect's scales are among Probes', and its descriptors are the
// probes' upright and unturned; the mirror image's corners are the
// picture's, flipped, described by the pairs flipped (what Detect of the
// flipped picture finds, but for ties broken the other way). So nothing is
// looked for twice.
func DetectAll(img image.Image) (points, mirrored []Point, probes []Probe) {
	eachLevel(img, probeLevels[:], func(l float64, bright sums, cs []corner) {
		detected := slices.Contains(levels[:], l)
		lw := bright.w - 1 // the level's width
		for _, c := range cs {
			p := Probe{X: float32(float64(c.x) / l), Y: float32(float64(c.y) / l), MirroredX: float32(float64(lw-1-c.x) / l)}
			for k := range turns {
				p.Upright[k] = bright.describe(c.x, c.y, &probePatterns[0][k])
				p.Mirrored[k] = bright.describe(c.x, c.y, &probePatterns[1][k])
			}
			probes = append(probes, p)
			if detected {
				points = append(points, Point{X: p.X, Y: p.Y, Bits: p.Upright[0]})
				mirrored = append(mirrored, Point{X: p.MirroredX, Y: p.Y, Bits: p.Mirrored[0]})
			}
		}
	})
	return points, mirrored, probes
}
