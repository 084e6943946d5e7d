// Package language finds the languages a person writes in — in the texts
// of their own profile: bio, cover letters, messages — and compares them
// with the languages of the claimed nationality and residence and the
// declared ones. English is normal everywhere. Detection is by
// github.com/abadojack/whatlanggo's trigram profiles, chosen for its speed
// and small memory (docs/language-detection.md has the comparison), with
// the kana rule below for Japanese.
package language

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/internal/script"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

// Usage is how much of a profile's text is in one language.
type Usage struct {
	Language string  `json:"language"` // ISO 639-1
	Letters  int     `json:"letters"`
	Share    float64 `json:"share"` // of all letters in detected segments, 0-1
}

// Signal lists the languages found, most used first.
type Signal struct {
	Languages []Usage  `json:"languages,omitempty"`
	Expected  []string `json:"expected,omitempty"`
}

// minLetters is the shortest segment detected: trigram statistics on fewer
// letters are guesses.
const minLetters = 12

// minShare is the share of the text a language must have to count: one
// quoted phrase is no evidence of what the person writes.
const minShare = 0.15

// candidates are the languages detection chooses among: the widely
// written ones. Leaving out the many minor languages the profiles cover
// (Galician, Esperanto...) keeps a short Portuguese or Spanish text from
// being taken for a close neighbour.
var candidates = map[string]bool{}

func init() {
	for _, c := range []string{"en", "ja", "ko", "zh", "de", "pl", "uk", "ru", "be", "fr", "es", "pt", "it", "vi", "nl", "ro",
		"lt", "lv", "et", "tr", "id", "ms", "tl", "hi", "bn", "ar", "fa", "ur", "he", "th", "cs", "sk", "hu", "bg", "sr", "hr",
		"sl", "sv", "da", "nb", "fi", "el", "uz", "az", "ka", "hy", "sw", "af"} {
		candidates[c] = true
	}
}

func isCandidate(code string) bool { return candidates[code] }

// trigramScript names the profile set for s's letters: the script most of
// them are in, among those with trigram profiles.
func trigramScript(s string) string { return profileScript(countScripts(s)) }

// countScripts counts s's runes by script.
func countScripts(s string) (n [script.Count]int) {
	for _, r := range s {
		n[script.Of(r)]++
	}
	return n
}

// profileScript names the profile set for letters counted by script (see
// countScripts), or "" when none has profiles.
func profileScript(n [script.Count]int) string {
	best := script.Latin
	for _, sc := range []script.Script{script.Cyrillic, script.Arabic, script.Devanagari, script.Hebrew, script.Ethiopic} {
		if n[sc] > n[best] {
			best = sc
		}
	}
	if n[best] == 0 {
		return ""
	}
	return best.String()
}

// Detect names the language of one segment of text (ISO 639-1), or ""
// when it is too short or unknown, and counts its letters.
func Detect(s string) (lang string, letters int) { return detect(s, nil) }

// sampleBytes bounds the text detection reads: trigram statistics settle
// within a few hundred characters, and a long cover letter costs no more
// than a bio. (The letters counted for a language's share are all of them.)
const sampleBytes = 320

// sample cuts s to about sampleBytes, at a rune boundary.
func sample(s string) string {
	if len(s) <= sampleBytes {
		return s
	}
	cut := sampleBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// detect is Detect giving the languages prefer accepts the benefit of the
// doubt (see preferRatio).
func detect(s string, prefer func(string) bool) (lang string, letters int) {
	n := countScripts(s)
	for sc := script.Latin; int(sc) < script.Count; sc++ {
		letters += n[sc]
	}
	nKana, nHangul := n[script.Kana], n[script.Hangul]
	cjk := nKana + n[script.Han]
	switch {
	case nHangul >= 4 && 2*nHangul >= letters:
		// Each Hangul letter is a syllable: a few are a sentence, and only
		// Korean is written in them.
		return "ko", letters
	case cjk >= 4 && 2*cjk >= letters:
		// Japanese is written mostly in kanji, which whatlanggo takes for
		// Chinese; any real share of kana makes it Japanese.
		if nKana*10 >= cjk {
			return "ja", letters
		}
		return "zh", letters
	case letters < minLetters:
		return "", letters
	}
	lang, _ = detectTrigrams(sample(s), profileScript(n), isCandidate, prefer)
	return lang, letters
}

// scriptClass returns the writing system most of s's letters are in,
// counting kana as Han: a Japanese sentence mixes the two.
func scriptClass(s string) script.Script {
	var n [script.Count]int
	for _, r := range s {
		n[script.Of(r)]++
	}
	n[script.Han] += n[script.Kana]
	n[script.Kana], n[script.None] = 0, 0
	best := script.Latin
	for sc := range script.Count {
		if n[sc] > n[best] {
			best = script.Script(sc)
		}
	}
	return best
}

// segments splits texts into runs of sentences in one writing system, so
// that a Korean sentence inside an English bio is seen while sentences in
// one script are detected together (trigram statistics need length).
func segments(texts []string, yield func(string)) {
	for _, t := range texts {
		var run strings.Builder
		runClass := script.None
		emit := func() {
			if seg := strings.TrimSpace(run.String()); seg != "" {
				yield(seg)
			}
			run.Reset()
		}
		sentence := func(seg string) {
			if strings.TrimSpace(seg) == "" {
				return
			}
			if c := scriptClass(seg); c != runClass {
				emit()
				runClass = c
			}
			run.WriteString(seg)
		}
		start := 0
		for i, r := range t {
			switch r {
			case '\n', '.', '!', '?', '。', '！', '？':
				end := i + utf8.RuneLen(r)
				sentence(t[start:end])
				start = end
			}
		}
		sentence(t[start:])
		emit()
	}
}

// Analyse returns the languages of texts, most used first. Languages
// expected accepts get the benefit of the doubt against close neighbours
// (expected may be nil).
func Analyse(texts []string, expected func(string) bool) []Usage {
	counts := map[string]int{}
	total := 0
	// A segment too short to detect (a greeting, a name) joins the next.
	var pending string
	segments(texts, func(seg string) {
		if pending != "" {
			seg, pending = pending+" "+seg, ""
		}
		l, n := detect(seg, expected)
		if l == "" {
			if n < minLetters {
				pending = seg
			}
			return
		}
		counts[l] += n
		total += n
	})
	if pending != "" {
		if l, n := detect(pending, expected); l != "" {
			counts[l] += n
			total += n
		}
	}
	out := make([]Usage, 0, len(counts))
	for l, n := range counts {
		out = append(out, Usage{Language: l, Letters: n, Share: float64(n) / float64(total)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Letters != out[j].Letters {
			return out[i].Letters > out[j].Letters
		}
		return out[i].Language < out[j].Language
	})
	return out
}

// homeCountry is the country a language points to: Korean to South Korea,
// Chinese to China.
func homeCountry(lang string) country.Code {
	r, conf := language.Make(lang).Region()
	if conf == language.No {
		return ""
	}
	return country.Code(r.String())
}

// Match compares the languages of p.Texts with the claimed countries' and
// the declared ones.
func Match(p *profile.Profile) matchers.Findings {
	var out matchers.Findings
	if len(p.Texts) == 0 {
		return out
	}
	expected := []string{"en"}
	add := func(ls ...string) {
		for _, l := range ls {
			if l != "" && !slices.Contains(expected, l) {
				expected = append(expected, l)
			}
		}
	}
	add(country.Languages(p.Nationality)...)
	add(country.Languages(p.Residence)...)
	add(p.Languages...)
	used := Analyse(p.Texts, func(l string) bool { return slices.Contains(expected, l) })
	out.SetSignal("language", Signal{Languages: used, Expected: expected})
	for _, u := range used {
		if u.Share < minShare || slices.Contains(expected, u.Language) {
			continue
		}
		c := homeCountry(u.Language)
		name := u.Language
		if tag, err := language.Parse(u.Language); err == nil {
			name = displayName(tag)
		}
		out.Add(matchers.Finding{Code: matchers.LanguageMismatch, Severity: matchers.Medium, Source: matchers.SourceLanguage, Country: c,
			Message: fmt.Sprintf("%.0f%% of the person's own text is in %s, which is not a language of %s nor declared",
				100*u.Share, name, claims(p)),
			Evidence: map[string]any{"language": u.Language, "share": round2(u.Share), "expected": expected}})
	}
	return out
}

func claims(p *profile.Profile) string {
	switch {
	case p.Nationality != "" && p.Residence != "" && p.Nationality != p.Residence:
		return "the claimed nationality (" + country.Name(p.Nationality) + ") or residence (" + country.Name(p.Residence) + ")"
	case p.Home() != "":
		return country.Name(p.Home())
	}
	return "the profile"
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }
