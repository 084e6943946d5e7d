// Package document checks an identity document's machine-readable zone
// against the profile: check digits, expiry, the nationality it states
// against the claimed one, and the name on it against the account's name.
package document

import (
	"fmt"
	"slices"
	"strings"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

// Signal is what the matcher read from the document.
type Signal struct {
	Format       string       `json:"format,omitempty"`
	Nationality  country.Code `json:"nationality,omitempty"`
	IssuingState country.Code `json:"issuing_state,omitempty"`
	Valid        bool         `json:"valid"`
	Expired      bool         `json:"expired,omitempty"`
	NameMatches  *bool        `json:"name_matches,omitempty"` // nil when the names could not be compared
}

// Match checks p.Document (parsed by profile.Parse).
func Match(p *profile.Profile) matchers.Findings {
	var out matchers.Findings
	if p.Document == nil {
		return out
	}
	z := p.Document.Zone
	if z == nil {
		out.Add(matchers.Finding{Code: matchers.DocumentUnreadable, Severity: matchers.Medium, Source: matchers.SourceDocument,
			Message:  fmt.Sprintf("the document's zone (%d lines) fits no ICAO 9303 format", len(p.Document.MRZ)),
			Evidence: map[string]any{"mrz": p.Document.MRZ}})
		out.SetSignal("document", Signal{})
		return out
	}
	sig := Signal{Format: z.Format.String(), Valid: z.Valid && len(z.Problems) == 0, Expired: z.Expired}
	sig.Nationality, _ = country.FromICAO(z.Nationality)
	sig.IssuingState, _ = country.FromICAO(z.IssuingState)
	out.Place(matchers.SourceDocument, sig.Nationality, "document nationality "+z.Nationality)
	if sig.IssuingState != sig.Nationality {
		out.Place(matchers.SourceDocument, sig.IssuingState, "document issued by "+z.IssuingState)
	}

	if !sig.Valid {
		var failed []string
		for name, ok := range z.Checks {
			if !ok {
				failed = append(failed, name)
			}
		}
		slices.Sort(failed)
		what := slices.Concat(failed, z.Problems)
		out.Add(matchers.Finding{Code: matchers.DocumentCheckFailed, Severity: matchers.Critical, Source: matchers.SourceDocument,
			Message:  "the document's zone does not hold together: " + strings.Join(what, "; "),
			Evidence: map[string]any{"failed_checks": failed, "problems": z.Problems, "document_number": z.DocumentNumber}})
	}
	if z.Expired {
		out.Add(matchers.Finding{Code: matchers.DocumentExpired, Severity: matchers.Medium, Source: matchers.SourceDocument,
			Message:  "the document expired on " + z.ExpiryDate,
			Evidence: map[string]any{"expiry_date": z.ExpiryDate}})
	}
	if p.Nationality != "" && sig.Nationality != "" && sig.Nationality != p.Nationality {
		out.Add(matchers.Finding{Code: matchers.DocumentNationalityMismatch, Severity: matchers.High, Source: matchers.SourceDocument,
			Country: sig.Nationality,
			Message: fmt.Sprintf("the document is of a national of %s, account claims to be of %s",
				matchers.Describe(sig.Nationality), matchers.Describe(p.Nationality)),
			Evidence: map[string]any{"document_nationality": sig.Nationality, "claimed_nationality": p.Nationality}})
	}
	if is := sig.IssuingState; is != "" && is != sig.Nationality && is != p.Nationality && is != p.Residence {
		out.Add(matchers.Finding{Code: matchers.DocumentIssuerMismatch, Severity: matchers.Medium, Source: matchers.SourceDocument,
			Country: is,
			Message: fmt.Sprintf("the document was issued by %s, which is neither the holder's nationality nor a claimed country",
				matchers.Describe(is)),
			Evidence: map[string]any{"issuing_state": is, "document_nationality": sig.Nationality,
				"claimed_nationality": p.Nationality, "claimed_residence": p.Residence}})
	}
	if p.FullName != "" {
		if ok, comparable := namesMatch(p.FullName, z.Surname, z.GivenNames); comparable {
			sig.NameMatches = &ok
			if !ok {
				out.Add(matchers.Finding{Code: matchers.DocumentNameMismatch, Severity: matchers.High, Source: matchers.SourceDocument,
					Message: fmt.Sprintf("the document is in the name of %s %s, the account's name is %q",
						z.GivenNames, z.Surname, p.FullName),
					Evidence: map[string]any{"document_surname": z.Surname, "document_given_names": z.GivenNames, "full_name": p.FullName}})
			}
		}
	}
	out.SetSignal("document", sig)
	return out
}

// icaoLatin is ICAO 9303's transliteration of the Latin letters that
// machine-readable zones spell out (Ä as AE); zones may also drop the marks
// (Ä as A), which folding gives.
var icaoLatin = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "å", "aa", "æ", "ae",
	"ø", "oe", "þ", "th", "Ä", "AE", "Ö", "OE", "Ü", "UE", "Å", "AA", "Æ", "AE", "Ø", "OE", "Þ", "TH")

// namesMatch compares an account's name with the zone's. Names are
// comparable when the account's name is in Latin letters. They match when
// every surname word is in the name, and so is the first given name
// (the zone cuts long names short, so a word it ends with may be a prefix).
func namesMatch(full, surname, given string) (match, comparable bool) {
	variants := [][]string{words(icaoLatin.Replace(full)), words(full)}
	for _, w := range variants[1] {
		for _, r := range w {
			if r > 'z' || r < 'a' && (r < '0' || r > '9') {
				return false, false // another script: nothing to compare with
			}
		}
	}
	if len(variants[1]) == 0 {
		return false, false
	}
	sur, giv := words(surname), words(given)
	for _, v := range variants {
		if containsAll(v, sur) && (len(giv) == 0 || containsAll(v, giv[:1])) {
			return true, true
		}
	}
	return false, true
}

func words(s string) []string { return strings.Fields(country.Fold(s)) }

func containsAll(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if h == w || len(w) >= 3 && strings.HasPrefix(h, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
