package screen

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var now = func() time.Time { return time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC) }

func TestCheckJSON(t *testing.T) {
	s := New(nil, nil, now)
	r := s.CheckJSON([]byte(`{"account_id":"acc-1042","full_name":"Haruto Sato","claimed_nationality":"JP","claimed_residence":"Japan",
		"phone":"+850 2 381 2345","address":"2-11-3 Meguro, Meguro-ku, Tokyo 153-0063, Japan","texts":["はじめまして。東京在住のエンジニアです。"]}`))
	if r.Error != "" || r.Verdict != "reject" || r.Score != 100 {
		t.Fatalf("%+v", r)
	}
	if r.Findings[0].Code != "SANCTIONED_JURISDICTION" {
		t.Errorf("most severe first: %v", r.Findings)
	}
	for _, k := range []string{"phone", "address", "language"} {
		if _, ok := r.Signals[k]; !ok {
			t.Errorf("no %s signal: %v", k, r.Signals)
		}
	}
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"account_id":"acc-1042"`, `"verdict":"reject"`, `"severity":"critical"`, `"signals":{`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("JSON lacks %s: %s", want, out)
		}
	}
}

func TestEmptyProfilePasses(t *testing.T) {
	r := New(nil, nil, now).CheckJSON([]byte(`{"account_id":"a"}`))
	out, _ := json.Marshal(r)
	if string(out) != `{"account_id":"a","score":0,"verdict":"pass","findings":[],"signals":{}}` {
		t.Errorf("%s", out)
	}
}

func TestErrorsNameTheProblem(t *testing.T) {
	s := New(nil, nil, now)
	for in, want := range map[string]string{
		`{"claimed_residence":"JP"}`:                       "account_id is required",
		`{"account_id":"x","phone":5}`:                     `field "phone": want string, got number`,
		`{"account_id":"x","phnoe":"+81"}`:                 `unknown field "phnoe"`,
		`{"account_id":"x","logins":[{"ip":"999.1.1.1"}]}`: `logins[0].ip "999.1.1.1" is not an IP address`,
		`{"account_id":"x","payouts":[{"type":"cash"}]}`:   `payouts[0].type "cash": want bank, crypto or wallet`,
		`{"account_id":"x","document":{"photo":"a.jpg"}}`:  `want "mrz": [lines]`,
		`{"account_id":"x","logins":[{"at":"yesterday"}]}`: "yesterday",
	} {
		r := s.CheckJSON([]byte(in))
		if !strings.Contains(r.Error, want) {
			t.Errorf("%s: error %q, want %q", in, r.Error, want)
		}
		out, _ := json.Marshal(r)
		if !strings.Contains(string(out), `"error":`) || strings.Contains(string(out), `"verdict"`) {
			t.Errorf("%s", out)
		}
	}
}

func TestReaderOutputIsAcceptedAsDocument(t *testing.T) {
	line := `{"file":"p.jpg","mrz":{"format":"TD3","lines":["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<","L898902C36UTO7408122F1204159ZE184226B<<<<<10"],"valid":true},"timing_ms":12}`
	r := New(nil, nil, now).CheckJSON([]byte(`{"account_id":"x","full_name":"Anna Eriksson","document":` + line + `}`))
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	var codes []string
	for _, f := range r.Findings {
		codes = append(codes, string(f.Code))
	}
	// The specimen expired in 2012; its name matches.
	if strings.Join(codes, ",") != "DOCUMENT_EXPIRED" {
		t.Errorf("%v", codes)
	}
}
