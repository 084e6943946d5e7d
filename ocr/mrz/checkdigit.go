package mrz

// charValue is a character's value in the ICAO 9303 check-digit sum:
// digits count as themselves, A to Z as 10 to 35, and the filler '<' as 0.
// ok is false for any other character.
func charValue(c byte) (v int, ok bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10, true
	case c == '<':
		return 0, true
	}
	return 0, false
}

// CheckDigit computes the ICAO 9303 check digit of s (weights 7, 3, 1
// repeating, sum modulo 10). ok is false when s holds a character that has
// no value in the sum.
func CheckDigit(s string) (digit byte, ok bool) {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		v, ok := charValue(s[i])
		if !ok {
			return 0, false
		}
		sum += v * weights[i%3]
	}
	return byte('0' + sum%10), true
}

// checkHolds reports whether digit is the check digit of data. A filler
// stands for 0 when the data is all fillers, as ICAO 9303 allows for empty
// optional data.
func checkHolds(data string, digit byte) bool {
	want, ok := CheckDigit(data)
	if !ok {
		return false
	}
	if digit == '<' {
		return allFillers(data)
	}
	return digit == want
}

func allFillers(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			return false
		}
	}
	return true
}
