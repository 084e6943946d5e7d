package language

import (
	"cmp"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/abadojack/whatlanggo"
)

// TestSameAsWhatlanggo holds the fast implementation to the library's
// answers on every sentence of the test texts, in every script with
// profiles, among the same candidate languages.
func TestSameAsWhatlanggo(t *testing.T) {
	opts := whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{}}
	for l := whatlanggo.Lang(0); l < 300; l++ {
		if candidates[l.Iso6391()] {
			opts.Whitelist[l] = true
		}
	}
	n := 0
	for _, texts := range sampleTexts {
		for _, s := range texts {
			if trigramScript(s) == "" {
				continue
			}
			n++
			want := whatlanggo.DetectWithOptions(s, opts)
			got, conf := detectTrigrams(s, trigramScript(s), isCandidate, nil)
			if got != want.Lang.Iso6391() {
				t.Errorf("%q: %q, whatlanggo %q", s, got, want.Lang.Iso6391())
			}
			if d := conf - want.Confidence; d > 1e-9 || d < -1e-9 {
				t.Errorf("%q: confidence %.4f, whatlanggo %.4f", s, conf, want.Confidence)
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d texts compared", n)
	}
}

func BenchmarkDetect(b *testing.B) {
	s := "I am a full-stack developer with eight years of experience building web applications in React and Node. Over the last five years I have shipped payment systems, internal dashboards and mobile backends for startups. I enjoy clean code, honest estimates and clear communication."
	b.Run("idcheck", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			Detect(s)
		}
	})
	opts := whatlanggo.Options{Whitelist: map[whatlanggo.Lang]bool{}}
	for l := whatlanggo.Lang(0); l < 300; l++ {
		if candidates[l.Iso6391()] {
			opts.Whitelist[l] = true
		}
	}
	b.Run("whatlanggo", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			whatlanggo.DetectWithOptions(s, opts)
		}
	})
}

// sampleTexts are short messages in many languages, none of them used
// anywhere else (testdata/samples.json), read once.
var sampleTexts = func() map[string][]string {
	data, err := os.ReadFile(filepath.Join("testdata", "samples.json"))
	if err != nil {
		panic(err)
	}
	var m map[string][]string
	if err := json.Unmarshal(data, &m); err != nil {
		panic(err)
	}
	return m
}()

// TestShortTextEvaluation measures detection on the samples, single
// messages of one sentence, and prints the table in
// docs/language-detection.md (go test ./matchers/language -run Evaluation -v):
//   - accuracy: the language named is the one written;
//   - false mismatch: a message in the expected language (with English)
//     is taken for another — a false LANGUAGE_MISMATCH;
//   - caught: a message expected to be in another language of the same
//     script (Polish for a Czech, Russian for a Ukrainian) is seen as not
//     expected — the hardest mismatches; other scripts are always caught.
func TestShortTextEvaluation(t *testing.T) {
	var right, total, falseMismatch, caught, pairs int
	langs := make([]string, 0, len(sampleTexts))
	for l := range sampleTexts {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, lang := range langs {
		for _, s := range sampleTexts[lang] {
			total++
			if got, _ := Detect(s); got == lang {
				right++
			} else if lang == "ko" || lang == "ja" || lang == "zh" {
				t.Errorf("%s text %q detected as %q", lang, s, got)
			}
			if got, _ := detect(s, func(l string) bool { return l == lang || l == "en" }); got != lang && got != "en" {
				falseMismatch++
				t.Logf("false mismatch: %s %q taken for %s", lang, s, got)
			}
			for _, other := range langs {
				if other == lang || other == "en" || lang == "en" || trigramScript(sampleTexts[other][0]) != trigramScript(s) || trigramScript(s) == "" {
					continue
				}
				pairs++
				if got, _ := detect(s, func(l string) bool { return l == other || l == "en" }); got != other && got != "en" {
					caught++
				}
			}
		}
	}
	acc, fm, cr := float64(right)/float64(total), float64(falseMismatch)/float64(total), float64(caught)/float64(pairs)
	t.Logf("| messages | accuracy | false mismatch | same-script mismatches caught |")
	t.Logf("| %d | %.1f%% | %.1f%% | %.1f%% of %d |", total, 100*acc, 100*fm, 100*cr, pairs)
	// Floors at the figures measured on 2026-11-24, to catch regressions.
	if acc < 0.85 || fm > 0.01 || cr < 0.92 {
		t.Errorf("accuracy %.3f, false mismatch %.3f, caught %.3f", acc, fm, cr)
	}
}

// BenchmarkDetectSamples detects every sample message once per iteration;
// ns/op divided by the number of messages is the time per message.
func BenchmarkDetectSamples(b *testing.B) {
	var all []string
	for _, texts := range sampleTexts {
		all = append(all, texts...)
	}
	b.ReportMetric(float64(len(all)), "messages")
	for i := 0; i < b.N; i++ {
		for _, s := range all {
			Detect(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(all))/1000, "µs/message")
}

// TestRankOrder holds counter.rank to the order it stands for (count
// descending, then trigram descending) on random texts over alphabets
// that stress its buckets: ASCII, Cyrillic, Vietnamese letters far above
// the lowest, control characters below it, and texts of spaces only.
func TestRankOrder(t *testing.T) {
	alphabets := [][]rune{
		[]rune(" abcdefghijklmnopqrstuvwxyz"),
		[]rune(" абвгдежзийклмнопрстуфхцчшщъыьэюяabc"),
		[]rune(" aăâbcdđeêghiklmnoôơpqrstuưvxyạảấầẩẫậắằẳẵặẹẻẽếềểễệ"),
		[]rune(" \x01\x02ab"),
		[]rune(" "),
	}
	rng := rand.New(rand.NewPCG(1, 2))
	c := &counter{}
	for trial := 0; trial < 500; trial++ {
		alpha := alphabets[trial%len(alphabets)]
		c.table.reset(400)
		var r1, r2 rune = ' ', ' '
		for range 1 + rng.IntN(400) {
			r := alpha[rng.IntN(len(alpha))]
			c.table.add(pack(r1, r2, r))
			r1, r2 = r2, r
		}
		c.rank()
		want := make([]rankedTrigram, 0, len(c.table.used))
		for _, i := range c.table.used {
			want = append(want, rankedTrigram{c.table.keys[i], c.table.counts[i]})
		}
		slices.SortFunc(want, func(a, b rankedTrigram) int {
			if a.count != b.count {
				return int(b.count - a.count)
			}
			return cmp.Compare(b.t, a.t)
		})
		if !slices.Equal(c.ranked, want) {
			t.Fatalf("trial %d (%q): rank order differs from the sorted order", trial, string(alpha))
		}
	}
}
