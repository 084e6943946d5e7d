// Package phone checks a profile's phone number (github.com/nyaruka/phonenumbers):
// whether it is valid, where it is registered, and what kind of line it is.
package phone

import (
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

// Signal is what the matcher found out about the number.
type Signal struct {
	E164          string       `json:"e164,omitempty"`
	CallingCode   int          `json:"calling_code,omitempty"`
	Region        country.Code `json:"region,omitempty"`
	Type          string       `json:"type,omitempty"`
	Valid         bool         `json:"valid"`
	NonGeographic bool         `json:"non_geographic,omitempty"`
}

var typeNames = map[phonenumbers.PhoneNumberType]string{
	phonenumbers.FIXED_LINE: "fixed_line", phonenumbers.MOBILE: "mobile",
	phonenumbers.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile", phonenumbers.TOLL_FREE: "toll_free",
	phonenumbers.PREMIUM_RATE: "premium_rate", phonenumbers.SHARED_COST: "shared_cost",
	phonenumbers.VOIP: "voip", phonenumbers.PERSONAL_NUMBER: "personal_number", phonenumbers.PAGER: "pager",
	phonenumbers.UAN: "uan", phonenumbers.VOICEMAIL: "voicemail", phonenumbers.UNKNOWN: "unknown",
}

// Match checks p.Phone. A number without a country code is read as a
// number of the claimed residence.
func Match(p *profile.Profile) matchers.Findings {
	var out matchers.Findings
	raw := strings.TrimSpace(p.Phone)
	if raw == "" {
		return out
	}
	home := p.Home()
	num, err := parse(raw, string(home))
	if err != nil {
		out.Add(matchers.Finding{Code: matchers.PhoneInvalid, Severity: matchers.Medium, Source: matchers.SourcePhone,
			Message:  fmt.Sprintf("phone number %q cannot be read as a phone number", raw),
			Evidence: map[string]any{"phone": raw, "error": err.Error()}})
		out.SetSignal("phone", Signal{})
		return out
	}
	sig := Signal{CallingCode: int(num.GetCountryCode())}
	sig.E164 = phonenumbers.Format(num, phonenumbers.E164)
	// A number is valid exactly when it has a region and a type there
	// (libphonenumber's isValidNumber is the same two steps).
	region, typ := classify(num)
	if region != "" && typ != phonenumbers.UNKNOWN {
		sig.Valid, sig.Type = true, typeNames[typ]
	}
	if region == "" {
		// Invalid numbers have no region of their own; their calling code
		// still tells the country (+850 is North Korea).
		region = phonenumbers.GetRegionCodeForCountryCode(sig.CallingCode)
	}
	switch region {
	case "001":
		sig.NonGeographic = true
	case "ZZ", "":
	default:
		sig.Region = country.Code(region)
	}
	out.SetSignal("phone", sig)
	out.Place(matchers.SourcePhone, sig.Region, "phone number "+sig.E164)

	ev := func() map[string]any {
		m := map[string]any{"phone": sig.E164}
		if sig.Region != "" {
			m["phone_region"] = sig.Region
		}
		if home != "" {
			m["claimed_residence"] = home
		}
		if sig.Type != "" {
			m["line_type"] = sig.Type
		}
		return m
	}
	if !sig.Valid {
		out.Add(matchers.Finding{Code: matchers.PhoneInvalid, Severity: matchers.Medium, Source: matchers.SourcePhone,
			Message:  fmt.Sprintf("phone number %s is not a valid number (+%d)", sig.E164, sig.CallingCode),
			Evidence: ev()})
	}
	switch {
	case sig.NonGeographic || sig.Type == "personal_number" || sig.Type == "premium_rate" ||
		sig.Type == "toll_free" || sig.Type == "shared_cost" || sig.Type == "uan":
		kind := strings.ReplaceAll(sig.Type, "_", " ")
		if sig.NonGeographic {
			kind = "global non-geographic"
		}
		out.Add(matchers.Finding{Code: matchers.PhoneNonGeographic, Severity: matchers.Medium, Source: matchers.SourcePhone,
			Message:  fmt.Sprintf("phone number %s is a %s number, which places no one anywhere", sig.E164, kind),
			Evidence: ev()})
	case sig.Type == "voip":
		out.Add(matchers.Finding{Code: matchers.PhoneVoIP, Severity: matchers.Medium, Source: matchers.SourcePhone,
			Message:  fmt.Sprintf("phone number %s is a VoIP number, which anyone can rent anywhere", sig.E164),
			Evidence: ev()})
	}
	if sig.Region != "" && home != "" && sig.Region != home {
		out.Add(matchers.Finding{Code: matchers.PhoneCountryMismatch, Severity: matchers.Medium, Source: matchers.SourcePhone,
			Country: sig.Region,
			Message: fmt.Sprintf("phone number is registered in %s (+%d), account claims to live in %s",
				matchers.Describe(sig.Region), sig.CallingCode, matchers.Describe(home)),
			Evidence: ev()})
	}
	return out
}
