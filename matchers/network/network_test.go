package network

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"
	"time"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/geoip"
	"github.com/idcheck/idcheck/internal/geoiptest"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

var day = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

// logins makes n logins from country c, one a day at hour (UTC), from one
// address per country unless manyIPs.
func logins(c country.Code, n, hour int, ip string) []profile.Login {
	var out []profile.Login
	for i := 0; i < n; i++ {
		out = append(out, profile.Login{IP: ip, Addr: netip.MustParseAddr(ip), Code: c,
			At: day.Add(time.Duration(i)*24*time.Hour + time.Duration(hour)*time.Hour)})
	}
	return out
}

func TestLoginCountries(t *testing.T) {
	tests := []struct {
		name   string
		logins []profile.Login
		want   []matchers.Code
		sev    matchers.Severity
	}{
		{"all at home, in daytime", logins("JP", 10, 3, "203.0.113.1"), nil, 0}, // 12:00 in Tokyo
		{"a traveller: 2 of 10 abroad", append(logins("JP", 8, 3, "203.0.113.1"), logins("TH", 2, 5, "198.51.100.1")...),
			[]matchers.Code{matchers.LoginCountryMismatch}, matchers.Low},
		{"most logins from China", append(logins("JP", 2, 3, "203.0.113.1"), logins("CN", 8, 4, "198.51.100.1")...),
			[]matchers.Code{matchers.LoginCountryMismatch}, matchers.High},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Matcher{}.Match(&profile.Profile{AccountID: "a", Residence: "JP", Logins: tt.logins})
			if got := f.Codes(); !slices.Equal(got, tt.want) {
				t.Fatalf("codes %v, want %v\n%v", got, tt.want, f.List)
			}
			if len(f.List) > 0 && f.List[0].Severity != tt.sev {
				t.Errorf("severity %v, want %v", f.List[0].Severity, tt.sev)
			}
		})
	}
}

func TestGeoIPFillsMissingCountries(t *testing.T) {
	db, err := geoip.Open(geoiptest.Write(t, map[string]string{"198.51.100.0/24": "CN", "203.0.113.0/24": "JP"}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ls := logins("", 5, 3, "198.51.100.9")
	p := &profile.Profile{AccountID: "a", Residence: "JP", Logins: ls}
	if f := (Matcher{}).Match(p); len(f.List) != 0 {
		t.Fatalf("without a database nothing is known: %v", f.List)
	}
	f := Matcher{GeoIP: db}.Match(p)
	if len(f.List) != 1 || f.List[0].Code != matchers.LoginCountryMismatch || f.List[0].Country != "CN" {
		t.Fatalf("%v", f.List)
	}
	if p.Logins[0].Code != "" {
		t.Error("the profile was changed")
	}
}

func TestNorthKoreanAddressIsKnownWithoutADatabase(t *testing.T) {
	f := Matcher{}.Match(&profile.Profile{AccountID: "a", Residence: "KR", Logins: logins("", 1, 3, "175.45.178.20")})
	if len(f.Places) != 1 || f.Places[0].Country != "KP" {
		t.Fatalf("places %v", f.Places)
	}
}

func TestBursts(t *testing.T) {
	var ls []profile.Login
	for i, c := range []country.Code{"JP", "CN", "RU", "JP"} {
		ls = append(ls, profile.Login{Code: c, At: day.Add(time.Duration(i) * 3 * time.Hour)})
	}
	for i := 0; i < 9; i++ {
		ip := fmt.Sprintf("203.0.113.%d", i+1)
		ls = append(ls, profile.Login{IP: ip, Addr: netip.MustParseAddr(ip), Code: "JP", At: day.Add(48*time.Hour + time.Duration(i)*time.Hour)})
	}
	f := Matcher{}.Match(&profile.Profile{AccountID: "a", Logins: ls})
	if got := f.Codes(); !slices.Equal(got, []matchers.Code{matchers.LoginManyCountries, matchers.LoginManyIPs}) {
		t.Fatalf("%v", f.List)
	}
}

func TestTimezone(t *testing.T) {
	tests := []struct {
		tz   string
		want []matchers.Code
		sev  matchers.Severity
	}{
		{"Asia/Tokyo", nil, 0},
		{"Asia/Shanghai", []matchers.Code{matchers.TimezoneMismatch}, matchers.Medium}, // UTC+8 against +9
		{"Asia/Seoul", []matchers.Code{matchers.TimezoneMismatch}, matchers.Low},       // same offset as Tokyo
		{"Mars/Olympus", nil, 0},
	}
	for _, tt := range tests {
		f := Matcher{}.Match(&profile.Profile{AccountID: "a", Residence: "JP", Timezone: tt.tz})
		if got := f.Codes(); !slices.Equal(got, tt.want) || len(f.List) > 0 && f.List[0].Severity != tt.sev {
			t.Errorf("%s: %v", tt.tz, f.List)
		}
	}
}

func TestActivityHours(t *testing.T) {
	// Logins at 01:00-03:00 UTC are 10:00-12:00 in Tokyo, fine for Japan;
	// for a claimed US resident they are evening or night on every coast.
	ls := append(logins("", 5, 1, "203.0.113.1"), logins("", 5, 3, "203.0.113.1")...)
	if f := (Matcher{}).Match(&profile.Profile{AccountID: "a", Residence: "JP", Logins: ls}); len(f.List) != 0 {
		t.Errorf("JP: %v", f.List)
	}
	// 08:00-10:00 UTC is 01:00-03:00 in Los Angeles and 04:00-06:00 in New
	// York, and 16:00-18:00 in Shanghai.
	ls = append(logins("", 5, 8, "203.0.113.1"), logins("", 5, 10, "203.0.113.1")...)
	f := Matcher{}.Match(&profile.Profile{AccountID: "a", Residence: "US", Logins: ls})
	if got := f.Codes(); !slices.Equal(got, []matchers.Code{matchers.ActivityHoursMismatch}) {
		t.Fatalf("US: %v %+v", f.List, f.Signal)
	}
}
