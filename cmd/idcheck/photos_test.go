package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestPhotosAddAndMatch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "photos.db")
	doc := filepath.Join("..", "..", "testdata", "documents", "clean-0000.png")
	other := filepath.Join("..", "..", "testdata", "documents", "mild-0000.jpg")
	if code, _, stderr := runCLI(t, "photos", "add", "--db", db, "--account", "acc-1", "--kind", "document", doc); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "photos", "add", "--db", db, "--account", "acc-2", doc, other, "missing.jpg")
	if code != 1 || !strings.Contains(stderr, "1 of 3 files failed") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("%q", stdout)
	}
	var first struct {
		PhotoID int64 `json:"photo_id"`
		Matches []struct {
			AccountID string  `json:"account_id"`
			Kind      string  `json:"kind"`
			Distance  int     `json:"distance"`
			Sim       float64 `json:"similarity"`
			Same      bool    `json:"same_bytes"`
		} `json:"matches"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.PhotoID != 2 || len(first.Matches) != 1 || first.Matches[0].AccountID != "acc-1" || first.Matches[0].Kind != "document" ||
		first.Matches[0].Distance != 0 || first.Matches[0].Sim != 1 || !first.Matches[0].Same {
		t.Errorf("%s", lines[0])
	}
	if !strings.Contains(lines[1], `"matches":[]`) || !strings.Contains(lines[2], `"error":"open missing.jpg`) {
		t.Errorf("%s\n%s", lines[1], lines[2])
	}
	// match looks up without storing, leaving out --account's photos.
	_, stdout, _ = runCLI(t, "photos", "match", "--db", db, "--account", "acc-1", doc)
	if !strings.Contains(stdout, `"account_id":"acc-2"`) || strings.Contains(stdout, `"account_id":"acc-1"`) || strings.Contains(stdout, "photo_id\":4") {
		t.Errorf("%s", stdout)
	}
}

func TestPhotosUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"photos"}, "idcheck photos add"},
		{[]string{"photos", "delete"}, "idcheck photos add"},
		{[]string{"photos", "add", "--account", "a", "x.jpg"}, "--db is required"},
		{[]string{"photos", "add", "--db", db, "x.jpg"}, "--account is required"},
		{[]string{"photos", "add", "--db", db, "--account", "a", "--kind", "selfie", "x.jpg"}, `kind "selfie"`},
		{[]string{"photos", "match", "--db", db}, "no files given"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%q: exit %d, %q", tc.args, code, stderr)
		}
	}
}
