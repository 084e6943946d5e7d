package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/idcheck/idcheck/matchers/photo"
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

// A photo whose keys another version of idcheck made is still found, and
// rekey makes its keys anew so that it is found by them.
func TestPhotosRekey(t *testing.T) {
	db := filepath.Join(t.TempDir(), "photos.db")
	pic := filepath.Join("..", "..", "testdata", "documents", "clean-0000.png")
	if code, _, stderr := runCLI(t, "photos", "add", "--db", db, "--account", "acc-1", pic); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// As another version of idcheck would have left it: keys of another
	// version, which meet nothing of this one's, no key data, and no
	// points column.
	sqlDB, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	if _, err := sqlDB.Exec(`UPDATE photo_signatures SET keys = ?, key_data = NULL, key_version = ?, points = NULL`, bytes.Repeat([]byte{0x5A}, 8), photo.KeyVersion+1); err != nil {
		t.Fatal(err)
	}
	for _, step := range []string{"before rekey", "after rekey"} {
		if step == "after rekey" {
			code, stdout, stderr := runCLI(t, "photos", "rekey", "--db", db)
			if code != 0 || strings.TrimSpace(stdout) != fmt.Sprintf(`{"key_version":%d,"rekeyed":1}`, photo.KeyVersion) {
				t.Fatalf("rekey: exit %d, %s %s", code, stdout, stderr)
			}
			var version, n, points int
			if err := sqlDB.QueryRow(`SELECT key_version, length(keys) / 8, length(points) FROM photo_signatures`).Scan(&version, &n, &points); err != nil ||
				version != photo.KeyVersion || n < 30 || points < 100*52 {
				t.Fatalf("after rekey: version %d, %d keys, %d bytes of points, %v", version, n, points, err)
			}
		}
		_, stdout, _ := runCLI(t, "photos", "match", "--db", db, pic)
		if !strings.Contains(stdout, `"account_id":"acc-1"`) {
			t.Errorf("%s: match found %s", step, stdout)
		}
	}
	if _, stdout, _ := runCLI(t, "photos", "rekey", "--db", db); !strings.Contains(stdout, `"rekeyed":0`) {
		t.Errorf("second rekey: %s", stdout)
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
		{[]string{"photos", "rekey"}, "--db is required"},
		{[]string{"photos", "rekey", "--db", db, "x.jpg"}, "takes no files"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%q: exit %d, %q", tc.args, code, stderr)
		}
	}
}

// A document's portrait is cut out and matched against another account's
// profile photo, the picture it was printed from.
func TestPhotosDocumentPortrait(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "photos.db")
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/esimov/pigo").Output()
	if err != nil {
		t.Fatalf("locate pigo: %v", err)
	}
	profile := filepath.Join(strings.TrimSpace(string(out)), "testdata", "sample.jpg") // a head-and-shoulders photo
	face, err := imaging.Open(profile)
	if err != nil {
		t.Fatal(err)
	}
	card := imaging.New(1000, 630, color.NRGBA{222, 230, 236, 255})
	card = imaging.Paste(card, imaging.New(500, 40, color.NRGBA{40, 40, 50, 255}), image.Pt(380, 200))
	doc := filepath.Join(dir, "id.jpg")
	if err := imaging.Save(imaging.Paste(card, imaging.Resize(face, 260, 325, imaging.Linear), image.Pt(50, 150)), doc); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCLI(t, "photos", "add", "--db", db, "--account", "acc-1", profile); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "photos", "add", "--db", db, "--account", "acc-2", "--kind", "document", doc)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		PhotoID int64 `json:"photo_id"`
		Matches []struct {
			AccountID string `json:"account_id"`
		} `json:"matches"`
		Portrait struct {
			PhotoID int64  `json:"photo_id"`
			Box     [4]int `json:"box"`
			Matches []struct {
				AccountID string `json:"account_id"`
				PhotoID   int64  `json:"photo_id"`
				Kind      string `json:"kind"`
			} `json:"matches"`
		} `json:"portrait"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	p := got.Portrait
	if got.PhotoID != 2 || len(got.Matches) != 0 || p.PhotoID != 3 || len(p.Matches) != 1 ||
		p.Matches[0].AccountID != "acc-1" || p.Matches[0].PhotoID != 1 || p.Matches[0].Kind != "profile" {
		t.Errorf("%s", stdout)
	}
	if b := p.Box; b[0] > 80 || b[1] > 180 || b[2] < 280 || b[3] < 440 {
		t.Errorf("portrait box %v, want about the printed portrait (50,150)-(310,475)", b)
	}
	// The stored portrait is found the other way too: the profile photo
	// looked up again matches acc-2's portrait.
	_, stdout, _ = runCLI(t, "photos", "match", "--db", db, "--account", "acc-1", profile)
	if !strings.Contains(stdout, `"account_id":"acc-2","photo_id":3,"kind":"portrait"`) {
		t.Errorf("%s", stdout)
	}
	// A document without a face says so.
	_, stdout, _ = runCLI(t, "photos", "match", "--db", db, "--kind", "document", filepath.Join("..", "..", "testdata", "documents", "clean-0000.png"))
	if !strings.Contains(stdout, `"portrait_error":"portrait: no face found"`) {
		t.Errorf("%s", stdout)
	}
}
