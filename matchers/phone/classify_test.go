package phone

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestClassifyAgreesWithLibphonenumber holds classify to the library's own
// answers on every region's and non-geographic entity's example number of
// every type, and on variants of them with a digit changed, dropped or
// added, which reach invalid numbers and other types and regions sharing
// a calling code.
func TestClassifyAgreesWithLibphonenumber(t *testing.T) {
	types := []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE, phonenumbers.TOLL_FREE,
		phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST, phonenumbers.VOIP, phonenumbers.PERSONAL_NUMBER,
		phonenumbers.PAGER, phonenumbers.UAN, phonenumbers.VOICEMAIL}
	var examples []*phonenumbers.PhoneNumber
	regionIDs := make([]string, 0, 256)
	for id := range phonenumbers.GetSupportedRegions() {
		regionIDs = append(regionIDs, id)
	}
	slices.Sort(regionIDs)
	for _, id := range regionIDs {
		for _, typ := range types {
			if n := phonenumbers.GetExampleNumberForType(id, typ); n != nil {
				examples = append(examples, n)
			}
		}
	}
	for cc := range phonenumbers.GetSupportedGlobalNetworkCallingCodes() {
		if n := phonenumbers.GetExampleNumberForNonGeoEntity(cc); n != nil {
			examples = append(examples, n)
		}
	}
	if len(examples) < 1000 {
		t.Fatalf("only %d example numbers; the metadata is not what this test expects", len(examples))
	}

	checked, types2 := 0, map[phonenumbers.PhoneNumberType]int{}
	for _, ex := range examples {
		nsn := phonenumbers.GetNationalSignificantNumber(ex)
		variants := []string{nsn, nsn[:len(nsn)-1], nsn + "5"}
		for d := '0'; d <= '9'; d++ {
			variants = append(variants, nsn[:len(nsn)-1]+string(d), string(d)+nsn[1:])
		}
		for _, v := range variants {
			raw := fmt.Sprintf("+%d %s", ex.GetCountryCode(), v)
			num, err := phonenumbers.Parse(raw, "ZZ")
			if err != nil {
				continue
			}
			wantRegion := phonenumbers.GetRegionCodeForNumber(num)
			wantType := phonenumbers.UNKNOWN
			if wantRegion != "" {
				wantType = phonenumbers.GetNumberType(num)
			}
			gotRegion, gotType := classify(num)
			if gotRegion != wantRegion || gotType != wantType {
				t.Errorf("%s: classify = %q, %v; libphonenumber %q, %v", raw, gotRegion, gotType, wantRegion, wantType)
			}
			checked++
			types2[wantType]++
		}
	}
	// The variants must reach invalid numbers and several types, or the
	// comparison proves little.
	if checked < 20000 || types2[phonenumbers.UNKNOWN] < 1000 || len(types2) < 8 {
		t.Errorf("compared %d numbers of types %v; expected a broader sample", checked, types2)
	}
}

func BenchmarkClassify(b *testing.B) {
	var nums []*phonenumbers.PhoneNumber
	for _, raw := range []string{"+81 90-3412-5567", "+1 415 555 2671", "+44 20 7946 0018", "+86 138 0013 8000", "+49 30 901820"} {
		n, err := phonenumbers.Parse(raw, "ZZ")
		if err != nil {
			b.Fatal(err)
		}
		nums = append(nums, n)
	}
	b.Run("idcheck", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			classify(nums[i%len(nums)])
		}
	})
	b.Run("libphonenumber", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			n := nums[i%len(nums)]
			if phonenumbers.GetRegionCodeForNumber(n) != "" {
				phonenumbers.GetNumberType(n)
			}
		}
	})
}

// TestConcurrentFirstUse classifies from many goroutines at once, each
// region's patterns compiled on first use (run with -race).
func TestConcurrentFirstUse(t *testing.T) {
	raws := []string{"+81 90-3412-5567", "+1 415 555 2671", "+44 20 7946 0018", "+86 138 0013 8000", "+7 912 345 67 89"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				num, err := parse(raws[(g+i)%len(raws)], "")
				if err != nil {
					t.Error(err)
					return
				}
				if region, typ := classify(num); region == "" || typ == phonenumbers.UNKNOWN {
					t.Errorf("%s: %q %v", raws[(g+i)%len(raws)], region, typ)
				}
			}
		}()
	}
	wg.Wait()
}
