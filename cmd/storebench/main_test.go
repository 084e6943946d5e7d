package main

import (
	"os"
	"testing"
)

// TestSmapsMB reads a smaps_rollup's resident and huge-page lines, in
// megabytes of 10^6 bytes, and this process's own where there is one.
func TestSmapsMB(t *testing.T) {
	const text = `55d0c1a00000-7ffd6b5f3000 ---p 00000000 00:00 0                          [rollup]
Rss:             4045312 kB
Pss:             4040000 kB
AnonHugePages:   1720320 kB
ShmemPmdMapped:        0 kB
`
	rss, huge := smapsMB(text)
	if rss != 4045312*1024/1e6 || huge != 1720320*1024/1e6 {
		t.Errorf("rss %.1f MB, huge %.1f MB; want %.1f and %.1f", rss, huge, 4045312*1024/1e6, 1720320*1024/1e6)
	}
	if rss, huge := smapsMB("nothing here\n"); rss != 0 || huge != 0 {
		t.Errorf("no such lines: rss %v, huge %v", rss, huge)
	}
	if _, err := os.Stat("/proc/self/smaps_rollup"); err == nil {
		if rss, _ := processMB(); rss <= 0 {
			t.Errorf("this process: %v MB resident", rss)
		}
	}
}
