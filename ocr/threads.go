package ocr

import (
	"fmt"
	"os"
	"syscall"
)

// ThreadLimitVar is the OpenMP setting Tesseract's LSTM needs at 1.
const ThreadLimitVar = "OMP_THREAD_LIMIT"

// SingleThreaded makes sure the process runs with OMP_THREAD_LIMIT=1,
// re-executing it with that setting when it is unset. Call it first thing
// in main (and in TestMain).
//
// Why: Tesseract's LSTM asks OpenMP for four threads per line. With a pool
// of one client per core that oversubscribes the machine, and measured here
// it makes each line ten times slower (about 320 ms instead of 33 ms).
// libgomp reads the limit once, when the library loads, before any Go code
// runs, so setting it from Go is too late: the process must start with it.
// It returns an error only when re-executing failed; the program can then go
// on, slower.
func SingleThreaded() error {
	if _, ok := os.LookupEnv(ThreadLimitVar); ok {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("ocr: find own executable: %w", err)
	}
	env := append(os.Environ(), ThreadLimitVar+"=1")
	if err := syscall.Exec(exe, os.Args, env); err != nil {
		return fmt.Errorf("ocr: re-execute with %s=1: %w", ThreadLimitVar, err)
	}
	return nil // not reached
}
