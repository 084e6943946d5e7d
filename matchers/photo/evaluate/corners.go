package evaluate

import (
	"fmt"
	"image"
	"io"

	"github.com/disintegration/imaging"

	"github.com/idcheck/idcheck/matchers/photo"
	"github.com/idcheck/idcheck/matchers/photo/keypoint"
)

// CornerResult is what Run measured of matching pictures by their corners
// (keypoint.Match), the untrimmed picture's points against an edited
// copy's and its mirror image's.
type CornerResult struct {
	Threshold  int     // the fewest points lined up that count, at MaxFalseMatch
	FalseMatch float64 // share of pairs of different pictures at or above Threshold
	Flat       float64 // share of pictures with fewer than photo.MinCorners points
	// Recall is, per edit, the share of copies whose corners line up
	// with the original's at Threshold or more.
	Recall map[string]float64
	// Both is, per edit, the share of copies the signature's thresholds
	// accept and whose corners line up (at Threshold), or that have too
	// few to say (a flat picture).
	Both map[string]float64
	// BothFalse is the share of pairs of different pictures Both would
	// report.
	BothFalse float64
}

// corners are a picture's points and its mirror image's.
type corners struct{ points, mirrored []keypoint.Point }

func cornersOf(img image.Image) corners {
	return corners{keypoint.Detect(img), keypoint.Detect(imaging.FlipH(img))}
}

// lineUp is how many of c's points, or its mirror image's, line up with
// stored's.
func (c corners) lineUp(stored corners) int {
	return max(keypoint.Match(stored.points, c.points), keypoint.Match(stored.points, c.mirrored))
}

// flat says whether either picture has too few points to say.
func flat(a, b corners) bool {
	return min(len(a.points), len(b.points)) < photo.MinCorners
}

// cornerThreshold measures corners over the pairs of different pictures:
// the threshold, its false matches, and the pairs of different pictures
// reported when the signature's thresholds th must accept them too.
func cornerThreshold(cs []corners, signed []*photo.Signature, th photo.Thresholds) CornerResult {
	r := CornerResult{Recall: map[string]float64{}, Both: map[string]float64{}}
	var counts []int
	var accepted, flats []bool
	for i := range cs {
		if len(cs[i].points) < photo.MinCorners {
			r.Flat++
		}
		for j := i + 1; j < len(cs); j++ {
			counts = append(counts, cs[j].lineUp(cs[i]))
			accepted = append(accepted, th.Same(photo.Compare(signed[i], signed[j])))
			flats = append(flats, flat(cs[i], cs[j]))
		}
	}
	r.Flat /= float64(len(cs))
	allowed := int(MaxFalseMatch * float64(len(counts)))
	r.Threshold = 1
	for atLeast(counts, r.Threshold) > allowed {
		r.Threshold++
	}
	both := 0
	for k, n := range counts {
		if accepted[k] && (n >= r.Threshold || flats[k]) {
			both++
		}
	}
	r.FalseMatch = float64(atLeast(counts, r.Threshold)) / float64(len(counts))
	r.BothFalse = float64(both) / float64(len(counts))
	return r
}

func atLeast(counts []int, t int) int {
	n := 0
	for _, c := range counts {
		if c >= t {
			n++
		}
	}
	return n
}

// writeCorners prints CornerResult as Markdown.
func writeCorners(w io.Writer, r *Result) {
	c := r.Corners
	fmt.Fprintf(w, "\nCorners (keypoint.Match): a match at %d points lined up or more, %.3f%% of pairs of different pictures; %.1f%% of the pictures have fewer than %d points (flat).\n",
		c.Threshold, 100*c.FalseMatch, 100*c.Flat, photo.MinCorners)
	fmt.Fprintf(w, "Signature and corners (flat pictures by their signature alone): %.3f%% of pairs of different pictures.\n\n", 100*c.BothFalse)
	fmt.Fprintln(w, "| edit | target | corners | signature (any) | signature and corners |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	for _, e := range r.Edits {
		fmt.Fprintf(w, "| %s | %.0f%% | %.1f%% | %.1f%% |%s\n", e.Name, 100*e.Target, 100*c.Recall[e.Name],
			100*r.Signature.Recall[e.Name][nScores], anyCell(c.Both[e.Name], e.Target))
	}
}

// wordCounts are the numbers of points sharing a word at which the
// evaluation reports corner words: how many points a lookup would need to
// share with a stored picture for it to be a candidate.
var wordCounts = [...]int{3, 5, 10}

// WordResult is what Run measured of corner words (keypoint.Point.Words)
// as an index would use them: a stored picture's points' words against a
// looked-up picture's corners described at more scales, upright, turned
// and mirrored (keypoint.Probes).
type WordResult struct {
	// Candidates is, for each of wordCounts, the share of pairs of
	// different pictures sharing words at that many points or more: the
	// share of a store such a lookup would verify.
	Candidates [len(wordCounts)]float64
	// Found is, per edit and for each of wordCounts, the share of copies
	// sharing words with the original at that many points or more.
	Found map[string][len(wordCounts)]float64
}

// filed are a stored picture's points by word.
type filed map[uint64][]int32

func file(points []keypoint.Point) filed {
	f := filed{}
	for i, p := range points {
		for _, w := range p.Words() {
			f[w] = append(f[w], int32(i))
		}
	}
	return f
}

// asked are a looked-up picture's corners as an index is asked with them
// (keypoint.Probes).
type asked []keypoint.Probe

func askedOf(img image.Image) asked { return keypoint.Probes(img) }

// shared is how many of the looked-up picture's corners share a word with
// some stored point, each stored point counted once; the picture or its
// mirror image, whichever shares more.
func (a asked) shared(f filed) int {
	best := 0
	for mirrored := 0; mirrored < 2; mirrored++ {
		seen := map[int32]bool{}
		n := 0
		for _, p := range a {
			ds := p.Upright
			if mirrored == 1 {
				ds = p.Mirrored
			}
		corner:
			for k := range ds {
				for _, w := range keypoint.Words(&ds[k]) {
					for _, s := range f[w] {
						if !seen[s] {
							seen[s] = true
							n++
							break corner
						}
					}
				}
			}
		}
		best = max(best, n)
	}
	return best
}

func atLeastCounts(n int) (out [len(wordCounts)]bool) {
	for k, c := range wordCounts {
		out[k] = n >= c
	}
	return out
}

// wordCandidates measures corner words over the pairs of different
// pictures, the later looking up the earlier.
func wordCandidates(fs []filed, as []asked) WordResult {
	r := WordResult{Found: map[string][len(wordCounts)]float64{}}
	pairs := 0
	for i := range fs {
		for j := i + 1; j < len(fs); j++ {
			for k, ok := range atLeastCounts(as[j].shared(fs[i])) {
				if ok {
					r.Candidates[k]++
				}
			}
			pairs++
		}
	}
	for k := range r.Candidates {
		r.Candidates[k] /= float64(max(1, pairs))
	}
	return r
}

// writeWords prints WordResult as Markdown.
func writeWords(w io.Writer, r *Result) {
	c := r.Words
	fmt.Fprintf(w, "\nCorner words (%d tables of %d bits): pairs of different pictures sharing words at %d, %d or %d points or more: %.3f%%, %.3f%%, %.3f%%.\n\n",
		keypoint.WordTables, keypoint.WordBits, wordCounts[0], wordCounts[1], wordCounts[2], 100*c.Candidates[0], 100*c.Candidates[1], 100*c.Candidates[2])
	fmt.Fprintf(w, "| edit | target | ≥ %d points | ≥ %d points | ≥ %d points |\n|---|---:|---:|---:|---:|\n", wordCounts[0], wordCounts[1], wordCounts[2])
	for _, e := range r.Edits {
		f := c.Found[e.Name]
		fmt.Fprintf(w, "| %s | %.0f%% | %.1f%% | %.1f%% | %.1f%% |\n", e.Name, 100*e.Target, 100*f[0], 100*f[1], 100*f[2])
	}
}
