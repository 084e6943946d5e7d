// Package store keeps accounts and their photos — perceptual hashes, kind,
// size and a SHA-256 of the bytes, the image itself only when asked — and
// finds near-duplicate photos without scanning them all, by multi-index
// hashing: each 64-bit hash is split into four 16-bit chunks kept in an
// indexed table; a photo within Hamming distance r of a query has, by the
// pigeonhole principle, a chunk within r/4 of the query's, so looking up
// the chunk values that close finds every candidate, and the full hashes
// are then compared. Photos may also carry a signature and its keys
// (package photo's); Candidates finds photos by their keys the same way,
// from an index held in memory and brought up to date from the database
// before each lookup (keyindex.go).
//
// Two implementations share one interface and one test suite: SQLite (a
// file path; the default, no set-up) and PostgreSQL (a postgres:// URL),
// which several service replicas and workers can share and where each sees
// the others' photos as soon as they are stored. Migrations run on Open.
package store

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"time"
)

// Kind says what a photo shows.
type Kind string

// Kinds of photos.
const (
	KindProfile  Kind = "profile"  // an account's profile picture
	KindDocument Kind = "document" // an identity document
	KindPortrait Kind = "portrait" // the face cut out of a document
)

// ParseKind reads a kind's name.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(strings.TrimSpace(s))); k {
	case KindProfile, KindDocument, KindPortrait:
		return k, nil
	}
	return "", fmt.Errorf("%w: kind %q (want profile, document or portrait)", ErrInvalid, s)
}

// Hash is one perceptual hash of a photo: its algorithm's name ("phash",
// "dhash"...) and 64 bits.
type Hash struct {
	Algo  string
	Value uint64
}

// Photo is what the store keeps of one photo.
type Photo struct {
	ID        int64 // set by AddPhoto
	AccountID string
	Kind      Kind
	Width     int // pixels
	Height    int
	Bytes     int64 // size of the file
	SHA256    [32]byte
	Hashes    []Hash
	// Signature is a fuller description of the photo, opaque to the store
	// (package photo encodes it), returned with Candidates to decide
	// among them; nil when the photo has none.
	Signature []byte
	// Keys are the 64-bit keys Candidates finds the photo by (at most
	// MaxKeys); only with a Signature.
	Keys []uint64
	// KeyData, opaque to the store, holds what KeyQuery.Verify checks of
	// each key: len(Keys) parts of equal size, in the order of Keys (or
	// nothing). The store keeps it in memory with the keys.
	KeyData []byte
	// KeyVersion names the way Keys were made (package photo's
	// KeyVersion); keys are only compared with query keys of the same
	// version. 0 is taken as 1, the first.
	KeyVersion int
	// Words are what WordCandidates finds the photo by: the words of its
	// points (package photo's corners), WordsPerPoint a point, point by
	// point, at most MaxPoints points; only with a Signature. Key lookups
	// may read the keys of photos with words apart from the others'
	// (KeyQuery.Among).
	Words         []uint64
	WordsPerPoint int // 1 to MaxWordsPerPoint when there are Words
	// PointData, opaque to the store, holds what WordQuery.Verify checks
	// of each point (its position, say): a part of equal size for each
	// point, in their order (or nothing). Kept in memory with the words.
	PointData []byte
	Image     []byte // kept only when the store is asked to keep images; else nil
	CreatedAt time.Time
}

// Query asks for the photos whose Algo hash is within MaxDistance bits of
// Value.
type Query struct {
	Algo        string
	Value       uint64
	MaxDistance int    // 0 to MaxDistance bits
	NotAccount  string // leave out this account's photos ("" leaves none out)
	Limit       int    // at most this many, nearest first (0: no limit)
}

// MaxDistance is the largest Hamming distance a Query may ask for: beyond
// it the chunk lookups stop paying (697 values per chunk at 15 bits).
const MaxDistance = 15

// Match is one photo found near a query.
type Match struct {
	PhotoID   int64
	AccountID string
	Kind      Kind
	Distance  int // bits
}

// KeyQuery asks for the photos with a key near one of Keys: a stored key
// k is near a query key q when one of k's four 16-bit chunks is within
// ChunkRadius bits of q's same chunk (what the index looks up) and all of
// k within MaxDistance bits of q. With ChunkRadius at least MaxDistance/4
// every key within MaxDistance is found (the pigeonhole principle);
// smaller, the lookup is cheaper and finds most of them.
type KeyQuery struct {
	Keys        []uint64 // 1 to MaxKeys
	ChunkRadius int      // 0 to 3 bits
	MaxDistance int      // 0 to 64 bits
	NotAccount  string   // leave out this account's photos ("" leaves none out)
	// KeyVersion is the version of Keys (0 is taken as 1). Photos stored
	// with keys of another version are candidates whatever their keys,
	// at MaxDistance, until Rekey makes their keys anew: a change in how
	// keys are made must not lose the photos stored before it.
	KeyVersion int
	// Verify, when set, checks each pair of keys that is near: stored is
	// the stored key's part of its photo's KeyData (nil when the photo
	// has none) and query the query key's place in Keys. Only pairs it
	// accepts count. It runs in memory, before any signature is read, so
	// that photos whose keys meet by chance are not fetched; it must be
	// safe for concurrent use and not keep stored.
	Verify func(stored []byte, query int) bool
	// Among picks the photos whose keys are read: all of them, or only
	// those stored without words (Photo.Words) or only those with. A
	// lookup that finds pictures with detail by WordCandidates leaves
	// their keys out, which meet too often to select among; one that
	// cannot may ask their keys apart, at a reach of its own.
	Among Among
}

// Among is a set of stored photos a KeyQuery reads the keys of.
type Among int

const (
	// AllPhotos reads every photo's keys.
	AllPhotos Among = iota
	// WordlessPhotos reads the keys of photos stored without words.
	WordlessPhotos
	// WordedPhotos reads the keys of photos stored with words.
	WordedPhotos
)

// Near says whether a photo with keys and key data (as in Photo) has a key
// near one of q's that q.Verify accepts, and the distance of the nearest
// such pair, in bits: what Candidates asks of each stored photo, checked
// here one photo at a time.
func (q *KeyQuery) Near(keys []uint64, data []byte) (int, bool) {
	best, found := 0, false
	for i, k := range keys {
		for j, qk := range q.Keys {
			d := bits.OnesCount64(k ^ qk)
			if d > q.MaxDistance || found && d >= best || firstNearChunk(k^qk, q.ChunkRadius) < 0 {
				continue
			}
			if q.Verify == nil || q.Verify(keyPart(data, len(keys), i), j) {
				best, found = d, true
			}
		}
	}
	return best, found
}

// firstNearChunk is the first of the four 16-bit chunks in which two keys
// differing by bits x (their XOR) are within r bits, or -1 if none is: the
// index finds the pair in the bucket of that chunk first.
func firstNearChunk(x uint64, r int) int {
	for c := 0; c < 4; c++ {
		if bits.OnesCount64(x>>(16*c)&0xFFFF) <= r {
			return c
		}
	}
	return -1
}

// keyDataFits says whether bytes of key data split into a part of equal
// size for each of keys (or are none).
func keyDataFits(keys, bytes int) bool {
	return bytes == 0 || keys > 0 && bytes%keys == 0
}

// keyPart is key i's part of the key data of a photo with n keys (nil
// when it has none).
func keyPart(data []byte, n, i int) []byte {
	if len(data) == 0 {
		return nil
	}
	per := len(data) / n
	return data[i*per : (i+1)*per : (i+1)*per]
}

// MaxKeys is the most keys a photo may have or a KeyQuery ask with.
const MaxKeys = 64

// Candidate is a photo found by its keys, with what deciding on it needs.
// Its Distance is that of the nearest pair of keys, in bits.
type Candidate struct {
	Match
	Signature []byte
	// Shared is how many of the query's points share words with the
	// photo's, or as many of them as WordQuery.Verify counted
	// (WordCandidates only).
	Shared int
}

// Store keeps photos. Implementations are safe for concurrent use.
type Store interface {
	// AddPhoto stores p, creating its account when new, and returns its ID.
	AddPhoto(ctx context.Context, p Photo) (int64, error)
	// AddPhotos stores many photos in one transaction (bulk loads,
	// re-verification jobs): all of them, or none when one fails.
	AddPhotos(ctx context.Context, ps []Photo) ([]int64, error)
	// Similar returns the photos near q, nearest first (ties by photo ID).
	Similar(ctx context.Context, q Query) ([]Match, error)
	// Candidates returns the photos with a key near q's, nearest first
	// (ties by photo ID), each with its signature. The first call reads
	// every stored photo's keys and key data into memory (52 bytes a
	// key, and its key data: about 9 KB a photo of package photo, heap
	// measured, docs/photo-store.md);
	// later calls read only what was stored since, here or by another
	// process.
	Candidates(ctx context.Context, q KeyQuery) ([]Candidate, error)
	// WordCandidates returns the photos whose points share words with at
	// least q.MinShared of the query's points (WordQuery), most shared
	// first (ties by photo ID), each with its signature. Its index is
	// held in memory with the keys' (wordindex.go; about 10-20 bytes a
	// word) and brought up to date the same way.
	WordCandidates(ctx context.Context, q WordQuery) ([]Candidate, error)
	// Rekey makes anew the keys of every photo whose keys are not of
	// version (at least 1), or that was stored before photos kept words,
	// from its signature: keys returns a photo's keys, key data, words and
	// point data, as Photo's, from the photo's ID, size and Signature
	// (the only fields set). Photos are rewritten in batches, each
	// in a transaction of its own, so that a long run stops with what it
	// finished kept and can be run again. It returns how many photos it
	// rewrote. Stores sharing a PostgreSQL database read the new keys at
	// their next lookup; until then, and in other processes on a SQLite
	// file until they open it again, those photos stay candidates of
	// every lookup (KeyQuery.KeyVersion), and photos given words are
	// found by their keys alone.
	Rekey(ctx context.Context, version int, keys func(p Photo) (Keys, error)) (int, error)
	// BySHA256 returns the photos whose bytes are exactly these, oldest first.
	BySHA256(ctx context.Context, sum [32]byte) ([]Match, error)
	// Photo returns one photo, hashes, signature and keys included.
	Photo(ctx context.Context, id int64) (Photo, error)
	// Optimize refreshes the query planner's statistics (and, in
	// PostgreSQL, the visibility map that index-only scans need). Run it
	// after a bulk load: PostgreSQL planned lookups from statistics of an
	// empty table and read every chunk until it was (60 ms instead of 2 at
	// 100,000 photos). Autovacuum does the same in time.
	Optimize(ctx context.Context) error
	// Close releases the store.
	Close() error
}

// Keys are what Rekey makes anew of a photo: its keys, key data, words
// and point data, as Photo's.
type Keys struct {
	Keys          []uint64
	KeyData       []byte
	Words         []uint64
	WordsPerPoint int
	PointData     []byte
}

// validate checks keys as a photo's, signed saying whether the photo has a
// signature: at most MaxKeys keys, key data in a part of equal size for
// each, and words as validPoints says.
func (k *Keys) validate(signed bool) error {
	switch {
	case len(k.Keys) > MaxKeys:
		return fmt.Errorf("%w: %d keys (at most %d)", ErrInvalid, len(k.Keys), MaxKeys)
	case !keyDataFits(len(k.Keys), len(k.KeyData)):
		return fmt.Errorf("%w: %d bytes of key data for %d keys (want a part of equal size for each)",
			ErrInvalid, len(k.KeyData), len(k.Keys))
	}
	return validPoints(len(k.Words), k.WordsPerPoint, len(k.PointData), signed)
}

// Errors callers can tell apart.
var (
	ErrInvalid  = errors.New("store: invalid input")
	ErrNotFound = errors.New("store: not found")
)

// Options tune a store.
type Options struct {
	// KeepImages stores each photo's bytes as well as its hashes.
	KeepImages bool
}

// Open opens the store at dsn: a postgres:// or postgresql:// URL, or else
// the path of a SQLite file (created when missing). It brings the schema
// up to date.
func Open(ctx context.Context, dsn string, opts Options) (Store, error) {
	if dsn == "" {
		return nil, fmt.Errorf("%w: no database given (a SQLite file path or a postgres:// URL)", ErrInvalid)
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn, opts)
	}
	return openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"), opts)
}

func (p *Photo) validate() error {
	switch {
	case strings.TrimSpace(p.AccountID) == "":
		return fmt.Errorf("%w: photo without an account", ErrInvalid)
	case p.Width <= 0 || p.Height <= 0 || p.Bytes <= 0:
		return fmt.Errorf("%w: photo size %dx%d, %d bytes", ErrInvalid, p.Width, p.Height, p.Bytes)
	case len(p.Hashes) == 0:
		return fmt.Errorf("%w: photo without hashes", ErrInvalid)
	}
	switch {
	case len(p.Keys) > 0 && len(p.Signature) == 0:
		return fmt.Errorf("%w: keys without a signature", ErrInvalid)
	case p.KeyVersion < 0 || p.KeyVersion > MaxKeyVersion:
		return fmt.Errorf("%w: key version %d outside 0-%d", ErrInvalid, p.KeyVersion, MaxKeyVersion)
	}
	k := Keys{Keys: p.Keys, KeyData: p.KeyData, Words: p.Words, WordsPerPoint: p.WordsPerPoint, PointData: p.PointData}
	if err := k.validate(len(p.Signature) > 0); err != nil {
		return err
	}
	if _, err := ParseKind(string(p.Kind)); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, h := range p.Hashes {
		if h.Algo == "" || seen[h.Algo] {
			return fmt.Errorf("%w: hash algorithm %q empty or twice", ErrInvalid, h.Algo)
		}
		seen[h.Algo] = true
	}
	return nil
}

func (q *Query) validate() error {
	if q.Algo == "" {
		return fmt.Errorf("%w: query without a hash algorithm", ErrInvalid)
	}
	if q.MaxDistance < 0 || q.MaxDistance > MaxDistance {
		return fmt.Errorf("%w: distance %d outside 0-%d", ErrInvalid, q.MaxDistance, MaxDistance)
	}
	if q.Limit < 0 {
		return fmt.Errorf("%w: negative limit", ErrInvalid)
	}
	return nil
}

func (q *KeyQuery) validate() error {
	switch {
	case len(q.Keys) == 0 || len(q.Keys) > MaxKeys:
		return fmt.Errorf("%w: %d keys (want 1 to %d)", ErrInvalid, len(q.Keys), MaxKeys)
	case q.ChunkRadius < 0 || q.ChunkRadius > 3:
		return fmt.Errorf("%w: chunk radius %d outside 0-3", ErrInvalid, q.ChunkRadius)
	case q.MaxDistance < 0 || q.MaxDistance > 64:
		return fmt.Errorf("%w: distance %d outside 0-64", ErrInvalid, q.MaxDistance)
	case q.KeyVersion < 0 || q.KeyVersion > MaxKeyVersion:
		return fmt.Errorf("%w: key version %d outside 0-%d", ErrInvalid, q.KeyVersion, MaxKeyVersion)
	case q.Among < AllPhotos || q.Among > WordedPhotos:
		return fmt.Errorf("%w: photos to read keys among %d, not one of 0-2", ErrInvalid, q.Among)
	}
	return nil
}

// MaxKeyVersion is the highest key version a store takes.
const MaxKeyVersion = 1<<16 - 1

// keyVersion is v, with 0 taken as 1.
func keyVersion(v int) uint16 {
	return uint16(max(v, 1))
}
