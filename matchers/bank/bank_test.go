package bank

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/idcheck/idcheck/country"
	"github.com/idcheck/idcheck/matchers"
	"github.com/idcheck/idcheck/profile"
)

// The IBAN registry's own examples.
var registryExamples = []string{
	"DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606", "NL91ABNA0417164300",
	"BE68539007547034", "LT121000011101001000", "IE29AIBK93115212345678", "ES9121000418450200051332",
	"CH9300762011623852957", "PL61109010140000071219812874", "UA213223130000026007233566001",
	"AT611904300234573201", "IT60X0542811101000000123456", "NO9386011117947", "SE4550000000058398257466",
	"TR330006100519786457841326", "FI2112345600000785", "DK5000400440116243", "PT50000201231234567890154",
}

func TestValidateIBANAcceptsRegistryExamples(t *testing.T) {
	for _, iban := range registryExamples {
		c, err := ValidateIBAN(iban)
		if err != nil || string(c) != iban[:2] {
			t.Errorf("%s: %v %v", iban, c, err)
		}
	}
}

func TestValidateIBANRejects(t *testing.T) {
	tests := []struct {
		iban string
		want error
	}{
		{"DE89370400440532013001", ErrIBANChecksum},  // last digit changed
		{"DE98370400440532013000", ErrIBANChecksum},  // check digits swapped
		{"DE8937040044053201300", ErrIBANLength},     // one short
		{"GB82WEST1234569876543X", ErrIBANFormat},    // letter in the account number
		{"CN1234567890123456789012", ErrIBANCountry}, // China issues no IBANs
		{"US12345678901234567890", ErrIBANCountry},
	}
	for _, tt := range tests {
		if _, err := ValidateIBAN(tt.iban); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.iban, err, tt.want)
		}
	}
	for _, bad := range []string{"", "DE", "QQ89370400440532013000", "DEXX370400440532013000"} {
		if _, err := ValidateIBAN(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestEveryRegistryFormatIsWellFormed(t *testing.T) {
	for c, f := range bbanFormats {
		n, err := bbanLength(f)
		if err != nil || n < 10 || n > 30 {
			t.Errorf("%s %q: %d %v", c, f, n, err)
		}
		if _, ok := country.Lookup(c); !ok {
			t.Errorf("%s is no country", c)
		}
	}
}

// iban builds a valid IBAN from a country and BBAN.
func iban(c, bban string) string {
	return fmt.Sprintf("%s%02d%s", c, 98-mod97(bban+c+"00"), bban)
}

func TestValidateBIC(t *testing.T) {
	for bic, want := range map[string]country.Code{"DEUTDEFF": "DE", "deutdeff500": "DE", "REVOLT21": "LT", "BKCHCNBJ": "CN"} {
		if c, err := ValidateBIC(bic); err != nil || c != want {
			t.Errorf("%s: %v %v", bic, c, err)
		}
	}
	for _, bad := range []string{"DEUTDEF", "DEUTQQFF", "DEUT-EFF", "DEUTDEFF5"} {
		if _, err := ValidateBIC(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestMatch(t *testing.T) {
	revolutLT := iban("LT", "3250012345678901")
	n26 := iban("DE", "100110012620190000")
	tests := []struct {
		name      string
		residence country.Code
		payouts   []profile.Payout
		want      []matchers.Code
	}{
		{"domestic German account", "DE", []profile.Payout{{Type: "bank", IBAN: "DE89 3704 0044 0532 0130 00", BIC: "COBADEFFXXX"}}, nil},
		{"Spanish resident with Revolut Lithuania", "ES", []profile.Payout{{Type: "bank", IBAN: revolutLT, BIC: "REVOLT21"}}, nil},
		{"French resident with N26", "FR", []profile.Payout{{Type: "bank", IBAN: n26}}, nil},
		{"French resident with a Dutch high-street bank", "FR", []profile.Payout{{Type: "bank", IBAN: "NL91ABNA0417164300"}},
			[]matchers.Code{matchers.BankCountryMismatch}},
		{"Japanese resident with Revolut Lithuania", "JP", []profile.Payout{{Type: "bank", IBAN: revolutLT}},
			[]matchers.Code{matchers.BankCountryMismatch}},
		{"Chinese bank for Japan", "JP", []profile.Payout{{Type: "bank", BIC: "BKCHCNBJ", Account: "6217000000000000", Country: "CN"}},
			[]matchers.Code{matchers.PayoutToChina}},
		{"Chinese bank for China", "CN", []profile.Payout{{Type: "bank", BIC: "BKCHCNBJ", Country: "CN"}}, nil},
		{"broken IBAN", "DE", []profile.Payout{{Type: "bank", IBAN: "DE89370400440532013001"}}, []matchers.Code{matchers.IBANInvalid}},
		{"IBAN and BIC disagree", "DE", []profile.Payout{{Type: "bank", IBAN: "DE89370400440532013000", BIC: "BNPAFRPP"}},
			[]matchers.Code{matchers.BankIBANBICMismatch}},
		{"declared Japan, IBAN German", "JP", []profile.Payout{{Type: "bank", IBAN: "DE89370400440532013000", Country: "Japan"}},
			[]matchers.Code{matchers.BankDeclaredCountryMismatch, matchers.BankCountryMismatch}},
		{"USDT payouts", "US", []profile.Payout{{Type: "crypto", Asset: "usdt", Address: "TXyz"}}, []matchers.Code{matchers.PayoutCrypto}},
		{"Payoneer wallet in China for Korea", "KR", []profile.Payout{{Type: "wallet", Provider: "payoneer", Country: "CN"}},
			[]matchers.Code{matchers.PayoutToChina}},
		{"Payoneer wallet in the US for Poland", "PL", []profile.Payout{{Type: "wallet", Provider: "payoneer", Country: "US"}},
			[]matchers.Code{matchers.WalletCountryMismatch}},
		{"Payoneer wallet at home", "PL", []profile.Payout{{Type: "wallet", Provider: "payoneer", Country: "PL"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &profile.Profile{AccountID: "a", Residence: tt.residence, Payouts: tt.payouts}
			for i := range p.Payouts {
				if c := p.Payouts[i].Country; c != "" {
					p.Payouts[i].Code, _ = country.Parse(c)
				}
			}
			f := Match(p)
			if got := f.Codes(); !slices.Equal(got, tt.want) {
				t.Errorf("codes %v, want %v\n%v", got, tt.want, f.List)
			}
		})
	}
}

func TestSEPAMismatchIsLow(t *testing.T) {
	p := &profile.Profile{AccountID: "a", Residence: "FR", Payouts: []profile.Payout{{Type: "bank", IBAN: "NL91ABNA0417164300"}}}
	f := Match(p)
	if len(f.List) != 1 || f.List[0].Severity != matchers.Low || f.List[0].Country != "NL" {
		t.Fatalf("%v", f.List)
	}
	p.Residence = "JP"
	if f := Match(p); len(f.List) != 1 || f.List[0].Severity != matchers.Medium {
		t.Fatalf("%v", f.List)
	}
}
