package email

import (
	"testing"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/profile"
)

func TestLocate(t *testing.T) {
	for addr, want := range map[string]country.Code{"h.sato@example.jp": "JP", "wang@qq.com": "CN", "kim@naver.com": "KR",
		"a@mail.yahoo.co.jp": "JP", "a@gmail.com": "", "a@startup.io": "", "a@firm.co.uk": "GB", "a@star-co.net.kp": "KP",
		"a@example.ru": "RU"} {
		if got := Locate(addr).Country; got != want {
			t.Errorf("Locate(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		email, nationality, residence string
		findings                      int
	}{
		{"h.sato@example.jp", "JP", "JP", 0},
		{"h.sato@example.jp", "JP", "DE", 0}, // a Japanese abroad keeps the address from home
		{"wang@qq.com", "JP", "JP", 1},
		{"x@gmail.com", "JP", "JP", 0},
		{"not an address", "JP", "JP", 0},
	}
	for _, tt := range tests {
		p := &profile.Profile{AccountID: "a", Email: tt.email, Nationality: country.Code(tt.nationality), Residence: country.Code(tt.residence)}
		if f := Match(p); len(f.List) != tt.findings {
			t.Errorf("%s (%s/%s): %v", tt.email, tt.nationality, tt.residence, f.List)
		}
	}
}
