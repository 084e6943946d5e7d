package ocr

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/otiai10/gosseract/v2"
)

// Alphabet is every character a machine-readable zone may hold.
const Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"

// ErrClosed is returned by an Engine used after Close.
var ErrClosed = errors.New("ocr: engine closed")

// tessConfig turns off the dictionaries: a zone has no words, and
// dictionary-driven corrections turn "ERIKSSON" into "ERICSSON".
const tessConfig = "load_system_dawg F\nload_freq_dawg F\nload_punc_dawg F\nload_number_dawg F\nload_unambig_dawg F\nload_bigram_dawg F\n"

// Engine is a pool of warmed Tesseract clients set up to read one zone line
// at a time. A Tesseract client is not safe for concurrent use; the pool
// hands each caller its own and keeps the language data loaded between
// calls.
type Engine struct {
	clients chan *gosseract.Client
	all     []*gosseract.Client
	dir     string
	done    chan struct{} // closed by Close
	once    sync.Once
}

// models holds the Tesseract models compiled into idcheck.
//
//go:embed tessdata
var models embed.FS

// ModelMRZ names idcheck's own model for zone lines (see ocr/tessdata); any
// other name is a model built in as tessdata/NAME.traineddata, such as
// ModelMRZSecond, or a language installed with Tesseract, such as "eng".
const ModelMRZ = "mrz"

// ModelMRZSecond names idcheck's second zone model (ocr/tessdata/README.md):
// trained differently, it errs differently, and reads again a photo the
// first model did not read valid (Reader.Second).
const ModelMRZSecond = "mrz2"

// NewEngine starts size Tesseract clients (at least one) with model
// (ModelMRZ when empty) and warms each by reading a blank line, so that the
// first real request does not pay for loading the model.
func NewEngine(size int, model string) (*Engine, error) {
	if size < 1 {
		size = 1
	}
	if model == "" {
		model = ModelMRZ
	}
	dir, err := os.MkdirTemp("", "idcheck-tess-")
	if err != nil {
		return nil, fmt.Errorf("ocr: engine: %w", err)
	}
	cfg := filepath.Join(dir, "mrz.config")
	if err := os.WriteFile(cfg, []byte(tessConfig), 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("ocr: engine: %w", err)
	}
	prefix := "" // Tesseract's own data directory
	data, err := fs.ReadFile(models, "tessdata/"+model+".traineddata")
	switch {
	case err == nil:
		if err := os.WriteFile(filepath.Join(dir, model+".traineddata"), data, 0o600); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("ocr: engine: %w", err)
		}
		prefix = dir
	case model == ModelMRZ || model == ModelMRZSecond:
		os.RemoveAll(dir)
		return nil, fmt.Errorf("ocr: model %q is not built into this binary (scripts/train-mrz-model.sh): %w", model, err)
	}
	e := &Engine{clients: make(chan *gosseract.Client, size), dir: dir, done: make(chan struct{})}
	blank := newGray(64, 32)
	for i := range blank.pix {
		blank.pix[i] = 255
	}
	for i := 0; i < size; i++ {
		c := gosseract.NewClient()
		e.all = append(e.all, c)
		e.clients <- c
		if err := setUp(c, model, prefix, cfg); err != nil {
			e.Close()
			return nil, err
		}
		if err := c.SetImageFromBytes(blank.pgm()); err != nil {
			e.Close()
			return nil, fmt.Errorf("ocr: warm tesseract: %w", err)
		}
		if _, err := c.Text(); err != nil {
			e.Close()
			return nil, fmt.Errorf("ocr: start tesseract with model %q: %w", model, err)
		}
	}
	return e, nil
}

func setUp(c *gosseract.Client, model, prefix, cfg string) error {
	steps := []error{
		c.SetLanguage(model),
		c.SetConfigFile(cfg),
		c.SetWhitelist(Alphabet),
		// Raw-line mode, as the model was trained: single-line mode (7)
		// drops characters at the line ends. Set as a variable, because
		// gosseract applies SetPageSegMode before Tesseract's Init, which
		// resets it; variables are applied after.
		c.SetVariable("tessedit_pageseg_mode", strconv.Itoa(int(gosseract.PSM_RAW_LINE))),
		c.SetVariable("user_defined_dpi", "300"),
		c.SetVariable("debug_file", os.DevNull),
	}
	if prefix != "" {
		steps = append(steps, c.SetTessdataPrefix(prefix))
	}
	if err := errors.Join(steps...); err != nil {
		return fmt.Errorf("ocr: set up tesseract: %w", err)
	}
	return nil
}

// Line is the text Tesseract read in one line image, with its confidence
// in each character (0 to 100), in the same order.
type Line struct {
	Text       string
	Confidence []float64
}

// MinConfidence is the lowest confidence of any character (100 for none).
func (l Line) MinConfidence() float64 {
	m := 100.0
	for _, c := range l.Confidence {
		m = min(m, c)
	}
	return m
}

// ReadLine reads one straightened line image, waiting for a free client
// until ctx is done. White space is dropped.
func (e *Engine) ReadLine(ctx context.Context, line *gray) (Line, error) {
	var c *gosseract.Client
	select {
	case <-e.done:
		return Line{}, ErrClosed
	case c = <-e.clients:
	case <-ctx.Done():
		return Line{}, ctx.Err()
	}
	defer func() { e.clients <- c }()
	select {
	case <-e.done: // closing: hand the client back for Close to free
		return Line{}, ErrClosed
	default:
	}
	if err := c.SetImageFromBytes(line.pgm()); err != nil {
		return Line{}, fmt.Errorf("ocr: tesseract image: %w", err)
	}
	// One recognition gives each character with its confidence.
	symbols, err := c.GetBoundingBoxes(gosseract.RIL_SYMBOL)
	if err != nil {
		return Line{}, fmt.Errorf("ocr: tesseract: %w", err)
	}
	var out Line
	var b strings.Builder
	for _, s := range symbols {
		t := strings.Join(strings.Fields(s.Word), "")
		for range t {
			out.Confidence = append(out.Confidence, s.Confidence)
		}
		b.WriteString(t)
	}
	out.Text = b.String()
	return out, nil
}

// Close frees every client, after any line being read is done. Calls
// waiting for a client, and later calls, get ErrClosed.
func (e *Engine) Close() error {
	var err error
	e.once.Do(func() {
		close(e.done)
		// Every client comes back to the pool: callers holding one finish
		// their line first.
		var errs []error
		for range e.all {
			errs = append(errs, (<-e.clients).Close())
		}
		errs = append(errs, os.RemoveAll(e.dir))
		err = errors.Join(errs...)
	})
	return err
}

// pgm encodes g as a binary PGM, which Leptonica reads with no decompression.
func (g *gray) pgm() []byte {
	head := "P5\n" + strconv.Itoa(g.w) + " " + strconv.Itoa(g.h) + "\n255\n"
	out := make([]byte, 0, len(head)+len(g.pix))
	return append(append(out, head...), g.pix...)
}
