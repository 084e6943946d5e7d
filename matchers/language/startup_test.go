package language

import (
	"runtime"
	"testing"
	"time"
)

// TestStartupCost reports what building the trigram index costs, once per
// process (go test ./matchers/language -run StartupCost -v); it asserts only
// that the index covers every profile.
func TestStartupCost(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	ix := buildIndexes()
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	n := 0
	for script, profiles := range trigramProfiles {
		want := 0
		for code := range profiles {
			if candidates[code] {
				want++
			}
		}
		n += want
		if len(ix[script].langs) != want {
			t.Errorf("%s: %d languages indexed, want the %d candidates", script, len(ix[script].langs), want)
		}
	}
	t.Logf("index of %d languages built in %v, %.1f MB of heap", n, took.Round(time.Microsecond), float64(after.HeapAlloc-before.HeapAlloc)/1e6)
	runtime.KeepAlive(ix)
}
