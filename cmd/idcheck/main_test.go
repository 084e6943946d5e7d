package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/idcheck/idcheck/ocr"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) {
	if err := ocr.SingleThreaded(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(m.Run())
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{nil, 2, "usage: idcheck COMMAND"},
		{[]string{"help"}, 0, "commands:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"read"}, 2, "no files given"},
		{[]string{"read", "-workers", "0", "x.jpg"}, 2, "-workers must be at least 1"},
		{[]string{"read", "-bogus"}, 2, "flag provided but not defined"},
		{[]string{"synth"}, 2, "idcheck synth -out DIR"},
		{[]string{"synth", "-out", t.TempDir(), "-levels", "extreme"}, 2, `unknown level "extreme"`},
		{[]string{"eval-ocr", "-date", "yesterday"}, 2, "idcheck eval-ocr"},
	}
	for _, tc := range tests {
		code, _, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.msg) {
			t.Errorf("idcheck %q: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, tc.code, tc.msg)
		}
	}
}

// read prints one JSON line per file, in the order given, with an error for
// each file it cannot read, and exits 1 when any failed.
func TestReadOutput(t *testing.T) {
	notImage := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notImage, []byte("P<UTOERIKSSON<<ANNA"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []string{
		"../../testdata/documents/clean-0002.jpg",
		notImage,
		"../../testdata/documents/does-not-exist.jpg",
		"../../testdata/documents/tampered-0000.jpg",
	}
	code, stdout, stderr := runCLI(t, append([]string{"read", "-workers", "2"}, files...)...)
	if code != 1 || !strings.Contains(stderr, "2 of 4 files failed") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d output lines:\n%s", len(lines), stdout)
	}
	for i, l := range lines {
		var r struct {
			File  string          `json:"file"`
			MRZ   json.RawMessage `json:"mrz"`
			Error string          `json:"error"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("line %d is not JSON: %v", i+1, err)
		}
		if r.File != files[i] {
			t.Errorf("line %d is for %s, want %s", i+1, r.File, files[i])
		}
		if (r.Error == "") != (i == 0 || i == 3) {
			t.Errorf("line %d: error %q", i+1, r.Error)
		}
	}
	if !strings.Contains(lines[0], `"valid":true`) || !strings.Contains(lines[3], `"valid":false`) {
		t.Errorf("clean document not valid or tampered one not invalid:\n%s\n%s", lines[0], lines[3])
	}
	if strings.Contains(stdout, `\u003c`) {
		t.Error("fillers escaped as \\u003c")
	}
	if !strings.Contains(lines[1], "not an image in a supported format") {
		t.Errorf("error for a text file: %s", lines[1])
	}
}

// The JSON of one reading, timing aside, is kept in a golden file: its field
// names are the contract the service and other tools rely on.
func TestReadGolden(t *testing.T) {
	code, stdout, stderr := runCLI(t, "read", "../../testdata/documents/mild-0000.jpg")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := regexp.MustCompile(`"timing_ms":\d+`).ReplaceAllString(stdout, `"timing_ms":0`)
	golden := filepath.Join("testdata", "read-mild-0000.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output\n%s\nwant\n%s", got, want)
	}
}

func TestSynthThenEvaluate(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runCLI(t, "synth", "-out", dir, "-n", "2", "-seed", "9", "-levels", "clean,tampered")
	if code != 0 || !strings.Contains(stdout, "wrote 4 documents") {
		t.Fatalf("synth: exit %d, %s %s", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI(t, "eval-ocr", "-dir", dir)
	if code != 0 {
		t.Fatalf("eval-ocr: exit %d, %s", code, stderr)
	}
	for _, want := range []string{"| level | documents | every field exact", "| clean | 2 |", "| tampered | 2 |", "| birth_date |"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("eval-ocr output lacks %q:\n%s", want, stdout)
		}
	}
	if code, _, stderr := runCLI(t, "eval-ocr", "-dir", t.TempDir()); code != 1 || !strings.Contains(stderr, "manifest.jsonl") {
		t.Errorf("eval-ocr on an empty directory: exit %d, %s", code, stderr)
	}
}
