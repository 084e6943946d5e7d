package document

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/ocr/mrz"
	"github.com/idcheck/idcheck/ocr/synth"
	"github.com/idcheck/idcheck/profile"
)

var now = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

func passport(state, surname string, given []string, expiry time.Time) []string {
	return issued(state, state, surname, given, expiry)
}

func issued(issuer, nationality, surname string, given []string, expiry time.Time) []string {
	return synth.Identity{Format: mrz.TD3, DocumentCode: "P<", IssuingState: issuer, Nationality: nationality,
		Surname: surname, GivenNames: given, DocumentNumber: "TR1234567", Sex: 'M',
		Birth: time.Date(1994, 3, 2, 0, 0, 0, 0, time.UTC), Expiry: expiry}.Lines()
}

func TestMatch(t *testing.T) {
	future := time.Date(2031, 5, 1, 0, 0, 0, 0, time.UTC)
	jp := passport("JPN", "SATO", []string{"HARUTO"}, future)
	tampered := slices.Clone(jp)
	tampered[1] = strings.Replace(tampered[1], "TR1234567", "TR1234568", 1)
	tests := []struct {
		name        string
		nationality string
		fullName    string
		lines       []string
		want        []matchers.Code
	}{
		{"matching Japanese passport", "JP", "Haruto Sato", jp, nil},
		{"name order and case do not matter", "Japan", "SATO haruto", jp, nil},
		{"Chinese passport, claims Japan", "JP", "Haruto Sato", passport("CHN", "SATO", []string{"HARUTO"}, future),
			[]matchers.Code{matchers.DocumentNationalityMismatch}},
		{"someone else's passport", "JP", "Kenji Yamamoto", jp, []matchers.Code{matchers.DocumentNameMismatch}},
		{"German umlaut spelt AE", "DE", "Jürgen Müller", passport("D<<", "MUELLER", []string{"JUERGEN"}, future), nil},
		{"name in Japanese script is not compared", "JP", "佐藤 陽翔", jp, nil},
		{"expired", "JP", "Haruto Sato", passport("JPN", "SATO", []string{"HARUTO"}, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)),
			[]matchers.Code{matchers.DocumentExpired}},
		{"edited document number", "JP", "Haruto Sato", tampered, []matchers.Code{matchers.DocumentCheckFailed}},
		{"North Korean passport", "KR", "Kim Jiho", passport("PRK", "KIM", []string{"JIHO"}, future),
			[]matchers.Code{matchers.DocumentNationalityMismatch}},
		{"not a zone", "JP", "Haruto Sato", []string{"HELLO", "WORLD"}, []matchers.Code{matchers.DocumentUnreadable}},
		{"Japanese passport issued by China", "JP", "Haruto Sato", issued("CHN", "JPN", "SATO", []string{"HARUTO"}, future),
			[]matchers.Code{matchers.DocumentIssuerMismatch}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, _ := mrz.ParseAt(tt.lines, now)
			p := &profile.Profile{AccountID: "a", FullName: tt.fullName, ClaimedNationality: tt.nationality,
				Document: &profile.Document{MRZ: tt.lines, Zone: doc}}
			p.Nationality, _ = country.Parse(tt.nationality)
			f := Match(p)
			if got := f.Codes(); !slices.Equal(got, tt.want) {
				t.Errorf("codes %v, want %v\n%v", got, tt.want, f.List)
			}
		})
	}
}

func TestNorthKoreanDocumentIsPlaced(t *testing.T) {
	lines := passport("PRK", "KIM", []string{"JIHO"}, time.Date(2031, 5, 1, 0, 0, 0, 0, time.UTC))
	doc, _ := mrz.ParseAt(lines, now)
	f := Match(&profile.Profile{AccountID: "a", Document: &profile.Document{MRZ: lines, Zone: doc}})
	if len(f.Places) != 1 || f.Places[0].Country != "KP" {
		t.Fatalf("places %v", f.Places)
	}
}
