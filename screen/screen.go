// Package screen checks one profile end to end: it runs every matcher
// (phone, e-mail, address, language, bank, document, network and time,
// sanctions) and lets the policy turn their findings into a score and a
// verdict. It is what `idcheck check` and the service call.
package screen

import (
	"encoding/json"
	"time"

	"github.com/idcheck/idcheck/geoip"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/matchers/address"
	"github.com/idcheck/idcheck/matchers/bank"
	"github.com/idcheck/idcheck/matchers/document"
	"github.com/idcheck/idcheck/matchers/email"
	"github.com/idcheck/idcheck/matchers/language"
	"github.com/idcheck/idcheck/matchers/network"
	"github.com/idcheck/idcheck/matchers/phone"
	"github.com/idcheck/idcheck/matchers/sanctions"
	"github.com/idcheck/idcheck/policy"
	"github.com/idcheck/idcheck/profile"
)

// Screener checks profiles. It is safe for concurrent use.
type Screener struct {
	policy  *policy.Policy
	network network.Matcher
	now     func() time.Time
}

// New returns a Screener with pol (policy.Default when nil), geo for login
// countries (may be nil) and now for document expiry (time.Now when nil).
func New(pol *policy.Policy, geo *geoip.DB, now func() time.Time) *Screener {
	if pol == nil {
		pol = policy.Default()
	}
	if now == nil {
		now = time.Now
	}
	return &Screener{policy: pol, network: network.Matcher{GeoIP: geo}, now: now}
}

// Result is the outcome for one profile, in the shape the command and the
// service print.
type Result struct {
	AccountID string             `json:"account_id"`
	Score     int                `json:"score"`
	Verdict   string             `json:"verdict"`
	Findings  []matchers.Finding `json:"findings"`
	Signals   map[string]any     `json:"signals"`
	// Error says why the input could not be checked; the other fields are
	// then empty and left out.
	Error string `json:"-"`
	// Line is where in a file of profiles the failed one was (1-based),
	// printed with the error when set.
	Line int `json:"-"`
}

// MarshalJSON prints a failed check as {"account_id": ..., "error": ...}.
func (r Result) MarshalJSON() ([]byte, error) {
	if r.Error != "" {
		return json.Marshal(struct {
			AccountID string `json:"account_id,omitempty"`
			Line      int    `json:"line,omitempty"`
			Error     string `json:"error"`
		}{r.AccountID, r.Line, r.Error})
	}
	type plain Result
	return json.Marshal(plain(r))
}

// Check runs every matcher on p and decides.
func (s *Screener) Check(p *profile.Profile) Result {
	parts := []matchers.Findings{
		phone.Match(p), email.Match(p), address.Match(p), language.Match(p),
		bank.Match(p), document.Match(p), s.network.Match(p),
	}
	var places []matchers.Place
	for _, f := range parts {
		places = append(places, f.Places...)
	}
	parts = append(parts, sanctions.Matcher{Jurisdictions: s.policy.Sanctioned}.Match(p, places))

	res := Result{AccountID: p.AccountID, Signals: make(map[string]any, len(parts)), Findings: []matchers.Finding{}}
	var all []matchers.Finding
	for _, f := range parts {
		all = append(all, f.List...)
		if f.SignalKey != "" {
			res.Signals[f.SignalKey] = f.Signal
		}
	}
	d := s.policy.Decide(all, p.Nationality)
	res.Score, res.Verdict = d.Score, d.Verdict
	if d.Findings != nil {
		res.Findings = d.Findings
	}
	return res
}

// CheckJSON parses one profile and checks it; input that is no valid
// profile gives a Result with Error set (and the account ID, when it could
// be read).
func (s *Screener) CheckJSON(data []byte) Result {
	p, err := profile.Parse(data, s.now())
	if err != nil {
		var id struct {
			AccountID string `json:"account_id"`
		}
		_ = json.Unmarshal(data, &id) // best effort, for the error line
		return Result{AccountID: id.AccountID, Error: err.Error()}
	}
	return s.Check(p)
}
