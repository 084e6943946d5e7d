package phone

import (
	"regexp"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// This file answers libphonenumber's GetRegionCodeForNumber and
// GetNumberType with the same metadata and the same steps, but with each
// pattern compiled once. The library builds every pattern's string anew
// and looks it up in a locked cache on each test, and tests each number
// type's pattern twice; for a profile check that was a third of the phone
// matcher's time. classify_test.go holds the two to the same answers.

// desc is one number type's description of a region: the lengths its
// numbers may have and the pattern they match.
type desc struct {
	lengths []int32 // empty: any length the general description allows
	pattern *regexp.Regexp
}

func compileDesc(d *phonenumbers.PhoneNumberDesc) desc {
	return desc{lengths: d.GetPossibleLength(), pattern: regexp.MustCompile("^(?:" + d.GetNationalNumberPattern() + ")$")}
}

// matches is libphonenumber's isNumberMatchingDesc.
func (d desc) matches(nsn string) bool {
	if len(d.lengths) > 0 {
		found := false
		for _, l := range d.lengths {
			if int(l) == len(nsn) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return d.pattern.MatchString(nsn)
}

// kind pairs a number type with its description, in the order
// libphonenumber tests them.
type kind struct {
	typ  phonenumbers.PhoneNumberType
	desc desc
}

// region holds one region's compiled descriptions.
type region struct {
	leading    *regexp.Regexp // the national numbers the region takes among those sharing its calling code; nil: decide by type
	general    desc
	special    []kind // premium rate ... voicemail: a match settles the type
	fixed      desc
	mobile     desc
	sameFixMob bool // fixed-line and mobile numbers look alike

	// For parsing (parse.go): the national prefix (with carrier code)
	// dialled before national numbers, the rule rewriting what it matched
	// ("" removes it), and the lengths of national numbers.
	nationalPrefix *regexp.Regexp // nil: none
	transform      string
	lengths        []int32
	localLengths   []int32 // dialable only within an area
}

func compileRegion(md *phonenumbers.PhoneMetadata) *region {
	r := &region{
		general: compileDesc(md.GetGeneralDesc()),
		special: []kind{
			{phonenumbers.PREMIUM_RATE, compileDesc(md.GetPremiumRate())},
			{phonenumbers.TOLL_FREE, compileDesc(md.GetTollFree())},
			{phonenumbers.SHARED_COST, compileDesc(md.GetSharedCost())},
			{phonenumbers.VOIP, compileDesc(md.GetVoip())},
			{phonenumbers.PERSONAL_NUMBER, compileDesc(md.GetPersonalNumber())},
			{phonenumbers.PAGER, compileDesc(md.GetPager())},
			{phonenumbers.UAN, compileDesc(md.GetUan())},
			{phonenumbers.VOICEMAIL, compileDesc(md.GetVoicemail())},
		},
		fixed:      compileDesc(md.GetFixedLine()),
		mobile:     compileDesc(md.GetMobile()),
		sameFixMob: md.GetSameMobileAndFixedLinePattern(),
	}
	if ld := md.GetLeadingDigits(); ld != "" {
		r.leading = regexp.MustCompile("^(?:" + ld + ")")
	}
	if np := md.GetNationalPrefixForParsing(); np != "" {
		r.nationalPrefix = regexp.MustCompile("^(?:" + np + ")")
	}
	r.transform = md.GetNationalPrefixTransformRule()
	r.lengths = md.GetGeneralDesc().GetPossibleLength()
	r.localLengths = md.GetGeneralDesc().GetPossibleLengthLocalOnly()
	return r
}

// typeOf is libphonenumber's getNumberTypeHelper: the type of a national
// significant number in this region.
func (r *region) typeOf(nsn string) phonenumbers.PhoneNumberType {
	if !r.general.matches(nsn) {
		return phonenumbers.UNKNOWN
	}
	for _, k := range r.special {
		if k.desc.matches(nsn) {
			return k.typ
		}
	}
	if r.fixed.matches(nsn) {
		if r.sameFixMob || r.mobile.matches(nsn) {
			return phonenumbers.FIXED_LINE_OR_MOBILE
		}
		return phonenumbers.FIXED_LINE
	}
	if !r.sameFixMob && r.mobile.matches(nsn) {
		return phonenumbers.MOBILE
	}
	return phonenumbers.UNKNOWN
}

// regions compiles each region's patterns on first use: all of them at
// once would add tens of milliseconds to every start.
type regions struct {
	mu       sync.RWMutex
	compiled map[*phonenumbers.PhoneMetadata]*region
	byID     map[string]*phonenumbers.PhoneMetadata // ISO region code
	nonGeo   map[int32]*phonenumbers.PhoneMetadata  // calling code of a non-geographic entity ("001")
}

// compiledRegions is a cache of what the library's embedded metadata
// implies; it never changes what an answer is.
var compiledRegions = sync.OnceValue(func() *regions {
	rs := &regions{compiled: map[*phonenumbers.PhoneMetadata]*region{},
		byID: map[string]*phonenumbers.PhoneMetadata{}, nonGeo: map[int32]*phonenumbers.PhoneMetadata{}}
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		// The library has already loaded the same embedded data at its
		// init; failing here means the module itself is broken.
		panic("phone metadata: " + err.Error())
	}
	for _, md := range coll.GetMetadata() {
		if md.GetId() == nonGeoRegion {
			rs.nonGeo[md.GetCountryCode()] = md
		} else {
			rs.byID[md.GetId()] = md
		}
	}
	return rs
})

const nonGeoRegion = "001"

// region returns the compiled patterns of region id of calling code cc,
// or nil when the library has no metadata for it.
func (rs *regions) region(cc int32, id string) *region {
	md := rs.byID[id]
	if id == nonGeoRegion {
		md = rs.nonGeo[cc]
	}
	if md == nil {
		return nil
	}
	rs.mu.RLock()
	r := rs.compiled[md]
	rs.mu.RUnlock()
	if r != nil {
		return r
	}
	r = compileRegion(md)
	rs.mu.Lock()
	if prev := rs.compiled[md]; prev != nil {
		r = prev
	} else {
		rs.compiled[md] = r
	}
	rs.mu.Unlock()
	return r
}

// classify returns the region a number belongs to ("" when none of its
// calling code's regions takes it, "001" for non-geographic entities) and
// its type there, as phonenumbers.GetRegionCodeForNumber and
// phonenumbers.GetNumberType would.
func classify(num *phonenumbers.PhoneNumber) (string, phonenumbers.PhoneNumberType) {
	rs := compiledRegions()
	cc := num.GetCountryCode()
	ids := phonenumbers.GetRegionCodesForCountryCode(int(cc))
	if len(ids) == 0 {
		return "", phonenumbers.UNKNOWN
	}
	nsn := phonenumbers.GetNationalSignificantNumber(num)
	if len(ids) == 1 {
		if r := rs.region(cc, ids[0]); r != nil {
			return ids[0], r.typeOf(nsn)
		}
		return ids[0], phonenumbers.UNKNOWN
	}
	// Regions sharing a calling code (+1, +7, +44) take a number by its
	// leading digits where they have them, else by its having a type.
	for _, id := range ids {
		r := rs.region(cc, id)
		switch {
		case r == nil:
		case r.leading != nil:
			if r.leading.MatchString(nsn) {
				return id, r.typeOf(nsn)
			}
		default:
			if t := r.typeOf(nsn); t != phonenumbers.UNKNOWN {
				return id, t
			}
		}
	}
	return "", phonenumbers.UNKNOWN
}
