package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"slices"
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
// arrays. It also holds the photos' points by their words (wordindex.go),
// read with the keys.
//
// The database stays the record: before each lookup, refresh reads the
// photos stored since the last read, by this process or any other, so
// that replicas sharing a database see each other's photos at once.
type keyIndex struct {
	refreshMu sync.Mutex // one refresh at a time
	mu        sync.RWMutex
	// buckets file the keys of photos without words ([0]) and with
	// ([1]) apart, so that a lookup among one set (KeyQuery.Among) does
	// not read the other's keys: those of pictures with detail meet
	// often.
	buckets  [2]*[4][1 << 16]bucket
	photos   []indexed           // photos indexed, by their place in the index
	places   map[int64]uint32    // each photo's place, by ID
	versions map[uint16][]uint32 // places of the photos with keys of each version
	words    wordIndex           // the photos' points, by their words
	worded   []uint64            // a bit per place: the photo has words
	cursor   string              // where the next read starts; the dialect's to interpret
	scratch  sync.Pool           // *nearScratch, one per lookup running
}

// indexed is what the index keeps of a photo besides its keys in buckets.
type indexed struct {
	id        int64
	keys      int    // how many
	data      []byte // Photo.KeyData
	version   uint16 // Photo.KeyVersion
	pointData []byte // Photo.PointData
}

// bucket holds the keys with one value of one chunk, and their photos.
// The keys themselves are in the bucket, not referred to, so that a
// lookup reads them in order (at a million photos, looking each up in one
// array of all keys was most of a lookup's time). Photos are named by
// their place in keyIndex.photos, not by ID: half the bytes, and a lookup
// reaches a photo's key data without a map (map look-ups were 18% of a
// lookup's time in a store of look-alike portraits, docs/photo-store.md).
type bucket struct {
	keys   []uint64
	photos []uint32 // place in keyIndex.photos
	places []uint8  // each key's place among its photo's keys (MaxKeys fits)
}

// nearScratch is what one lookup keeps per photo of the index: the
// distance of its nearest accepted pair so far, plus one (0: none yet),
// and which photos it set, to read and clear them afterwards; and the
// pairs of keys that meet, waiting for Verify (pair).
type nearScratch struct {
	best    []uint8
	touched []uint32
	pending []uint64
	sorted  []uint64
}

// sortPairsFrom is how many pairs of keys a lookup checks as it meets
// them; it puts any more aside, sorts them by photo and checks them after.
const sortPairsFrom = 4096

// pair packs a pair of keys that meets: the stored key's photo (its
// place) in the high bits, by which the pairs are sorted, then its
// distance, the stored key's place among its photo's keys and the query
// key's index (all three below 256).
func pair(place uint32, d, storedKey, queryKey int) uint64 {
	return uint64(place)<<24 | uint64(d)<<16 | uint64(storedKey)<<8 | uint64(queryKey)
}

// newKeysFunc reads the signature keys and points of photos stored since
// cursor ("": from the start), calling add for each (possibly for photos
// read before), and returns the cursor for the next read.
type newKeysFunc func(ctx context.Context, db *sql.DB, cursor string, add addKeysFunc) (string, error)

// addKeysFunc takes one photo's row.
type addKeysFunc func(r keysRow) error

// keysRow is what the index reads of a photo: its encoded keys, key data
// (nil: none), key version and encoded points (nil: none).
type keysRow struct {
	id      int64
	keys    []byte
	data    []byte
	version int
	points  []byte
}

// keysColumns are the columns of photo_signatures a keysRow is read from.
const keysColumns = `photo_id, keys, key_data, key_version, points`

// refresh adds the photos stored since the last refresh. A photo it holds
// read again with keys of another version (Rekey, by another store on the
// same database) has the index read again from the start: its keys are
// filed in buckets, which are not searched to take them out.
func (x *keyIndex) refresh(ctx context.Context, db *sql.DB, read newKeysFunc) error {
	x.refreshMu.Lock()
	defer x.refreshMu.Unlock()
	rekeyed, err := x.read(ctx, db, read)
	if err == nil && rekeyed {
		x.clear()
		_, err = x.read(ctx, db, read)
	}
	return err
}

// reset empties the index, for the next lookup to read it all again.
func (x *keyIndex) reset() {
	x.refreshMu.Lock()
	defer x.refreshMu.Unlock()
	x.clear()
}

// clear empties the index; the caller holds refreshMu.
func (x *keyIndex) clear() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.buckets, x.photos, x.places, x.versions, x.cursor = [2]*[4][1 << 16]bucket{}, nil, nil, nil, ""
	x.words.release()
	x.worded = nil
}

// readBatch is how many photos read adds at a time: the words of a
// photo with detail take some 14 KB decoded, so a first read of a
// million such photos held them all at once (14 GB) before filing any.
const readBatch = 1024

// fresh is a photo read, decoded and checked, before the index files it.
type fresh struct {
	id      int64
	version uint16
	k       Keys
}

// read adds the photos stored since the cursor, readBatch at a time;
// rekeyed says a photo held was read with keys of another version. On an
// error the photos added stay, and the cursor does not move: the next
// read reads them again and skips them.
func (x *keyIndex) read(ctx context.Context, db *sql.DB, read newKeysFunc) (rekeyed bool, err error) {
	batch := make([]fresh, 0, readBatch)
	flush := func() error {
		r, err := x.add(batch)
		rekeyed = rekeyed || r
		clear(batch)
		batch = batch[:0]
		return err
	}
	cursor, err := read(ctx, db, x.cursor, func(r keysRow) error {
		keys, err := decodeKeys(r.keys)
		if err != nil {
			return fmt.Errorf("photo %d: %w", r.id, err)
		}
		if r.version < 1 || r.version > MaxKeyVersion {
			return fmt.Errorf("photo %d: key version %d", r.id, r.version)
		}
		words, perPoint, pointData, err := decodePoints(r.points)
		if err != nil {
			return fmt.Errorf("photo %d: %w", r.id, err)
		}
		// The point data is a part of the column's bytes, which hold the
		// words too: kept as is, it kept them all.
		k := Keys{Keys: keys, KeyData: r.data, Words: words, WordsPerPoint: perPoint, PointData: slices.Clone(pointData)}
		if err := k.validate(true); err != nil {
			return fmt.Errorf("photo %d: %w", r.id, err)
		}
		batch = append(batch, fresh{r.id, uint16(r.version), k})
		if len(batch) == readBatch {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return false, fmt.Errorf("read keys: %w", err)
	}
	x.mu.Lock()
	x.cursor = cursor
	x.mu.Unlock()
	return rekeyed, nil
}

// add files photos read; rekeyed says one of them was held already, with
// keys of another version or without words it has now.
func (x *keyIndex) add(ps []fresh) (rekeyed bool, err error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.places == nil {
		x.places = map[int64]uint32{}
		x.versions = map[uint16][]uint32{}
	}
	for _, p := range ps {
		if place, ok := x.places[p.id]; ok {
			if x.photos[place].version != p.version || len(p.k.Words) > 0 && !x.hasWords(place) {
				rekeyed = true
			}
			continue
		}
		if len(x.photos) == maxPlaces {
			return rekeyed, fmt.Errorf("more than %d photos in one index", maxPlaces)
		}
		place := uint32(len(x.photos))
		x.places[p.id] = place
		x.photos = append(x.photos, indexed{id: p.id, keys: len(p.k.Keys), data: p.k.KeyData, version: p.version, pointData: p.k.PointData})
		x.versions[p.version] = append(x.versions[p.version], place)
		if int(place/64) >= len(x.worded) {
			x.worded = append(x.worded, 0)
		}
		group := 0
		if len(p.k.Words) > 0 {
			x.worded[place/64] |= 1 << (place % 64)
			x.words.add(place, p.k.Words, p.k.WordsPerPoint)
			group = 1
		}
		if x.buckets[group] == nil && len(p.k.Keys) > 0 {
			x.buckets[group] = new([4][1 << 16]bucket)
		}
		for kp, k := range p.k.Keys {
			for c := 0; c < 4; c++ {
				b := &x.buckets[group][c][chunk(k, c)]
				b.keys, b.photos, b.places = append(b.keys, k), append(b.photos, place), append(b.places, uint8(kp))
			}
		}
	}
	return rekeyed, nil
}

// near returns, per photo with a key near one of q's (KeyQuery says
// when, q.Verify accepting), the distance of its nearest such key: what
// KeyQuery.Near says of each photo, from the buckets.
func (x *keyIndex) near(q KeyQuery) map[int64]int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := map[int64]int{}
	if x.places == nil {
		return out
	}
	groups := x.buckets[:]
	switch q.Among {
	case WordlessPhotos:
		groups = groups[:1]
	case WordedPhotos:
		groups = groups[1:]
	}
	sc, _ := x.scratch.Get().(*nearScratch)
	if sc == nil {
		sc = &nearScratch{}
	}
	if len(sc.best) < len(x.photos) {
		sc.best = make([]uint8, len(x.photos)+len(x.photos)/4)
	}
	pending := sc.pending[:0]
	checked := 0 // pairs checked as they came
	for _, buckets := range groups {
		if buckets == nil {
			continue
		}
		x.lookUp(buckets, &q, sc, &pending, &checked)
	}
	if len(pending) > 0 {
		// Checked in the order of the photos' places, and so of their
		// key data in memory, not in the buckets' order: reading the key
		// data of photos scattered over the heap, each out of the
		// processor's cache, was most of a lookup's time in a store of
		// look-alikes (docs/photo-store.md). The first sortPairsFrom pairs
		// were checked as they came: for a few, sorting costs more than
		// their misses.
		bytes := 3 // the place's bytes in use, above the low three
		for n := len(x.photos) - 1; n > 0; n >>= 8 {
			bytes++
		}
		sorted, spare := radixSort(pending, sc.sorted, 3, bytes)
		for _, pr := range sorted {
			x.judge(sc, &q, uint32(pr>>24), int(pr>>16&0xFF), int(pr>>8&0xFF), int(pr&0xFF))
		}
		sc.pending, sc.sorted = sorted[:0], spare
	}
	// Photos with keys of another version than the query's are candidates
	// whatever their keys: Rekey has not made theirs anew yet.
	v := keyVersion(q.KeyVersion)
	for version, places := range x.versions {
		if version != v {
			for _, place := range places {
				if q.Among != AllPhotos && x.hasWords(place) != (q.Among == WordedPhotos) {
					continue
				}
				sc.accept(place, q.MaxDistance)
			}
		}
	}
	for _, place := range sc.touched {
		out[x.photos[place].id] = int(sc.best[place]) - 1
		sc.best[place] = 0
	}
	sc.touched = sc.touched[:0]
	x.scratch.Put(sc)
	return out
}

// hasWords says whether the photo at place has words.
func (x *keyIndex) hasWords(place uint32) bool { return x.worded[place/64]>>(place%64)&1 == 1 }

// lookUp reads the buckets of one group near each of q's keys and judges
// each pair that meets, as near does: now (checked counts them) or, past
// sortPairsFrom pairs, put in pending for later.
func (x *keyIndex) lookUp(buckets *[4][1 << 16]bucket, q *KeyQuery, sc *nearScratch, pending *[]uint64, checked *int) {
	for j, qk := range q.Keys {
		for c := 0; c < 4; c++ {
			// Each key in the bucket of a value within ChunkRadius of
			// qk's chunk passes the chunk test; its distance and Verify
			// are left.
			for _, v := range neighbours(chunk(qk, c), q.ChunkRadius) {
				b := &buckets[c][v]
				for i, k := range b.keys {
					d := bits.OnesCount64(k ^ qk)
					// A pair near in several chunks is met in each of
					// their buckets: it is judged in the first, so that
					// Verify runs once for it, not up to four times.
					if d > q.MaxDistance || firstNearChunk(k^qk, q.ChunkRadius) != c {
						continue
					}
					place := b.photos[i]
					switch {
					case q.Verify == nil:
						sc.accept(place, d)
					case len(*pending) == 0 && *checked < sortPairsFrom:
						if x.judge(sc, q, place, d, int(b.places[i]), j) {
							*checked++
						}
					default:
						*pending = append(*pending, pair(place, d, int(b.places[i]), j))
					}
				}
			}
		}
	}
}

// judge checks a pair of keys that meets with q.Verify, and accepts it if
// it passes, unless the photo (at place) already has a pair as near:
// storedKey is the stored key's place among its photo's keys, queryKey
// the query key's in q.Keys. It says whether it checked the pair.
func (x *keyIndex) judge(sc *nearScratch, q *KeyQuery, place uint32, d, storedKey, queryKey int) bool {
	if sc.has(place, d) {
		return false
	}
	p := &x.photos[place]
	if q.Verify(keyPart(p.data, p.keys, storedKey), queryKey) {
		sc.accept(place, d)
	}
	return true
}

// has says whether the photo at place has an accepted pair at distance d
// or nearer.
func (sc *nearScratch) has(place uint32, d int) bool {
	old := sc.best[place]
	return old != 0 && int(old) <= d+1
}

// accept records a pair that passed: photo place at distance d.
func (sc *nearScratch) accept(place uint32, d int) {
	if sc.has(place, d) {
		return
	}
	if sc.best[place] == 0 {
		sc.touched = append(sc.touched, place)
	}
	sc.best[place] = uint8(d + 1)
}

// radixSort sorts a by its bytes from to to-1 (least significant byte 0),
// through tmp (grown as needed), and returns the sorted slice and the
// other buffer, to be reused: one is a's array, the other tmp's.
func radixSort(a, tmp []uint64, from, to int) (sorted, spare []uint64) {
	if cap(tmp) < len(a) {
		tmp = make([]uint64, len(a), len(a)+len(a)/4)
	}
	tmp = tmp[:len(a)]
	for b := from; b < to; b++ {
		shift := 8 * uint(b)
		var count [257]int
		for _, v := range a {
			count[v>>shift&0xFF+1]++
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		for _, v := range a {
			k := v >> shift & 0xFF
			tmp[count[k]] = v
			count[k]++
		}
		a, tmp = tmp, a
	}
	return a, tmp
}

// newKeysByID reads SQLite's rows above the last photo ID read: SQLite has
// one writer at a time, so IDs commit in order and none is skipped.
func newKeysByID(ctx context.Context, db *sql.DB, cursor string, add addKeysFunc) (string, error) {
	last := int64(0)
	if cursor != "" {
		var err error
		if last, err = strconv.ParseInt(cursor, 10, 64); err != nil {
			return "", fmt.Errorf("cursor %q: %w", cursor, err)
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT `+keysColumns+` FROM photo_signatures WHERE photo_id > ? ORDER BY photo_id`, last)
	if err != nil {
		return "", err
	}
	err = eachKeys(rows, func(r keysRow) error {
		last = r.id
		return add(r)
	})
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(last, 10), nil
}

// eachKeys calls add for each row of keysColumns, and closes rows.
func eachKeys(rows *sql.Rows, add addKeysFunc) error {
	defer rows.Close()
	for rows.Next() {
		var r keysRow
		if err := rows.Scan(&r.id, &r.keys, &r.data, &r.version, &r.points); err != nil {
			return err
		}
		if err := add(r); err != nil {
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
func newKeysByTransaction(ctx context.Context, db *sql.DB, cursor string, add addKeysFunc) (string, error) {
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
	rows, err := tx.QueryContext(ctx, `SELECT `+keysColumns+` FROM photo_signatures WHERE xid >= $1::text::xid8`, cursor)
	if err != nil {
		return "", err
	}
	if err := eachKeys(rows, add); err != nil {
		return "", err
	}
	return next, tx.Commit()
}
