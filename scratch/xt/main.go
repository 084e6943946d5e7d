package main

import (
	"fmt"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

func main() {
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			if c, err := r.Canonicalize(), error(nil); c != r || err != nil {
				fmt.Println("noncanon", r, c)
			}
			fmt.Printf("%s %s %q | ", r, r.ISO3(), display.English.Regions().Name(r))
		}
	}
}
