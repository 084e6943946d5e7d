package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
)

func finding(code matchers.Code, sev matchers.Severity, src matchers.Source, c country.Code) matchers.Finding {
	return matchers.Finding{Code: code, Severity: sev, Source: src, Country: c}
}

var (
	phoneCN   = finding(matchers.PhoneCountryMismatch, matchers.Medium, matchers.SourcePhone, "CN")
	bankCN    = finding(matchers.BankCountryMismatch, matchers.Medium, matchers.SourceBank, "CN")
	loginCN   = finding(matchers.LoginCountryMismatch, matchers.Medium, matchers.SourceNetwork, "CN")
	tzCN      = finding(matchers.TimezoneMismatch, matchers.Medium, matchers.SourceTime, "CN")
	phoneJP   = finding(matchers.PhoneCountryMismatch, matchers.Medium, matchers.SourcePhone, "JP")
	bankJP    = finding(matchers.BankCountryMismatch, matchers.Medium, matchers.SourceBank, "JP")
	travel    = finding(matchers.LoginCountryMismatch, matchers.Low, matchers.SourceNetwork, "TH")
	sanction  = finding(matchers.SanctionedJurisdiction, matchers.Critical, matchers.SourcePhone, "KP")
	docBroken = finding(matchers.DocumentCheckFailed, matchers.Critical, matchers.SourceDocument, "")
)

func TestDecide(t *testing.T) {
	tests := []struct {
		name        string
		findings    []matchers.Finding
		nationality country.Code
		score       int
		verdict     string
		added       int // CORROBORATED_MISMATCH findings added
	}{
		{"nothing found", nil, "JP", 0, Pass, 0},
		{"a traveller", []matchers.Finding{travel}, "JP", 5, Pass, 0},
		{"one mismatch", []matchers.Finding{phoneCN}, "JP", 15, Pass, 0},
		{"two sources agree", []matchers.Finding{phoneCN, bankCN}, "JP", 60, Review, 1},
		{"login and time zone are one source", []matchers.Finding{loginCN, tzCN}, "JP", 30, Review, 0},
		{"three sources agree", []matchers.Finding{phoneCN, bankCN, loginCN}, "JP", 100, Reject, 1},
		{"expatriate keeping home phone and bank", []matchers.Finding{phoneJP, bankJP}, "JP", 15, Pass, 0},
		{"sanctioned jurisdiction", []matchers.Finding{sanction}, "KR", 100, Reject, 0},
		{"broken document", []matchers.Finding{docBroken}, "JP", 100, Reject, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Default().Decide(tt.findings, tt.nationality)
			if d.Score != tt.score || d.Verdict != tt.verdict {
				t.Errorf("score %d %s, want %d %s", d.Score, d.Verdict, tt.score, tt.verdict)
			}
			added := 0
			for _, f := range d.Findings {
				if f.Code == matchers.CorroboratedMismatch {
					added++
				}
			}
			if added != tt.added || len(d.Findings) != len(tt.findings)+tt.added {
				t.Errorf("findings %v", d.Findings)
			}
			for i := 1; i < len(d.Findings); i++ {
				if d.Findings[i].Severity > d.Findings[i-1].Severity {
					t.Errorf("not most severe first: %v", d.Findings)
				}
			}
		})
	}
}

func TestCorroborationOfThreeIsCritical(t *testing.T) {
	d := Default().Decide([]matchers.Finding{phoneCN, bankCN, loginCN}, "JP")
	if d.Findings[0].Code != matchers.CorroboratedMismatch || d.Findings[0].Severity != matchers.Critical ||
		!strings.Contains(d.Findings[0].Message, "3 independent sources point to China (CN): [bank network phone]") {
		t.Errorf("%v", d.Findings[0])
	}
}

func TestParse(t *testing.T) {
	p, err := Parse([]byte(`
thresholds: {review: 10, reject: 50}
weights: {PHONE_COUNTRY_MISMATCH: 12}
severity_weights: {low: 1}
sanctioned: [KP, SY]
`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Thresholds.Review != 10 || p.Weights[matchers.PhoneCountryMismatch] != 12 || p.SeverityWeights["low"] != 1 ||
		p.SeverityWeights["high"] != 35 || len(p.Sanctioned) != 2 || len(p.AlwaysReject) != 2 {
		t.Errorf("%+v", p)
	}
	if d := p.Decide([]matchers.Finding{phoneCN}, "JP"); d.Score != 12 || d.Verdict != Review {
		t.Errorf("%+v", d)
	}
	if p, err := Parse(nil); err != nil || p.Thresholds.Reject != 70 {
		t.Errorf("empty policy: %v %v", p, err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{
		"thresholds: {review: 80, reject: 50}",
		"weights: {NO_SUCH_CODE: 3}",
		"weights: {PHONE_VOIP: -1}",
		"severity_weights: {fatal: 3}",
		"always_reject: [BOGUS]",
		"sanctioned: [XX]",
		"nationality_factor: 2",
		"unknown_field: 1",
		"thresholds: [1, 2]",
	} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.yaml")
	if err := os.WriteFile(path, []byte("thresholds: {review: 20, reject: 60}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := Load(path); err != nil || p.Thresholds.Reject != 60 {
		t.Errorf("%v %v", p, err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.yaml")); err == nil {
		t.Error("missing file accepted")
	}
}
