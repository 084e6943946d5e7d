package ocr

import (
	"math"
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

// textAngle estimates the text direction (radians, in [-π/2, π/2)) from the
// directions between each character and its nearest similar neighbour:
// within a line of a zone the next character is nearer than the next line.
func textAngle(cands []*component) (float64, bool) {
	if len(cands) < 10 {
		return 0, false
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
	bestBin, bestV := 0, -1.0
	for i := 0; i < bins; i++ {
		v := 0.0
		for d := -2; d <= 2; d++ {
			v += hist[(i+d+bins)%bins] * (3 - math.Abs(float64(d)))
		}
		if v > bestV {
			bestBin, bestV = i, v
		}
	}
	// Refine with the weighted mean of the bins around the peak.
	var sw, sa float64
	for d := -2; d <= 2; d++ {
		sw += hist[(bestBin+d+bins)%bins]
		sa += hist[(bestBin+d+bins)%bins] * float64(bestBin+d)
	}
	if sw == 0 {
		return 0, false
	}
	// Report the direction in [-π/2, π/2): text that is upright or only
	// tilted comes out near 0, and is read unflipped first.
	a := math.Mod((sa/sw+0.5)/bins*math.Pi+math.Pi, math.Pi)
	if a >= math.Pi/2 {
		a -= math.Pi
	}
	return a, true
}

// chainLines groups candidates into text lines along angle.
func chainLines(cands []*component, angle float64) []*textLine {
	cos, sin := math.Cos(angle), math.Sin(angle)
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
		if len(l.comps) >= 6 {
			l.fit()
			out = append(out, l)
		}
	}
	return mergeCollinear(out)
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
// spaced, left-aligned lines that could be a zone, best first.
func findBands(lines []*textLine, angle float64) []band {
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
		return overlap > 0.5*shorter && math.Abs(a.uMin-b.uMin) < 2.5*h && math.Abs(a.b-b.b) < 0.06
	}
	type scored struct {
		b     band
		score float64
	}
	var found []scored
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
			score := 0.0
			for _, l := range group {
				score += float64(len(l.comps))
			}
			found = append(found, scored{band{angle: angle, lines: group}, score})
			if len(group) == 3 {
				found = append(found, scored{band{angle: angle, lines: group[:2]}, score * 0.6},
					scored{band{angle: angle, lines: group[1:]}, score * 0.6})
			}
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].score > found[j].score })
	out := make([]band, len(found))
	for i, f := range found {
		out[i] = f.b
	}
	return out
}
