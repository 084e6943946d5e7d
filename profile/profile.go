// Package profile holds what an account claims about itself and what it
// actually uses — phone, address, texts, payouts, logins, identity
// document — in the JSON shape the service and the command line both take,
// and turns it into checked, normalised values for the matchers.
package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/ocr/mrz"
)

// ErrInvalid is wrapped by every error Parse returns for input that is not
// a valid profile; the message names the field.
var ErrInvalid = errors.New("invalid profile")

// Profile is one account as submitted. Every field but AccountID is
// optional; the checks run on what is there.
type Profile struct {
	AccountID string `json:"account_id"`
	FullName  string `json:"full_name,omitempty"`
	// ClaimedNationality and ClaimedResidence are ISO 3166 alpha-2 or
	// alpha-3 codes or country names in English or the local language.
	ClaimedNationality string    `json:"claimed_nationality,omitempty"`
	ClaimedResidence   string    `json:"claimed_residence,omitempty"`
	Phone              string    `json:"phone,omitempty"`
	Email              string    `json:"email,omitempty"`
	Address            string    `json:"address,omitempty"`   // free text, any script
	Languages          []string  `json:"languages,omitempty"` // declared, ISO 639-1
	Texts              []string  `json:"texts,omitempty"`     // written by the person
	Payouts            []Payout  `json:"payouts,omitempty"`
	Logins             []Login   `json:"logins,omitempty"`
	Timezone           string    `json:"timezone,omitempty"` // IANA, as the browser reports it
	Document           *Document `json:"document,omitempty"`

	// Nationality and Residence are the claims as country codes, set by
	// Parse ("" when not claimed).
	Nationality country.Code `json:"-"`
	Residence   country.Code `json:"-"`
}

// Payout is one way the account is paid.
type Payout struct {
	Type     string       `json:"type"` // "bank", "crypto" or "wallet"
	IBAN     string       `json:"iban,omitempty"`
	BIC      string       `json:"bic,omitempty"`
	Account  string       `json:"account,omitempty"` // a non-IBAN account number
	Country  string       `json:"country,omitempty"` // as declared
	Asset    string       `json:"asset,omitempty"`   // crypto: "USDT", "BTC"...
	Address  string       `json:"address,omitempty"` // crypto: the wallet address
	Provider string       `json:"provider,omitempty"`
	Code     country.Code `json:"-"` // Country parsed, set by Parse
}

// Payout types.
const (
	PayoutBank   = "bank"
	PayoutCrypto = "crypto"
	PayoutWallet = "wallet"
)

// Login is one sign-in.
type Login struct {
	IP       string    `json:"ip,omitempty"`
	At       time.Time `json:"at"`
	Country  string    `json:"country,omitempty"`  // where the IP is, when the caller knows
	Timezone string    `json:"timezone,omitempty"` // the browser's IANA zone

	Addr netip.Addr   `json:"-"` // IP parsed, set by Parse
	Code country.Code `json:"-"` // Country parsed (or found from the IP), set by Parse or a geo database
}

// Document is an identity document: the lines of its machine-readable
// zone, as typed or as `idcheck read` printed them. Parse reads the lines
// again and recomputes every check digit rather than trusting the input.
type Document struct {
	MRZ []string `json:"mrz"`

	Zone *mrz.Document `json:"-"` // the lines parsed, set by Parse
}

// UnmarshalJSON accepts {"mrz": [lines]}, a line of `idcheck read` output
// ({"file": ..., "mrz": {"lines": [...], ...}}), or the reader's zone object
// itself ({"format": ..., "lines": [...]}).
func (d *Document) UnmarshalJSON(data []byte) error {
	var raw struct {
		MRZ   json.RawMessage `json:"mrz"`
		Lines []string        `json:"lines"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	switch {
	case len(raw.MRZ) > 0 && raw.MRZ[0] == '[':
		return json.Unmarshal(raw.MRZ, &d.MRZ)
	case len(raw.MRZ) > 0 && raw.MRZ[0] == '{':
		var zone struct {
			Lines []string `json:"lines"`
		}
		if err := json.Unmarshal(raw.MRZ, &zone); err != nil {
			return err
		}
		d.MRZ = zone.Lines
	case raw.Lines != nil:
		d.MRZ = raw.Lines
	}
	if len(d.MRZ) == 0 {
		return errors.New(`want "mrz": [lines] or the output of idcheck read`)
	}
	return nil
}

// Parse decodes one profile from JSON and checks it: an account ID must be
// there, claimed countries must name countries, IPs and payout types must
// be well formed. now dates the document's expiry and century inference.
// Unknown fields are an error, so that a misspelt field is not silently
// left unchecked.
func Parse(data []byte, now time.Time) (*Profile, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var p Profile
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrInvalid, jsonProblem(err))
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: more than one JSON value", ErrInvalid)
	}
	if err := p.normalize(now); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return &p, nil
}

// jsonProblem turns a decoding error into a message that names the field.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("field %q: want %s, got %s", te.Field, te.Type, te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("malformed JSON at byte %d: %v", se.Offset, err)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func (p *Profile) normalize(now time.Time) error {
	p.AccountID = strings.TrimSpace(p.AccountID)
	if p.AccountID == "" {
		return errors.New("account_id is required")
	}
	var err error
	if p.Nationality, err = claim("claimed_nationality", p.ClaimedNationality); err != nil {
		return err
	}
	if p.Residence, err = claim("claimed_residence", p.ClaimedResidence); err != nil {
		return err
	}
	for i, l := range p.Languages {
		p.Languages[i] = strings.ToLower(strings.TrimSpace(l))
	}
	for i := range p.Payouts {
		po := &p.Payouts[i]
		po.Type = strings.ToLower(strings.TrimSpace(po.Type))
		switch po.Type {
		case PayoutBank, PayoutCrypto, PayoutWallet:
		default:
			return fmt.Errorf("payouts[%d].type %q: want bank, crypto or wallet", i, po.Type)
		}
		if po.Code, err = claim(fmt.Sprintf("payouts[%d].country", i), po.Country); err != nil {
			return err
		}
	}
	for i := range p.Logins {
		l := &p.Logins[i]
		if l.IP != "" {
			if l.Addr, err = netip.ParseAddr(strings.TrimSpace(l.IP)); err != nil {
				return fmt.Errorf("logins[%d].ip %q is not an IP address", i, l.IP)
			}
			l.Addr = l.Addr.Unmap()
		}
		if l.Code, err = claim(fmt.Sprintf("logins[%d].country", i), l.Country); err != nil {
			return err
		}
	}
	if p.Document != nil {
		// A zone that does not parse is a finding of the document matcher,
		// not bad input: forged documents come with broken zones.
		p.Document.Zone, _ = mrz.ParseAt(p.Document.MRZ, now)
	}
	return nil
}

// claim parses an optional country field.
func claim(field, s string) (country.Code, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	c, ok := country.Parse(s)
	if !ok {
		return "", fmt.Errorf("%s %q is not a country this service knows (use an ISO 3166 code or an English name)", field, s)
	}
	return c, nil
}

// Home is the country the profile's infrastructure — phone, address, bank,
// network — should be in: the claimed residence, or the claimed nationality
// when no residence is claimed.
func (p *Profile) Home() country.Code {
	if p.Residence != "" {
		return p.Residence
	}
	return p.Nationality
}
