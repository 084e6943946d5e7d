package photo

import (
	"cmp"
	"image"
	"math"
	"slices"
)

// Frame finding: a screenshot shows the photo as a rectangle of straight
// edges inside the window around it. textureBounds finds it by the
// photo's texture, which a smooth photo (a blurred sky, a gradient) lacks,
// and a photo whose texture runs one way (stripes) loses lines of; the
// edges of the rectangle are there whatever the photo holds.
const (
	frameEdge       = 10   // brightness step, of 255, that makes an edge pixel
	frameColourEdge = 32   // or step in red, green or blue (see edge)
	frameSupport    = 0.6  // share of each side that must be edge pixels
	frameQuarter    = 0.35 // share of each quarter of a side that must be edge pixels
	frameLines      = 16   // strongest candidate lines kept per direction
	frameBeyond     = 6    // pixels past each corner where a side must not go on
	frameOnward     = 0.5  // share of those that would make the side go on
	frameMin        = 0.2  // least share of each side of the picture a frame spans
	frameMax        = 0.97 // most share of the area a frame may cover (less is no frame)
	// frameSpread is the least standard deviation of brightness, of 255,
	// inside a frame: a plain rectangle (a door, a sign) frames nothing
	// to recognise, and its view, a unit vector of noise, would meet other
	// plain views.
	frameSpread = 5
	// frameInset is how many pixels of a frame's sides its view leaves
	// out: scaling blends a side with the window around it, and a line
	// of light margin along a dim photo moves its frequencies.
	frameInset = 1
)

// edgeMap records where brightness or colour steps across lines, with prefix sums so
// that the share of edge pixels along any stretch of a line is O(1).
type edgeMap struct {
	w, h int
	// across[y][x+1]: edge pixels at x' ≤ x between rows y-2 and y (a
	// step blurred over a pixel by scaling still counts once per row).
	across [][]int32
	// down[x][y+1]: edge pixels at y' ≤ y between columns x-2 and x.
	down [][]int32
	// textured says whether a box holds something to recognise.
	textured func(image.Rectangle) bool
}

func newEdgeMap(p plane) *edgeMap {
	w, h := p.bounds.Dx(), p.bounds.Dy()
	m := &edgeMap{w: w, h: h, across: make([][]int32, h), down: make([][]int32, w)}
	block := make([]int32, 2*(w+1)*(h+1)) // both maps' lines, in one allocation
	for y := range m.across {
		m.across[y], block = block[:w+1:w+1], block[w+1:]
	}
	for x := range m.down {
		m.down[x], block = block[:h+1:h+1], block[h+1:]
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var e int32
			if y >= 2 && p.edge(y*w+x, (y-2)*w+x) {
				e = 1
			}
			m.across[y][x+1] = m.across[y][x] + e
			e = 0
			if x >= 2 && p.edge(y*w+x, y*w+x-2) {
				e = 1
			}
			m.down[x][y+1] = m.down[x][y] + e
		}
	}
	return m
}

// share is the share of edge pixels in sums[from:to] (a prefix-sum row),
// clipped to the line; ok is false when nothing is left of it.
func share(sums []int32, from, to int) (s float64, ok bool) {
	from, to = max(from, 0), min(to, len(sums)-1)
	if to <= from {
		return 0, false
	}
	return float64(sums[to]-sums[from]) / float64(to-from), true
}

// side says whether a frame's side runs along sums from from to to: most
// of it is edge, every quarter of it too (a side reaches its corners), and
// it stops at both corners rather than going on (a line across the whole
// window, as under a title bar, is no side). A side on the picture's
// border needs none of this.
func side(sums []int32, at, limit, from, to int) bool {
	if at <= 0 || at >= limit {
		return true
	}
	if s, _ := share(sums, from, to); s < frameSupport {
		return false
	}
	for q := 0; q < 4; q++ {
		if s, _ := share(sums, from+(to-from)*q/4, from+(to-from)*(q+1)/4); s < frameQuarter {
			return false
		}
	}
	// Past each corner, a pixel on (where scaling blends the corner), the
	// side must stop; if fewer than half of frameBeyond pixels are left
	// before the picture's border, there is too little to tell.
	for _, r := range [][2]int{{from - 1 - frameBeyond, from - 1}, {to + 1, to + 1 + frameBeyond}} {
		lo, hi := max(r[0], 0), min(r[1], len(sums)-1)
		if s, _ := share(sums, lo, hi); 2*(hi-lo) >= frameBeyond && s >= frameOnward {
			return false
		}
	}
	return true
}

// lines are the positions of the lines of edges a frame's sides may lie
// on: each local peak of the edge count per line, at least
// frameMin·frameSupport of the line, the frameLines strongest; and the
// picture's two borders. all is false when peaks were left out.
func lines(sums [][]int32, length int) (at []int, all bool) {
	count := func(i int) int32 { return sums[i][length] }
	var peaks []int
	for i := 1; i < len(sums); i++ {
		c := count(i)
		if float64(c) < frameMin*frameSupport*float64(length) {
			continue
		}
		if i > 1 && count(i-1) > c || i+1 < len(sums) && count(i+1) >= c {
			continue
		}
		peaks = append(peaks, i)
	}
	all = len(peaks) <= frameLines
	slices.SortFunc(peaks, func(a, b int) int { return cmp.Compare(count(b), count(a)) })
	peaks = peaks[:min(len(peaks), frameLines)]
	return append(peaks, 0, len(sums)), all
}

// frameBounds finds the largest rectangle of straight edges in a picture,
// with something inside it: a photo inside a screenshot, a poster on a
// wall. ok is false when there is none (the picture's own border is no
// frame).
func frameBounds(p plane) (r image.Rectangle, ok bool) {
	b, l := p.bounds, p.l
	m := newEdgeMap(p)
	m.textured = func(r image.Rectangle) bool {
		// Inside its sides: the edge pixels would count as spread.
		return spread(l, b.Dx(), r.Inset(2)) >= frameSpread
	}
	// The search takes a few lines of one direction and every line of the
	// other; a photo of horizontal stripes has too many rows to take.
	if _, all := lines(m.across, m.w); !all {
		if _, all := lines(m.down, m.h); all {
			t, ok := m.transposed().largestFrame()
			return transpose(t).Add(b.Min), ok
		}
	}
	r, ok = m.largestFrame()
	return r.Add(b.Min), ok
}

// transposed is the edge map of the picture turned about its diagonal.
func (m *edgeMap) transposed() *edgeMap {
	return &edgeMap{w: m.h, h: m.w, across: m.down, down: m.across,
		textured: func(r image.Rectangle) bool { return m.textured(transpose(r)) }}
}

func transpose(r image.Rectangle) image.Rectangle {
	return image.Rect(r.Min.Y, r.Min.X, r.Max.Y, r.Max.X)
}

// largestFrame is the largest box whose top and bottom lie on lines and
// whose left and right sides lie anywhere, that frames.
func (m *edgeMap) largestFrame() (r image.Rectangle, ok bool) {
	rows, _ := lines(m.across, m.w)
	slices.Sort(rows)
	bestArea := 0
	var xs []int
	for i, y0 := range rows {
		for _, y1 := range rows[i+1:] {
			if float64(y1-y0) < frameMin*float64(m.h) || (y1-y0)*m.w <= bestArea {
				continue
			}
			// The columns a side from y0 to y1 may lie on.
			xs = xs[:0]
			for x := 0; x <= m.w; x++ {
				if side(m.line(m.down, x), x, m.w, y0, y1) {
					xs = append(xs, x)
				}
			}
			for j, x0 := range xs {
				for _, x1 := range slices.Backward(xs[j+1:]) {
					area := (x1 - x0) * (y1 - y0)
					if area <= bestArea {
						break // narrower from here on
					}
					if float64(x1-x0) < frameMin*float64(m.w) || float64(area) > frameMax*float64(m.w*m.h) {
						continue
					}
					if m.frames(x0, y0, x1, y1) && m.textured(image.Rect(x0, y0, x1, y1)) {
						r, bestArea = image.Rect(x0, y0, x1, y1), area
					}
				}
			}
		}
	}
	return r, bestArea > 0
}

// line is the prefix sums of line i of sums; the picture's far border
// (i = len(sums)) has no edges of its own.
func (m *edgeMap) line(sums [][]int32, i int) []int32 { return sums[min(i, len(sums)-1)] }

// frames says whether the box x0..x1 × y0..y1, whose left and right sides
// are known to hold, has its top and bottom too, and at least three sides
// inside the picture: a single line across it (under a title bar) cuts
// the picture in two but frames nothing.
func (m *edgeMap) frames(x0, y0, x1, y1 int) bool {
	inside := 0
	for _, p := range [][2]int{{x0, m.w}, {y0, m.h}, {x1, m.w}, {y1, m.h}} {
		if p[0] > 0 && p[0] < p[1] {
			inside++
		}
	}
	return inside >= 3 && side(m.line(m.across, y0), y0, m.h, x0, x1) && side(m.line(m.across, y1), y1, m.h, x0, x1)
}

// A plane is a picture's brightness, 0-255, row by row, and its colours:
// what textureBounds and frameBounds look at, computed once for both.
type plane struct {
	l      []int
	rgb    []uint8         // red, green, blue, row by row
	bounds image.Rectangle // the picture's
}

// lumaPlane computes a picture's plane.
func lumaPlane(img *image.NRGBA) plane {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	l := make([]int, w*h)
	rgb := make([]uint8, 0, 3*w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := img.NRGBAAt(b.Min.X+x, b.Min.Y+y)
			l[y*w+x] = luma(c) / 1000
			rgb = append(rgb, c.R, c.G, c.B)
		}
	}
	return plane{l: l, rgb: rgb, bounds: b}
}

// edge says whether pixels i and j differ enough to make an edge pixel:
// in brightness, or in red, green or blue by more. A screenshot's photo
// whose edge is as light as the window around it (pale green on light
// grey) still differs there in colour; the colour step is set higher
// because colour noise, which JPEG's coarse colour planes make blocky
// in small pictures scaled up, would otherwise make edges of its own.
func (p plane) edge(i, j int) bool {
	if abs(p.l[i]-p.l[j]) > frameEdge {
		return true
	}
	a, b := p.rgb[3*i:3*i+3], p.rgb[3*j:3*j+3]
	return max(abs(int(a[0])-int(b[0])), abs(int(a[1])-int(b[1])), abs(int(a[2])-int(b[2]))) > frameColourEdge
}

// spread is the standard deviation of the brightness plane l (w wide)
// within r, 0-255.
func spread(l []int, w int, r image.Rectangle) float64 {
	var n, sum, sq float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for _, v := range l[y*w+r.Min.X : y*w+r.Max.X] {
			n, sum, sq = n+1, sum+float64(v), sq+float64(v*v)
		}
	}
	if n == 0 {
		return 0
	}
	m := sum / n
	return math.Sqrt(max(0, sq/n-m*m))
}
