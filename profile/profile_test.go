package profile

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

func TestParseNormalizes(t *testing.T) {
	p, err := Parse([]byte(`{"account_id":" acc-1 ","claimed_nationality":"日本","claimed_residence":"deu",
		"languages":[" JA ","en"],"payouts":[{"type":"Bank","country":"Japan"}],
		"logins":[{"ip":"::ffff:203.0.113.9","at":"2026-10-01T01:00:00Z","country":"cn"}]}`), now)
	if err != nil {
		t.Fatal(err)
	}
	if p.AccountID != "acc-1" || p.Nationality != "JP" || p.Residence != "DE" || p.Home() != "DE" {
		t.Errorf("%+v", p)
	}
	if p.Languages[0] != "ja" || p.Payouts[0].Type != PayoutBank || p.Payouts[0].Code != "JP" {
		t.Errorf("languages %v payouts %+v", p.Languages, p.Payouts)
	}
	if l := p.Logins[0]; l.Addr.String() != "203.0.113.9" || l.Code != "CN" || l.At.Hour() != 1 {
		t.Errorf("login %+v", l)
	}
	if q, _ := Parse([]byte(`{"account_id":"a","claimed_nationality":"KR"}`), now); q.Home() != "KR" {
		t.Errorf("home without residence: %q", q.Home())
	}
}

func TestDocumentForms(t *testing.T) {
	lines := `["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<","L898902C36UTO7408122F1204159ZE184226B<<<<<10"]`
	for name, doc := range map[string]string{
		"lines":         `{"mrz":` + lines + `}`,
		"read output":   `{"file":"a.jpg","mrz":{"format":"TD3","lines":` + lines + `,"valid":true},"timing_ms":5}`,
		"reader's zone": `{"format":"TD3","lines":` + lines + `}`,
	} {
		p, err := Parse([]byte(`{"account_id":"a","document":`+doc+`}`), now)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if p.Document.Zone == nil || p.Document.Zone.Surname != "ERIKSSON" || !p.Document.Zone.Valid {
			t.Errorf("%s: %+v", name, p.Document.Zone)
		}
	}
	// A zone that fits no format is kept for the document matcher to report.
	p, err := Parse([]byte(`{"account_id":"a","document":{"mrz":["HELLO"]}}`), now)
	if err != nil || p.Document.Zone != nil || len(p.Document.MRZ) != 1 {
		t.Errorf("%v %+v", err, p)
	}
}

func TestParseErrors(t *testing.T) {
	for in, want := range map[string]string{
		`{}`: "account_id is required",
		`{"account_id":"a","claimed_residence":"Mordor"}`:               `claimed_residence "Mordor" is not a country`,
		`{"account_id":"a","phone":1}`:                                  `field "phone"`,
		`{"account_id":"a","fone":"1"}`:                                 `unknown field "fone"`,
		`{"account_id":"a"} {"account_id":"b"}`:                         "more than one JSON value",
		`[{"account_id":"a"}]`:                                          "want",
		`{"account_id":"a","logins":[{"ip":"x"}]}`:                      `logins[0].ip "x" is not an IP address`,
		`{"account_id":"a","logins":[{"country":"Narnia"}]}`:            `logins[0].country "Narnia"`,
		`{"account_id":"a","payouts":[{"type":"gold"}]}`:                `payouts[0].type "gold"`,
		`{"account_id":"a","payouts":[{"type":"bank","country":"Oz"}]}`: `payouts[0].country "Oz"`,
		`{"account_id":"a","document":{}}`:                              `want "mrz"`,
		`{"account_id":"a",`:                                            "",
	} {
		_, err := Parse([]byte(in), now)
		if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", in, err, want)
		}
	}
}
