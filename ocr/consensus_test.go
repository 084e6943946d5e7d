package ocr

import (
	"slices"
	"testing"
)

func line(text string, conf float64) Line {
	c := make([]float64, len(text))
	for i := range c {
		c[i] = conf
	}
	return Line{Text: text, Confidence: c}
}

func TestConsensus(t *testing.T) {
	for _, tc := range []struct {
		name     string
		readings []string
		want     string // "" for none
	}{
		{"a character added in a different place each time",
			[]string{"4322736168BJPN9907180M", "4322736168JPN990718B0M", "4322736168JPN9907180OM"}, "4322736168JPN9907180M"},
		{"a character dropped in one reading, misread in another",
			[]string{"P<UTOERIKSON<<ANNA", "P<UTOERIKSSON<<ANNA", "P<UTOERIK5SON<<ANNA"}, "P<UTOERIKSSON<<ANNA"},
		{"three different misreadings of three places",
			[]string{"L898902C3", "L89B902C3", "L8989O2C3", "L898902G3"}, "L898902C3"},
		{"a run added by most readings",
			[]string{"AB<<CD", "AB<<<CD", "AB<<<CD"}, "AB<<<CD"},
		{"no majority anywhere: the first reading", []string{"ABC", "XYZ", "KLM"}, "ABC"},
		{"two readings are not enough", []string{"ABC", "ABD"}, ""},
		{"a forger's digit read the same every time",
			[]string{"7408122F12041", "7408I22F12041", "74081Z2F12041"}, "7408122F12041"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rs []Line
			for _, r := range tc.readings {
				rs = append(rs, line(r, 90))
			}
			got, ok := consensus(rs)
			if tc.want == "" {
				if ok {
					t.Errorf("consensus %q, want none", got.Text)
				}
				return
			}
			if !ok || got.Text != tc.want {
				t.Errorf("consensus %q (%v), want %q", got.Text, ok, tc.want)
			}
			if len(got.Confidence) != len(got.Text) {
				t.Errorf("%d confidences for %d characters", len(got.Confidence), len(got.Text))
			}
		})
	}
}

func TestAlign(t *testing.T) {
	at, added := align("ABCD", "ABXCD")
	if want := []int{0, 1, 3, 4}; !equalInts(at, want) {
		t.Errorf("insertion: at %v, want %v", at, want)
	}
	if len(added[2]) != 1 || added[2][0] != 2 {
		t.Errorf("insertion: added %v, want X before position 2", added)
	}
	at, added = align("ABCD", "ACD")
	if want := []int{0, -1, 1, 2}; !equalInts(at, want) {
		t.Errorf("deletion: at %v, want %v", at, want)
	}
	for j, a := range added {
		if len(a) > 0 {
			t.Errorf("deletion: %v added before %d", a, j)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestVouchedCuts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		readings []string
		want     []string
	}{
		{"a mark before the line, another reading without it",
			[]string{"6QO29921382IND", "Q029921382IND"}, []string{"QO29921382IND"}},
		{"a mark before the line in both readings, one of the right length",
			[]string{"IZG88268571GUR", "XZG66268571GBR", "ZG88268571GBR"}, []string{"ZG88268571GUR", "ZG66268571GBR"}},
		{"a character added after the first: the other reading begins otherwise",
			[]string{"ARA34170918KOR", "AA34170918KOR"}, nil},
		{"one reading alone", []string{"6QO29921382IND"}, nil},
		{"readings of one length", []string{"AA3417", "AB3417"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var readings []Line
			for _, r := range tc.readings {
				readings = append(readings, line(r, 90))
			}
			var got []string
			for _, c := range vouchedCuts(readings) {
				got = append(got, c.Text)
				if len(c.Confidence) != len(c.Text) {
					t.Errorf("cut %q has %d confidences", c.Text, len(c.Confidence))
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("cuts %q, want %q", got, tc.want)
			}
		})
	}
}
