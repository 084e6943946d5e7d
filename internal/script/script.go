// Package script tells which writing system a letter belongs to, for the
// scripts identity profiles are written in. Of answers the common blocks
// with plain range checks: unicode.Is searches a table on every call, and
// for texts in Cyrillic or Korean that cost most of a matcher's time.
package script

import "unicode"

// Script is a writing system.
type Script uint8

// The scripts Of tells apart.
const (
	None       Script = iota // not a letter (nor a sign of the scripts below)
	Latin                    //
	Cyrillic                 //
	Greek                    //
	Hangul                   //
	Kana                     // hiragana or katakana
	Han                      // Chinese characters, also in Japanese and Korean
	Arabic                   //
	Hebrew                   //
	Devanagari               //
	Thai                     //
	Lao                      //
	Ethiopic                 //
	Other                    // a letter of any other script
	numScripts
)

// Count is the number of Script values, for arrays indexed by Script.
const Count = int(numScripts)

var names = [numScripts]string{"", "latin", "cyrillic", "greek", "hangul", "kana", "han", "arabic", "hebrew",
	"devanagari", "thai", "lao", "ethiopic", "other"}

// String names the script in lower case ("latin", "hangul"); None is "".
func (s Script) String() string {
	if s >= numScripts {
		return ""
	}
	return names[s]
}

// tables are the Unicode script tables of the scripts after the fast
// paths, searched in this order.
var tables = []struct {
	s     Script
	table *unicode.RangeTable
}{
	{Latin, unicode.Latin}, {Cyrillic, unicode.Cyrillic}, {Greek, unicode.Greek}, {Hangul, unicode.Hangul},
	{Kana, unicode.Hiragana}, {Kana, unicode.Katakana}, {Han, unicode.Han}, {Arabic, unicode.Arabic},
	{Hebrew, unicode.Hebrew}, {Devanagari, unicode.Devanagari}, {Thai, unicode.Thai}, {Lao, unicode.Lao},
	{Ethiopic, unicode.Ethiopic},
}

// Of returns the script of r. Signs of a script that are not letters
// (Devanagari's vowel signs, Arabic-Indic digits) count as the script's;
// punctuation, digits and symbols shared by all scripts are None.
func Of(r rune) Script {
	switch {
	case r < 0x80:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return Latin
		}
		return None
	case r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7, r >= 0x1E00 && r <= 0x1EFF:
		return Latin
	case r >= 0x400 && r <= 0x481, r >= 0x48A && r <= 0x52F:
		return Cyrillic
	case r >= 0xAC00 && r <= 0xD7A3, r >= 0x1100 && r <= 0x11FF, r >= 0x3131 && r <= 0x318E:
		return Hangul
	case r >= 0x3041 && r <= 0x3096, r >= 0x309D && r <= 0x309F, r >= 0x30A1 && r <= 0x30FA, r >= 0x30FD && r <= 0x30FF:
		return Kana
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF:
		return Han
	}
	for _, t := range tables {
		if unicode.Is(t.table, r) {
			return t.s
		}
	}
	if unicode.IsLetter(r) {
		return Other
	}
	return None
}
