package phone

import (
	"strconv"

	"github.com/nyaruka/phonenumbers"
	"google.golang.org/protobuf/proto"
)

// parse is phonenumbers.Parse with a shortcut for the form nearly every
// sign-up form produces: a plus, a calling code and digits, with spaces,
// dashes, dots, slashes or brackets between them. Parse spends most of
// its time matching a large extension pattern ("ext. 12", "#12") at every
// position of the input; such input cannot hold an extension, so the
// shortcut takes libphonenumber's remaining steps itself (calling code,
// national prefix, length) and gives the same number (parse_test.go holds
// the two to that). Anything else goes to Parse.
func parse(raw, defaultRegion string) (*phonenumbers.PhoneNumber, error) {
	if num, ok := parseInternational(raw); ok {
		return num, nil
	}
	return phonenumbers.Parse(raw, defaultRegion)
}

const (
	minNSN    = 2  // libphonenumber's MIN_LENGTH_FOR_NSN
	maxNSN    = 17 // MAX_LENGTH_FOR_NSN
	maxCCLen  = 3  // MAX_LENGTH_COUNTRY_CODE
	maxDigits = maxCCLen + maxNSN
	maxInput  = 250 // MAX_INPUT_STRING_LENGTH: Parse rejects longer input
)

// parseInternational takes a number of the shortcut's form; ok is false
// for any other input, and for input Parse would reject.
func parseInternational(raw string) (num *phonenumbers.PhoneNumber, ok bool) {
	if len(raw) < 2 || len(raw) > maxInput || raw[0] != '+' {
		return nil, false
	}
	var buf [maxDigits]byte
	digits := buf[:0]
	for i := 1; i < len(raw); i++ {
		switch c := raw[i]; {
		case c >= '0' && c <= '9':
			if len(digits) == maxDigits {
				return nil, false
			}
			digits = append(digits, c)
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/':
		default:
			return nil, false
		}
	}
	// Parse wants three digits to call it a number, and more than two
	// after the plus; calling codes never start with 0.
	if len(digits) < 3 || digits[0] == '0' {
		return nil, false
	}
	cc := 0
	var ids []string
	for i := 1; i <= maxCCLen && i <= len(digits); i++ {
		cc = cc*10 + int(digits[i-1]-'0')
		if ids = phonenumbers.GetRegionCodesForCountryCode(cc); len(ids) > 0 {
			digits = digits[i:]
			break
		}
	}
	if len(ids) == 0 || len(digits) < minNSN {
		return nil, false
	}
	nsn := string(digits)
	if r := compiledRegions().region(int32(cc), ids[0]); r != nil {
		nsn = r.stripNationalPrefix(nsn)
	}
	if len(nsn) < minNSN || len(nsn) > maxNSN {
		return nil, false
	}
	national, err := strconv.ParseUint(nsn, 10, 64)
	if err != nil {
		return nil, false
	}
	num = &phonenumbers.PhoneNumber{CountryCode: proto.Int32(int32(cc)), NationalNumber: proto.Uint64(national)}
	// Leading zeros are part of some countries' numbers (Italy's fixed
	// lines) and a uint64 loses them.
	if nsn[0] == '0' {
		num.ItalianLeadingZero = proto.Bool(true)
		zeros := 1
		for zeros < len(nsn)-1 && nsn[zeros] == '0' { // an all-zero number keeps its last
			zeros++
		}
		if zeros > 1 {
			num.NumberOfLeadingZeros = proto.Int32(int32(zeros))
		}
	}
	return num, true
}

// stripNationalPrefix is libphonenumber's maybeStripNationalPrefixAndCarrierCode
// followed by the length test parseHelper makes of its result: a national
// prefix written after the calling code ("+44 (0)20 ...") is removed when
// what remains is still a number of the region.
func (r *region) stripNationalPrefix(nsn string) string {
	if r.nationalPrefix == nil {
		return nsn
	}
	groups := r.nationalPrefix.FindStringSubmatchIndex(nsn)
	if groups == nil {
		return nsn
	}
	viable := r.general.pattern.MatchString(nsn)
	last := len(groups)/2 - 1
	var stripped string
	if r.transform == "" || groups[2*last] < 0 {
		stripped = nsn[groups[1]:]
	} else {
		stripped = r.nationalPrefix.ReplaceAllString(nsn, r.transform)
	}
	if viable && !r.general.pattern.MatchString(stripped) {
		return nsn
	}
	switch r.lengthOf(stripped) {
	case phonenumbers.TOO_SHORT, phonenumbers.IS_POSSIBLE_LOCAL_ONLY, phonenumbers.INVALID_LENGTH:
		return nsn
	}
	return stripped
}

// lengthOf is libphonenumber's testNumberLength for the general
// description.
func (r *region) lengthOf(nsn string) phonenumbers.ValidationResult {
	n := int32(len(nsn))
	if len(r.lengths) == 0 || r.lengths[0] == -1 {
		return phonenumbers.INVALID_LENGTH
	}
	for _, l := range r.localLengths {
		if l == n {
			return phonenumbers.IS_POSSIBLE_LOCAL_ONLY
		}
	}
	switch {
	case r.lengths[0] == n:
		return phonenumbers.IS_POSSIBLE
	case r.lengths[0] > n:
		return phonenumbers.TOO_SHORT
	case r.lengths[len(r.lengths)-1] < n:
		return phonenumbers.TOO_LONG
	}
	for _, l := range r.lengths[1:] {
		if l == n {
			return phonenumbers.IS_POSSIBLE
		}
	}
	return phonenumbers.INVALID_LENGTH
}
