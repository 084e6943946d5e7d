package sanctions

import (
	"testing"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

func TestMatch(t *testing.T) {
	places := []matchers.Place{
		{Source: matchers.SourcePhone, Country: "KP", What: "phone number +85023812345"},
		{Source: matchers.SourceNetwork, Country: "KP", What: "login from 175.45.176.9"},
		{Source: matchers.SourceBank, Country: "CN", What: "bank payout"},
	}
	f := Matcher{}.Match(&profile.Profile{AccountID: "a", Residence: "KR"}, places)
	if len(f.List) != 1 {
		t.Fatalf("%v", f.List)
	}
	fd := f.List[0]
	if fd.Code != matchers.SanctionedJurisdiction || fd.Severity != matchers.Critical || fd.Country != "KP" ||
		fd.Message != "contact with North Korea (KP), a comprehensively sanctioned jurisdiction: phone number +85023812345; login from 175.45.176.9" {
		t.Errorf("%+v", fd)
	}
	if got := fd.Evidence["sources"].([]string); len(got) != 2 {
		t.Errorf("sources %v", got)
	}
}

func TestClaimsCount(t *testing.T) {
	f := Matcher{}.Match(&profile.Profile{AccountID: "a", Nationality: "IR", Residence: "DE"}, nil)
	if len(f.List) != 1 || f.List[0].Country != "IR" {
		t.Fatalf("%v", f.List)
	}
}

func TestConfigurableList(t *testing.T) {
	places := []matchers.Place{{Source: matchers.SourcePhone, Country: "SY", What: "phone"}, {Source: matchers.SourcePhone, Country: "CU", What: "phone"}}
	if f := (Matcher{}).Match(&profile.Profile{AccountID: "a"}, places); len(f.List) != 1 || f.List[0].Country != "CU" {
		t.Errorf("default: %v", f.List)
	}
	if f := (Matcher{Jurisdictions: []country.Code{"SY"}}).Match(&profile.Profile{AccountID: "a"}, places); len(f.List) != 1 || f.List[0].Country != "SY" {
		t.Errorf("custom: %v", f.List)
	}
	if f := (Matcher{}).Match(&profile.Profile{AccountID: "a", Residence: "JP"}, nil); len(f.List) != 0 {
		t.Errorf("clean: %v", f.List)
	}
}
