package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idcheck/idcheck/internal/geoiptest"
)

func writeTemp(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

type checkLine struct {
	AccountID string `json:"account_id"`
	Score     int    `json:"score"`
	Verdict   string `json:"verdict"`
	Findings  []struct {
		Code string `json:"code"`
	} `json:"findings"`
	Line  int    `json:"line"`
	Error string `json:"error"`
}

func decodeLines(t *testing.T, out string) []checkLine {
	t.Helper()
	var res []checkLine
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var c checkLine
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatalf("output line %q: %v", l, err)
		}
		res = append(res, c)
	}
	return res
}

const (
	spoofed = `{"account_id":"acc-1","claimed_nationality":"JP","claimed_residence":"Japan","phone":"+86 139 1234 5678","address":"辽宁省丹东市振兴区六纬路12号","timezone":"Asia/Shanghai"}`
	local   = `{"account_id":"acc-2","claimed_nationality":"JPN","claimed_residence":"DE","phone":"+49 1512 3456789","address":"Hauptstraße 5, 10117 Berlin, Germany"}`
)

// check prints one result per profile in input order; a malformed line
// gets an error naming its line and does not stop the run; exit 1 then.
func TestCheckJSONLines(t *testing.T) {
	in := writeTemp(t, "p.jsonl", spoofed+"\n\n"+`{"account_id":"bad","claimed_residence":"Atlantis"}`+"\nnot json\n"+local+"\n")
	code, stdout, stderr := runCLI(t, "check", "-input", in)
	if code != 1 || !strings.Contains(stderr, "2 of 4 profiles could not be checked") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	got := decodeLines(t, stdout)
	if len(got) != 4 {
		t.Fatalf("%d lines:\n%s", len(got), stdout)
	}
	if got[0].AccountID != "acc-1" || got[0].Verdict != "reject" || got[0].Score != 100 {
		t.Errorf("first: %+v", got[0])
	}
	if got[1].AccountID != "bad" || got[1].Line != 3 || !strings.Contains(got[1].Error, `claimed_residence "Atlantis"`) {
		t.Errorf("second: %+v", got[1])
	}
	if got[2].Line != 4 || !strings.Contains(got[2].Error, "malformed JSON") {
		t.Errorf("third: %+v", got[2])
	}
	if got[3].AccountID != "acc-2" || got[3].Verdict != "pass" || len(got[3].Findings) != 0 {
		t.Errorf("fourth: %+v", got[3])
	}
}

func TestCheckJSONArrayAndPolicy(t *testing.T) {
	in := writeTemp(t, "p.json", "  ["+local+",\n"+`{"account_id":"acc-3","claimed_residence":"JP","phone":"+86 139 1234 5678"}`+"]")
	code, stdout, stderr := runCLI(t, "check", "-input", in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := decodeLines(t, stdout)
	if len(got) != 2 || got[1].Verdict != "pass" || got[1].Score != 15 {
		t.Fatalf("%s", stdout)
	}
	// A policy that weighs a foreign phone more sends the second to review.
	pol := writeTemp(t, "policy.yaml", "weights:\n  PHONE_COUNTRY_MISMATCH: 40\n")
	_, stdout, _ = runCLI(t, "check", "-input", in, "-policy", pol)
	if got := decodeLines(t, stdout); got[1].Verdict != "review" || got[1].Score != 40 {
		t.Errorf("with policy: %s", stdout)
	}
}

func TestCheckGeoIP(t *testing.T) {
	db := geoiptest.Write(t, map[string]string{"198.51.100.0/24": "CN"})
	var logins []string
	for i := 0; i < 4; i++ {
		logins = append(logins, `{"ip":"198.51.100.7","at":"2026-10-0`+string(rune('1'+i))+`T03:00:00Z"}`)
	}
	in := writeTemp(t, "p.jsonl", `{"account_id":"acc-4","claimed_residence":"JP","logins":[`+strings.Join(logins, ",")+`]}`+"\n")
	_, stdout, _ := runCLI(t, "check", "-input", in)
	if strings.Contains(stdout, "LOGIN_COUNTRY_MISMATCH") {
		t.Errorf("without a database the logins have no country: %s", stdout)
	}
	code, stdout, stderr := runCLI(t, "check", "-input", in, "-geoip", db)
	if code != 0 || !strings.Contains(stdout, "LOGIN_COUNTRY_MISMATCH") {
		t.Errorf("exit %d %s %s", code, stdout, stderr)
	}
}

func TestCheckErrors(t *testing.T) {
	in := writeTemp(t, "p.jsonl", local+"\n")
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"check", "-input", in, "-date", "soon"}, 2, `-date "soon" is not YYYY-MM-DD`},
		{[]string{"check", "-input", in, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"check", "-input", filepath.Join(t.TempDir(), "none.jsonl")}, 1, "no such file"},
		{[]string{"check", "-input", in, "-policy", filepath.Join(t.TempDir(), "none.yaml")}, 1, "policy"},
		{[]string{"check", "-input", in, "-policy", writeTemp(t, "bad.yaml", "weights: {NOPE: 1}")}, 1, `unknown reason code "NOPE"`},
		{[]string{"check", "-input", in, "-geoip", in}, 1, "geoip"},
		{[]string{"check", "-input", writeTemp(t, "broken.json", "["+local+", {")}, 1, "read input"},
	}
	for _, tc := range tests {
		code, _, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("idcheck %q: exit %d, stderr %q; want exit %d and %q", tc.args[1:], code, stderr, tc.code, tc.msg)
		}
	}
}

func TestEvalCheck(t *testing.T) {
	misses := filepath.Join(t.TempDir(), "misses.jsonl")
	code, stdout, stderr := runCLI(t, "eval-check", "-corpus", filepath.Join("..", "..", "testdata", "profiles", "corpus.jsonl"), "-misses", misses)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"| label | cases | pass | review | reject |", "| sanctioned | 10 | 0 | 0 | 10 | 0 | 100.0% |", "| tampered | 10 | 0 | 0 | 10 | 0 | 100.0% |"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if _, err := os.Stat(misses); err != nil {
		t.Error(err)
	}
}
