//go:generate go run ./internal/genprofiles

package language

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// displayName is the English name of a language ("Korean").
func displayName(tag language.Tag) string {
	if n := display.English.Languages().Name(tag); n != "" {
		return n
	}
	return tag.String()
}
