package ocr

import (
	"fmt"
	"github.com/idcheck/idcheck/imagefile"
	"image"
	"math"
	"testing"

	"github.com/idcheck/idcheck/ocr/synth"
)

// zoneDirection is the unit vector along the top edge of a sample's zone,
// the way its text runs, and the zone's centre.
func zoneDirection(s *synth.Sample) (dx, dy, cx, cy float64) {
	q := s.ZoneQuad
	dx, dy = q[1][0]-q[0][0], q[1][1]-q[0][1]
	n := math.Hypot(dx, dy)
	for _, p := range q {
		cx, cy = cx+p[0]/4, cy+p[1]/4
	}
	return dx / n, dy / n, cx, cy
}

// zoneSlant is the lean of a sample's zone characters as slant measures it:
// the shift along the text per unit of height downwards, of the zone's left
// and right edges on average.
func zoneSlant(s *synth.Sample) float64 {
	q := s.ZoneQuad
	tx, ty := q[1][0]-q[0][0], q[1][1]-q[0][1]
	n := math.Hypot(tx, ty)
	tx, ty = tx/n, ty/n
	lean := func(top, bottom [2]float64) float64 {
		ex, ey := bottom[0]-top[0], bottom[1]-top[1]
		return -(ex*tx + ey*ty) / (ey*tx - ex*ty)
	}
	return (lean(q[0], q[3]) + lean(q[1], q[2])) / 2
}

// syntheticPhoto generates photo i of level from seed and decodes it.
func syntheticPhoto(t *testing.T, fonts *synth.Fonts, seed uint64, level synth.Level, i int) (*synth.Sample, image.Image) {
	t.Helper()
	s, err := fonts.Generate(synth.Rand(seed, level, i), level)
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := imagefile.Decode(s.Image)
	if err != nil {
		t.Fatal(err)
	}
	return s, img
}

// The zone must be among the candidates the reader tries, with the right
// number of lines and its direction within 2° of the zone's top edge, on
// every level's photos:
// tilts to ±12°, quarter and half turns, perspective, blur, low light.
func TestFindZonesOnSyntheticPhotos(t *testing.T) {
	fonts, err := synth.LoadFonts("")
	if err != nil {
		t.Fatal(err)
	}
	perLevel := 25
	if testing.Short() {
		perLevel = 6
	}
	for _, level := range []synth.Level{synth.Clean, synth.Mild, synth.Hard} {
		t.Run(string(level), func(t *testing.T) {
			found := 0
			var worstAngle float64
			for i := 0; i < perLevel; i++ {
				s, img := syntheticPhoto(t, fonts, 7, level, i)
				dx, dy, _, _ := zoneDirection(s)
				zones := FindZones(img)
				ok := false
				for k, z := range zones {
					if k == bandsTried {
						break
					}
					a := z.Angle() * math.Pi / 180
					off := math.Acos(math.Min(1, math.Abs(math.Cos(a)*dx+math.Sin(a)*dy))) * 180 / math.Pi
					if len(z.band.lines) == len(s.Lines) && off < 2 {
						ok = true
						worstAngle = math.Max(worstAngle, off)
						break
					}
				}
				if ok {
					found++
				} else {
					desc := ""
					for k, z := range zones {
						if k == 4 {
							break
						}
						desc += fmt.Sprintf(" [%d lines %.1f° h=%.1f n=%d]", len(z.band.lines), z.Angle(), z.band.lines[0].height, len(z.band.lines[0].comps))
					}
					t.Logf("%s %d: zone not found (format %s, tilt %.1f°, turn %d, char %.1fpx, %d candidates)%s",
						level, i, s.Format, s.RotationDeg, s.Turn, s.CharHeightPx, len(zones), desc)
				}
			}
			t.Logf("%s: zone found in %d of %d photos, worst direction error %.2f°", level, found, perLevel, worstAngle)
			// Every clean and mild photo; hard photos may lose a few to the
			// table's clutter, but not many.
			want := perLevel
			if level == synth.Hard {
				want = perLevel * 9 / 10
			}
			if found < want {
				t.Errorf("zone found in %d of %d photos, want at least %d", found, perLevel, want)
			}
		})
	}
}

// BenchmarkLocate measures what the reader does before OCR: decode, grey
// plane, zone search and line crops, over the fixture photos.
func BenchmarkLocate(b *testing.B) {
	docs := fixtureFiles(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		img, _, err := imagefile.Decode(docs[i%len(docs)])
		if err != nil {
			b.Fatal(err)
		}
		zones := FindZones(img)
		if len(zones) == 0 {
			b.Fatal("no zone")
		}
		zones[0].Lines(false)
	}
}

// The reader's crops must hold the zone's lines and little else: each line
// centred on its own characters (a band's frame turned to its own lines, not
// left in another candidate's frame) and ending about where the zone ends,
// even on a dark, patterned table whose blobs line up with the zone.
func TestCropsFitTheZone(t *testing.T) {
	fonts, err := synth.LoadFonts("")
	if err != nil {
		t.Fatal(err)
	}
	n := 25
	if testing.Short() {
		n = 8
	}
	wide, found, leaning := 0, 0, 0
	leanErr, slantErr := 0.0, 0.0 // summed |lean|, |lean − slant|
	for i := 0; i < n; i++ {
		s, img := syntheticPhoto(t, fonts, 11, synth.Hard, i)
		zones := FindZones(img)
		for k, z := range zones {
			slope := 0.0
			for _, l := range z.band.lines {
				slope += l.b
			}
			if slope /= float64(len(z.band.lines)); math.Abs(slope) > 0.005 {
				t.Errorf("photo %d, candidate %d: lines slope %.4f in the band's own frame, want 0", i, k, slope)
			}
		}
		dx, dy, _, _ := zoneDirection(s)
		for k, z := range zones {
			if k == bandsTried {
				break
			}
			a := z.Angle() * math.Pi / 180
			dot := math.Cos(a)*dx + math.Sin(a)*dy
			if len(z.band.lines) != len(s.Lines) || math.Abs(dot) < math.Cos(2*math.Pi/180) {
				continue
			}
			found++
			q := s.ZoneQuad
			chars := math.Hypot(q[1][0]-q[0][0], q[1][1]-q[0][1]) / s.CharHeightPx
			want := (chars + 2*cropMargin) * LineCharPx
			got := float64(z.LinesAt(dot < 0, LineCharPx)[0].Bounds().Dx())
			if got > 1.15*want {
				wide++
				t.Logf("photo %d: crop %.0f px wide, zone %.0f px with margins", i, got, want)
			}
			// Perspective leans the characters; the crops stand them up.
			k := slant(z.band.render(z.full, z.scale, LineCharPx, 0))
			truth := zoneSlant(s)
			leanErr, slantErr = leanErr+math.Abs(truth), slantErr+math.Abs(truth-k)
			if k != 0 {
				leaning++
				if k := slant(z.band.crops(z.full, z.scale, false, LineCharPx)); k != 0 {
					t.Errorf("photo %d: crops still lean %.3f", i, k)
				}
			}
			break
		}
	}
	t.Logf("zone found in %d of %d hard photos, %d of its crops too wide, %d zones leaning before straightening", found, n, wide, leaning)
	t.Logf("lean of the zones %.3f on average, measured within %.3f", leanErr/float64(found), slantErr/float64(found))
	if leaning == 0 {
		t.Error("no zone leaned: the photos test nothing of straightening")
	}
	if slantErr > leanErr/1.5 {
		t.Errorf("slant errs by %.3f on average, the lean is %.3f: it does not measure the lean", slantErr/float64(found), leanErr/float64(found))
	}
	if wide > found/10 {
		t.Errorf("%d of %d crops more than 15%% wider than the zone, want at most %d", wide, found, found/10)
	}
}

// A zone line that a line of other print continues across the card's edge
// is cut from it at the edge, though a run of fillers inside the zone line
// leaves a wider gap: the cut leaves the most evenly spaced pieces.
func TestSplitLongCutsAtTheZoneEdge(t *testing.T) {
	var comps []*component
	add := func(u float64) { comps = append(comps, &component{u: u, v: 100, size: 10}) }
	for _, u := range []float64{0, 9, 21, 27, 40, 46, 58, 70} { // proportional print
		add(u)
	}
	const zoneStart = 95.0
	for i := range 44 { // the zone line, at a pitch of 10
		if i >= 30 && i < 33 {
			continue // fillers run together: no characters found there
		}
		add(zoneStart + 10*float64(i))
	}
	pieces := splitLong(&textLine{comps: comps})
	var zone *textLine
	for _, p := range pieces {
		if len(p.comps) > 20 {
			zone = p
		}
	}
	if zone == nil {
		t.Fatalf("no piece holds the zone line: %d pieces", len(pieces))
	}
	if first := zone.comps[0].u; first != zoneStart || len(zone.comps) != 41 {
		t.Errorf("zone piece starts at u=%v with %d characters, want u=%v with 41", first, len(zone.comps), zoneStart)
	}
}

// Print beside a zone line, at a wider pitch, is not joined to it when the
// two would be longer than a zone line at the zone's pitch.
func TestMergeCollinearKeepsOtherPrintApart(t *testing.T) {
	line := func(from, pitch float64, n int) *textLine {
		l := &textLine{}
		for i := range n {
			l.comps = append(l.comps, &component{u: from + pitch*float64(i), v: 100, size: 12})
		}
		l.fit()
		return l
	}
	page := line(0, 18, 6)    // 6 characters at a pitch of 18, to u=90
	zone := line(160, 10, 44) // a zone line at a pitch of 10, u=160 to 590
	got := mergeCollinear([]*textLine{page, zone})
	if len(got) != 2 {
		t.Fatalf("%d lines, want the page's and the zone's apart", len(got))
	}
	near := line(600, 10, 4) // fillers' far side: joins the zone line
	if got := mergeCollinear([]*textLine{line(160, 10, 40), near}); len(got) != 1 {
		t.Errorf("%d lines, want a zone line and its last characters joined", len(got))
	}
}

// A mark beside a zone line's start (the card's edge, a smudge), chained
// into the line, does not keep the line out of its zone, and is dropped
// from it; a first character that stands apart where every line starts
// ("P" of "P<UTO") is kept.
func TestFindBandsTrimsAStrayLead(t *testing.T) {
	line := func(v float64, us ...float64) *textLine {
		l := &textLine{}
		for _, u := range us {
			l.comps = append(l.comps, &component{u: u, v: v, size: 12})
		}
		l.fit()
		return l
	}
	zoneLine := func(v float64, lead ...float64) *textLine {
		us := append([]float64(nil), lead...)
		for i := range 30 {
			us = append(us, 100+12.5*float64(i))
		}
		return line(v, us...)
	}
	lines := []*textLine{zoneLine(400), zoneLine(420), zoneLine(440, 66)} // a mark 2.7 pitches before line 3
	var three *band
	for _, f := range findBands(lines, 0) {
		if len(f.b.lines) == 3 {
			three = &f.b
		}
	}
	if three == nil {
		t.Fatal("no three-line band")
	}
	for i, l := range three.lines {
		if l.comps[0].u != 100 {
			t.Errorf("line %d starts at u=%v, want 100", i+1, l.comps[0].u)
		}
	}
	if len(lines[2].comps) != 31 {
		t.Errorf("the shared line lost its mark: %d characters", len(lines[2].comps))
	}
	// "P<UTO" with the filler not found: P stands apart, but the other
	// line starts where P does.
	continuous := make([]float64, 31)
	for i := range continuous {
		continuous[i] = 75 + 12.5*float64(i)
	}
	passport := []*textLine{zoneLine(400, 75), line(420, continuous...)}
	found := 0
	for _, f := range findBands(passport, 0) {
		found++
		if u := f.b.lines[0].comps[0].u; u != 75 {
			t.Errorf("the passport's first letter was dropped: line 1 starts at u=%v", u)
		}
	}
	if found == 0 {
		t.Error("no band for the passport")
	}
}

// A zone line chained onto print at another angle (a page under a tilted
// card, hard-0087 of the tuning set) is cut where it bends, and the pieces
// stay apart; a straight line, even a noisy one, is left whole.
func TestSplitBendCutsWherePrintTurns(t *testing.T) {
	chain := func(pieces ...[3]float64) *textLine { // {count, pitch, slope}
		l := &textLine{}
		u, v := 0.0, 100.0
		for _, p := range pieces {
			for range int(p[0]) {
				l.comps = append(l.comps, &component{u: u, v: v, size: 20})
				u, v = u+p[1], v+p[1]*p[2]
			}
		}
		l.fit()
		return l
	}
	bent := chain([3]float64{12, 19, 0.29}, [3]float64{30, 19, 0})
	got := splitBend(bent)
	// The 13th character stands at the corner, on both pieces' lines.
	if len(got) != 2 || len(got[0].comps) < 12 || len(got[0].comps) > 13 {
		t.Fatalf("bent chain cut into %d pieces (first %d characters), want 12 or 13 and the rest", len(got), len(got[0].comps))
	}
	if merged := mergeCollinear(got); len(merged) != 2 {
		t.Errorf("mergeCollinear joined the pieces again")
	}
	straight := chain([3]float64{42, 19, 0.01})
	for i, c := range straight.comps {
		c.v += float64(i%3) - 1 // a pixel of jitter
	}
	straight.fit()
	if got := splitBend(straight); len(got) != 1 {
		t.Errorf("straight chain cut into %d pieces", len(got))
	}
	// A names line with a mark before it, a quarter of a character off
	// its line: the components of hard-0159 of the evaluation set.
	marked := &textLine{}
	for _, p := range [][3]float64{{53, 495, 24}, {95, 500, 19}, {109, 502, 18}, {125, 501, 17}, {137, 504, 18},
		{152, 503, 18}, {170, 502, 19}, {185, 502, 19}, {200, 500, 18}, {214, 502, 19}, {230, 501, 19},
		{246, 501, 17}, {261, 501, 17}, {276, 502, 18}, {291, 502, 19}, {307, 502, 20}, {323, 500, 17},
		{337, 502, 20}, {354, 502, 19}, {370, 502, 18}, {386, 501, 18}, {402, 502, 17}, {418, 501, 17},
		{434, 501, 18}, {450, 501, 17}, {465, 502, 18}, {482, 502, 18}, {498, 502, 17}, {514, 502, 17},
		{530, 502, 17}, {547, 502, 17}} {
		marked.comps = append(marked.comps, &component{u: p[0], v: p[1], size: p[2]})
	}
	marked.fit()
	if got := splitBend(marked); len(got) != 1 {
		t.Errorf("chain with a stray mark cut into %d pieces", len(got))
	}
	// Its first six components, as the chain came out in two, are joined
	// to the rest again: too few to tell a bend from the mark.
	head := &textLine{comps: marked.comps[:6]}
	tail := &textLine{comps: marked.comps[6:]}
	head.fit()
	tail.fit()
	if got := mergeCollinear([]*textLine{head, tail}); len(got) != 1 {
		t.Errorf("names line and the mark before it left in %d pieces", len(got))
	}
	// A mark half a character off its line, with a noisy line.
	off := chain([3]float64{30, 16, 0})
	for i, c := range off.comps {
		c.v += float64(i%3) - 1
	}
	off.comps[0].v -= 10
	off.fit()
	if got := splitBend(off); len(got) != 1 {
		t.Errorf("chain with a mark half a character off cut into %d pieces", len(got))
	}
}
