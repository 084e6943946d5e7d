// Package evaluate measures how well photo hashes survive the edits people
// make to hide a reused photo, and how often different photos collide: for
// every hash algorithm it sets the threshold whose false-match rate between
// different pictures is at most 0.1%, then reports, per edit, the share of
// edited copies still within it (recall).
//
// The pictures are tiles cut from the wallpapers Debian ships (several
// tiles of one wallpaper, and the light and dark versions of one, are
// different pictures that look alike) and generated head-and-shoulders
// portraits on plain backgrounds (same framing, same colours).
package evaluate

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"io"
	"math"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/disintegration/imaging"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/idcheck/idcheck/imagefile"
	"github.com/idcheck/idcheck/matchers/photo"
	"github.com/idcheck/idcheck/store"
)

// MaxFalseMatch is the false-match rate the thresholds are set at.
const MaxFalseMatch = 0.001

// Edit is one way of altering a photo.
type Edit struct {
	Name   string
	Target float64 // recall the issue asks for
	Apply  func(img *image.NRGBA, rng *rand.Rand) image.Image
}

// Sources loads pictures: up to perFile tiles of side px from each image
// file under dirs, then generated portraits up to total.
func Sources(dirs []string, perFile, px, total int, rng *rand.Rand) ([]*image.NRGBA, error) {
	var files []string
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				switch strings.ToLower(filepath.Ext(p)) {
				case ".jpg", ".jpeg", ".png", ".webp":
					files = append(files, p)
				}
			}
			return nil
		})
	}
	sort.Strings(files)
	// One file per picture: wallpapers come in several sizes, and light and
	// dark versions, of one design, which would be pairs of "different"
	// pictures at distance 0.
	seen := map[string]bool{}
	var out []*image.NRGBA
	for _, f := range files {
		key := pictureKey(f)
		if seen[key] {
			continue
		}
		seen[key] = true
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		img, _, err := imagefile.Decode(data)
		if err != nil {
			continue // a wallpaper too big or in another format: skip it
		}
		// Tiles: the picture scaled so its short side holds two tiles,
		// then cut at spread-out corners.
		b := img.Bounds()
		scale := float64(2*px) / math.Min(float64(b.Dx()), float64(b.Dy()))
		big := imaging.Resize(img, int(float64(b.Dx())*scale), int(float64(b.Dy())*scale), imaging.Box)
		bb := big.Bounds()
		corners := []image.Point{{0, 0}, {bb.Dx() - px, 0}, {0, bb.Dy() - px}, {bb.Dx() - px, bb.Dy() - px}, {(bb.Dx() - px) / 2, (bb.Dy() - px) / 2}}
		for _, c := range corners[:min(perFile, len(corners))] {
			tile := imaging.Crop(big, image.Rectangle{c, c.Add(image.Pt(px, px))})
			if spread(tile) < 20 {
				continue // a flat patch of colour: no picture to recognise
			}
			out = append(out, tile)
		}
		if len(out) >= total {
			return out[:total], nil
		}
	}
	for len(out) < total {
		out = append(out, Portrait(rng, px))
	}
	return out, nil
}

// Cutouts loads up to total pictures of people cut out of their
// backgrounds (PNG files with transparency under dir, in name order; Debian's
// wesnoth-1.16-data ships 238 painted head-and-shoulders portraits in
// /usr/share/games/wesnoth/1.16/data/core/images/portraits) and puts each on
// a plain background of a colour of its own, as profile photos are taken
// against a wall, filled to px × px. Unlike Portrait's figures, drawn from one
// template, every one is a different person, with the detail of a real
// picture: look-alikes by framing and background, not by construction.
func Cutouts(dir string, px, total int, rng *rand.Rand) ([]*image.NRGBA, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && strings.EqualFold(filepath.Ext(p), ".png") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cut-out portraits: %w", err)
	}
	sort.Strings(files)
	var out []*image.NRGBA
	for _, f := range files {
		if len(out) == total {
			break
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("cut-out portraits: %w", err)
		}
		img, _, err := imagefile.Decode(data)
		if err != nil || !cutOut(img) {
			continue // not a picture on a transparent background
		}
		b := img.Bounds()
		wall := imaging.New(b.Dx(), b.Dy(), color.NRGBA{uint8(60 + rng.IntN(190)), uint8(60 + rng.IntN(190)), uint8(60 + rng.IntN(190)), 255})
		out = append(out, imaging.Fill(imaging.Overlay(wall, img, image.Point{}, 1), px, px, imaging.Center, imaging.Lanczos))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("cut-out portraits: no PNG with a transparent background under %s", dir)
	}
	return out, nil
}

// cutOut says whether some corner of a picture is transparent: a figure
// cut out of its background.
func cutOut(img image.Image) bool {
	b := img.Bounds()
	for _, p := range []image.Point{b.Min, {b.Max.X - 1, b.Min.Y}, {b.Min.X, b.Max.Y - 1}, b.Max.Sub(image.Pt(1, 1))} {
		if _, _, _, a := img.At(p.X, p.Y).RGBA(); a == 0 {
			return true
		}
	}
	return false
}

// spread is the standard deviation of a picture's brightness, 0-255.
func spread(img *image.NRGBA) float64 {
	var n, sum, sq float64
	for i := 0; i+3 < len(img.Pix); i += 4 * 7 { // every seventh pixel is plenty
		v := 0.299*float64(img.Pix[i]) + 0.587*float64(img.Pix[i+1]) + 0.114*float64(img.Pix[i+2])
		n, sum, sq = n+1, sum+v, sq+v*v
	}
	m := sum / n
	return math.Sqrt(max(0, sq/n-m*m))
}

// pictureKey names the design a wallpaper file shows:
// .../wallpapers/NAME/contents/... is NAME, and .../gnome/NAME-l.webp and
// NAME-d.webp are NAME.
func pictureKey(path string) string {
	if i := strings.Index(path, "/contents/"); i >= 0 {
		return path[:i]
	}
	base := strings.TrimSuffix(path, filepath.Ext(path))
	for _, suffix := range []string{"-l", "-d", "-day", "-night"} {
		base = strings.TrimSuffix(base, suffix)
	}
	return base
}

// Portrait draws a head-and-shoulders figure, as in profile photos: every
// one framed alike, but as different as different people's photos are in
// what a perceptual hash sees — background (plain, a gradient or a blurred
// room), where the head sits and how big it is, hair, clothes, light from
// one side, focus.
func Portrait(rng *rand.Rand, px int) *image.NRGBA {
	rc := func(lo, hi int) color.NRGBA {
		return color.NRGBA{uint8(lo + rng.IntN(hi-lo)), uint8(lo + rng.IntN(hi-lo)), uint8(lo + rng.IntN(hi-lo)), 255}
	}
	bg := rc(60, 250)
	img := imaging.New(px, px, bg)
	switch rng.IntN(3) {
	case 0: // a gradient
		to := rc(30, 250)
		vertical := rng.IntN(2) == 0
		for y := 0; y < px; y++ {
			for x := 0; x < px; x++ {
				t := float64(x) / float64(px)
				if vertical {
					t = float64(y) / float64(px)
				}
				img.SetNRGBA(x, y, mix(bg, to, t))
			}
		}
	case 1: // a blurred room: blobs of colour out of focus
		for k := 3 + rng.IntN(5); k > 0; k-- {
			c := rc(20, 255)
			x0, y0, r := rng.IntN(px), rng.IntN(px), px/8+rng.IntN(px/3)
			for y := max(0, y0-r); y < min(px, y0+r); y++ {
				for x := max(0, x0-r); x < min(px, x0+r); x++ {
					if (x-x0)*(x-x0)+(y-y0)*(y-y0) < r*r {
						img.SetNRGBA(x, y, c)
					}
				}
			}
		}
		img = imaging.Blur(img, float64(px)/40)
	}
	skin := color.NRGBA{uint8(110 + rng.IntN(130)), uint8(70 + rng.IntN(110)), uint8(40 + rng.IntN(100)), 255}
	cloth, hair := rc(0, 230), rc(0, 120)
	cx := float64(px) * (0.35 + 0.3*rng.Float64())
	cy := float64(px) * (0.28 + 0.2*rng.Float64())
	rx := float64(px) * (0.11 + 0.11*rng.Float64())
	ry := rx * (1.15 + 0.35*rng.Float64())
	hairTop := -0.3 - 0.5*rng.Float64() // how far down the head the hair reaches, as dy
	longHair := rng.IntN(3) == 0
	shoulders := float64(px) * (0.25 + 0.25*rng.Float64())
	for y := 0; y < px; y++ {
		for x := 0; x < px; x++ {
			dx, dy := (float64(x)-cx)/rx, (float64(y)-cy)/ry
			in := dx*dx+dy*dy <= 1
			hx, hy := (float64(x)-cx)/(rx*1.15), (float64(y)-cy+ry*0.1)/(ry*1.1)
			switch {
			case in && dy < hairTop:
				img.SetNRGBA(x, y, hair)
			case in:
				img.SetNRGBA(x, y, skin)
			case longHair && hx*hx+hy*hy <= 1.3 && float64(y) < cy+ry*1.6:
				img.SetNRGBA(x, y, hair)
			case float64(y) > cy+ry*0.95 && math.Abs(float64(x)-cx) < shoulders*math.Min(1, (float64(y)-cy-ry*0.95)/(float64(px)*0.1)+0.35):
				img.SetNRGBA(x, y, cloth)
			}
		}
	}
	for _, e := range [][2]float64{{-0.35, -0.1}, {0.35, -0.1}} {
		draw.Draw(img, image.Rect(int(cx+e[0]*rx)-px/80, int(cy+e[1]*ry)-px/120, int(cx+e[0]*rx)+px/80, int(cy+e[1]*ry)+px/120),
			image.NewUniform(color.NRGBA{30, 30, 30, 255}), image.Point{}, draw.Src)
	}
	draw.Draw(img, image.Rect(int(cx-rx*0.3), int(cy+ry*0.45), int(cx+rx*0.3), int(cy+ry*0.5)),
		image.NewUniform(color.NRGBA{120, 40, 40, 255}), image.Point{}, draw.Src)
	// Light from one side, focus, and a camera's noise.
	angle, strength := rng.Float64()*2*math.Pi, 0.4*rng.Float64()
	for y := 0; y < px; y++ {
		for x := 0; x < px; x++ {
			f := 1 + strength*((float64(x)/float64(px)-0.5)*math.Cos(angle)+(float64(y)/float64(px)-0.5)*math.Sin(angle))
			i := img.PixOffset(x, y)
			for k := 0; k < 3; k++ {
				img.Pix[i+k] = uint8(max(0, min(255, int(float64(img.Pix[i+k])*f)+rng.IntN(11)-5)))
			}
		}
	}
	if sigma := 1.5 * rng.Float64(); sigma > 0.3 {
		img = imaging.Blur(img, sigma)
	}
	return img
}

// Textured is Portrait with a texture of its own over it, coarse and
// fine (cloth, hair, a busy room): a picture with detail, as photographs
// have and the plain generated portraits lack, so that corners and their
// words (package keypoint) can be measured in a store of any size. Like
// the portraits, textured pictures are framed alike; unlike them, their
// corners differ.
func Textured(rng *rand.Rand, px int) *image.NRGBA {
	img := Portrait(rng, px)
	for _, cells := range []int{max(2, px/12), max(2, px/5)} {
		noise := image.NewGray(image.Rect(0, 0, cells, cells))
		for i := range noise.Pix {
			noise.Pix[i] = uint8(rng.IntN(256))
		}
		texture := imaging.Resize(noise, px, px, imaging.CatmullRom)
		for i := 0; i < len(img.Pix); i += 4 {
			d := (int(texture.Pix[i]) - 128) / 4
			for k := 0; k < 3; k++ {
				img.Pix[i+k] = uint8(min(max(int(img.Pix[i+k])+d, 0), 255))
			}
		}
	}
	return img
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t) }
	return color.NRGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 255}
}

func reencode(img image.Image, q int) image.Image {
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: q})
	out, _ := jpeg.Decode(&b)
	return out
}

// Edits returns the edits of issue 4 with its recall targets. face may be
// nil (no text overlay then).
func Edits(face font.Face) []Edit {
	crop := func(frac float64) func(img *image.NRGBA, rng *rand.Rand) image.Image {
		return func(img *image.NRGBA, rng *rand.Rand) image.Image {
			b := img.Bounds()
			// Cut frac of the area's sides, unevenly.
			cw, ch := int(float64(b.Dx())*frac), int(float64(b.Dy())*frac)
			left, top := rng.IntN(cw+1), rng.IntN(ch+1)
			return imaging.Crop(img, image.Rect(left, top, b.Dx()-(cw-left), b.Dy()-(ch-top)))
		}
	}
	edits := []Edit{
		{"JPEG quality 20", 0.99, func(img *image.NRGBA, _ *rand.Rand) image.Image { return reencode(img, 20) }},
		{"resized to 30%", 0.99, func(img *image.NRGBA, _ *rand.Rand) image.Image {
			return imaging.Resize(img, img.Bounds().Dx()*3/10, 0, imaging.Linear)
		}},
		{"brightness +30%", 0.99, func(img *image.NRGBA, _ *rand.Rand) image.Image { return imaging.AdjustBrightness(img, 30) }},
		{"contrast +40%", 0.99, func(img *image.NRGBA, _ *rand.Rand) image.Image { return imaging.AdjustContrast(img, 40) }},
		{"saturation -60%", 0.99, func(img *image.NRGBA, _ *rand.Rand) image.Image { return imaging.AdjustSaturation(img, -60) }},
		{"greyscale", 0.99, func(img *image.NRGBA, _ *rand.Rand) image.Image { return imaging.Grayscale(img) }},
		{"white border 15%", 0.99, func(img *image.NRGBA, _ *rand.Rand) image.Image {
			b := img.Bounds()
			out := imaging.New(b.Dx()*13/10, b.Dy()*13/10, color.NRGBA{255, 255, 255, 255})
			return imaging.Paste(out, img, image.Pt(b.Dx()*15/100, b.Dy()*15/100))
		}},
		{"black padding to 16:9", 0.99, func(img *image.NRGBA, _ *rand.Rand) image.Image {
			b := img.Bounds()
			out := imaging.New(b.Dy()*16/9, b.Dy(), color.NRGBA{0, 0, 0, 255})
			return imaging.Paste(out, img, image.Pt((b.Dy()*16/9-b.Dx())/2, 0))
		}},
		{"mirrored", 0.99, func(img *image.NRGBA, _ *rand.Rand) image.Image { return imaging.FlipH(img) }},
		{"cropped 10%", 0.95, crop(0.10)},
		{"cropped 20%", 0.95, crop(0.20)},
		{"rotated 5°", 0.95, func(img *image.NRGBA, _ *rand.Rand) image.Image { return imaging.Rotate(img, 5, color.White) }},
		{"rotated 10°", 0.95, func(img *image.NRGBA, _ *rand.Rand) image.Image { return imaging.Rotate(img, 10, color.White) }},
		{"screenshot with margins", 0.95, func(img *image.NRGBA, rng *rand.Rand) image.Image {
			// The photo at 80% in a larger window: a title bar, grey margins,
			// a line of interface below.
			b := img.Bounds()
			small := imaging.Resize(img, b.Dx()*8/10, 0, imaging.Linear)
			w, h := b.Dx()*14/10, b.Dy()*13/10
			out := imaging.New(w, h, color.NRGBA{236, 236, 236, 255})
			draw.Draw(out, image.Rect(0, 0, w, h/14), image.NewUniform(color.NRGBA{48, 48, 60, 255}), image.Point{}, draw.Src)
			draw.Draw(out, image.Rect(w/10, h-h/12, w*6/10, h-h/24), image.NewUniform(color.NRGBA{90, 90, 90, 255}), image.Point{}, draw.Src)
			return imaging.Paste(out, small, image.Pt((w-small.Bounds().Dx())/2, h/10))
		}},
	}
	if face != nil {
		edits = append(edits, Edit{"text and watermark", 0.95, func(img *image.NRGBA, rng *rand.Rand) image.Image {
			out := imaging.Clone(img)
			b := out.Bounds()
			d := font.Drawer{Dst: out, Src: image.NewUniform(color.NRGBA{255, 255, 255, 220}), Face: face}
			d.Dot = fixed.P(b.Dx()/20, b.Dy()-b.Dy()/12)
			d.DrawString(fmt.Sprintf("@user%04d", rng.IntN(10000)))
			d.Src = image.NewUniform(color.NRGBA{0, 0, 0, 90})
			d.Dot = fixed.P(b.Dx()/5, b.Dy()/2)
			d.DrawString("SAMPLE")
			return out
		}})
	}
	return edits
}

// LoadFace opens a font for the text overlay (OCR-B, from fonts-ocr-b).
func LoadFace(path string, size float64) (font.Face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72})
}

// Result holds what Run measured.
type Result struct {
	Algos      []string
	Pictures   int
	Pairs      int                           // pairs of different pictures
	Threshold  map[string]int                // per algorithm, at MaxFalseMatch
	FalseMatch map[string]float64            // per algorithm, at its threshold
	Recall     map[string]map[string]float64 // edit → algorithm (and "any") → share within threshold
	Edits      []Edit
	AnyFalse   float64 // false matches when any algorithm within its threshold counts
	Signature  SignatureResult
	Corners    CornerResult
	Words      WordResult
	Find       FindResult
}

// SignatureResult is what Run measured of photo signatures (photo.Sign),
// compared as the store keeps them (encoded, a byte per coefficient).
type SignatureResult struct {
	Thresholds photo.Thresholds                // each letting through as many pairs, all within MaxFalseMatch
	FalseMatch [nScores]float64                // per score, at its threshold
	AnyFalse   float64                         // when any score above its threshold counts
	Recall     map[string][nScores + 1]float64 // edit → per score, and any
	// KeysMeet is the share of pairs of different pictures whose keys
	// meet, the later looking up the earlier: the share of the store's
	// key data a lookup checks, in memory.
	KeysMeet float64
	// Candidates is the share of pairs of different pictures whose keys
	// meet and pass the check: the share of the store a lookup fetches
	// and compares.
	Candidates float64
}

// nScores is how many scores photo.Scores holds.
const nScores = 5

// scoreNames are the columns of photo.Scores, in order.
var scoreNames = [nScores]string{"whole", "whole+colour", "window", "window+colour", "lightness"}

func scoreList(s photo.Scores) [nScores]float64 {
	return [nScores]float64{s.Whole, s.WholeColour, s.Window, s.WindowColour, s.Lightness}
}

func scoresOf(l [nScores]float64) photo.Scores {
	return photo.Scores{Whole: l[0], WholeColour: l[1], Window: l[2], WindowColour: l[3], Lightness: l[4]}
}

// distance is what photo.Find compares: the nearest of a stored hash to
// the query's hash and its mirror image's.
func distance(stored, query *photo.Photo, algo string) int {
	d := 64
	for _, set := range [][]store.Hash{query.Hashes, query.Mirrored} {
		for _, q := range set {
			for _, s := range stored.Hashes {
				if s.Algo == algo && q.Algo == algo {
					d = min(d, bits.OnesCount64(s.Value^q.Value))
				}
			}
		}
	}
	return d
}

// Run hashes every picture and every edited copy and measures. It stops
// with ctx's error when ctx is done.
func Run(ctx context.Context, pics []*image.NRGBA, edits []Edit, rng *rand.Rand) (*Result, error) {
	algos := []string{photo.PHash, photo.DHash, photo.CentrePHash}
	hashed := make([]*photo.Photo, len(pics))
	signed := make([]*photo.Signature, len(pics)) // as stored: encoded and decoded
	keys := make([]storedKeys, len(pics))
	cs := make([]corners, len(pics))
	fs := make([]filed, len(pics))
	as := make([]asked, len(pics))
	for i, p := range pics {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		stored := reencode(p, 90)
		cs[i] = cornersOf(stored)
		fs[i], as[i] = file(cs[i].points), askedOf(stored)
		h, err := photo.Describe(stored)
		if err != nil {
			return nil, err
		}
		rec, err := h.Record("a", store.KindProfile, nil)
		if err != nil {
			return nil, err
		}
		signed[i] = new(photo.Signature)
		if err := signed[i].UnmarshalBinary(rec.Signature); err != nil {
			return nil, err
		}
		hashed[i], keys[i] = h, storedKeys{index: rec.Keys, data: rec.KeyData, query: h.Signature}
	}
	r := &Result{Algos: algos, Pictures: len(pics), Threshold: map[string]int{}, FalseMatch: map[string]float64{},
		Recall: map[string]map[string]float64{}, Edits: edits}
	// Different pictures: every pair.
	neg := map[string][]int{}
	for i := range hashed {
		for j := i + 1; j < len(hashed); j++ {
			for _, a := range algos {
				neg[a] = append(neg[a], distance(hashed[i], hashed[j], a))
			}
		}
	}
	r.Pairs = len(neg[algos[0]])
	for _, a := range algos {
		ds := slices.Clone(neg[a])
		slices.Sort(ds)
		// The largest threshold t with at most MaxFalseMatch of the pairs
		// within t: split the allowance evenly among the algorithms, since
		// a match by any of them counts.
		allowed := int(MaxFalseMatch / float64(len(algos)) * float64(len(ds)))
		t := -1
		for t+1 <= 64 && countWithin(ds, t+1) <= allowed {
			t++
		}
		r.Threshold[a] = t
		r.FalseMatch[a] = float64(countWithin(ds, t)) / float64(len(ds))
	}
	anyFalse := 0
	for k := 0; k < r.Pairs; k++ {
		for _, a := range algos {
			if neg[a][k] <= r.Threshold[a] {
				anyFalse++
				break
			}
		}
	}
	r.AnyFalse = float64(anyFalse) / float64(r.Pairs)
	r.Signature = signatureThresholds(signed, keys)
	sigThresholds := scoreList(photo.Scores(r.Signature.Thresholds))
	r.Corners = cornerThreshold(cs, signed, r.Signature.Thresholds)
	r.Words = wordCandidates(fs, as)
	fstore, err := newFindStore(ctx, hashed)
	if err != nil {
		return nil, err
	}
	defer fstore.close()
	r.Find.Found = map[string]float64{}
	if err := fstore.measure(ctx, hashed, &r.Find); err != nil {
		return nil, err
	}
	for _, e := range edits {
		hits := map[string]int{}
		var sigHits [nScores + 1]int
		found, lined, both := 0, 0, 0
		var wordHits [len(wordCounts)]int
		for i, p := range pics {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			img := reencode(e.Apply(p, rng), 85)
			edited, err := photo.Describe(img)
			if err != nil {
				return nil, err
			}
			ec := cornersOf(img)
			n := ec.lineUp(cs[i])
			for k, ok := range atLeastCounts(askedOf(img).shared(fs[i])) {
				if ok {
					wordHits[k]++
				}
			}
			if n >= r.Corners.Threshold {
				lined++
			}
			scores := photo.Compare(signed[i], edited.Signature)
			if r.Signature.Thresholds.Same(scores) && (n >= r.Corners.Threshold || flat(cs[i], ec)) {
				both++
			}
			for k, sc := range scoreList(scores) {
				if sc > sigThresholds[k] {
					sigHits[k]++
				}
			}
			if r.Signature.Thresholds.Same(scores) {
				sigHits[nScores]++
			}
			if ok, err := fstore.finds(ctx, i, edited); err != nil {
				return nil, err
			} else if ok {
				found++
			}
			found := false
			for _, a := range algos {
				if distance(hashed[i], edited, a) <= r.Threshold[a] {
					hits[a]++
					found = true
				}
			}
			if found {
				hits["any"]++
			}
		}
		r.Recall[e.Name] = map[string]float64{}
		for k, n := range hits {
			r.Recall[e.Name][k] = float64(n) / float64(len(pics))
		}
		var rec [nScores + 1]float64
		for k, n := range sigHits {
			rec[k] = float64(n) / float64(len(pics))
		}
		r.Signature.Recall[e.Name] = rec
		r.Find.Found[e.Name] = float64(found) / float64(len(pics))
		r.Corners.Recall[e.Name] = float64(lined) / float64(len(pics))
		r.Corners.Both[e.Name] = float64(both) / float64(len(pics))
		var wf [len(wordCounts)]float64
		for k, n := range wordHits {
			wf[k] = float64(n) / float64(len(pics))
		}
		r.Words.Found[e.Name] = wf
	}
	return r, nil
}

// storedKeys are what the store keeps of a picture to find it by (its
// index keys and their data), and the signature it would look others up
// by.
type storedKeys struct {
	index []uint64
	data  []byte
	query *photo.Signature
}

// signatureThresholds sets the scores' thresholds so that at most
// MaxFalseMatch of the pairs of different pictures score above any of
// them, since a match by any counts.
func signatureThresholds(signed []*photo.Signature, keys []storedKeys) SignatureResult {
	var neg [nScores][]float64
	for i := range signed {
		for j := i + 1; j < len(signed); j++ {
			sc := scoreList(photo.Compare(signed[i], signed[j]))
			for k := range sc {
				neg[k] = append(neg[k], sc[k])
			}
		}
	}
	r := SignatureResult{Recall: map[string][nScores + 1]float64{}}
	var sorted [nScores][]float64
	for k := range neg {
		sorted[k] = slices.Clone(neg[k])
		slices.Sort(sorted[k])
	}
	pairs := len(neg[0])
	// Scores are continuous: a score's threshold is its highest score but
	// allowed, and only those above it match.
	at := func(allowed int) (th [nScores]float64) {
		for k := range sorted {
			th[k] = sorted[k][pairs-1-allowed]
		}
		return th
	}
	// matches says whether pair p scores above any threshold.
	matches := func(th [nScores]float64, p int) bool {
		for k := range neg {
			if neg[k][p] > th[k] {
				return true
			}
		}
		return false
	}
	// union counts the pairs above any threshold.
	union := func(th [nScores]float64) int {
		n := 0
		for p := 0; p < pairs; p++ {
			if matches(th, p) {
				n++
			}
		}
		return n
	}
	// Every score lets through as many pairs as the others, as many as
	// keeps those any of them lets through within MaxFalseMatch. The
	// scores overlap (pictures alike in brightness are often alike in
	// lightness), so a fixed share each would leave part of the
	// allowance unused.
	budget := int(MaxFalseMatch * float64(pairs))
	allowed := 0
	for allowed+1 < pairs && union(at(allowed+1)) <= budget {
		allowed++
	}
	th := at(allowed)
	for k, ds := range sorted {
		above := pairs - sort.SearchFloat64s(ds, math.Nextafter(th[k], math.Inf(1)))
		r.FalseMatch[k] = float64(above) / float64(pairs)
	}
	r.Thresholds = photo.Thresholds(scoresOf(th))
	// Each picture's lookup, as Find asks the store, and the same without
	// the check of key pairs.
	checked := make([]store.KeyQuery, len(signed))
	unchecked := make([]store.KeyQuery, len(signed))
	for j := range signed {
		checked[j] = keys[j].query.KeyQuery(photo.DefaultThresholds(), "")
		unchecked[j] = checked[j]
		unchecked[j].Verify = nil
	}
	anyFalse, meeting, candidates, p := 0, 0, 0, 0
	for i := range signed {
		for j := i + 1; j < len(signed); j++ {
			if _, meet := unchecked[j].Near(keys[i].index, nil); meet {
				meeting++
			}
			if _, found := checked[j].Near(keys[i].index, keys[i].data); found {
				candidates++
			}
			if matches(th, p) {
				anyFalse++
			}
			p++
		}
	}
	n := float64(pairs)
	r.AnyFalse, r.KeysMeet, r.Candidates = float64(anyFalse)/n, float64(meeting)/n, float64(candidates)/n
	return r
}

func countWithin(sorted []int, t int) int {
	return sort.SearchInts(sorted, t+1)
}

// WriteTables prints the thresholds and the recall per edit as Markdown.
func WriteTables(w io.Writer, r *Result) {
	fmt.Fprintf(w, "%d pictures, %d pairs of different pictures.\n\n", r.Pictures, r.Pairs)
	fmt.Fprintln(w, "| algorithm | threshold (bits of 64) | false matches at it |")
	fmt.Fprintln(w, "|---|---:|---:|")
	for _, a := range r.Algos {
		fmt.Fprintf(w, "| %s | %d | %.3f%% |\n", a, r.Threshold[a], 100*r.FalseMatch[a])
	}
	fmt.Fprintf(w, "| any of them | | %.3f%% |\n\n", 100*r.AnyFalse)
	head := "| edit | target |"
	rule := "|---|---:|"
	for _, a := range r.Algos {
		head += " " + a + " |"
		rule += "---:|"
	}
	fmt.Fprintln(w, head+" any |")
	fmt.Fprintln(w, rule+"---:|")
	for _, e := range r.Edits {
		row := fmt.Sprintf("| %s | %.0f%% |", e.Name, 100*e.Target)
		for _, a := range r.Algos {
			row += fmt.Sprintf(" %.1f%% |", 100*r.Recall[e.Name][a])
		}
		fmt.Fprintln(w, row+anyCell(r.Recall[e.Name]["any"], e.Target))
	}
	s := r.Signature
	th := scoreList(photo.Scores(s.Thresholds))
	fmt.Fprintln(w, "\nSignatures (photo.Sign):\n\n| score | threshold | false matches above it |\n|---|---:|---:|")
	for k, name := range scoreNames {
		fmt.Fprintf(w, "| %s | %.4f | %.3f%% |\n", name, th[k], 100*s.FalseMatch[k])
	}
	fmt.Fprintf(w, "| any of them | | %.3f%% |\n\n", 100*s.AnyFalse)
	fmt.Fprintf(w, "Pairs of different pictures whose keys meet (checked in memory): %.2f%%; and pass the check (candidates a lookup fetches and compares): %.3f%%.\n\n",
		100*s.KeysMeet, 100*s.Candidates)
	fmt.Fprintln(w, "| edit | target | "+strings.Join(scoreNames[:], " | ")+" | any |")
	fmt.Fprintln(w, "|---|---:|"+strings.Repeat("---:|", nScores+1))
	for _, e := range r.Edits {
		rec := s.Recall[e.Name]
		row := fmt.Sprintf("| %s | %.0f%% |", e.Name, 100*e.Target)
		for _, x := range rec[:nScores] {
			row += fmt.Sprintf(" %.1f%% |", 100*x)
		}
		fmt.Fprintln(w, row+anyCell(rec[nScores], e.Target))
	}
	writeCorners(w, r)
	writeWords(w, r)
	writeFind(w, r)
}

// anyCell is a table's last cell: the recall when any score counts, marked
// when below the edit's target.
func anyCell(recall, target float64) string {
	mark := ""
	if recall < target {
		mark = " (below target)"
	}
	return fmt.Sprintf(" %.1f%%%s |", 100*recall, mark)
}
