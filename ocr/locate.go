package ocr

import (
	"math"
	"slices"
	"sort"
)

// component is a connected set of dark pixels.
type component struct {
	minX, minY, maxX, maxY int
	n                      int     // pixels
	cx, cy                 float64 // centroid
	u, v                   float64 // centroid in the text frame
	size                   float64 // extent across the text direction
}

func (c *component) w() int { return c.maxX - c.minX + 1 }
func (c *component) h() int { return c.maxY - c.minY + 1 }

// components labels the 8-connected dark regions of a w×h mask.
func components(dark []bool, w, h int) []component {
	labels := make([]int32, w*h)
	parent := []int32{0}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b int32) {
		ra, rb := find(a), find(b)
		if ra < rb {
			parent[rb] = ra
		} else if rb < ra {
			parent[ra] = rb
		}
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			i := y*w + x
			if !dark[i] {
				continue
			}
			var l int32
			try := func(j int) {
				if lj := labels[j]; lj != 0 {
					if l == 0 {
						l = lj
					} else if lj != l {
						union(l, lj)
					}
				}
			}
			if x > 0 {
				try(i - 1)
			}
			if y > 0 {
				if x > 0 {
					try(i - w - 1)
				}
				try(i - w)
				if x+1 < w {
					try(i - w + 1)
				}
			}
			if l == 0 {
				l = int32(len(parent))
				parent = append(parent, l)
			}
			labels[i] = l
		}
	}
	index := make([]int32, len(parent))
	for i := range index {
		index[i] = -1
	}
	var comps []component
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			l := labels[y*w+x]
			if l == 0 {
				continue
			}
			r := find(l)
			k := index[r]
			if k < 0 {
				k = int32(len(comps))
				index[r] = k
				comps = append(comps, component{minX: x, minY: y, maxX: x, maxY: y})
			}
			c := &comps[k]
			c.minX, c.maxX = min(c.minX, x), max(c.maxX, x)
			c.minY, c.maxY = min(c.minY, y), max(c.maxY, y)
			c.n++
			c.cx += float64(x)
			c.cy += float64(y)
		}
	}
	for i := range comps {
		comps[i].cx /= float64(comps[i].n)
		comps[i].cy /= float64(comps[i].n)
	}
	return comps
}

// textLine is a chain of character-sized components along the text
// direction: v ≈ a + b·u in the frame turned by the text angle.
type textLine struct {
	comps      []*component
	a, b       float64 // fit of v on u
	uMin, uMax float64 // extent along the line, centroids widened by half a character
	height     float64 // median character size across the line
}

func (l *textLine) vAt(u float64) float64 { return l.a + l.b*u }

// recentSize is the median size of the line's last six components: the
// size of its print where it ends so far, past a stray large or small one.
func (l *textLine) recentSize() float64 {
	var sizes [6]float64
	recent := sizes[:0]
	for _, c := range l.comps[max(0, len(l.comps)-6):] {
		recent = append(recent, c.size)
	}
	slices.Sort(recent)
	return recent[len(recent)/2]
}

// fit refits the line and recomputes its extent and height.
func (l *textLine) fit() {
	var su, sv, suu, suv float64
	n := float64(len(l.comps))
	sizes := make([]float64, 0, len(l.comps))
	l.uMin, l.uMax = math.Inf(1), math.Inf(-1)
	for _, c := range l.comps {
		su += c.u
		sv += c.v
		suu += c.u * c.u
		suv += c.u * c.v
		sizes = append(sizes, c.size)
	}
	sort.Float64s(sizes)
	l.height = sizes[len(sizes)/2]
	for _, c := range l.comps {
		l.uMin = math.Min(l.uMin, c.u-l.height/2)
		l.uMax = math.Max(l.uMax, c.u+l.height/2)
	}
	den := n*suu - su*su
	if den < 1e-9 {
		l.a, l.b = sv/n, 0
		return
	}
	l.b = (n*suv - su*sv) / den
	l.a = (sv - l.b*su) / n
}

// band is the zone found in an image: its text direction and its lines,
// top to bottom in that direction.
type band struct {
	angle float64 // radians; text runs along (cos, sin)
	lines []*textLine
}

// locator finds zone candidates in a binarised plane.
type locator struct {
	w, h  int
	dark  []bool
	comps []component
}

// charCandidates keeps the components whose size and ink fit a character.
func (lc *locator) charCandidates() []*component {
	maxSize := float64(max(lc.w, lc.h)) / 12
	var out []*component
	for i := range lc.comps {
		c := &lc.comps[i]
		s := float64(max(c.w(), c.h()))
		fill := float64(c.n) / float64(c.w()*c.h())
		if s < 5 || s > maxSize || c.n < 10 || fill < 0.08 || fill > 0.92 {
			continue
		}
		out = append(out, c)
	}
	return out
}

// textAngles estimates the text directions (radians, in [-π/2, π/2)) from
// the directions between each character and its nearest similar neighbour:
// within a line of a zone the next character is nearer than the next line.
// It returns up to maxAngles peaks of that histogram, strongest first, at
// least 5° apart: a photo may hold other text (a page beside the card, the
// table's grain) whose direction outweighs the zone's.
func textAngles(cands []*component) []float64 {
	if len(cands) < 10 {
		return nil
	}
	cell := 0.0
	for _, c := range cands {
		cell += float64(max(c.w(), c.h()))
	}
	cell = 3 * cell / float64(len(cands))
	grid := map[[2]int][]*component{}
	key := func(x, y float64) [2]int { return [2]int{int(x / cell), int(y / cell)} }
	for _, c := range cands {
		k := key(c.cx, c.cy)
		grid[k] = append(grid[k], c)
	}
	const bins = 180
	var hist [bins]float64
	for _, c := range cands {
		s := float64(max(c.w(), c.h()))
		best, bestD := (*component)(nil), math.Inf(1)
		k := key(c.cx, c.cy)
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				for _, o := range grid[[2]int{k[0] + dx, k[1] + dy}] {
					if o == c {
						continue
					}
					os := float64(max(o.w(), o.h()))
					if os > 1.6*s || s > 1.6*os {
						continue
					}
					d := math.Hypot(o.cx-c.cx, o.cy-c.cy)
					if d < bestD && d < 2.2*s {
						best, bestD = o, d
					}
				}
			}
		}
		if best == nil {
			continue
		}
		a := math.Atan2(best.cy-c.cy, best.cx-c.cx)
		if a < 0 {
			a += math.Pi
		}
		hist[int(a/math.Pi*bins)%bins]++
	}
	at := func(i int) float64 { return hist[(i%bins+bins)%bins] }
	smooth := make([]float64, bins)
	for i := range smooth {
		for d := -2; d <= 2; d++ {
			smooth[i] += at(i+d) * (3 - math.Abs(float64(d)))
		}
	}
	var out []float64
	var taken []int
	for len(out) < maxAngles {
		peak := -1
		for i, v := range smooth {
			near := false
			for _, t := range taken {
				if d := (i - t + bins) % bins; d < 5 || d > bins-5 {
					near = true
				}
			}
			if !near && v >= 8 && (peak < 0 || v > smooth[peak]) {
				peak = i
			}
		}
		if peak < 0 {
			break
		}
		taken = append(taken, peak)
		// Refine with the weighted mean of the bins around the peak.
		var sw, sa float64
		for d := -2; d <= 2; d++ {
			sw += at(peak + d)
			sa += at(peak+d) * float64(peak+d)
		}
		if sw == 0 {
			continue
		}
		// Report the direction in [-π/2, π/2): text that is upright or only
		// tilted comes out near 0, and is read unflipped first.
		a := math.Mod((sa/sw+0.5)/bins*math.Pi+math.Pi, math.Pi)
		if a >= math.Pi/2 {
			a -= math.Pi
		}
		out = append(out, a)
	}
	return out
}

// maxAngles bounds the text directions searched for a zone.
const maxAngles = 3

// chainLines groups candidates into text lines along angle. It works on
// copies of the candidates, since their coordinates in the text frame
// depend on the angle.
func chainLines(orig []*component, angle float64) []*textLine {
	cos, sin := math.Cos(angle), math.Sin(angle)
	copies := make([]component, len(orig))
	cands := make([]*component, len(orig))
	for i, o := range orig {
		copies[i] = *o
		cands[i] = &copies[i]
	}
	for _, c := range cands {
		c.u = c.cx*cos + c.cy*sin
		c.v = -c.cx*sin + c.cy*cos
		c.size = float64(c.w())*math.Abs(sin) + float64(c.h())*math.Abs(cos)
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].u < cands[j].u })
	var lines []*textLine
	for _, c := range cands {
		var best *textLine
		bestDV := math.Inf(1)
		for _, l := range lines {
			last := l.comps[len(l.comps)-1]
			ref := math.Max(last.size, c.size)
			if c.size > 1.8*last.size || last.size > 1.8*c.size {
				continue
			}
			du, dv := c.u-last.u, math.Abs(c.v-last.v)
			if du < 0 || du > 2.5*ref || dv > 0.35*ref {
				continue
			}
			if du > 1.5*ref {
				// Across a gap, print of another size is other text:
				// a page under the card continues a zone line in
				// smaller type, mostly lower case.
				if m := l.recentSize(); c.size > 1.35*m || m > 1.35*c.size {
					continue
				}
			}
			if dv < bestDV {
				best, bestDV = l, dv
			}
		}
		if best == nil {
			best = &textLine{}
			lines = append(lines, best)
		}
		best.comps = append(best.comps, c)
	}
	var out []*textLine
	for _, l := range lines {
		for _, p := range splitLong(l) {
			out = append(out, splitBend(p)...)
		}
	}
	return mergeCollinear(out)
}

// maxBend is the most two pieces of one line may differ in slope: 0.08,
// 4.6°, past what a line's fit errs by over ten characters.
const maxBend = 0.08

// splitBend cuts a fitted chain in two where it bends: where a zone line
// runs into print at another angle (a page under a tilted card), the chain
// follows the print around the corner, and the line's fit, a compromise,
// keeps it from aligning with the zone's other lines. It cuts where two
// straight pieces of six characters or more fit the chain far better than
// one (a quarter of the squared residuals at most) and their slopes differ
// by more than maxBend.
func splitBend(l *textLine) []*textLine {
	const minPiece = 6
	n := len(l.comps)
	if n < 2*minPiece {
		return []*textLine{l}
	}
	// Prefix sums of u, v, u², uv and v² along the chain (comps are in u
	// order), so that any piece's least-squares fit costs O(1).
	type sums struct{ n, u, v, uu, uv, vv float64 }
	pre := make([]sums, n+1)
	for i, c := range l.comps {
		p := pre[i]
		pre[i+1] = sums{p.n + 1, p.u + c.u, p.v + c.v, p.uu + c.u*c.u, p.uv + c.u*c.v, p.vv + c.v*c.v}
	}
	fit := func(i, j int) (slope, ssr float64) {
		a, b := pre[i], pre[j]
		s := sums{b.n - a.n, b.u - a.u, b.v - a.v, b.uu - a.uu, b.uv - a.uv, b.vv - a.vv}
		suu := s.uu - s.u*s.u/s.n
		suv := s.uv - s.u*s.v/s.n
		svv := s.vv - s.v*s.v/s.n
		if suu < 1e-9 {
			return 0, svv
		}
		return suv / suu, math.Max(0, svv-suv*suv/suu)
	}
	_, whole := fit(0, n)
	cut, best := 0, whole/4
	for i := minPiece; i <= n-minPiece; i++ {
		s1, r1 := fit(0, i)
		s2, r2 := fit(i, n)
		if r1+r2 < best && math.Abs(s1-s2) > maxBend {
			cut, best = i, r1+r2
		}
	}
	if cut == 0 {
		return []*textLine{l}
	}
	var out []*textLine
	for _, comps := range [][]*component{l.comps[:cut], l.comps[cut:]} {
		p := &textLine{comps: append([]*component(nil), comps...)}
		p.fit()
		out = append(out, p)
	}
	return out
}

// maxZoneChars is more characters than any zone line holds (44), with room
// for a stray mark or two.
const maxZoneChars = 50

// splitLong cuts a chain longer than any zone line at its gaps, so
// that a zone line that happens to continue a line of other text (a page
// under the card) stands on its own. It keeps the pieces of six or more
// characters, fitted.
func splitLong(l *textLine) []*textLine {
	if len(l.comps) < 6 {
		return nil
	}
	l.fit()
	pitch, _ := l.pitch()
	if (l.uMax-l.uMin)/pitch <= maxZoneChars {
		return []*textLine{l}
	}
	// Cut at the gap that leaves the most evenly spaced piece: a zone's
	// characters keep one pitch, other print does not (the widest gap is
	// as often a run of fillers inside the zone line as its edge).
	cut, best := 0, -1.0
	for i := 1; i < len(l.comps); i++ {
		if l.comps[i].u-l.comps[i-1].u < 1.5*pitch {
			continue
		}
		if s := max(evenness(l.comps[:i]), evenness(l.comps[i:])); s > best {
			cut, best = i, s
		}
	}
	if cut == 0 {
		return []*textLine{l} // no gap to cut at: not a zone line anyway
	}
	left := &textLine{comps: append([]*component(nil), l.comps[:cut]...)}
	right := &textLine{comps: append([]*component(nil), l.comps[cut:]...)}
	return append(splitLong(left), splitLong(right)...)
}

// evenness rates characters as a line by how many keep its pitch: their
// count times the share of regular gaps, squared (as bandScore does).
func evenness(comps []*component) float64 {
	_, regular := (&textLine{comps: comps}).pitch()
	return float64(len(comps)) * regular * regular
}

// mergeCollinear joins lines that continue each other across a gap, as
// when fillers run together into one blob that no character test keeps.
func mergeCollinear(lines []*textLine) []*textLine {
	sort.Slice(lines, func(i, j int) bool { return lines[i].uMin < lines[j].uMin })
	for merged := true; merged; {
		merged = false
		for i := 0; i < len(lines) && !merged; i++ {
			for j := 0; j < len(lines) && !merged; j++ {
				a, b := lines[i], lines[j]
				if i == j || b.uMin < a.uMax-a.height {
					continue
				}
				h := math.Max(a.height, b.height)
				if a.height > 1.4*b.height || b.height > 1.4*a.height || b.uMin-a.uMax > 8*h {
					continue
				}
				if math.Abs(a.vAt(b.uMin)-b.vAt(b.uMin)) > 0.3*h {
					continue
				}
				if len(a.comps) >= 10 && len(b.comps) >= 10 && math.Abs(a.b-b.b) > maxBend {
					continue // print at another angle: see splitBend
				}
				pa, _ := a.pitch()
				pb, _ := b.pitch()
				if (b.uMax-a.uMin)/min(pa, pb) > maxZoneChars {
					continue // longer than a zone line: other text beside the zone
				}
				a.comps = append(a.comps, b.comps...)
				a.fit()
				lines = append(lines[:j], lines[j+1:]...)
				merged = true
			}
		}
	}
	return lines
}

// findBands returns the groups of two or three long, parallel, evenly
// spaced, left-aligned lines that could be a zone, with their scores.
func findBands(lines []*textLine, angle float64) []scoredBand {
	var long []*textLine
	for _, l := range lines {
		if len(l.comps) >= 10 && l.uMax-l.uMin >= 14*l.height {
			long = append(long, l)
		}
	}
	sort.Slice(long, func(i, j int) bool { return long[i].vAt(long[i].uMin) < long[j].vAt(long[j].uMin) })
	fits := func(a, b *textLine) bool {
		h := math.Max(a.height, b.height)
		if a.height > 1.35*b.height || b.height > 1.35*a.height {
			return false
		}
		mid := (math.Max(a.uMin, b.uMin) + math.Min(a.uMax, b.uMax)) / 2
		gap := b.vAt(mid) - a.vAt(mid)
		if gap < 1.1*h || gap > 3.2*h {
			return false
		}
		overlap := math.Min(a.uMax, b.uMax) - math.Max(a.uMin, b.uMin)
		shorter := math.Min(a.uMax-a.uMin, b.uMax-b.uMin)
		return overlap > 0.5*shorter && math.Abs(a.lead()-b.lead()) < 2.5*h && math.Abs(a.b-b.b) < 0.06
	}
	var found []scoredBand
	for i := 0; i+1 < len(long); i++ {
		for j := i + 1; j < len(long); j++ {
			if !fits(long[i], long[j]) {
				continue
			}
			group := []*textLine{long[i], long[j]}
			for k := j + 1; k < len(long); k++ {
				if fits(long[j], long[k]) {
					group = append(group, long[k])
					break
				}
			}
			group = trimLeads(group)
			score := bandScore(group)
			found = append(found, scoredBand{band{angle: angle, lines: group}, score})
			if len(group) == 3 {
				found = append(found, scoredBand{band{angle: angle, lines: group[:2]}, bandScore(group[:2]) * 0.6},
					scoredBand{band{angle: angle, lines: group[1:]}, bandScore(group[1:]) * 0.6})
			}
		}
	}
	return found
}

// lead is where a line's characters start, not counting a first mark set
// apart from the rest by more than 1.6 pitches: the card's edge or a smudge
// beside a zone line is chained into it, and would otherwise keep the line
// from aligning with the zone's others.
func (l *textLine) lead() float64 {
	if len(l.comps) < 3 {
		return l.uMin
	}
	pitch, _ := l.pitch()
	if l.comps[1].u-l.comps[0].u > 1.6*pitch {
		return l.comps[1].u - l.height/2
	}
	return l.uMin
}

// trimLeads drops from the lines of a band the first mark that lead leaves
// out, where the line would otherwise start more than one and a half
// character heights before every other line of the band. (A zone line
// whose own first character stands apart, "P" in "P<UTO" with the filler
// not found, starts where the others do and keeps it.) Lines are shared
// between bands, so a trimmed line is a new one.
func trimLeads(lines []*textLine) []*textLine {
	out, copied := lines, false
	for i, l := range lines {
		if l.lead() == l.uMin {
			continue
		}
		apart := true
		for j, o := range lines {
			if j != i && l.uMin > o.uMin-1.5*l.height {
				apart = false
			}
		}
		if !apart {
			continue
		}
		if !copied {
			out, copied = slices.Clone(lines), true
		}
		t := &textLine{comps: l.comps[1:]}
		t.fit()
		out[i] = t
	}
	return out
}

// refine turns the band's frame by the mean slope of its lines, so that the
// angle is the zone's own rather than the histogram bin's, and refits the
// lines in the turned frame. The lines and their characters are copied
// first: a three-line band and its two-line parts share them, and each
// needs them in its own frame (when they were shared, the last band refined
// left the others' lines in its frame, tilted against their angle).
func (b *band) refine() {
	slope := 0.0
	for _, l := range b.lines {
		slope += l.b
	}
	d := math.Atan(slope / float64(len(b.lines)))
	b.angle += d
	cos, sin := math.Cos(b.angle), math.Sin(b.angle)
	lines := make([]*textLine, len(b.lines))
	for i, l := range b.lines {
		n := &textLine{comps: make([]*component, len(l.comps))}
		copies := make([]component, len(l.comps))
		for j, c := range l.comps {
			copies[j] = *c
			c := &copies[j]
			c.u = c.cx*cos + c.cy*sin
			c.v = -c.cx*sin + c.cy*cos
			c.size = float64(c.w())*math.Abs(sin) + float64(c.h())*math.Abs(cos)
			n.comps[j] = c
		}
		n.fit()
		lines[i] = n
	}
	b.lines = lines
}

// centre is the mean of the band's character centroids, in image coordinates.
func (b *band) centre() (x, y float64) {
	n := 0
	for _, l := range b.lines {
		for _, c := range l.comps {
			x, y, n = x+c.cx, y+c.cy, n+1
		}
	}
	return x / float64(n), y / float64(n)
}

// dedupe keeps the best-scored of candidates that are the same lines found
// from different starting angles: same line count, centres within a line
// height, angles within 2°. found must be sorted best first.
func dedupe(found []scoredBand) []scoredBand {
	var out []scoredBand
	for _, f := range found {
		fx, fy := f.b.centre()
		dup := false
		for _, o := range out {
			ox, oy := o.b.centre()
			if len(o.b.lines) == len(f.b.lines) && math.Hypot(fx-ox, fy-oy) < o.b.lines[0].height &&
				math.Abs(o.b.angle-f.b.angle) < 2*math.Pi/180 {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, f)
		}
	}
	return out
}

// scoredBand is a zone candidate and how much it looks like a zone.
type scoredBand struct {
	b     band
	score float64
}

// bandScore rates how much a group of lines looks like a zone. Zone lines
// are monospaced with no gaps (fillers stand where words would end), hold
// 30, 36 or 44 characters, at a pitch about equal to the character height;
// prose on a page beside the card is proportional, has word gaps and runs
// longer, and a card's printed fields are short.
func bandScore(lines []*textLine) float64 {
	score := 0.0
	longest := 0.0
	for _, l := range lines {
		pitch, regular := l.pitch()
		score += float64(len(l.comps)) * regular * regular
		if ratio := pitch / l.height; ratio < 0.7 || ratio > 1.4 {
			score -= float64(len(l.comps)) * 0.5 * regular * regular
		}
		longest = math.Max(longest, (l.uMax-l.uMin)/pitch)
	}
	// Three lines are TD1's 30 characters; two are 36 or 44.
	lo, hi := 30.0, 52.0
	if len(lines) == 3 {
		lo, hi = 24, 36
	}
	if longest < lo || longest > hi {
		score *= 0.3
	}
	return score
}

// pitch is the median distance between neighbouring characters along the
// line, and regular the share of neighbours within 35% of it.
func (l *textLine) pitch() (pitch, regular float64) {
	if len(l.comps) < 2 {
		return l.height, 0
	}
	gaps := make([]float64, 0, len(l.comps)-1)
	for i := 1; i < len(l.comps); i++ {
		gaps = append(gaps, l.comps[i].u-l.comps[i-1].u)
	}
	sorted := append([]float64(nil), gaps...)
	pitch = median(sorted)
	if pitch <= 0 {
		return l.height, 0
	}
	n := 0
	for _, g := range gaps {
		if g > 0.65*pitch && g < 1.35*pitch {
			n++
		}
	}
	return pitch, float64(n) / float64(len(gaps))
}
