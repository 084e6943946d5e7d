package geoip

import (
	"errors"
	"net/netip"
	"path/filepath"
	"testing"

	"github.com/idcheck/idcheck/internal/geoiptest"
)

func TestCountry(t *testing.T) {
	db, err := Open(geoiptest.Write(t, map[string]string{"203.0.113.0/24": "JP", "198.51.100.0/24": "CN", "2001:db8::/32": "DE"}))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for ip, want := range map[string]string{"203.0.113.10": "JP", "198.51.100.7": "CN", "2001:db8::1": "DE",
		"::ffff:203.0.113.10": "JP", "175.45.177.1": "KP"} {
		got, err := db.Country(netip.MustParseAddr(ip))
		if err != nil || string(got) != want {
			t.Errorf("%s: %q %v, want %q", ip, got, err, want)
		}
	}
	if _, err := db.Country(netip.MustParseAddr("192.0.2.1")); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown address: %v", err)
	}
}

func TestNilDBKnowsNorthKorea(t *testing.T) {
	var db *DB
	if c, err := db.Country(netip.MustParseAddr("175.45.176.5")); err != nil || c != "KP" {
		t.Errorf("%q %v", c, err)
	}
	if _, err := db.Country(netip.MustParseAddr("8.8.8.8")); !errors.Is(err, ErrNotFound) {
		t.Errorf("%v", err)
	}
}

func TestOpenMissingFile(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "none.mmdb")); err == nil {
		t.Error("no error")
	}
}
