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
	// ModelMRZSecond) the lines whose check digits fail in the best
	// reading of a photo that is not valid, and the names line when every
	// check digit holds but the names are unsure; its readings join the
	// first model's, line by line (see combine). The two models err
	// differently: on the evaluation set the pair reads 100% of clean
	// scans exactly, the first alone 97.3% (docs/ocr-accuracy.md). A
	// tampered document, never valid, has its altered line read by both.
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
// come out valid. Candidate zones are read in turn until one reads valid or
// upright (see upright); when the best reading is not valid, the lines
// whose check digits fail are read again with the Second model, when there
// is one.
func (r *Reader) ReadImage(ctx context.Context, img image.Image) (*mrz.Document, error) {
	full := toGray(img)
	if full.w < 16 || full.h < 16 {
		return nil, fmt.Errorf("%w: image is only %d×%d pixels", ErrNoMRZ, full.w, full.h)
	}
	var best *zoneReading
	var lastErr error
search:
	for zones := range findZoneSets(full) {
		for i, z := range zones {
			if i == bandsTried {
				break
			}
			zr, err := r.readZone(ctx, z)
			if err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				lastErr = err
				continue
			}
			if best == nil || zr.doc.Score() > best.doc.Score() {
				best = zr
			}
			if best.doc.Valid || settled(best.doc) {
				break search
			}
		}
	}
	if best == nil {
		if lastErr != nil && !errors.Is(lastErr, mrz.ErrFormat) {
			return nil, lastErr
		}
		return nil, ErrNoMRZ
	}
	// The confidence check comes last, on the reading chosen: choosing by
	// check digits alone keeps the choice, and the work, independent of
	// how sure Tesseract was.
	checkConfidence(best.doc, best.lines, r.MinConfidence)
	if r.Second == nil {
		return best.doc, nil
	}
	if best.doc.Valid {
		if err := r.secondOpinion(ctx, best); err != nil && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return best.doc, nil
	}
	doc, err := r.readSecond(ctx, best)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil || doc == nil {
		// The second model is a second chance; failing, it leaves the
		// first model's reading.
		return best.doc, nil
	}
	return doc, nil
}

// readSecond reads again with the Second model the zone read best, only
// the way up it was read, and only the lines whose check digits fail: a
// tampered document, never valid, comes through here every time. When then
// every check digit holds but a line no check digit covers is unsure, both
// models read that line again (three readings at least, for a consensus).
// It returns the reading that comes out valid, or nil.
func (r *Reader) readSecond(ctx context.Context, best *zoneReading) (*mrz.Document, error) {
	if err := r.readAgain(ctx, r.Second, best, LineCharPx, best.failedLines()); err != nil {
		return nil, err
	}
	doc, used, err := r.combine(best.alts)
	if err != nil {
		return nil, nil
	}
	unsure := checkConfidence(doc, used, r.MinConfidence)
	if !doc.Valid && len(unsure) > 0 && doc.ChecksPassed() == len(doc.Checks) && best.zoneLines(doc) {
		if err := r.readAgain(ctx, r.Second, best, LineCharPx, unsure); err != nil {
			return nil, err
		}
		if err := r.readAgain(ctx, r.engine, best, AltCharPx, unsure); err != nil {
			return nil, err
		}
		if doc, used, err = r.combine(best.alts); err != nil {
			return nil, nil
		}
		checkConfidence(doc, used, r.MinConfidence)
	}
	if !doc.Valid {
		return nil, nil
	}
	return doc, nil
}

// secondOpinion checks a valid reading where no check digit can: the
// lines holding the names or a visa's optional data are read by the Second
// model too, and where its reading of such a stretch differs, by the first
// model at the other scale; a stretch that fewer readings back than
// dispute makes the reading unsure (doc.Unsure, not valid). The models err
// on different characters, and confidently: the first read a visa's "4HLT"
// as "40LT" on a clean scan, sure of every character. An engine error
// leaves the reading as it was, and is returned.
func (r *Reader) secondOpinion(ctx context.Context, best *zoneReading) error {
	doc := best.doc
	if !best.zoneLines(doc) || len(best.lines) != len(best.alts) {
		return nil
	}
	stretches := unvouched(doc)
	var lines []int
	for _, u := range stretches {
		lines = append(lines, u.line)
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	if err := r.readAgain(ctx, r.Second, best, LineCharPx, lines); err != nil {
		return err
	}
	// votes counts the readings of u's line that, put in place of the line
	// the reading came from, give u's stretch as doc has it, and those that
	// give it otherwise (a reading that does not parse has no say).
	votes := func(u stretch) (backing, disputing int) {
		want := doc.Lines[u.line][u.from:u.to]
		texts := make([]string, len(best.lines))
		confs := make([][]float64, len(best.lines))
		for i, l := range best.lines {
			texts[i], confs[i] = l.Text, l.Confidence
		}
		for _, alt := range best.alts[u.line] {
			texts[u.line], confs[u.line] = alt.Text, alt.Confidence
			d, err := mrz.RecoverConfident(texts, confs, r.now())
			if err != nil || d.Format != doc.Format {
				continue
			}
			if d.Lines[u.line][u.from:u.to] == want {
				backing++
			} else {
				disputing++
			}
		}
		return backing, disputing
	}
	var disputed []stretch
	for _, u := range stretches {
		if _, against := votes(u); against > 0 {
			disputed = append(disputed, u)
		}
	}
	if len(disputed) == 0 {
		return nil
	}
	lines = lines[:0]
	for _, u := range disputed {
		lines = append(lines, u.line)
	}
	if err := r.readAgain(ctx, r.engine, best, AltCharPx, slices.Compact(lines)); err != nil {
		return err
	}
	for _, u := range disputed {
		if pro, against := votes(u); pro <= against {
			doc.Valid = false
			doc.Unsure = append(doc.Unsure, fmt.Sprintf(
				"line %d, %s: %d of %d readings, by two models, read it otherwise; no check digit covers it",
				u.line+1, u.what, against, pro+against))
		}
	}
	return nil
}

// settled reports whether a reading that is not valid ends the search for
// the zone: it reads upright and no field is malformed. Other candidates
// are other print, or this zone cut differently, and rarely read better;
// but a malformed field is often a line cut short or a crop that took in
// print beside the zone, which another candidate's extent can mend.
func settled(doc *mrz.Document) bool {
	return upright(doc) && len(doc.Problems) == 0
}

// upright reports whether a reading holds together well enough to say
// that a machine-readable zone was read, and the right way up: most of its
// check digits hold, or half of them (two at least) and no field is
// malformed. Other print, or a zone turned over, passes a check digit by
// chance about one time in ten, and more often in runs of look-alikes (a
// turned-over card read as rows of 7s passed two of four), but then its
// dates and codes are malformed. A zone read upright that is not valid is
// misread or altered, and turning it over or reading other candidates
// will not mend it.
func upright(doc *mrz.Document) bool {
	p := doc.ChecksPassed()
	return 2*p > len(doc.Checks) || (p >= 2 && 2*p == len(doc.Checks) && len(doc.Problems) == 0)
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

// zoneReading is the best reading of one candidate zone, one way up, and
// every reading of its lines it was chosen from.
type zoneReading struct {
	zone  Zone
	flip  bool     // read turned by 180°
	alts  [][]Line // alts[i] holds every reading of crop line i
	doc   *mrz.Document
	lines []Line // the readings doc was recovered from, one per line

	cropsAt map[float64][]*gray // the crops cut so far, by character height
	read    map[lineRead]bool   // the readings in alts
}

// lineRead is one reading of one crop line: by which engine, at which
// character height.
type lineRead struct {
	engine *Engine
	px     float64
	line   int
}

// crops cuts the zone's lines with characters px high, once for each px:
// the second model reads the crops the first read.
func (zr *zoneReading) crops(px float64) []*gray {
	if c, ok := zr.cropsAt[px]; ok {
		return c
	}
	if zr.cropsAt == nil {
		zr.cropsAt = make(map[float64][]*gray)
	}
	c := zr.zone.band.crops(zr.zone.full, zr.zone.scale, zr.flip, px)
	zr.cropsAt[px] = c
	return c
}

// readZone reads one candidate zone, the likelier way up first. A reading
// that is not valid is read again from crops at a second scale (only the
// lines whose check digits fail, when it reads upright), and the readings
// of each line are combined (check digits and confidence decide); a zone
// that does not read upright is turned over and read again.
func (r *Reader) readZone(ctx context.Context, z Zone) (*zoneReading, error) {
	first, last := z.band.inkBalance()
	order := []bool{false, true}
	if last > first {
		order = []bool{true, false}
	}
	var best *zoneReading
	var lastErr error
	for _, flip := range order {
		zr := &zoneReading{zone: z, flip: flip}
		for _, px := range []float64{LineCharPx, AltCharPx} {
			if err := r.readAgain(ctx, r.engine, zr, px, zr.failedLines()); err != nil {
				return nil, err
			}
			doc, used, err := r.combine(zr.alts)
			if err != nil {
				lastErr = err
				continue
			}
			zr.doc, zr.lines = doc, used
			if doc.Valid {
				return zr, nil
			}
		}
		if zr.doc != nil && (best == nil || zr.doc.Score() > best.doc.Score()) {
			best = zr
		}
		if best != nil && upright(best.doc) {
			break
		}
	}
	if best == nil {
		return nil, lastErr
	}
	return best, nil
}

// failedLines lists the crop lines worth reading again after zr's reading:
// all of them (nil) when it has none yet, does not read upright, or came
// from a band with another number of lines than its format (then crop
// lines are not zone lines); else the lines holding a check digit that
// fails, or all of them when none fails and the reading is still not valid.
func (zr *zoneReading) failedLines() []int {
	if zr.doc == nil || !upright(zr.doc) || !zr.zoneLines(zr.doc) {
		return nil
	}
	return zr.doc.FailedLines()
}

// zoneLines reports whether zr's crop lines are doc's zone lines, one for
// one, so that a zone line's number names the crop to read again: when the
// band has as many lines as the format (Recover may read a zone from some
// of a band's lines).
func (zr *zoneReading) zoneLines(doc *mrz.Document) bool {
	return doc.Format.Lines() == len(zr.alts)
}

// readAgain reads zr's crop lines which (all of them when nil) with engine
// from crops with characters px high and adds the readings to zr.alts,
// skipping lines already read so.
func (r *Reader) readAgain(ctx context.Context, engine *Engine, zr *zoneReading, px float64, which []int) error {
	crops := zr.crops(px)
	if zr.alts == nil {
		zr.alts = make([][]Line, len(crops))
	}
	if which == nil {
		which = make([]int, len(crops))
		for i := range which {
			which[i] = i
		}
	}
	if zr.read == nil {
		zr.read = make(map[lineRead]bool)
	}
	for _, i := range which {
		// The same engine reads the same crop the same way every time.
		key := lineRead{engine, px, i}
		if zr.read[key] {
			continue
		}
		l, err := engine.ReadLine(ctx, crops[i])
		if err != nil {
			return err
		}
		zr.alts[i] = append(zr.alts[i], l)
		zr.read[key] = true
	}
	return nil
}

// combine recovers the zone from every combination of the readings of its
// lines (and of the readings derived from them, see withDerived) and
// returns the best: check digits rank the combinations, and among equals
// the one read with more confidence.
// It returns the lines the best reading came from, for the confidence check.
// When none is valid, it also tries mixing the two readings of a line
// character by character where they differ (see mergeReadings).
func (r *Reader) combine(alts [][]Line) (*mrz.Document, []Line, error) {
	alts = withDerived(alts)
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

// withDerived adds to each line the readings derived from its own: the
// consensus of a line read three times or more (see consensus), when that
// is not one of them already, and the cuts its readings vouch for (see
// vouchedCuts). It leaves alts itself as it was.
func withDerived(alts [][]Line) [][]Line {
	out, copied := alts, false
	for i, a := range alts {
		more := vouchedCuts(a)
		if c, ok := consensus(a); ok && !slices.ContainsFunc(a, func(l Line) bool { return l.Text == c.Text }) {
			more = append(more, c)
		}
		if len(more) == 0 {
			continue
		}
		if !copied {
			out, copied = slices.Clone(alts), true
		}
		out[i] = append(slices.Clip(a), more...)
	}
	return out
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
