package synth

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/idcheck/idcheck/ocr/mrz"
)

// DefaultFontDir is where Debian's fonts-ocr-b package installs OCR-B.
const DefaultFontDir = "/usr/share/fonts/opentype/ocr-b"

// ErrNoFont is returned when OCR-B cannot be found.
var ErrNoFont = errors.New("synth: OCR-B font not found (install Debian's fonts-ocr-b)")

// Fonts holds the typefaces documents are drawn with.
type Fonts struct {
	ocrb      *opentype.Font // OCR-B regular
	ocrbSharp *opentype.Font // OCR-B sharp: a variant, and the fallback for glyphs the regular face cannot give
	regular   *opentype.Font
	bold      *opentype.Font
}

// LoadFonts reads OCR-B from dir (DefaultFontDir when empty) and the Go
// fonts compiled into the program.
func LoadFonts(dir string) (*Fonts, error) {
	if dir == "" {
		dir = DefaultFontDir
	}
	load := func(path string, data []byte) (*opentype.Font, error) {
		if data == nil {
			var err error
			if data, err = os.ReadFile(path); err != nil {
				if errors.Is(err, os.ErrNotExist) {
					return nil, fmt.Errorf("%w: %s", ErrNoFont, path)
				}
				return nil, fmt.Errorf("synth: read font: %w", err)
			}
		}
		f, err := opentype.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("synth: parse font %s: %w", path, err)
		}
		return f, nil
	}
	var fs Fonts
	var err error
	if fs.ocrb, err = load(filepath.Join(dir, "OCRB.otf"), nil); err != nil {
		return nil, err
	}
	if fs.ocrbSharp, err = load(filepath.Join(dir, "OCRBS.otf"), nil); err != nil {
		return nil, err
	}
	if fs.regular, err = load("goregular", goregular.TTF); err != nil {
		return nil, err
	}
	if fs.bold, err = load("gobold", gobold.TTF); err != nil {
		return nil, err
	}
	return &fs, nil
}

// cardSize is the size of each format's document in millimetres.
var cardSize = map[mrz.Format][2]float64{
	mrz.TD1: {85.6, 54}, mrz.TD2: {105, 74}, mrz.TD3: {125, 88}, mrz.MRVA: {120, 80}, mrz.MRVB: {105, 74},
}

// OCR-B's advance and cap height, as fractions of its em.
const (
	ocrbAdvance   = 0.723
	ocrbCapHeight = 0.701
	mrzPitchMM    = 2.54 // ten characters per inch, ICAO 9303-3
)

// cardLayout is what varies between rendered documents.
type cardLayout struct {
	pxPerMM     float64
	sharpOnly   bool    // draw the zone in OCR-B sharp throughout
	linePitchMM float64 // baseline to baseline
	bottomMM    float64 // from the card's lower edge to the last baseline
	shiftMM     float64 // horizontal offset of the zone from centre
	paper       color.RGBA
	ink         color.RGBA
	plainZone   bool // the zone printed on a plain band
}

func randomLayout(rng *rand.Rand, format mrz.Format, pxPerMM float64) cardLayout {
	l := cardLayout{
		pxPerMM:     pxPerMM,
		sharpOnly:   rng.IntN(4) == 0,
		linePitchMM: 3.9 + rng.Float64()*1.6,
		bottomMM:    3.2 + rng.Float64()*2.5,
		shiftMM:     (rng.Float64() - 0.5) * 2,
		paper:       color.RGBA{uint8(215 + rng.IntN(40)), uint8(215 + rng.IntN(40)), uint8(205 + rng.IntN(50)), 255},
		ink:         color.RGBA{uint8(rng.IntN(40)), uint8(rng.IntN(40)), uint8(rng.IntN(60)), 255},
		plainZone:   rng.IntN(2) == 0,
	}
	if format == mrz.TD1 {
		l.linePitchMM = 3.6 + rng.Float64()*0.9
	}
	return l
}

// renderCard draws a document with the given zone lines and returns it with
// the corners of its zone (top left, top right, bottom right, bottom left,
// in card pixels).
func (fs *Fonts) renderCard(rng *rand.Rand, id Identity, lines []string, l cardLayout) (*image.RGBA, [4][2]float64) {
	size := cardSize[id.Format]
	mm := func(v float64) int { return int(math.Round(v * l.pxPerMM)) }
	w, h := mm(size[0]), mm(size[1])
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	drawBackground(rng, img, l)

	// Visual zone: header, portrait, labelled fields.
	state := strings.TrimRight(id.IssuingState, "<")
	fs.text(img, []*opentype.Font{fs.bold}, 4.2*l.pxPerMM, mm(5), mm(8), "REPUBLIC OF "+countryName(state), l.ink)
	title := map[mrz.Format]string{mrz.TD1: "IDENTITY CARD", mrz.TD2: "IDENTITY CARD", mrz.TD3: "PASSPORT",
		mrz.MRVA: "VISA", mrz.MRVB: "VISA"}[id.Format]
	fs.text(img, []*opentype.Font{fs.regular}, 3*l.pxPerMM, mm(5), mm(12.5), title+" / "+strings.ToLower(title), l.ink)
	// The portrait ends 2 mm above the zone, as on real documents.
	zoneTopMM := size[1] - l.bottomMM - l.linePitchMM*float64(len(lines)-1) - mrzPitchMM/ocrbAdvance*ocrbCapHeight
	px, py, pw := mm(4), mm(15), mm(size[0]*0.27)
	ph := min(mm(size[1]*0.45), mm(zoneTopMM-2)-py)
	drawPortrait(rng, img, image.Rect(px, py, px+pw, py+ph))
	x := px + pw + mm(4)
	y := py + mm(2)
	fields := [][2]string{
		{"Surname / Nom", strings.ReplaceAll(id.Surname, "<", " ")},
		{"Given names / Prénoms", strings.Join(id.GivenNames, " ")},
		{"Nationality", countryName(strings.TrimRight(id.Nationality, "<"))},
		{"Date of birth", id.Birth.Format("02 Jan 2006")},
		{"Sex", map[byte]string{'M': "M", 'F': "F", '<': "X"}[id.Sex]},
		{"Date of expiry", id.Expiry.Format("02 Jan 2006")},
		{"Document No.", strings.TrimRight(id.DocumentNumber, "<")},
	}
	step := float64(size[1]) * 0.075 * l.pxPerMM
	for i, f := range fields {
		yy := y + int(float64(i)*step)
		if yy > h-mm(l.bottomMM+l.linePitchMM*float64(len(lines))+3) {
			break
		}
		fs.text(img, []*opentype.Font{fs.regular}, 1.7*l.pxPerMM, x, yy, f[0], color.RGBA{90, 90, 110, 255})
		fs.text(img, []*opentype.Font{fs.bold}, 2.6*l.pxPerMM, x, yy+mm(2.8), f[1], l.ink)
	}

	// Machine-readable zone.
	em := mrzPitchMM / ocrbAdvance * l.pxPerMM
	faces := []*opentype.Font{fs.ocrb, fs.ocrbSharp}
	if l.sharpOnly {
		faces = faces[1:]
	}
	zoneW := float64(len(lines[0])) * mrzPitchMM
	left := (size[0]-zoneW)/2 + l.shiftMM
	if l.plainZone {
		top := size[1] - l.bottomMM - l.linePitchMM*float64(len(lines)) - 1
		draw.Draw(img, image.Rect(0, mm(top), w, h), image.NewUniform(lighten(l.paper, 0.6)), image.Point{}, draw.Src)
	}
	for i, line := range lines {
		base := size[1] - l.bottomMM - l.linePitchMM*float64(len(lines)-1-i)
		fs.text(img, faces, em, mm(left), mm(base), line, l.ink)
	}
	capMM := mrzPitchMM / ocrbAdvance * ocrbCapHeight
	top := (size[1] - l.bottomMM - l.linePitchMM*float64(len(lines)-1) - capMM) * l.pxPerMM
	bottom := (size[1] - l.bottomMM) * l.pxPerMM
	x0, x1 := left*l.pxPerMM, (left+zoneW)*l.pxPerMM
	return img, [4][2]float64{{x0, top}, {x1, top}, {x1, bottom}, {x0, bottom}}
}

// text draws s with its baseline at (x, y), em pixels to the em, each glyph
// from the first face that has it.
func (fs *Fonts) text(dst *image.RGBA, fonts []*opentype.Font, em float64, x, y int, s string, c color.RGBA) {
	faces := make([]font.Face, len(fonts))
	for i, f := range fonts {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: em, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			continue
		}
		defer face.Close()
		faces[i] = face
	}
	dot := fixed.P(x, y)
	src := image.NewUniform(c)
	for _, r := range s {
		for _, face := range faces {
			if face == nil {
				continue
			}
			dr, mask, mp, adv, ok := face.Glyph(dot, r)
			if !ok {
				continue
			}
			draw.DrawMask(dst, dr, src, image.Point{}, mask, mp, draw.Over)
			dot.X += adv
			break
		}
	}
}

func countryName(code string) string {
	names := map[string]string{"UTO": "UTOPIA", "D": "GERMANY", "JPN": "JAPAN", "KOR": "KOREA", "CHN": "CHINA",
		"USA": "THE UNITED STATES", "GBR": "THE UNITED KINGDOM", "FRA": "FRANCE", "POL": "POLAND",
		"UKR": "UKRAINE", "RUS": "RUSSIA", "CAN": "CANADA", "NLD": "THE NETHERLANDS", "ITA": "ITALY"}
	if n, ok := names[code]; ok {
		return n
	}
	return code
}

func lighten(c color.RGBA, f float64) color.RGBA {
	l := func(v uint8) uint8 { return uint8(float64(v) + (255-float64(v))*f) }
	return color.RGBA{l(c.R), l(c.G), l(c.B), 255}
}

// drawBackground paints paper with a gradient and guilloche curves.
func drawBackground(rng *rand.Rand, img *image.RGBA, l cardLayout) {
	b := img.Bounds()
	tint := [3]float64{rng.Float64()*20 - 10, rng.Float64()*20 - 10, rng.Float64()*20 - 10}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		t := float64(y) / float64(b.Dy())
		for x := b.Min.X; x < b.Max.X; x++ {
			i := img.PixOffset(x, y)
			img.Pix[i] = clamp(float64(l.paper.R) + tint[0]*t)
			img.Pix[i+1] = clamp(float64(l.paper.G) + tint[1]*t)
			img.Pix[i+2] = clamp(float64(l.paper.B) + tint[2]*t)
			img.Pix[i+3] = 255
		}
	}
	// Guilloche: families of thin sine curves in a colour near the paper's.
	line := color.RGBA{uint8(max(0, int(l.paper.R)-40-rng.IntN(40))), uint8(max(0, int(l.paper.G)-30-rng.IntN(40))),
		uint8(max(0, int(l.paper.B)-20-rng.IntN(40))), 255}
	amp := float64(b.Dy()) * (0.05 + rng.Float64()*0.1)
	period := float64(b.Dx()) / (2 + rng.Float64()*4)
	for k := 0; k < 14; k++ {
		off := float64(b.Dy()) * float64(k) / 14
		phase := rng.Float64() * 2 * math.Pi
		for x := 0; x < b.Dx(); x++ {
			y := off + amp*math.Sin(2*math.Pi*float64(x)/period+phase+float64(k)*0.4)
			if yi := int(y); yi >= 0 && yi < b.Dy() {
				img.SetRGBA(x, yi, line)
			}
		}
	}
}

// drawPortrait paints a stylised face: a background, shoulders and a head.
func drawPortrait(rng *rand.Rand, img *image.RGBA, r image.Rectangle) {
	bg := color.RGBA{uint8(150 + rng.IntN(90)), uint8(150 + rng.IntN(90)), uint8(160 + rng.IntN(90)), 255}
	draw.Draw(img, r, image.NewUniform(bg), image.Point{}, draw.Src)
	skin := color.RGBA{uint8(150 + rng.IntN(90)), uint8(110 + rng.IntN(70)), uint8(80 + rng.IntN(60)), 255}
	cloth := color.RGBA{uint8(rng.IntN(120)), uint8(rng.IntN(120)), uint8(rng.IntN(120)), 255}
	hair := color.RGBA{uint8(rng.IntN(90)), uint8(rng.IntN(70)), uint8(rng.IntN(50)), 255}
	cx, w, h := float64(r.Min.X+r.Dx()/2), float64(r.Dx()), float64(r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			fx, fy := (float64(x)-cx)/w, (float64(y)-float64(r.Min.Y))/h
			head := (fx*fx)/(0.26*0.26) + ((fy-0.42)*(fy-0.42))/(0.28*0.28)
			switch {
			case head < 1 && fy < 0.27:
				img.SetRGBA(x, y, hair)
			case head < 1:
				img.SetRGBA(x, y, skin)
			case fy > 0.72 && math.Abs(fx) < 0.5-0.4*(1-fy):
				img.SetRGBA(x, y, cloth)
			}
		}
	}
}

func clamp(v float64) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v + 0.5)
}
