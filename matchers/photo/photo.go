// Package photo finds the same photo reused by different accounts — a
// profile picture, a document portrait, a whole identity document — even
// after the edits people make to hide it.
//
// A photo's signature (Sign) describes several views of it — whole,
// trimmed of borders, windows for crops, turned for rotations, mirrored —
// by the low frequencies of their brightness and colour, and its corners
// (package keypoint); Compare scores two signatures and Thresholds decide,
// with CornersAgree where both pictures have detail. The store finds which stored
// photos to compare by 64-bit keys of the views (IndexKeys, QueryKeys);
// Find does both. Perceptual hashes (github.com/corona10/goimagehash) of
// the trimmed picture, its centre and its mirror image are stored too;
// the robustness evaluation (package evaluate) measures hashes and
// signatures against the same edits, and only signatures reach most
// targets.
package photo

import (
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"slices"

	"github.com/corona10/goimagehash"
	"github.com/disintegration/imaging"

	"github.com/idcheck/idcheck/imagefile"
	"github.com/idcheck/idcheck/store"
)

// Hash algorithms, as the store names them.
const (
	PHash       = "phash"        // DCT perceptual hash of the whole trimmed picture
	DHash       = "dhash"        // gradient (difference) hash of the whole trimmed picture
	CentrePHash = "phash_centre" // perceptual hash of the central 70%: survives crops
)

// Photo is a decoded photo with its hashes and signature.
type Photo struct {
	Width, Height int
	Bytes         int64
	SHA256        [32]byte
	Hashes        []store.Hash // of the picture as it is: what is stored
	Mirrored      []store.Hash // of its mirror image: looked up, not stored
	Signature     *Signature   // decides which stored photos match
}

// Read decodes an image file (imagefile.Decode: formats, size limit, EXIF
// orientation) and describes it.
func Read(data []byte) (*Photo, error) {
	p, _, err := ReadImage(data)
	return p, err
}

// ReadImage is Read that also returns the decoded picture, for callers
// that look further into it (a document's portrait).
func ReadImage(data []byte) (*Photo, image.Image, error) {
	img, _, err := imagefile.Decode(data)
	if err != nil {
		return nil, nil, err
	}
	p, err := Describe(img)
	if err != nil {
		return nil, nil, err
	}
	p.Bytes, p.SHA256 = int64(len(data)), sha256.Sum256(data)
	return p, img, nil
}

// Describe computes a picture's hashes and signature, scaling it down once
// for both.
func Describe(img image.Image) (*Photo, error) {
	if err := checkSize(img.Bounds()); err != nil {
		return nil, err
	}
	small := shrink(img)
	p, err := hashFitted(img.Bounds(), small)
	if err != nil {
		return nil, err
	}
	p.Signature = signFitted(fitted(img, small))
	return p, nil
}

// Hash computes a picture's hashes (Describe without the signature).
func Hash(img image.Image) (*Photo, error) {
	if err := checkSize(img.Bounds()); err != nil {
		return nil, err
	}
	return hashFitted(img.Bounds(), shrink(img))
}

// hashFitted hashes the picture of bounds b, given fitted as shrink made it.
func hashFitted(b image.Rectangle, fitted *image.NRGBA) (*Photo, error) {
	p := &Photo{Width: b.Dx(), Height: b.Dy()}
	prepared := trim(fitted, alikeChannels)
	var err error
	if p.Hashes, err = hashes(prepared); err != nil {
		return nil, err
	}
	if p.Mirrored, err = hashes(imaging.FlipH(prepared)); err != nil {
		return nil, err
	}
	return p, nil
}

// checkSize refuses pictures too small to describe: under 8 pixels a side.
func checkSize(b image.Rectangle) error {
	if b.Dx() < 8 || b.Dy() < 8 {
		return fmt.Errorf("photo: %dx%d pixels is too small to compare", b.Dx(), b.Dy())
	}
	return nil
}

// shrink scales a picture down to at most 256 pixels a side, what the
// hashes start from (they look at 64 pixels or fewer).
func shrink(img image.Image) *image.NRGBA {
	return imaging.Fit(img, 256, 256, imaging.Box)
}

// fitted returns what signFitted signs: views, small (shrink's picture of
// img) enlarged, and corners, the picture corners are looked for in. The
// two are the same unless shrink scaled img down by less than half (a
// long side of 257 to 511 pixels): its box filter then averages about one
// pixel into each, and the aliasing changes corners' descriptions. Of
// painted portraits of 256 pixels turned 10° (297, shrunk by 0.86), 211
// of 238 shared words with the original at 5 corners, 231 scaled with a
// linear filter, and Find found 97.9% of them instead of 89.1%
// (docs/photo-hashing.md, "Corners of pictures shrunk by less than
// half"). Shrunk by half or more, the box averages whole pixels and every
// edit was found at target; the linear filter would cost 8.0 ms against
// 5.0 for 1000 pixels.
func fitted(img image.Image, small *image.NRGBA) (views, corners *image.NRGBA) {
	views = enlarge(small)
	b := img.Bounds()
	if long := max(b.Dx(), b.Dy()); long <= 256 || long >= 2*256 {
		return views, views
	}
	return views, imaging.Fit(img, 256, 256, imaging.Linear)
}

// enlarge scales a picture shrink left under 256 pixels a side up to 256
// on its long side, so that signatures look at every picture on one scale
// (their views keep 32 pixels): finding a screenshot's frame counts steps
// a few pixels apart, and in screenshots of 128-pixel portraits, left at
// their size, it found almost none (docs/photo-hashing.md, "Picture sizes
// and screenshots"). The hashes stay on the picture as it was: scaled
// up, unchanged small portraits found each other less often by them.
func enlarge(img *image.NRGBA) *image.NRGBA {
	b := img.Bounds()
	switch {
	case b.Dx() >= 256 || b.Dy() >= 256:
		return img
	case b.Dx() >= b.Dy():
		return imaging.Resize(img, 256, 0, imaging.Linear)
	default:
		return imaging.Resize(img, 0, 256, imaging.Linear)
	}
}

// trim cuts away uniform borders: colours same as the corners'.
func trim(img *image.NRGBA, same func(a, b color.NRGBA) bool) *image.NRGBA {
	out, _ := trimmedBox(img, same)
	return out
}

// trimmedBox is trim, and where what it kept lies in img.
func trimmedBox(img *image.NRGBA, same func(a, b color.NRGBA) bool) (*image.NRGBA, image.Rectangle) {
	box := img.Bounds()
	// Again after each trim: once a padding is gone, the photo's own plain
	// edges (a sky, a studio wall) are the corners' colour, and the
	// original, which never had the padding, lost them in its first pass.
	for pass := 0; pass < 3; pass++ {
		r := contentBounds(img, same)
		if r == img.Bounds() {
			break
		}
		box = r.Add(box.Min.Sub(img.Bounds().Min))
		img = imaging.Crop(img, r) // at (0, 0) again
	}
	return img, box
}

func hashes(img *image.NRGBA) ([]store.Hash, error) {
	ph, err := goimagehash.PerceptionHash(img)
	if err != nil {
		return nil, fmt.Errorf("photo: phash: %w", err)
	}
	dh, err := goimagehash.DifferenceHash(img)
	if err != nil {
		return nil, fmt.Errorf("photo: dhash: %w", err)
	}
	b := img.Bounds()
	centre := imaging.Crop(img, image.Rect(b.Dx()*15/100, b.Dy()*15/100, b.Dx()*85/100, b.Dy()*85/100))
	ch, err := goimagehash.PerceptionHash(centre)
	if err != nil {
		return nil, fmt.Errorf("photo: centre phash: %w", err)
	}
	return []store.Hash{{Algo: PHash, Value: ph.GetHash()}, {Algo: DHash, Value: dh.GetHash()},
		{Algo: CentrePHash, Value: ch.GetHash()}}, nil
}

// contentBounds finds the picture inside uniform borders: rows and columns
// at the edges where nearly every pixel has the corners' colour. It trims
// as far as they go, with no limit per side, so that a padded copy and
// its original, whose own plain background the trimming may eat into
// alike, come to the same box; only when less than a fifth of either side
// would be left is nothing trimmed.
func contentBounds(img *image.NRGBA, same func(a, b color.NRGBA) bool) image.Rectangle {
	b := img.Bounds()
	bg := cornerColour(img, same)
	near := func(c color.NRGBA) bool { return same(c, bg) }
	uniformRow := func(y int) bool {
		n := 0
		for x := b.Min.X; x < b.Max.X; x++ {
			if near(img.NRGBAAt(x, y)) {
				n++
			}
		}
		return n*100 >= 98*b.Dx()
	}
	uniformCol := func(x int) bool {
		n := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			if near(img.NRGBAAt(x, y)) {
				n++
			}
		}
		return n*100 >= 98*b.Dy()
	}
	r := b
	for r.Min.Y < r.Max.Y && uniformRow(r.Min.Y) {
		r.Min.Y++
	}
	for r.Max.Y > r.Min.Y && uniformRow(r.Max.Y-1) {
		r.Max.Y--
	}
	for r.Min.X < r.Max.X && uniformCol(r.Min.X) {
		r.Min.X++
	}
	for r.Max.X > r.Min.X && uniformCol(r.Max.X-1) {
		r.Max.X--
	}
	if r.Dx() < 8 || r.Dy() < 8 || r.Dx()*5 < b.Dx() || r.Dy()*5 < b.Dy() {
		return b // nearly all one colour: nothing to trim to
	}
	return r
}

// cornerColour is the colour at most of the four corners (the top-left one
// when they all differ).
func cornerColour(img *image.NRGBA, same func(a, b color.NRGBA) bool) color.NRGBA {
	b := img.Bounds()
	cs := []color.NRGBA{img.NRGBAAt(b.Min.X, b.Min.Y), img.NRGBAAt(b.Max.X-1, b.Min.Y),
		img.NRGBAAt(b.Min.X, b.Max.Y-1), img.NRGBAAt(b.Max.X-1, b.Max.Y-1)}
	best, bestN := cs[0], 0
	for _, c := range cs {
		n := 0
		for _, o := range cs {
			if same(c, o) {
				n++
			}
		}
		if n > bestN {
			best, bestN = c, n
		}
	}
	return best
}

// alikeChannels says whether two colours differ by less than 24 in every
// channel: the same background through JPEG noise and gentle shading.
func alikeChannels(a, b color.NRGBA) bool {
	return abs(int(a.R)-int(b.R)) < 24 && abs(int(a.G)-int(b.G)) < 24 && abs(int(a.B)-int(b.B)) < 24
}

// alikeLuma says whether two colours' brightness differs by less than 10
// (of 255). Brightness alone, so that a greyscale copy trims as its
// original does; narrowly, so that a border is told from a light
// background.
func alikeLuma(a, b color.NRGBA) bool {
	return abs(luma(a)-luma(b)) < 10*1000
}

// luma is a colour's brightness, 0-255000.
func luma(c color.NRGBA) int {
	return 299*int(c.R) + 587*int(c.G) + 114*int(c.B)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Record is what the store keeps of p for account: hashes, signature and
// its index keys, and the image bytes (which the store drops unless it
// keeps images).
func (p *Photo) Record(account string, kind store.Kind, image []byte) (store.Photo, error) {
	r := store.Photo{AccountID: account, Kind: kind, Width: p.Width, Height: p.Height, Bytes: p.Bytes,
		SHA256: p.SHA256, Hashes: p.Hashes, Image: image}
	if p.Signature != nil {
		var err error
		if r.Signature, err = p.Signature.MarshalBinary(); err != nil {
			return store.Photo{}, err
		}
		r.Keys, r.KeyData, r.KeyVersion = p.Signature.IndexKeys(), p.Signature.KeyData(), KeyVersion
		if p.FiledUnderWords() {
			r.Words, r.WordsPerPoint, r.PointData = p.Signature.IndexWords()
		}
	}
	return r, nil
}

// FiledUnderWords says whether the store files the photo under its
// corners' words: MinWordCorners corners and MinWordSide pixels. Such a
// photo, looked up, asks the keys only of photos filed under none.
func (p *Photo) FiledUnderWords() bool {
	return len(p.Signature.Corners) >= MinWordCorners && max(p.Width, p.Height) >= MinWordSide
}

// Candidates are the stored photos, of accounts other than notAccount,
// that Find compares with p at thresholds th: those found by their keys
// (KeyQuery) and by their corners' words (WordQuery), a photo found both
// ways listed twice. The keys of photos stored without words are asked in
// full. Those of photos stored with words are not asked by a picture
// filed under words itself (MinWordCorners corners or more, and
// MinWordSide pixels), which finds them by its words; a picture under
// MinWordSide pixels asks them within WordedKeyDistance only, and any
// other picture in full.
func (p *Photo) Candidates(ctx context.Context, st store.Store, th Thresholds, notAccount string) ([]store.Candidate, error) {
	s := p.Signature
	kq := s.KeyQuery(th, notAccount)
	wq, byWords := s.WordQuery(notAccount)
	filed, small := byWords && p.FiledUnderWords(), max(p.Width, p.Height) < MinWordSide
	if filed || small {
		kq.Among = store.WordlessPhotos
	}
	cands, err := st.Candidates(ctx, kq)
	if err != nil {
		return nil, err
	}
	if small {
		near := kq
		near.Among, near.ChunkRadius, near.MaxDistance = store.WordedPhotos, 0, WordedKeyDistance
		more, err := st.Candidates(ctx, near)
		if err != nil {
			return nil, err
		}
		cands = append(cands, more...)
	}
	if !byWords {
		return cands, nil
	}
	more, err := st.WordCandidates(ctx, wq)
	return append(cands, more...), err
}

// Match is a stored photo of another account that looks like this one.
type Match struct {
	AccountID string     `json:"account_id"`
	PhotoID   int64      `json:"photo_id"`
	Kind      store.Kind `json:"kind"`
	// Distance is how many bits, of 64, the nearest pair of the two
	// photos' signature keys differ by.
	Distance int `json:"distance"`
	// SharedCorners is how many corners share words with the stored
	// photo's and line up, when the photo was found by its corners'
	// words rather than its keys.
	SharedCorners int `json:"shared_corners,omitempty"`
	// Similarity is the best brightness cosine Compare found between the
	// two photos' views, up to 1 (the same picture).
	Similarity float64 `json:"similarity"`
	Scores     Scores  `json:"scores"`
	SameBytes  bool    `json:"same_bytes,omitempty"` // the very same file
}

// Find returns the stored photos, of accounts other than notAccount, that
// p's signature says are the same picture (DefaultThresholds, and
// CornersAgree), most similar first, and those with p's exact bytes.
// Candidates come from the store by signature keys and by corner words
// (Candidates); each is then compared in full. The keys of pictures with
// detail meet too often to select among them: a picture with words of its
// own does not ask them, and one under MinWordSide pixels asks them
// within WordedKeyDistance only.
// Photos stored without a signature are found by their bytes alone.
func Find(ctx context.Context, s store.Store, p *Photo, notAccount string) ([]Match, error) {
	if p.Signature == nil {
		return nil, fmt.Errorf("photo: find: no signature")
	}
	th := DefaultThresholds()
	cands, err := p.Candidates(ctx, s, th, notAccount)
	if err != nil {
		return nil, err
	}
	found := map[int64]int{} // photo → its place in out
	compared := map[int64]bool{}
	var queryKeys []uint64 // p's, made for the first photo found by words
	out := []Match{}
	for _, c := range cands {
		if compared[c.PhotoID] {
			continue // found by its keys and its words
		}
		compared[c.PhotoID] = true
		var sig Signature
		if err := sig.UnmarshalBinary(c.Signature); err != nil {
			return nil, fmt.Errorf("photo: stored photo %d: %w", c.PhotoID, err)
		}
		sc := Compare(p.Signature, &sig)
		if !th.Same(sc) || !CornersAgree(&sig, p.Signature) {
			continue
		}
		found[c.PhotoID] = len(out)
		m := Match{AccountID: c.AccountID, PhotoID: c.PhotoID, Kind: c.Kind, Distance: c.Distance,
			Similarity: max(sc.Whole, sc.Window), Scores: sc, SharedCorners: c.Shared}
		if c.Shared > 0 {
			if queryKeys == nil {
				queryKeys = p.Signature.QueryKeys()
			}
			m.Distance = keyDistance(&sig, queryKeys)
		}
		out = append(out, m)
	}
	same, err := s.BySHA256(ctx, p.SHA256)
	if err != nil {
		return nil, err
	}
	for _, m := range same {
		if m.AccountID == notAccount && notAccount != "" {
			continue
		}
		if i, ok := found[m.PhotoID]; ok {
			// The very file: as similar as can be, whatever rounding the
			// stored signature's encoding left.
			out[i].SameBytes, out[i].Similarity = true, 1
			continue
		}
		out = append(out, Match{AccountID: m.AccountID, PhotoID: m.PhotoID, Kind: m.Kind, Similarity: 1,
			Scores: Scores{1, 2, 1, 2, 1}, SameBytes: true})
	}
	slices.SortFunc(out, func(a, b Match) int {
		if c := cmp.Compare(b.Similarity, a.Similarity); c != 0 {
			return c
		}
		return cmp.Compare(a.PhotoID, b.PhotoID)
	})
	return out, nil
}
