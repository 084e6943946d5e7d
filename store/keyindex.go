package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"strconv"
	"sync"
)

// keyIndex holds every stored photo's signature keys in memory, for
// multi-index hashing without a database round trip per chunk value: each
// key is filed under each of its four 16-bit chunks, and a lookup reads
// the buckets of the chunk values near a query key's. Kept in memory
// because a photo has about 20 keys: as rows in a database index, a
// lookup read tens of thousands of them (16 ms median at 100,000 photos
// in SQLite, docs/photo-store.md); here it reads the same entries from
// arrays.
//
// The database stays the record: before each lookup, refresh reads the
// photos stored since the last read, by this process or any other, so
// that replicas sharing a database see each other's photos at once.
type keyIndex struct {
	refreshMu sync.Mutex // one refresh at a time
	mu        sync.RWMutex
	buckets   *[4][1 << 16]bucket
	have      map[int64]bool // photos indexed
	cursor    string         // where the next read starts; the dialect's to interpret
}

// bucket holds the keys with one value of one chunk, and their photos.
// The keys themselves are in the bucket, not referred to, so that a
// lookup reads them in order (at a million photos, looking each up in one
// array of all keys was most of a lookup's time).
type bucket struct {
	keys   []uint64
	photos []int64
}

// newKeysFunc reads the signature keys of photos stored since cursor ("":
// from the start), calling add for each (possibly for photos read
// before), and returns the cursor for the next read.
type newKeysFunc func(ctx context.Context, db *sql.DB, cursor string, add func(id int64, keys []byte) error) (string, error)

// refresh adds the photos stored since the last refresh.
func (x *keyIndex) refresh(ctx context.Context, db *sql.DB, read newKeysFunc) error {
	x.refreshMu.Lock()
	defer x.refreshMu.Unlock()
	type photo struct {
		id   int64
		keys []uint64
	}
	var fresh []photo
	cursor, err := read(ctx, db, x.cursor, func(id int64, data []byte) error {
		keys, err := decodeKeys(data)
		if err != nil {
			return fmt.Errorf("photo %d: %w", id, err)
		}
		fresh = append(fresh, photo{id, keys})
		return nil
	})
	if err != nil {
		return fmt.Errorf("read keys: %w", err)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.buckets == nil {
		x.buckets = new([4][1 << 16]bucket)
		x.have = map[int64]bool{}
	}
	for _, p := range fresh {
		if x.have[p.id] {
			continue
		}
		x.have[p.id] = true
		for _, k := range p.keys {
			for c := 0; c < 4; c++ {
				b := &x.buckets[c][chunk(k, c)]
				b.keys, b.photos = append(b.keys, k), append(b.photos, p.id)
			}
		}
	}
	x.cursor = cursor
	return nil
}

// near returns, per photo with a key near one of q's (KeyQuery says
// when), the distance of its nearest such key.
func (x *keyIndex) near(q KeyQuery) map[int64]int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := map[int64]int{}
	if x.buckets == nil {
		return out
	}
	for _, qk := range q.Keys {
		for c := 0; c < 4; c++ {
			// Each key in the bucket of a value within ChunkRadius of
			// qk's chunk passes the chunk test; only its distance is left.
			for _, v := range neighbours(chunk(qk, c), q.ChunkRadius) {
				b := &x.buckets[c][v]
				for i, k := range b.keys {
					if d := bits.OnesCount64(k ^ qk); d <= q.MaxDistance {
						id := b.photos[i]
						if old, ok := out[id]; !ok || d < old {
							out[id] = d
						}
					}
				}
			}
		}
	}
	return out
}

// newKeysByID reads SQLite's rows above the last photo ID read: SQLite has
// one writer at a time, so IDs commit in order and none is skipped.
func newKeysByID(ctx context.Context, db *sql.DB, cursor string, add func(id int64, keys []byte) error) (string, error) {
	last := int64(0)
	if cursor != "" {
		var err error
		if last, err = strconv.ParseInt(cursor, 10, 64); err != nil {
			return "", fmt.Errorf("cursor %q: %w", cursor, err)
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT photo_id, keys FROM photo_signatures WHERE photo_id > ? ORDER BY photo_id`, last)
	if err != nil {
		return "", err
	}
	err = eachKeys(rows, func(id int64, keys []byte) error {
		last = id
		return add(id, keys)
	})
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(last, 10), nil
}

// eachKeys calls add for each (photo_id, keys) row, and closes rows.
func eachKeys(rows *sql.Rows, add func(id int64, keys []byte) error) error {
	defer rows.Close()
	for rows.Next() {
		var id int64
		var keys []byte
		if err := rows.Scan(&id, &keys); err != nil {
			return err
		}
		if err := add(id, keys); err != nil {
			return err
		}
	}
	return rows.Err()
}

// newKeysByTransaction reads PostgreSQL's rows by the transaction that
// wrote them. IDs come from a sequence before commit, so a photo with a
// lower ID can commit after a higher one was read; instead the cursor is
// the oldest transaction still running when the last read's snapshot was
// taken (pg_snapshot_xmin): every transaction before it had ended, so its
// rows were read, and rows of that one or later are read again (refresh
// skips photos it holds) until their transactions end too.
func newKeysByTransaction(ctx context.Context, db *sql.DB, cursor string, add func(id int64, keys []byte) error) (string, error) {
	// One snapshot for both statements.
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var next string
	if err := tx.QueryRowContext(ctx, `SELECT pg_snapshot_xmin(pg_current_snapshot())::text`).Scan(&next); err != nil {
		return "", err
	}
	if cursor == "" {
		cursor = "0"
	}
	rows, err := tx.QueryContext(ctx, `SELECT photo_id, keys FROM photo_signatures WHERE xid >= $1::text::xid8`, cursor)
	if err != nil {
		return "", err
	}
	if err := eachKeys(rows, add); err != nil {
		return "", err
	}
	return next, tx.Commit()
}
