package ocr

import (
	"context"
	"errors"
	"fmt"
	"github.com/idcheck/idcheck/imagefile"
	"image"
	"iter"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/idcheck/idcheck/ocr/mrz"
)

// ErrNoMRZ is returned when an image holds no machine-readable zone that
// can be read.
var ErrNoMRZ = errors.New("ocr: no machine-readable zone found")

// workSide is the longest side of the plane the zone is searched in; larger
// images are shrunk to it (the crops are cut from the full image).
const workSide = 1600

// bandsTried bounds how many zone candidates of one image are read.
const bandsTried = 4

// Reader reads machine-readable zones from document photos.
type Reader struct {
	engine *Engine
	now    func() time.Time

	// MinConfidence is the least confidence (0 to 100) Tesseract must have
	// in every character that no check digit vouches for (the line holding
	// the names, a visa's optional data) for a reading to count as valid;
	// below it the reading is reported invalid, with an entry in Unsure
	// saying where (see checkConfidence).
	MinConfidence float64

	// Second, when set, reads again with a second zone model (see
	// ModelMRZSecond) the best zone of a photo whose reading is not valid;
	// its reading is taken only when it is valid. The two models err
	// differently: on the evaluation set the pair reads 100% of clean scans
	// and 91.7% of hard photos exactly, the first alone 97.3% and 89.0%,
	// with no more readings valid with a wrong field (docs/ocr-accuracy.md).
	// A tampered document, never valid, is read by both, which about
	// doubles its time.
	Second *Engine
}

// DefaultMinConfidence is chosen on a tuning set of synthetic photos
// (idcheck synth -seed 2) apart from the evaluation set: Tesseract is sure
// of most of its misreadings, so only a high threshold catches any (at 95,
// a quarter of the misread names on clean scans and half on hard photos,
// for a few valid readings lost); see docs/ocr-accuracy.md.
const DefaultMinConfidence = 95.0

// NewReader returns a Reader that reads lines with engine. now gives the
// date for century inference and expiry (time.Now when nil).
func NewReader(engine *Engine, now func() time.Time) *Reader {
	if now == nil {
		now = time.Now
	}
	return &Reader{engine: engine, now: now, MinConfidence: DefaultMinConfidence}
}

// Read decodes an encoded image and reads its zone.
func (r *Reader) Read(ctx context.Context, data []byte) (*mrz.Document, error) {
	img, _, err := imagefile.Decode(data)
	if err != nil {
		return nil, err
	}
	return r.ReadImage(ctx, img)
}

// ReadImage finds the zone in img at any angle, reads each of its lines and
// returns the reading whose check digits hold best. It tries the likelier
// way up first and turns the zone over only when the first reading does not
// come out valid; when no reading is valid, the zone read best is read
// again with the Second model, when there is one.
func (r *Reader) ReadImage(ctx context.Context, img image.Image) (*mrz.Document, error) {
	full := toGray(img)
	if full.w < 16 || full.h < 16 {
		return nil, fmt.Errorf("%w: image is only %d×%d pixels", ErrNoMRZ, full.w, full.h)
	}
	var best *mrz.Document
	var bestLines []Line
	var bestZone Zone
	var lastErr error
	// The confidence check comes last, on the reading chosen: choosing by
	// check digits alone keeps the choice, and the work, independent of
	// how sure Tesseract was.
	done := func() (*mrz.Document, error) {
		checkConfidence(best, bestLines, r.MinConfidence)
		return best, nil
	}
	for zones := range findZoneSets(full) {
		for i, z := range zones {
			if i == bandsTried {
				break
			}
			doc, lines, err := r.readZone(ctx, z)
			if err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				lastErr = err
				continue
			}
			if best == nil || doc.Score() > best.Score() {
				best, bestLines, bestZone = doc, lines, z
			}
			if best.Valid {
				return done()
			}
		}
	}
	if best != nil {
		doc, err := done()
		if r.Second == nil {
			return doc, err
		}
		// Only the zone the first model read best: the zone search does
		// not depend on the model, and a tampered document, never valid,
		// would otherwise have every candidate read twice over.
		second := *r
		second.engine, second.Second = r.Second, nil
		doc2, lines2, err := second.readZone(ctx, bestZone)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err == nil {
			checkConfidence(doc2, lines2, r.MinConfidence)
			if doc2.Valid {
				return doc2, nil
			}
		}
		return doc, nil
	}
	if lastErr != nil && !errors.Is(lastErr, mrz.ErrFormat) {
		return nil, lastErr
	}
	return nil, ErrNoMRZ
}

// checkConfidence marks doc invalid where OCR's word is all there is for a
// character: no check digit vouches for the names, nor for a visa's
// optional data. A character there read with less than min confidence, or
// read as a digit in the names and repaired into a letter (which letter is
// a guess: "HARUTO" was read "HARU1O" and repaired into "HARUIO"), goes to
// doc.Unsure. Where the OCR line has the zone line's length, characters are
// checked one by one; where Recover changed its length, the least confident
// character of the stretch counts. (Letters and digits of alphanumeric
// fields have look-alikes with equal check values too, 'S' and '8' say;
// holding them to the same threshold made three readings in four invalid
// with the 2026-11-24 model, and is left for a model calibrated for it.)
func checkConfidence(doc *mrz.Document, lines []Line, min float64) {
	type stretch struct {
		line, from, to int // zone line, columns [from, to), 0-based
		what           string
	}
	var unvouched []stretch
	switch doc.Format {
	case mrz.TD1:
		unvouched = append(unvouched, stretch{2, 0, 30, "in the names"})
	case mrz.MRVA, mrz.MRVB:
		unvouched = append(unvouched, stretch{0, 0, -1, "in the names"}, stretch{1, 28, -1, "in the optional data"})
	default:
		unvouched = append(unvouched, stretch{0, 0, -1, "in the names"})
	}
	for _, u := range unvouched {
		if u.line >= len(doc.Lines) {
			continue
		}
		want := doc.Lines[u.line]
		if u.to < 0 || u.to > len(want) {
			u.to = len(want)
		}
		// The OCR line this zone line came from: the nearest by edit
		// distance, since Recover may have used a subset of the lines and
		// inserted or removed characters (counting equal characters at
		// equal places once took a name line's fillers for another line's).
		best, bestDist := -1, 0
		for i, l := range lines {
			if d := editDistance(l.Text, want); best < 0 || d < bestDist {
				best, bestDist = i, d
			}
		}
		if best < 0 {
			continue
		}
		l := lines[best]
		low, col := 101.0, 0
		switch {
		case len(l.Text) == len(want) && len(l.Confidence) == len(l.Text):
			for k := u.from; k < u.to; k++ {
				if c := l.Confidence[k]; c < low {
					low, col = c, k+1
				}
			}
		case u.from == 0:
			low = l.MinConfidence()
		default:
			// A stretch that ends the line: its share of the OCR line's end.
			for k := max(0, len(l.Confidence)-(u.to-u.from)); k < len(l.Confidence); k++ {
				low = math.Min(low, l.Confidence[k])
			}
		}
		if low < min {
			doc.Valid = false
			where := fmt.Sprintf("line %d", u.line+1)
			if col > 0 {
				where += fmt.Sprintf(" column %d", col)
			}
			doc.Unsure = append(doc.Unsure, fmt.Sprintf(
				"%s, %s, was read with %.0f%% confidence (below %.0f%%); no check digit covers it", where, u.what, low, min))
		}
	}
	for _, c := range doc.Corrections {
		if c.Field == "name" && len(c.From) == 1 && c.From[0] >= '0' && c.From[0] <= '9' {
			doc.Valid = false
			doc.Unsure = append(doc.Unsure, fmt.Sprintf(
				"line %d column %d, in the names, was read as the digit %q and repaired into %q; no check digit says which letter it is",
				c.Line, c.Column, c.From, c.To))
		}
	}
}

// Zone is a candidate machine-readable zone found in a photo: two or three
// long, parallel, evenly spaced, left-aligned text lines.
type Zone struct {
	band  band
	full  *gray
	scale float64 // work plane to full image
}

// Angle is the direction the zone's text runs in, in degrees clockwise from
// the image's x axis, in [-90, 90); the text may still be upside down.
func (z Zone) Angle() float64 { return z.band.angle * 180 / math.Pi }

// Centre is the middle of the zone's characters, in image pixels.
func (z Zone) Centre() (x, y float64) {
	x, y = z.band.centre()
	return (x + 0.5) * z.scale, (y + 0.5) * z.scale
}

// Lines cuts out the zone's lines, each straightened along its own baseline
// and scaled to characters LineCharPx pixels high, first line first. With
// upsideDown the zone is read turned by 180°.
func (z Zone) Lines(upsideDown bool) []*image.Gray {
	return z.LinesAt(upsideDown, LineCharPx)
}

// LinesAt is Lines with characters charPx pixels high.
func (z Zone) LinesAt(upsideDown bool, charPx float64) []*image.Gray {
	crops := z.band.crops(z.full, z.scale, upsideDown, charPx)
	out := make([]*image.Gray, len(crops))
	for i, c := range crops {
		out[i] = toImage(c)
	}
	return out
}

// FindZones finds zone candidates in img, likeliest first.
func FindZones(img image.Image) []Zone {
	for zones := range findZoneSets(toGray(img)) {
		if len(zones) > 0 {
			return zones
		}
	}
	return nil
}

// findZoneSets yields the searches to make, in order: the image shrunk to
// the work size and, when that shrinking was large, shrunk half as much, for
// zones whose characters were too small to survive it. Each search runs only
// when the caller asks for it.
func findZoneSets(full *gray) iter.Seq[[]Zone] {
	return func(yield func([]Zone) bool) {
		f := int(math.Ceil(float64(max(full.w, full.h)) / workSide))
		factors := []int{f}
		if f >= 2 {
			factors = append(factors, f/2)
		}
		for _, f := range factors {
			bands := locate(full.shrink(f))
			zones := make([]Zone, len(bands))
			for i, b := range bands {
				zones[i] = Zone{band: b, full: full, scale: float64(f)}
			}
			if !yield(zones) {
				return
			}
		}
	}
}

// locate finds zone candidates in a work plane, best first.
func locate(work *gray) []band {
	window := max(15, min(81, max(work.w, work.h)/40)) | 1
	lc := &locator{w: work.w, h: work.h, dark: work.sauvola(window, 0.2)}
	lc.comps = components(lc.dark, lc.w, lc.h)
	cands := lc.charCandidates()
	var found []scoredBand
	for _, angle := range textAngles(cands) {
		found = append(found, findBands(chainLines(cands, angle), angle)...)
	}
	for i := range found {
		found[i].b.refine()
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].score > found[j].score })
	found = dedupe(found)
	bands := make([]band, len(found))
	for i, f := range found {
		bands[i] = f.b
		bands[i].extend(lc)
	}
	return bands
}

// readZone reads one candidate zone, the likelier way up first. A reading
// that is not valid is read again from crops at a second scale, and the two
// readings of each line are combined (check digits and confidence decide);
// a zone none of whose check digits hold is turned over and read again.
func (r *Reader) readZone(ctx context.Context, z Zone) (*mrz.Document, []Line, error) {
	first, last := z.band.inkBalance()
	order := []bool{false, true}
	if last > first {
		order = []bool{true, false}
	}
	var best *mrz.Document
	var bestLines []Line
	var lastErr error
	for _, flip := range order {
		var alts [][]Line // alts[i] holds the readings of line i
		for _, px := range []float64{LineCharPx, AltCharPx} {
			lines, err := r.readLines(ctx, z.band.crops(z.full, z.scale, flip, px))
			if err != nil {
				return nil, nil, err
			}
			for i, l := range lines {
				if i == len(alts) {
					alts = append(alts, nil)
				}
				alts[i] = append(alts[i], l)
			}
			doc, used, err := r.combine(alts)
			if err != nil {
				lastErr = err
				continue
			}
			if best == nil || doc.Score() > best.Score() {
				best, bestLines = doc, used
			}
			if best.Valid {
				return best, bestLines, nil
			}
		}
		if best != nil && 2*best.ChecksPassed() > len(best.Checks) {
			// Most check digits hold: the right way up, only misread, and
			// turning it over will not help. (Upside-down text passes a
			// check digit by chance one time in ten, a majority rarely.)
			break
		}
	}
	if best == nil {
		return nil, nil, lastErr
	}
	return best, bestLines, nil
}

// readLines reads each crop.
func (r *Reader) readLines(ctx context.Context, crops []*gray) ([]Line, error) {
	out := make([]Line, len(crops))
	for i, c := range crops {
		l, err := r.engine.ReadLine(ctx, c)
		if err != nil {
			return nil, err
		}
		out[i] = l
	}
	return out, nil
}

// combine recovers the zone from every combination of the readings of its
// lines and returns the best: check digits
// rank the combinations, and among equals the one read with more confidence.
// It returns the lines the best reading came from, for the confidence check.
// When none is valid, it also tries mixing the two readings of a line
// character by character where they differ (see mergeReadings).
func (r *Reader) combine(alts [][]Line) (*mrz.Document, []Line, error) {
	var best *mrz.Document
	var bestLines []Line
	bestConf := -1.0
	var lastErr error
	consider := func(lines []Line) {
		texts := make([]string, len(lines))
		confs := make([][]float64, len(lines))
		conf := 0.0
		for i, l := range lines {
			texts[i], confs[i] = l.Text, l.Confidence
			conf += l.MinConfidence()
		}
		doc, err := mrz.RecoverConfident(texts, confs, r.now())
		if err != nil {
			lastErr = err
			return
		}
		if best == nil || doc.Score() > best.Score() || (doc.Score() == best.Score() && conf > bestConf) {
			best, bestLines, bestConf = doc, lines, conf
		}
	}
	idx := make([]int, len(alts))
	for {
		lines := make([]Line, len(alts))
		for i, k := range idx {
			lines[i] = alts[i][k]
		}
		consider(lines)
		i := 0
		for ; i < len(idx); i++ {
			if idx[i]++; idx[i] < len(alts[i]) {
				break
			}
			idx[i] = 0
		}
		if i == len(idx) {
			break
		}
	}
	if best == nil {
		return nil, nil, lastErr
	}
	// Mixes, one line at a time, the others kept as the best so far.
	for i := range alts {
		if best.Valid || len(alts[i]) < 2 {
			break
		}
		for _, m := range mergeReadings(alts[i][0], alts[i][1]) {
			lines := slices.Clone(bestLines)
			lines[i] = m
			consider(lines)
		}
	}
	return best, bestLines, nil
}

// maxMerge bounds the places two readings of a line may differ in to be
// mixed: 2^4 mixes at most.
const maxMerge = 4

// mergeReadings returns every mix of two readings of one line that have the
// same length and differ in one to maxMerge places: OCR read each of those
// characters both ways, so either may be right, and check digits can
// settle which. Only places where the readings disagree change, so a digit
// a forger changed, which OCR reads the same way every time, stays.
func mergeReadings(a, b Line) []Line {
	if len(a.Text) != len(b.Text) || len(a.Confidence) != len(a.Text) || len(b.Confidence) != len(b.Text) {
		return nil
	}
	var diff []int
	for i := 0; i < len(a.Text); i++ {
		if a.Text[i] != b.Text[i] {
			diff = append(diff, i)
		}
	}
	if len(diff) < 2 || len(diff) > maxMerge {
		return nil // one difference: the two readings are already both tried
	}
	var out []Line
	for mask := 1; mask < 1<<len(diff)-1; mask++ {
		t := []byte(a.Text)
		c := slices.Clone(a.Confidence)
		for k, i := range diff {
			if mask>>k&1 == 1 {
				t[i], c[i] = b.Text[i], b.Confidence[i]
			}
		}
		out = append(out, Line{Text: string(t), Confidence: c})
	}
	return out
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
