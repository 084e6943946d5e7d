package address

import (
	"slices"
	"testing"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

func TestLocate(t *testing.T) {
	tests := []struct {
		addr string
		want country.Code
		how  string
	}{
		{"2-11-3 Meguro, Meguro-ku, Tokyo 153-0063, Japan", "JP", "named"},
		{"〒153-0063 東京都目黒区目黒2-11-3", "JP", "city"},
		{"서울특별시 강남구 테헤란로 152", "KR", "city"},
		{"辽宁省丹东市振兴区六纬路12号", "CN", "city"},
		{"中国辽宁省沈阳市和平区", "CN", "named"},
		{"ul. Marszałkowska 10/12, 00-590 Warszawa", "PL", "city"},
		{"ul. Długa 5, 80-831", "PL", "postal_code"},
		{"221B Baker Street, London NW1 6XE, United Kingdom", "GB", "named"},
		{"10 Downing St, SW1A 2AA", "GB", "postal_code"},
		{"1600 Amphitheatre Pkwy, Mountain View, CA 94043-1351", "US", "postal_code"},
		{"123 Peachtree St, Atlanta, Georgia 30303", "US", "city"}, // Georgia the state, not the country
		{"12 Rustaveli Ave, Tbilisi, Georgia", "GE", "named"},
		{"Hauptstraße 5, 10117 Berlin, DE", "DE", "named"},
		{"вул. Хрещатик 22, Київ, 01001", "UA", "city"},
		{"ул. Светланская 10, Владивосток", "RU", "city"},
		{"평양시 중구역", "KP", "city"},
		{"Somewhere 12", "", ""},
	}
	for _, tt := range tests {
		sig := Locate(tt.addr)
		if sig.Country != tt.want || sig.How != tt.how {
			t.Errorf("Locate(%q) = %q by %q, want %q by %q (%+v)", tt.addr, sig.Country, sig.How, tt.want, tt.how, sig)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name      string
		addr      string
		residence country.Code
		want      []matchers.Code
		severity  matchers.Severity // of the first finding
	}{
		{"Tokyo address for Japan", "2-11-3 Meguro, Meguro-ku, Tokyo 153-0063, Japan", "JP", nil, 0},
		{"German address for a Japanese living in Germany", "Hauptstraße 5, 10117 Berlin, Germany", "DE", nil, 0},
		{"Chinese address named, claims Japan", "88 Renmin Rd, Dalian, China", "JP", []matchers.Code{matchers.AddressCountryMismatch}, matchers.High},
		{"Dandong, claims Japan", "辽宁省丹东市振兴区六纬路12号", "JP",
			[]matchers.Code{matchers.AddressBorderHub, matchers.AddressCountryMismatch}, matchers.High}, // Han script is Japan's too
		{"Korean script for Japan", "서울특별시 강남구 테헤란로 152", "JP",
			[]matchers.Code{matchers.AddressCountryMismatch, matchers.AddressScriptMismatch}, matchers.Medium},
		{"Vladivostok for Ukraine", "ул. Светланская 10, Владивосток", "UA",
			[]matchers.Code{matchers.AddressBorderHub, matchers.AddressCountryMismatch}, matchers.High},
		{"unresolved address, no finding", "Somewhere 12", "JP", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Match(&profile.Profile{AccountID: "a", Address: tt.addr, Residence: tt.residence})
			if got := f.Codes(); !slices.Equal(got, tt.want) {
				t.Fatalf("codes %v, want %v\n%v", got, tt.want, f.List)
			}
			if len(f.List) > 0 && f.List[0].Severity != tt.severity {
				t.Errorf("severity %v, want %v", f.List[0].Severity, tt.severity)
			}
		})
	}
}

func TestBorderHubIsNamedInEnglish(t *testing.T) {
	f := Match(&profile.Profile{AccountID: "a", Address: "辽宁省丹东市振兴区六纬路12号"})
	if len(f.List) != 1 || f.List[0].Country != "CN" ||
		f.List[0].Message != "the address is in Dandong, China, a known base of North Korean IT workers abroad" {
		t.Fatalf("%v", f.List)
	}
}
