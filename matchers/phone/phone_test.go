package phone

import (
	"slices"
	"testing"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		name      string
		phone     string
		residence country.Code
		want      []matchers.Code
		region    country.Code
		typ       string
	}{
		{"domestic Japanese mobile", "+81 90-3412-5567", "JP", nil, "JP", "mobile"},
		{"national format read in the residence", "090-3412-5567", "JP", nil, "JP", "mobile"},
		{"Chinese mobile, claims Japan", "+86 139 1234 5678", "JP", []matchers.Code{matchers.PhoneCountryMismatch}, "CN", "mobile"},
		{"German mobile, lives in Germany", "+49 1512 3456789", "DE", nil, "DE", "mobile"},
		{"North Korean number", "+850 2 381 2345", "KR", []matchers.Code{matchers.PhoneCountryMismatch}, "KP", "fixed_line"},
		{"UK VoIP (056)", "+44 56 1234 5678", "GB", []matchers.Code{matchers.PhoneVoIP}, "GB", "voip"},
		{"global +800 number", "+800 1234 5678", "US", []matchers.Code{matchers.PhoneNonGeographic}, "", "toll_free"},
		{"too short", "+81 90 12", "JP", []matchers.Code{matchers.PhoneInvalid}, "JP", ""},
		{"not a number", "call me", "JP", []matchers.Code{matchers.PhoneInvalid}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &profile.Profile{AccountID: "a", Phone: tt.phone, Residence: tt.residence}
			f := Match(p)
			if got := f.Codes(); !slices.Equal(got, tt.want) {
				t.Errorf("codes %v, want %v (%v)", got, tt.want, f.List)
			}
			sig, _ := f.Signal.(Signal)
			if sig.Region != tt.region || sig.Type != tt.typ {
				t.Errorf("signal %+v, want region %q type %q", sig, tt.region, tt.typ)
			}
			if tt.region != "" && (len(f.Places) != 1 || f.Places[0].Country != tt.region) {
				t.Errorf("places %v", f.Places)
			}
		})
	}
}

func TestMismatchPointsToTheOtherCountry(t *testing.T) {
	p := &profile.Profile{AccountID: "a", Phone: "+86 139 1234 5678", Nationality: "JP"} // no residence: nationality stands in
	f := Match(p)
	if len(f.List) != 1 || f.List[0].Country != "CN" || f.List[0].Evidence["claimed_residence"] != country.Code("JP") {
		t.Fatalf("%+v", f.List)
	}
	want := "phone number is registered in China (CN) (+86), account claims to live in Japan (JP)"
	if f.List[0].Message != want {
		t.Errorf("message %q\nwant    %q", f.List[0].Message, want)
	}
}

func TestNoPhoneNoFindings(t *testing.T) {
	if f := Match(&profile.Profile{AccountID: "a", Residence: "JP"}); len(f.List) != 0 || f.SignalKey != "" {
		t.Errorf("%+v", f)
	}
}
