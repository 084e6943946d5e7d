// Package bank checks where an account is paid: IBANs (ISO 13616 mod-97
// and each country's length and format), BICs, the declared country, and
// the payout methods spoofed identities favour — bank accounts and wallets
// in China, virtual currency — against the claimed residence.
package bank

import (
	"fmt"
	"strings"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

// PayoutSignal is what the matcher found out about one payout.
type PayoutSignal struct {
	Type      string       `json:"type"`
	Country   country.Code `json:"country,omitempty"` // where the money goes, best known
	IBANValid *bool        `json:"iban_valid,omitempty"`
	Neobank   string       `json:"neobank,omitempty"`
	Asset     string       `json:"asset,omitempty"`
	Provider  string       `json:"provider,omitempty"`
}

// sepa is the EU and EEA with Switzerland and the United Kingdom: within it
// people routinely bank across borders.
var sepa = setOf("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
	"LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH", "GB",
	"MC", "SM", "AD", "VA")

func setOf(cs ...country.Code) map[country.Code]bool {
	m := make(map[country.Code]bool, len(cs))
	for _, c := range cs {
		m[c] = true
	}
	return m
}

// neobanks are EU and UK online banks that open accounts for residents of
// every SEPA country, so that their IBAN's country says nothing about where
// the customer lives. They are known by the institution part of their BIC,
// or by the bank code inside their IBANs.
var neobanks = []struct {
	name       string
	bicPrefix  string // first four characters of the BIC
	ibanPrefix string // country and bank code, check digits left out: "LT" + "32500"
}{
	{"Revolut", "REVO", "LT32500"}, {"Revolut", "REVO", "IEREVO"}, {"Revolut", "REVO", "GBREVO"},
	{"Wise", "TRWI", "BE967"}, {"Wise", "TRWI", "GBTRWI"}, {"N26", "NTSB", "DE10011001"},
	{"Paysera", "EVIU", "LT35000"}, {"bunq", "BUNQ", "NLBUNQ"},
}

func neobank(iban, bic string) string {
	for _, n := range neobanks {
		if bic != "" && strings.HasPrefix(bic, n.bicPrefix) {
			return n.name
		}
		if len(iban) > 4 && strings.HasPrefix(iban[:2]+iban[4:], n.ibanPrefix) {
			return n.name
		}
	}
	return ""
}

// Match checks every payout of p.
func Match(p *profile.Profile) matchers.Findings {
	var out matchers.Findings
	home := p.Home()
	var sigs []PayoutSignal
	for i, po := range p.Payouts {
		var sig PayoutSignal
		switch po.Type {
		case profile.PayoutBank:
			sig = matchBank(&out, i, po, home)
		case profile.PayoutCrypto:
			sig = PayoutSignal{Type: po.Type, Asset: strings.ToUpper(po.Asset), Country: po.Code}
			asset := sig.Asset
			if asset == "" {
				asset = "virtual currency"
			}
			out.Add(matchers.Finding{Code: matchers.PayoutCrypto, Severity: matchers.Medium, Source: matchers.SourceBank,
				Message:  fmt.Sprintf("paid in %s to a wallet that places the money nowhere", asset),
				Evidence: map[string]any{"payout": i, "asset": sig.Asset, "address": po.Address}})
		case profile.PayoutWallet:
			sig = PayoutSignal{Type: po.Type, Provider: po.Provider, Country: po.Code}
			provider := po.Provider
			if provider == "" {
				provider = "payment-service"
			}
			if po.Code != "" && home != "" && po.Code != home {
				ev := map[string]any{"payout": i, "provider": po.Provider, "wallet_country": po.Code, "claimed_residence": home}
				if po.Code == "CN" {
					out.Add(matchers.Finding{Code: matchers.PayoutToChina, Severity: matchers.High, Source: matchers.SourceBank, Country: "CN",
						Message:  fmt.Sprintf("%s wallet registered in China, account claims to live in %s", provider, matchers.Describe(home)),
						Evidence: ev})
				} else {
					out.Add(matchers.Finding{Code: matchers.WalletCountryMismatch, Severity: matchers.Medium, Source: matchers.SourceBank, Country: po.Code,
						Message: fmt.Sprintf("%s wallet registered in %s, account claims to live in %s",
							provider, matchers.Describe(po.Code), matchers.Describe(home)),
						Evidence: ev})
				}
			}
		}
		out.Place(matchers.SourceBank, sig.Country, fmt.Sprintf("%s payout", po.Type))
		sigs = append(sigs, sig)
	}
	if sigs != nil {
		out.SetSignal("bank", sigs)
	}
	return out
}

func matchBank(out *matchers.Findings, i int, po profile.Payout, home country.Code) PayoutSignal {
	sig := PayoutSignal{Type: po.Type}
	iban, bic := NormalizeIBAN(po.IBAN), NormalizeIBAN(po.BIC)
	var ibanCountry, bicCountry country.Code
	if iban != "" {
		c, err := ValidateIBAN(iban)
		ok := err == nil
		sig.IBANValid = &ok
		ibanCountry = c
		if err != nil {
			out.Add(matchers.Finding{Code: matchers.IBANInvalid, Severity: matchers.High, Source: matchers.SourceBank,
				Message:  "payout IBAN is not valid: " + strings.TrimPrefix(err.Error(), fmt.Sprintf("iban %q: ", iban)),
				Evidence: map[string]any{"payout": i, "iban": iban}})
		}
	}
	if bic != "" {
		c, err := ValidateBIC(bic)
		if err != nil {
			out.Add(matchers.Finding{Code: matchers.BICInvalid, Severity: matchers.Medium, Source: matchers.SourceBank,
				Message:  "payout BIC is not valid: " + strings.TrimPrefix(err.Error(), fmt.Sprintf("bic %q: ", bic)),
				Evidence: map[string]any{"payout": i, "bic": bic}})
		}
		bicCountry = c
	}
	if ibanCountry != "" && bicCountry != "" && ibanCountry != bicCountry {
		out.Add(matchers.Finding{Code: matchers.BankIBANBICMismatch, Severity: matchers.Medium, Source: matchers.SourceBank,
			Message: fmt.Sprintf("payout IBAN is from %s but its BIC from %s",
				matchers.Describe(ibanCountry), matchers.Describe(bicCountry)),
			Evidence: map[string]any{"payout": i, "iban_country": ibanCountry, "bic_country": bicCountry}})
	}
	// Where the money goes: the IBAN says it best, then the BIC, then what
	// was declared.
	sig.Country = firstOf(ibanCountry, bicCountry, po.Code)
	if po.Code != "" && sig.Country != po.Code {
		out.Add(matchers.Finding{Code: matchers.BankDeclaredCountryMismatch, Severity: matchers.Medium, Source: matchers.SourceBank,
			Country: sig.Country,
			Message: fmt.Sprintf("payout account is declared in %s but its bank details are from %s",
				matchers.Describe(po.Code), matchers.Describe(sig.Country)),
			Evidence: map[string]any{"payout": i, "declared_country": po.Code, "bank_country": sig.Country}})
	}
	sig.Neobank = neobank(iban, bic)
	if sig.Country == "" || home == "" || sig.Country == home {
		return sig
	}
	ev := map[string]any{"payout": i, "bank_country": sig.Country, "claimed_residence": home}
	if sig.Neobank != "" {
		ev["neobank"] = sig.Neobank
	}
	switch {
	case sig.Country == "CN":
		out.Add(matchers.Finding{Code: matchers.PayoutToChina, Severity: matchers.High, Source: matchers.SourceBank, Country: "CN",
			Message:  fmt.Sprintf("paid to a bank account in China, account claims to live in %s", matchers.Describe(home)),
			Evidence: ev})
	case sepa[home] && sepa[sig.Country] && sig.Neobank != "":
		// A Lithuanian Revolut IBAN for a resident of Spain is ordinary.
	case sepa[home] && sepa[sig.Country]:
		out.Add(matchers.Finding{Code: matchers.BankCountryMismatch, Severity: matchers.Low, Source: matchers.SourceBank, Country: sig.Country,
			Message: fmt.Sprintf("paid to a bank in %s, account claims to live in %s (both in the SEPA area)",
				matchers.Describe(sig.Country), matchers.Describe(home)),
			Evidence: ev})
	default:
		out.Add(matchers.Finding{Code: matchers.BankCountryMismatch, Severity: matchers.Medium, Source: matchers.SourceBank, Country: sig.Country,
			Message: fmt.Sprintf("paid to a bank in %s, account claims to live in %s",
				matchers.Describe(sig.Country), matchers.Describe(home)),
			Evidence: ev})
	}
	return sig
}

func firstOf(cs ...country.Code) country.Code {
	for _, c := range cs {
		if c != "" {
			return c
		}
	}
	return ""
}
