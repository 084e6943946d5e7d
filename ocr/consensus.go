package ocr

import "slices"

// consensus returns the reading of a line that most of its readings agree
// on, character by character; false when there are fewer than three. OCR
// misreads a hard line in different places each time (a character added
// here in one reading, there in another), so where a character, a gap or
// an added run of characters is backed by most readings it is taken;
// elsewhere the reading nearest all the others (the medoid, by edit
// distance) is kept. Each character's confidence is the highest its
// backers gave it. A character a forger changed, read the same way every
// time, stays changed.
func consensus(readings []Line) (Line, bool) {
	n := len(readings)
	if n < 3 {
		return Line{}, false
	}
	for _, r := range readings {
		if len(r.Confidence) != len(r.Text) {
			return Line{}, false
		}
	}
	base := readings[medoid(readings)]
	// at[j] tallies, for base position j, what each reading has there (0
	// for nothing); before[j] what each reading adds before it (before[len]
	// after the last).
	at := make([]tally[byte], len(base.Text))
	before := make([]tally[string], len(base.Text)+1)
	for _, r := range readings {
		pos, added := align(base.Text, r.Text)
		for j, k := range pos {
			c, conf := byte(0), 0.0
			if k >= 0 {
				c, conf = r.Text[k], r.Confidence[k]
			}
			at[j] = at[j].cast(c, conf)
		}
		for j, ks := range added {
			s, conf := "", 100.0
			for _, k := range ks {
				s += string(r.Text[k])
				conf = min(conf, r.Confidence[k])
			}
			before[j] = before[j].cast(s, conf)
		}
	}
	var out Line
	emit := func(s string, conf float64) {
		out.Text += s
		for range s {
			out.Confidence = append(out.Confidence, conf)
		}
	}
	for j := 0; j <= len(base.Text); j++ {
		if s, conf, ok := before[j].majority(n); ok && s != "" {
			emit(s, conf)
		}
		if j == len(base.Text) {
			break
		}
		c, conf := base.Text[j], base.Confidence[j]
		if k, kc, ok := at[j].majority(n); ok {
			c, conf = k, kc
		}
		if c != 0 {
			emit(string(c), conf)
		}
	}
	return out, true
}

// tally counts the readings that have each value at one place, with the
// highest confidence any of them gave it.
type tally[K comparable] map[K]*vote

type vote struct {
	count int
	conf  float64
}

// cast counts one reading of k with confidence conf; a nil tally is made.
func (t tally[K]) cast(k K, conf float64) tally[K] {
	if t == nil {
		t = tally[K]{}
	}
	v := t[k]
	if v == nil {
		v = &vote{}
		t[k] = v
	}
	v.count++
	v.conf = max(v.conf, conf)
	return t
}

// majority returns the value more than half of n readings have, if any.
func (t tally[K]) majority(n int) (k K, conf float64, ok bool) {
	for k, v := range t {
		if 2*v.count > n {
			return k, v.conf, true
		}
	}
	return k, 0, false
}

// medoid is the index of the reading with the least total edit distance to
// the others; among equals, the one whose length most readings share (OCR
// adds and drops characters more than it misreads them), then the first.
func medoid(readings []Line) int {
	best, bestSum, bestSame := 0, -1, 0
	for i, a := range readings {
		sum, same := 0, 0
		for _, b := range readings {
			sum += editDistance(a.Text, b.Text)
			if len(b.Text) == len(a.Text) {
				same++
			}
		}
		if bestSum < 0 || sum < bestSum || (sum == bestSum && same > bestSame) {
			best, bestSum, bestSame = i, sum, same
		}
	}
	return best
}

// align lines b up against a by least edits: at[j] is the index of the
// character of b at a's position j, or −1 where b has none; added[j] lists
// the characters of b that come before a's position j and have no place in
// a (added[len(a)]: after its end). Among alignments of equal cost it
// prefers, walking back from the ends, a match or substitution, then a
// character of a missing from b.
func align(a, b string) (at []int, added [][]int) {
	d := editTable(a, b)
	at = make([]int, len(a))
	added = make([][]int, len(a)+1)
	i, j := len(a), len(b)
	for i > 0 || j > 0 {
		switch {
		case i > 0 && j > 0 && d[i][j] == d[i-1][j-1]+boolInt(a[i-1] != b[j-1]):
			at[i-1] = j - 1
			i, j = i-1, j-1
		case i > 0 && d[i][j] == d[i-1][j]+1:
			at[i-1] = -1
			i--
		default:
			added[i] = append([]int{j - 1}, added[i]...)
			j--
		}
	}
	return at, added
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	return editTable(a, b)[len(a)][len(b)]
}

// editTable is the table of least edits: d[i][j] turns a[:i] into b[:j].
func editTable(a, b string) [][]int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+boolInt(a[i-1] != b[j-1]))
		}
	}
	return d
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// vouchedCuts returns, for a line read one character longer than another
// reading of it, the longer reading without its first character, when the
// shorter one begins as what is left does: something at the crop's edge
// (the card's, a smudge) read as a character in front of the line, which
// the other reading vouches was not the line's. Recover, left alone, cuts
// a stray character from either end of a line too long, and then only
// check digits say which end was right: where a field with a check digit
// of its own begins the line, a character added after the field's first
// ("AA34" read "ARA34") leaves the field wrong after the cut, and the
// check digit holds one time in ten by chance, which is why mrz distrusts
// such a cut (see mrz.Recover); this cut arrives already made.
func vouchedCuts(readings []Line) []Line {
	var out []Line
	for _, long := range readings {
		if len(long.Text) < 2 || len(long.Confidence) != len(long.Text) {
			continue
		}
		cut := Line{Text: long.Text[1:], Confidence: long.Confidence[1:]}
		vouched := slices.ContainsFunc(readings, func(o Line) bool {
			return len(o.Text) == len(cut.Text) && o.Text[0] == cut.Text[0]
		})
		seen := slices.ContainsFunc(readings, func(o Line) bool { return o.Text == cut.Text }) ||
			slices.ContainsFunc(out, func(o Line) bool { return o.Text == cut.Text })
		if vouched && !seen {
			out = append(out, cut)
		}
	}
	return out
}
