// Package geoip finds the country of an IP address, from a MaxMind-format
// country database (GeoLite2-Country.mmdb or any database with the same
// "country.iso_code" record) and from the address blocks allocated to
// North Korea, which every lookup knows without a database.
package geoip

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/oschwald/maxminddb-golang/v2"

	"github.com/idcheck/idcheck/country"
)

// northKorea are the address blocks APNIC allocated to North Korea (Star
// Joint Venture); few as they are, they matter most.
var northKorea = []netip.Prefix{netip.MustParsePrefix("175.45.176.0/22")}

// DB finds countries of IP addresses. A nil *DB knows only the built-in
// blocks. It is safe for concurrent use.
type DB struct {
	r *maxminddb.Reader
}

// Open opens a MaxMind-format database file.
func Open(path string) (*DB, error) {
	r, err := maxminddb.Open(path)
	if err != nil {
		return nil, fmt.Errorf("geoip: open %s: %w", path, err)
	}
	return &DB{r: r}, nil
}

// Close releases the database.
func (db *DB) Close() error {
	if db == nil || db.r == nil {
		return nil
	}
	return db.r.Close()
}

// ErrNotFound is returned for addresses no block covers.
var ErrNotFound = errors.New("geoip: address not in the database")

type record struct {
	Country struct {
		ISOCode string `maxminddb:"iso_code"`
	} `maxminddb:"country"`
	RegisteredCountry struct {
		ISOCode string `maxminddb:"iso_code"`
	} `maxminddb:"registered_country"`
}

// Country returns the country of addr.
func (db *DB) Country(addr netip.Addr) (country.Code, error) {
	addr = addr.Unmap()
	for _, p := range northKorea {
		if p.Contains(addr) {
			return "KP", nil
		}
	}
	if db == nil || db.r == nil {
		return "", ErrNotFound
	}
	var rec record
	res := db.r.Lookup(addr)
	if err := res.Err(); err != nil {
		return "", fmt.Errorf("geoip: %s: %w", addr, err)
	}
	if !res.Found() {
		return "", ErrNotFound
	}
	if err := res.Decode(&rec); err != nil {
		return "", fmt.Errorf("geoip: decode %s: %w", addr, err)
	}
	code := rec.Country.ISOCode
	if code == "" {
		code = rec.RegisteredCountry.ISOCode
	}
	if code == "" {
		return "", ErrNotFound
	}
	return country.Code(code), nil
}
