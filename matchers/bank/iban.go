package bank

import (
	"errors"
	"fmt"
	"strings"

	"github.com/idcheck/idcheck/country"
)

// bbanFormats is the SWIFT IBAN registry's structure of each country's
// basic bank account number, the part after the country code and the two
// check digits: runs of n digits, a capital letters, c letters or digits.
// The IBAN's length is 4 plus the BBAN's. Countries that issue no IBANs
// (China, the United States, Japan...) are not here.
var bbanFormats = map[country.Code]string{
	"AD": "4n4n12c", "AE": "3n16n", "AL": "8n16c", "AT": "5n11n", "AZ": "4a20c", "BA": "3n3n8n2n",
	"BE": "3n7n2n", "BG": "4a4n2n8c", "BH": "4a14c", "BR": "8n5n10n1a1c", "BY": "4c4n16c", "CH": "5n12c",
	"CR": "4n14n", "CY": "3n5n16c", "CZ": "4n6n10n", "DE": "8n10n", "DK": "4n9n1n", "DO": "4c20n",
	"EE": "2n2n11n1n", "EG": "4n4n17n", "ES": "4n4n1n1n10n", "FI": "3n11n", "FO": "4n9n1n",
	"FR": "5n5n11c2n", "GB": "4a6n8n", "GE": "2a16n", "GI": "4a15c", "GL": "4n9n1n", "GR": "3n4n16c",
	"GT": "4c20c", "HR": "7n10n", "HU": "3n4n1n15n1n", "IE": "4a6n8n", "IL": "3n3n13n", "IQ": "4a3n12n",
	"IR": "22n", "IS": "4n2n6n10n", "IT": "1a5n5n12c", "JO": "4a4n18c", "KW": "4a22c", "KZ": "3n13c",
	"LB": "4n20c", "LC": "4a24c", "LI": "5n12c", "LT": "5n11n", "LU": "3n13c", "LV": "4a13c", "MC": "5n5n11c2n",
	"MD": "2c18c", "ME": "3n13n2n", "MK": "3n10c2n", "MR": "5n5n11n2n", "MT": "4a5n18c", "MU": "4a2n2n12n3n3a",
	"NL": "4a10n", "NO": "4n6n1n", "PK": "4a16c", "PL": "8n16n", "PS": "4a21c", "PT": "4n4n11n2n",
	"QA": "4a21c", "RO": "4a16c", "RS": "3n13n2n", "SA": "2n18c", "SC": "4a2n2n16n3a", "SE": "3n16n1n",
	"SI": "5n8n2n", "SK": "4n6n10n", "SM": "1a5n5n12c", "ST": "8n11n2n", "SV": "4a20n", "TL": "3n14n2n",
	"TN": "2n3n13n2n", "TR": "5n1n16c", "UA": "6n19c", "VA": "3n15n", "VG": "4a16n", "XK": "4n10n2n",
}

// IBAN errors callers can tell apart.
var (
	ErrIBANCountry  = errors.New("country issues no IBANs")
	ErrIBANLength   = errors.New("wrong length for its country")
	ErrIBANFormat   = errors.New("does not follow its country's format")
	ErrIBANChecksum = errors.New("check digits do not hold (mod 97)")
)

// NormalizeIBAN removes spaces and hyphens and upper-cases.
func NormalizeIBAN(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// ValidateIBAN checks a normalised IBAN against its country's length and
// format and the ISO 13616 mod-97 check, and returns its country.
func ValidateIBAN(iban string) (country.Code, error) {
	if len(iban) < 5 {
		return "", fmt.Errorf("iban %q: too short", iban)
	}
	c := country.Code(iban[:2])
	format, ok := bbanFormats[c]
	if !ok {
		if _, real := country.Lookup(c); real {
			return c, fmt.Errorf("iban %q: %s %w", iban, country.Name(c), ErrIBANCountry)
		}
		return "", fmt.Errorf("iban %q: %q is no country code", iban, iban[:2])
	}
	if !isDigit(iban[2]) || !isDigit(iban[3]) {
		return c, fmt.Errorf("iban %q: check digits %q are not digits", iban, iban[2:4])
	}
	want, err := bbanLength(format)
	if err != nil {
		return c, err
	}
	if len(iban) != 4+want {
		return c, fmt.Errorf("iban %q: %d characters, %s IBANs have %d: %w", iban, len(iban), c, 4+want, ErrIBANLength)
	}
	if !matchesFormat(iban[4:], format) {
		return c, fmt.Errorf("iban %q: BBAN %q (want %s) %w", iban, iban[4:], format, ErrIBANFormat)
	}
	if mod97(iban[4:]+iban[:4]) != 1 {
		return c, fmt.Errorf("iban %q: %w", iban, ErrIBANChecksum)
	}
	return c, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// bbanLength sums the runs of a registry format.
func bbanLength(format string) (int, error) {
	n, total := 0, 0
	for i := 0; i < len(format); i++ {
		switch c := format[i]; {
		case isDigit(c):
			n = n*10 + int(c-'0')
		case c == 'n' || c == 'a' || c == 'c':
			total += n
			n = 0
		default:
			return 0, fmt.Errorf("bad registry format %q", format)
		}
	}
	return total, nil
}

// matchesFormat tells whether bban follows format, run by run.
func matchesFormat(bban, format string) bool {
	pos, n := 0, 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if isDigit(c) {
			n = n*10 + int(c-'0')
			continue
		}
		for k := 0; k < n; k++ {
			if pos >= len(bban) {
				return false
			}
			b := bban[pos]
			pos++
			switch {
			case c == 'n' && !isDigit(b), c == 'a' && !isUpper(b), c == 'c' && !isDigit(b) && !isUpper(b):
				return false
			}
		}
		n = 0
	}
	return pos == len(bban)
}

// mod97 computes s mod 97 with letters as 10..35, digit by digit.
func mod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isDigit(c):
			r = (r*10 + int(c-'0')) % 97
		case isUpper(c):
			r = (r*100 + int(c-'A'+10)) % 97
		default:
			return -1
		}
	}
	return r
}

// ValidateBIC checks the shape of a BIC (ISO 9362): four letters or digits
// for the institution, the country's two letters, two characters for the
// location and an optional three-character branch; it returns the country.
func ValidateBIC(bic string) (country.Code, error) {
	bic = NormalizeIBAN(bic)
	if len(bic) != 8 && len(bic) != 11 {
		return "", fmt.Errorf("bic %q: %d characters, want 8 or 11", bic, len(bic))
	}
	for i := 0; i < len(bic); i++ {
		if !isDigit(bic[i]) && !isUpper(bic[i]) {
			return "", fmt.Errorf("bic %q: character %q", bic, bic[i])
		}
	}
	c := country.Code(bic[4:6])
	if _, ok := country.Lookup(c); !ok {
		return "", fmt.Errorf("bic %q: %q is no country code", bic, bic[4:6])
	}
	return c, nil
}
