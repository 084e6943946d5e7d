package phone

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"google.golang.org/protobuf/proto"
)

// samePhone checks parse against phonenumbers.Parse on raw: the same
// error or none, and the same number.
func samePhone(t *testing.T, raw string) (shortcut bool) {
	t.Helper()
	want, wantErr := phonenumbers.Parse(raw, "JP")
	got, gotErr := parse(raw, "JP")
	if (wantErr != nil) != (gotErr != nil) {
		t.Errorf("%q: parse error %v, Parse error %v", raw, gotErr, wantErr)
		return false
	}
	if wantErr == nil && !proto.Equal(got, want) {
		t.Errorf("%q: parse %v, Parse %v", raw, got, want)
	}
	_, shortcut = parseInternational(raw)
	return shortcut
}

// TestParseAgreesWithLibphonenumber holds parse to phonenumbers.Parse on
// every region's example numbers written internationally, with the
// national prefix kept after the calling code ("+44 (0)20 ..."), with
// digits changed, dropped or added, and on random strings of digits and
// separators.
func TestParseAgreesWithLibphonenumber(t *testing.T) {
	types := []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE,
		phonenumbers.PREMIUM_RATE, phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER, phonenumbers.UAN}
	shortcuts, total := 0, 0
	check := func(raw string) {
		total++
		if samePhone(t, raw) {
			shortcuts++
		}
	}
	for id := range phonenumbers.GetSupportedRegions() {
		prefix := phonenumbers.GetNddPrefixForRegion(id, true)
		for _, typ := range types {
			ex := phonenumbers.GetExampleNumberForType(id, typ)
			if ex == nil {
				continue
			}
			nsn := phonenumbers.GetNationalSignificantNumber(ex)
			cc := fmt.Sprint(ex.GetCountryCode())
			check(phonenumbers.Format(ex, phonenumbers.INTERNATIONAL))
			check(phonenumbers.Format(ex, phonenumbers.E164))
			check("+" + cc + " (" + prefix + ") " + nsn)
			check("+" + cc + prefix + nsn)
			// The national format after the calling code reaches the
			// regions' prefix rewriting rules (Argentina's mobile "15").
			check("+" + cc + " " + phonenumbers.Format(ex, phonenumbers.NATIONAL))
			check("+" + cc + "-" + nsn[:len(nsn)-1])
			check("+" + cc + "." + nsn + "7")
			check("+" + cc + "/" + nsn[1:])
			for d := '0'; d <= '9'; d++ {
				check("+" + cc + " " + string(d) + nsn)
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const separators = " -.()/"
	for range 20000 {
		var b strings.Builder
		b.WriteByte('+')
		for range rng.IntN(24) {
			if rng.IntN(4) == 0 {
				b.WriteByte(separators[rng.IntN(len(separators))])
			} else {
				b.WriteByte(byte('0' + rng.IntN(10)))
			}
		}
		check(b.String())
	}
	// National prefixes that rewrite the number rather than vanish:
	// Argentina's mobile 15 becomes a leading 9, Brazil's carrier code
	// goes, Norfolk Island's short numbers gain their area code.
	for _, raw := range []string{"+54 011 15-2345-6789", "+54 0351 15-234-5678", "+55 0 21 2345 6789",
		"+55 041 21 2345 6789", "+55 90 21 2345 6789", "+672 3 12345", "+672 12345"} {
		if !samePhone(t, raw) {
			t.Errorf("%q did not go through the shortcut", raw)
		}
	}
	// Input the shortcut must leave to Parse, which still answers.
	for _, raw := range []string{"+81 90 1234 5678 ext. 12", "+1 415 555 2671#", "0081 90 1234 5678", "+81 ９０ 1234 5678",
		"+81 90 1234 5678;ext=3", "tel:+81-90-1234-5678", "+0 123 4567", "+", "+1", "+12", "+" + strings.Repeat(" ", 260) + "81901234567"} {
		check(raw)
	}
	if shortcuts < total/2 {
		t.Errorf("the shortcut took %d of %d numbers; the test exercises too little of it", shortcuts, total)
	}
	t.Logf("%d numbers, %d through the shortcut", total, shortcuts)
}

// FuzzParse holds the shortcut to Parse on any input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"+81 90-3412-5567", "+44 (0) 20 7946 0018", "+39 06 6988 2000", "+1 (415) 555-2671"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) { samePhone(t, raw) })
}

func BenchmarkParse(b *testing.B) {
	raws := []string{"+81 90-3412-5567", "+1 415 555 2671", "+44 20 7946 0018", "+86 138 0013 8000", "+49 30 901820"}
	parse(raws[0], "") // compile the first region outside the timing
	b.Run("idcheck", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			parse(raws[i%len(raws)], "")
		}
	})
	b.Run("libphonenumber", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			phonenumbers.Parse(raws[i%len(raws)], "")
		}
	})
}
