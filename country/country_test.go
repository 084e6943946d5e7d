package country

import (
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Code
	}{
		{"JP", "JP"}, {"jpn", "JP"}, {"Japan", "JP"}, {"日本", "JP"}, {"  japan ", "JP"},
		{"South Korea", "KR"}, {"Korea", "KR"}, {"대한민국", "KR"}, {"한국", "KR"},
		{"North Korea", "KP"}, {"DPRK", "KP"}, {"조선민주주의인민공화국", "KP"}, {"PRK", "KP"},
		{"China", "CN"}, {"中国", "CN"}, {"People's Republic of China", "CN"},
		{"Ukraine", "UA"}, {"Україна", "UA"}, {"Россия", "RU"}, {"Deutschland", "DE"},
		{"The Netherlands", "NL"}, {"Côte d’Ivoire", "CI"}, {"cote d'ivoire", "CI"},
		{"United States", "US"}, {"U.S.A.", "US"}, {"UK", "GB"}, {"Great Britain", "GB"},
		{"Polska", "PL"}, {"Lithuania", "LT"}, {"Viet Nam", "VN"}, {"Kosovo", "XK"},
	}
	for _, tt := range tests {
		got, ok := Parse(tt.in)
		if !ok || got != tt.want {
			t.Errorf("Parse(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"", "XX", "Atlantis", "ZZZ", "EU", "123"} {
		if c, ok := Parse(bad); ok {
			t.Errorf("Parse(%q) = %q, want no country", bad, c)
		}
	}
}

func TestLookupAndLanguages(t *testing.T) {
	jp, ok := Lookup("JP")
	if !ok || jp.Alpha3 != "JPN" || jp.Name != "Japan" || !slices.Equal(jp.Languages, []string{"ja"}) {
		t.Errorf("JP: %+v %v", jp, ok)
	}
	if got := Languages("CH"); !slices.Equal(got, []string{"de", "fr", "it"}) {
		t.Errorf("CH languages %v", got)
	}
	if got := Languages("KP"); !slices.Equal(got, []string{"ko"}) {
		t.Errorf("KP languages %v", got)
	}
	if _, ok := Lookup("XX"); ok {
		t.Error("XX is no country")
	}
	// Every ISO country is there: about 250.
	n := 0
	Names(func(string, Code) bool { n++; return true })
	if m := len(load().info); m < 245 || m > 255 {
		t.Errorf("%d countries", m)
	}
	if Name("XX") != "XX" || Name("DE") != "Germany" {
		t.Errorf("Name: %q %q", Name("XX"), Name("DE"))
	}
}

func TestByTimeZone(t *testing.T) {
	for tz, want := range map[string]Code{"Asia/Tokyo": "JP", "Asia/Pyongyang": "KP", "Asia/Shanghai": "CN",
		"Europe/Kyiv": "UA", "Europe/Kiev": "UA", "America/New_York": "US", "Asia/Seoul": "KR", "Asia/Calcutta": "IN"} {
		if got, ok := ByTimeZone(tz); !ok || got != want {
			t.Errorf("ByTimeZone(%q) = %q, %v; want %q", tz, got, ok, want)
		}
	}
	for _, tz := range []string{"UTC", "Etc/GMT+9", "Mars/Olympus"} {
		if c, ok := ByTimeZone(tz); ok {
			t.Errorf("ByTimeZone(%q) = %q, want none", tz, c)
		}
	}
}

func TestFromICAO(t *testing.T) {
	for in, want := range map[string]Code{"JPN": "JP", "D<<": "DE", "D": "DE", "PRK": "KP", "GBD": "GB", "RKS": "XK", "UKR": "UA"} {
		if got, ok := FromICAO(in); !ok || got != want {
			t.Errorf("FromICAO(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"UTO", "XXA", "UNO", "", "JP"} {
		if c, ok := FromICAO(in); ok {
			t.Errorf("FromICAO(%q) = %q, want none", in, c)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"  Côte d’Ivoire ": "cote d ivoire", "The  Bahamas": "bahamas",
		"MEGURO-KU, Tokyo": "meguro ku tokyo", "東京都": "東京都", "Łódź": "łodz"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
