package language

import "unicode"

// script is the writing system of one letter.
type script uint8

const (
	noScript script = iota // not a letter (or one of no script below)
	latin
	cyrillic
	hangul
	kana // hiragana or katakana
	han
	arabic
	devanagari
	hebrew
	ethiopic
	otherLetter
)

// scriptOf classifies r, with plain range checks for the blocks profiles
// are written in: unicode.Is searches a table for every call, and for a
// text in Cyrillic or Korean that was most of the matcher's time.
func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return latin
		}
		return noScript
	case r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7, r >= 0x1E00 && r <= 0x1EFF:
		return latin
	case r >= 0x400 && r <= 0x481, r >= 0x48A && r <= 0x52F:
		return cyrillic
	case r >= 0xAC00 && r <= 0xD7A3, r >= 0x1100 && r <= 0x11FF, r >= 0x3131 && r <= 0x318E:
		return hangul
	case r >= 0x3041 && r <= 0x3096, r >= 0x309D && r <= 0x309F, r >= 0x30A1 && r <= 0x30FA, r >= 0x30FD && r <= 0x30FF:
		return kana
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF:
		return han
	}
	switch {
	case unicode.Is(unicode.Latin, r):
		return latin
	case unicode.Is(unicode.Cyrillic, r):
		return cyrillic
	case unicode.Is(unicode.Hangul, r):
		return hangul
	case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
		return kana
	case unicode.Is(unicode.Han, r):
		return han
	case unicode.Is(unicode.Arabic, r):
		return arabic
	case unicode.Is(unicode.Devanagari, r):
		return devanagari
	case unicode.Is(unicode.Hebrew, r):
		return hebrew
	case unicode.Is(unicode.Ethiopic, r):
		return ethiopic
	case unicode.IsLetter(r):
		return otherLetter
	}
	return noScript
}
