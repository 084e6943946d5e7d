package store

import (
	"cmp"
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math/bits"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed migrations
var migrations embed.FS

// dialect is what differs between the databases.
type dialect struct {
	name       string // "sqlite" or "postgres": the migrations' directory
	dollarArgs bool   // placeholders are $1, $2... rather than ?
	// lock serialises migrations between processes sharing the database.
	lock func(ctx context.Context, tx *sql.Tx) error
	// optimize are the statements Optimize runs, each on its own.
	optimize []string
	// newKeys reads the signature keys stored since a cursor.
	newKeys newKeysFunc
	// rekey rewrites one photo's keys, key data and key version (the
	// arguments, then the photo ID) so that newKeys reads them again.
	rekey string
}

// sqlStore implements Store over database/sql; the dialect covers the
// differences.
type sqlStore struct {
	db    *sql.DB
	d     dialect
	opts  Options
	algos sync.Map // algorithm name → int64 id; rows are never deleted, so ids never change
	keys  keyIndex // signature keys, in memory
}

func newSQLStore(ctx context.Context, db *sql.DB, d dialect, opts Options) (*sqlStore, error) {
	s := &sqlStore{db: db, d: d, opts: opts}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// q rewrites a query's ? placeholders for the dialect.
func (s *sqlStore) q(query string) string {
	if !s.d.dollarArgs {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// migrate applies, in order and each once, the SQL files under
// migrations/<dialect>, named NNNN_what.sql, in one transaction.
func (s *sqlStore) migrate(ctx context.Context) error {
	dir := path.Join("migrations", s.d.name)
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	defer tx.Rollback()
	if s.d.lock != nil {
		if err := s.d.lock(ctx, tx); err != nil {
			return fmt.Errorf("store: migrate: lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	applied := map[int]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("store: migrate: %w", err)
		}
		applied[v] = true
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return fmt.Errorf("store: migration %s: want NNNN_name.sql", e.Name())
		}
		if applied[v] {
			continue
		}
		body, err := migrations.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("store: migration %s: %w", e.Name(), err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
			v, e.Name(), time.Now().UTC().Format(time.RFC3339)); err != nil {
			return fmt.Errorf("store: migration %s: %w", e.Name(), err)
		}
	}
	return tx.Commit()
}

// algoID returns the id of a hash algorithm, creating it when create is
// set; ok is false when it does not exist.
func (s *sqlStore) algoID(ctx context.Context, name string, create bool) (id int64, ok bool, err error) {
	if v, hit := s.algos.Load(name); hit {
		return v.(int64), true, nil
	}
	if create {
		// On its own, outside the photo's transaction: an id cached from a
		// transaction that then rolled back would point nowhere.
		if _, err := s.db.ExecContext(ctx, s.q(`INSERT INTO hash_algos (name) VALUES (?) ON CONFLICT (name) DO NOTHING`), name); err != nil {
			return 0, false, fmt.Errorf("store: hash algorithm %q: %w", name, err)
		}
	}
	err = s.db.QueryRowContext(ctx, s.q(`SELECT id FROM hash_algos WHERE name = ?`), name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: hash algorithm %q: %w", name, err)
	}
	s.algos.Store(name, id)
	return id, true, nil
}

// chunk returns the i-th 16-bit chunk of v (i from 0 to 3).
func chunk(v uint64, i int) int { return int(v >> (16 * i) & 0xFFFF) }

func (s *sqlStore) AddPhoto(ctx context.Context, p Photo) (int64, error) {
	ids, err := s.AddPhotos(ctx, []Photo{p})
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

func (s *sqlStore) AddPhotos(ctx context.Context, ps []Photo) ([]int64, error) {
	algoIDs := make([][]int64, len(ps))
	for i := range ps {
		if err := ps[i].validate(); err != nil {
			return nil, fmt.Errorf("photo %d: %w", i, err)
		}
		for _, h := range ps[i].Hashes {
			id, _, err := s.algoID(ctx, h.Algo, true)
			if err != nil {
				return nil, err
			}
			algoIDs[i] = append(algoIDs[i], id)
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: add photos: %w", err)
	}
	defer tx.Rollback()
	prep := func(query string) (*sql.Stmt, error) { return tx.PrepareContext(ctx, s.q(query)) }
	addAccount, err := prep(`INSERT INTO accounts (id, created_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING`)
	if err != nil {
		return nil, fmt.Errorf("store: add photos: %w", err)
	}
	defer addAccount.Close()
	addPhoto, err := prep(`INSERT INTO photos (account_id, kind, width, height, bytes, sha256, image, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return nil, fmt.Errorf("store: add photos: %w", err)
	}
	defer addPhoto.Close()
	addHash, err := prep(`INSERT INTO photo_hashes (photo_id, algo_id, value) VALUES (?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("store: add photos: %w", err)
	}
	defer addHash.Close()
	addChunks, err := prep(`INSERT INTO hash_chunks (algo_id, chunk, value, photo_id, hash)
		VALUES (?, 0, ?, ?, ?), (?, 1, ?, ?, ?), (?, 2, ?, ?, ?), (?, 3, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("store: add photos: %w", err)
	}
	defer addChunks.Close()
	addSignature, err := prep(`INSERT INTO photo_signatures (photo_id, data, keys, key_data, key_version, points) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("store: add photos: %w", err)
	}
	defer addSignature.Close()
	ids := make([]int64, len(ps))
	for i, p := range ps {
		if p.CreatedAt.IsZero() {
			p.CreatedAt = time.Now()
		}
		created := p.CreatedAt.UTC().Format(time.RFC3339Nano)
		var image []byte
		if s.opts.KeepImages {
			image = p.Image
		}
		if _, err := addAccount.ExecContext(ctx, p.AccountID, created); err != nil {
			return nil, fmt.Errorf("store: add account: %w", err)
		}
		if err := addPhoto.QueryRowContext(ctx, p.AccountID, string(p.Kind), p.Width, p.Height, p.Bytes, p.SHA256[:],
			image, created).Scan(&ids[i]); err != nil {
			return nil, fmt.Errorf("store: add photo: %w", err)
		}
		for k, h := range p.Hashes {
			a := algoIDs[i][k]
			if _, err := addHash.ExecContext(ctx, ids[i], a, int64(h.Value)); err != nil {
				return nil, fmt.Errorf("store: add hash: %w", err)
			}
			v := int64(h.Value)
			if _, err := addChunks.ExecContext(ctx, a, chunk(h.Value, 0), ids[i], v, a, chunk(h.Value, 1), ids[i], v,
				a, chunk(h.Value, 2), ids[i], v, a, chunk(h.Value, 3), ids[i], v); err != nil {
				return nil, fmt.Errorf("store: add hash chunks: %w", err)
			}
		}
		if len(p.Signature) == 0 {
			continue
		}
		if _, err := addSignature.ExecContext(ctx, ids[i], p.Signature, encodeKeys(p.Keys), nilIfEmpty(p.KeyData), keyVersion(p.KeyVersion),
			pointsColumn(p.Words, p.WordsPerPoint, p.PointData)); err != nil {
			return nil, fmt.Errorf("store: add signature: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: add photos: %w", err)
	}
	return ids, nil
}

// neighbours returns every 16-bit value within r bits of v.
func neighbours(v, r int) []int {
	out := []int{v}
	var flip func(from, left, x int)
	flip = func(from, left, x int) {
		for b := from; b < 16; b++ {
			y := x ^ 1<<b
			out = append(out, y)
			if left > 1 {
				flip(b+1, left-1, y)
			}
		}
	}
	if r > 0 {
		flip(0, r, v)
	}
	return out
}

func intList(xs []int) string {
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(x))
	}
	return b.String()
}

func (s *sqlStore) Similar(ctx context.Context, q Query) ([]Match, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	algo, ok, err := s.algoID(ctx, q.Algo, false)
	if err != nil || !ok {
		return nil, err // an algorithm never stored has no photos
	}
	// The chunk values to look up are generated integers, written into the
	// query rather than bound one by one.
	// One index search per chunk, joined with UNION ALL (written as one
	// WHERE with OR, SQLite searched the index on the algorithm alone and
	// read every chunk of every photo). Each row carries the whole hash, so
	// the distance is checked here and only the photos within it are read.
	r := q.MaxDistance / 4
	var parts []string
	for i := 0; i < 4; i++ {
		parts = append(parts, fmt.Sprintf("SELECT photo_id, hash FROM hash_chunks WHERE algo_id = %d AND chunk = %d AND value IN (%s)",
			algo, i, intList(neighbours(chunk(q.Value, i), r))))
	}
	rows, err := s.db.QueryContext(ctx, strings.Join(parts, " UNION ALL "))
	if err != nil {
		return nil, fmt.Errorf("store: similar: %w", err)
	}
	near := map[int64]int{} // photo → distance
	for rows.Next() {
		var id, h int64
		if err := rows.Scan(&id, &h); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: similar: %w", err)
		}
		if d := bits.OnesCount64(uint64(h) ^ q.Value); d <= q.MaxDistance {
			near[id] = d
		}
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("store: similar: %w", err)
	}
	found, err := s.photosNear(ctx, near, q.NotAccount, false)
	if err != nil {
		return nil, fmt.Errorf("store: similar: %w", err)
	}
	out := make([]Match, len(found))
	for i, c := range found {
		out[i] = c.Match
	}
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

// photosNear reads the photos in near (photo ID → distance in bits) but
// notAccount's ("" leaves none out), a thousand at a time, nearest first
// (ties by photo ID); with withSignature, each with its signature, and
// those without one left out.
func (s *sqlStore) photosNear(ctx context.Context, near map[int64]int, notAccount string, withSignature bool) ([]Candidate, error) {
	query := `SELECT p.id, p.account_id, p.kind, NULL FROM photos p`
	if withSignature {
		query = `SELECT p.id, p.account_id, p.kind, g.data FROM photos p JOIN photo_signatures g ON g.photo_id = p.id`
	}
	list := make([]int, 0, len(near))
	for id := range near {
		list = append(list, int(id))
	}
	var out []Candidate
	for len(list) > 0 {
		batch := list[:min(len(list), 1000)]
		list = list[len(batch):]
		rows, err := s.db.QueryContext(ctx, query+` WHERE p.id IN (`+intList(batch)+`)`)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var c Candidate
			var kind string
			if err := rows.Scan(&c.PhotoID, &c.AccountID, &kind, &c.Signature); err != nil {
				rows.Close()
				return nil, err
			}
			c.Kind, c.Distance = Kind(kind), near[c.PhotoID]
			if notAccount == "" || c.AccountID != notAccount {
				out = append(out, c)
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if a.Distance != b.Distance {
			return a.Distance - b.Distance
		}
		return cmp.Compare(a.PhotoID, b.PhotoID)
	})
	return out, nil
}

func (s *sqlStore) Candidates(ctx context.Context, q KeyQuery) ([]Candidate, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	if err := s.keys.refresh(ctx, s.db, s.d.newKeys); err != nil {
		return nil, fmt.Errorf("store: candidates: %w", err)
	}
	out, err := s.photosNear(ctx, s.keys.near(q), q.NotAccount, true)
	if err != nil {
		return nil, fmt.Errorf("store: candidates: %w", err)
	}
	return out, nil
}

func (s *sqlStore) WordCandidates(ctx context.Context, q WordQuery) ([]Candidate, error) {
	if err := q.validate(); err != nil {
		return nil, err
	}
	if err := s.keys.refresh(ctx, s.db, s.d.newKeys); err != nil {
		return nil, fmt.Errorf("store: word candidates: %w", err)
	}
	shared := s.keys.shared(q)
	out, err := s.photosNear(ctx, shared, q.NotAccount, true)
	if err != nil {
		return nil, fmt.Errorf("store: word candidates: %w", err)
	}
	// photosNear put the counts where distances go.
	for i := range out {
		out[i].Shared, out[i].Distance = out[i].Distance, 0
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		if a.Shared != b.Shared {
			return b.Shared - a.Shared
		}
		return cmp.Compare(a.PhotoID, b.PhotoID)
	})
	return out, nil
}

// pointsColumn is what the points column holds for a photo: its points
// encoded, or no bytes (not NULL, which marks photos stored before the
// column, for Rekey to give words) when it has none.
func pointsColumn(words []uint64, perPoint int, data []byte) []byte {
	if b := encodePoints(words, perPoint, data); b != nil {
		return b
	}
	return []byte{}
}

// nilIfEmpty stores empty bytes as NULL.
func nilIfEmpty(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

// encodeKeys writes keys 8 bytes each, big-endian.
func encodeKeys(keys []uint64) []byte {
	out := make([]byte, 0, 8*len(keys))
	for _, k := range keys {
		out = binary.BigEndian.AppendUint64(out, k)
	}
	return out
}

func decodeKeys(b []byte) ([]uint64, error) {
	if len(b)%8 != 0 {
		return nil, fmt.Errorf("store: %d bytes of keys is not a whole number of keys", len(b))
	}
	var keys []uint64
	for ; len(b) > 0; b = b[8:] {
		keys = append(keys, binary.BigEndian.Uint64(b))
	}
	return keys, nil
}

func (s *sqlStore) BySHA256(ctx context.Context, sum [32]byte) ([]Match, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT id, account_id, kind FROM photos WHERE sha256 = ? ORDER BY id`), sum[:])
	if err != nil {
		return nil, fmt.Errorf("store: by sha256: %w", err)
	}
	defer rows.Close()
	var out []Match
	for rows.Next() {
		var m Match
		var kind string
		if err := rows.Scan(&m.PhotoID, &m.AccountID, &kind); err != nil {
			return nil, fmt.Errorf("store: by sha256: %w", err)
		}
		m.Kind = Kind(kind)
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *sqlStore) Photo(ctx context.Context, id int64) (Photo, error) {
	var p Photo
	var kind string
	var sum []byte
	var created any
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id, account_id, kind, width, height, bytes, sha256, image, created_at
		FROM photos WHERE id = ?`), id).Scan(&p.ID, &p.AccountID, &kind, &p.Width, &p.Height, &p.Bytes, &sum, &p.Image, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return Photo{}, fmt.Errorf("%w: photo %d", ErrNotFound, id)
	}
	if err != nil {
		return Photo{}, fmt.Errorf("store: photo %d: %w", id, err)
	}
	p.Kind = Kind(kind)
	copy(p.SHA256[:], sum)
	switch c := created.(type) {
	case time.Time:
		p.CreatedAt = c
	case string:
		p.CreatedAt, _ = time.Parse(time.RFC3339Nano, c)
	case []byte:
		p.CreatedAt, _ = time.Parse(time.RFC3339Nano, string(c))
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT a.name, h.value FROM photo_hashes h JOIN hash_algos a ON a.id = h.algo_id
		WHERE h.photo_id = ? ORDER BY a.name`), id)
	if err != nil {
		return Photo{}, fmt.Errorf("store: photo %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h Hash
		var v int64
		if err := rows.Scan(&h.Algo, &v); err != nil {
			return Photo{}, fmt.Errorf("store: photo %d: %w", id, err)
		}
		h.Value = uint64(v)
		p.Hashes = append(p.Hashes, h)
	}
	if err := rows.Err(); err != nil {
		return Photo{}, fmt.Errorf("store: photo %d: %w", id, err)
	}
	slices.SortFunc(p.Hashes, func(a, b Hash) int { return strings.Compare(a.Algo, b.Algo) })
	var keys, points []byte
	err = s.db.QueryRowContext(ctx, s.q(`SELECT data, keys, key_data, key_version, points FROM photo_signatures WHERE photo_id = ?`), id).
		Scan(&p.Signature, &keys, &p.KeyData, &p.KeyVersion, &points)
	if errors.Is(err, sql.ErrNoRows) {
		return p, nil
	}
	if err != nil {
		return Photo{}, fmt.Errorf("store: photo %d: signature: %w", id, err)
	}
	if p.Keys, err = decodeKeys(keys); err != nil {
		return Photo{}, fmt.Errorf("store: photo %d: %w", id, err)
	}
	if p.Words, p.WordsPerPoint, p.PointData, err = decodePoints(points); err != nil {
		return Photo{}, fmt.Errorf("store: photo %d: %w", id, err)
	}
	return p, nil
}

// rekeyBatch is how many photos Rekey rewrites in one transaction.
const rekeyBatch = 500

func (s *sqlStore) Rekey(ctx context.Context, version int, keys func(p Photo) (Keys, error)) (int, error) {
	switch {
	case version < 1 || version > MaxKeyVersion:
		return 0, fmt.Errorf("%w: key version %d outside 1-%d", ErrInvalid, version, MaxKeyVersion)
	case keys == nil:
		return 0, fmt.Errorf("%w: rekey without a way to make keys", ErrInvalid)
	}
	done, after := 0, int64(0)
	for {
		n, last, err := s.rekeyBatch(ctx, version, after, s.q(s.d.rekey), keys)
		done += n
		if err != nil {
			return done, fmt.Errorf("store: rekey: %w", err)
		}
		if n == 0 {
			break
		}
		after = last
	}
	if done > 0 {
		s.keys.reset() // this store's own lookups see the new keys at once
	}
	return done, nil
}

// rekeyBatch rewrites the keys of up to rekeyBatch photos above the ID
// after whose keys are not of version, or that have no points column
// (stored before it), in one transaction, and returns how many and the
// last ID.
func (s *sqlStore) rekeyBatch(ctx context.Context, version int, after int64, update string,
	keys func(Photo) (Keys, error)) (int, int64, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, s.q(`SELECT g.photo_id, g.data, p.width, p.height FROM photo_signatures g
		JOIN photos p ON p.id = g.photo_id
		WHERE g.photo_id > ? AND (g.key_version <> ? OR g.points IS NULL) ORDER BY g.photo_id LIMIT ?`), after, version, rekeyBatch)
	if err != nil {
		return 0, 0, err
	}
	type rekeyed struct {
		id     int64
		keys   []byte
		data   []byte
		points []byte
	}
	var batch []rekeyed
	for rows.Next() {
		var p Photo
		if err := rows.Scan(&p.ID, &p.Signature, &p.Width, &p.Height); err != nil {
			rows.Close()
			return 0, 0, err
		}
		id := p.ID
		k, err := keys(p)
		if err == nil {
			err = k.validate(true)
		}
		if err != nil {
			rows.Close()
			return 0, 0, fmt.Errorf("photo %d: %w", id, err)
		}
		batch = append(batch, rekeyed{id, encodeKeys(k.Keys), k.KeyData, pointsColumn(k.Words, k.WordsPerPoint, k.PointData)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	for _, r := range batch {
		if _, err := tx.ExecContext(ctx, update, r.keys, nilIfEmpty(r.data), version, r.points, r.id); err != nil {
			return 0, 0, fmt.Errorf("photo %d: %w", r.id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, err
	}
	if len(batch) == 0 {
		return 0, after, nil
	}
	return len(batch), batch[len(batch)-1].id, nil
}

func (s *sqlStore) Optimize(ctx context.Context) error {
	for _, stmt := range s.d.optimize {
		if _, err := s.db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("store: optimize: %w", err)
		}
	}
	return nil
}

func (s *sqlStore) Close() error {
	s.keys.reset() // the word index's mapped memory
	return s.db.Close()
}
