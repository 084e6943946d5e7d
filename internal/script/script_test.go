package script

import (
	"testing"
	"unicode"
)

func TestOf(t *testing.T) {
	for _, c := range []struct {
		r    rune
		want Script
	}{
		{'a', Latin}, {'Z', Latin}, {'é', Latin}, {'ơ', Latin}, {'ạ', Latin}, {'ß', Latin},
		{'1', None}, {' ', None}, {'×', None}, {'÷', None}, {'-', None}, {'。', None},
		{'д', Cyrillic}, {'Ї', Cyrillic}, {'ω', Greek}, {'한', Hangul}, {'ㄱ', Hangul},
		{'ひ', Kana}, {'カ', Kana}, {'ー', Other}, // the long-vowel mark belongs to no one script, {'東', Han}, {'㐀', Han}, {'〆', Other},
		{'ع', Arabic}, {'٣', Arabic}, {'ש', Hebrew}, {'क', Devanagari}, {'ा', Devanagari},
		{'ก', Thai}, {'ກ', Lao}, {'አ', Ethiopic}, {'ა', Other}, {'Ա', Other},
	} {
		if got := Of(c.r); got != c.want {
			t.Errorf("Of(%q) = %v, want %v", c.r, got, c.want)
		}
	}
}

// TestFastPathsAgreeWithTables holds the range checks to Unicode's script
// tables over the whole Basic Multilingual Plane.
func TestFastPathsAgreeWithTables(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		want := None
		for _, tb := range tables {
			if unicode.Is(tb.table, r) {
				want = tb.s
				break
			}
		}
		if want == None && unicode.IsLetter(r) {
			want = Other
		}
		if got := Of(r); got != want {
			t.Fatalf("Of(%U) = %v, tables say %v", r, got, want)
		}
	}
}

func TestString(t *testing.T) {
	if Hangul.String() != "hangul" || None.String() != "" || Script(200).String() != "" {
		t.Errorf("names: %q %q %q", Hangul, None, Script(200))
	}
	for s := Script(1); s < numScripts; s++ {
		if s.String() == "" {
			t.Errorf("script %d has no name", s)
		}
	}
}
