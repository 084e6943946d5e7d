package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// postgresURL is the PostgreSQL the tests use: the machine's and CI's, at
// 127.0.0.1:5432, database test, trust authentication. Set
// IDCHECK_TEST_POSTGRES to another URL, or to "off" to leave PostgreSQL out
// on a machine without one (CI never does).
func postgresURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("IDCHECK_TEST_POSTGRES")
	if u == "off" {
		t.Skip("IDCHECK_TEST_POSTGRES=off")
	}
	if u == "" {
		u = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	return u
}

// postgresSchema creates a schema of its own for one test and returns a URL
// that uses it, dropping it when the test ends.
func postgresSchema(t *testing.T) string {
	t.Helper()
	base := postgresURL(t)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schema := fmt.Sprintf("idcheck_test_%d_%d", os.Getpid(), rand.Uint32())
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("PostgreSQL at %s: %v (start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)", base, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + schema
}

// backends opens a fresh, empty store of each kind.
var backends = []struct {
	name string
	dsn  func(t *testing.T) string
}{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "idcheck.db") }},
	{"postgres", postgresSchema},
}

// eachBackend runs test against every implementation: the same suite, the
// same answers.
func eachBackend(t *testing.T, test func(t *testing.T, dsn string)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { test(t, b.dsn(t)) })
	}
}

func open(t *testing.T, dsn string, opts Options) Store {
	t.Helper()
	s, err := Open(context.Background(), dsn, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func photo(account string, kind Kind, seed uint64, hashes ...Hash) Photo {
	return Photo{AccountID: account, Kind: kind, Width: 640, Height: 480, Bytes: 1000 + int64(seed),
		SHA256: sha256.Sum256([]byte(fmt.Sprint(account, seed))), Hashes: hashes}
}

func TestAddAndFind(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		base := uint64(0xF0F0_1234_ABCD_0F0F)
		a, err := s.AddPhoto(ctx, photo("acc-a", KindProfile, 1, Hash{"phash", base}, Hash{"dhash", ^base}))
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.AddPhoto(ctx, photo("acc-b", KindDocument, 2, Hash{"phash", base ^ 0b1011})) // 3 bits off
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.AddPhoto(ctx, photo("acc-c", KindProfile, 3, Hash{"phash", base ^ 0xFFFF})) // 16 bits off
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Similar(ctx, Query{Algo: "phash", Value: base, MaxDistance: 10})
		if err != nil {
			t.Fatal(err)
		}
		want := []Match{{a, "acc-a", KindProfile, 0}, {b, "acc-b", KindDocument, 3}}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("similar: %v, want %v (photo %d is 16 bits off)", got, want, c)
		}
		got, _ = s.Similar(ctx, Query{Algo: "phash", Value: base, MaxDistance: 10, NotAccount: "acc-a"})
		if len(got) != 1 || got[0].PhotoID != b {
			t.Errorf("other accounts only: %v", got)
		}
		got, _ = s.Similar(ctx, Query{Algo: "phash", Value: base, MaxDistance: 15, Limit: 1})
		if len(got) != 1 || got[0].PhotoID != a {
			t.Errorf("limit: %v", got)
		}
		if got, err := s.Similar(ctx, Query{Algo: "nohash", Value: base, MaxDistance: 5}); err != nil || len(got) != 0 {
			t.Errorf("unknown algorithm: %v %v", got, err)
		}
		// Exact duplicates by their bytes.
		p := photo("acc-d", KindProfile, 1)
		p.SHA256 = sha256.Sum256([]byte(fmt.Sprint("acc-a", 1)))
		p.Hashes = []Hash{{"phash", base}}
		d, err := s.AddPhoto(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		dups, err := s.BySHA256(ctx, p.SHA256)
		if err != nil || len(dups) != 2 || dups[0].PhotoID != a || dups[1].PhotoID != d {
			t.Errorf("by sha256: %v %v", dups, err)
		}
	})
}

func TestPhotoRoundTripAndImages(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		for _, keep := range []bool{false, true} {
			s := open(t, dsn, Options{KeepImages: keep})
			p := photo(fmt.Sprint("acc-", keep), KindPortrait, 7, Hash{"phash", 1<<63 | 5}, Hash{"ahash", 42})
			p.Image = []byte("JPEG bytes")
			id, err := s.AddPhoto(ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Photo(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != id || got.AccountID != p.AccountID || got.Kind != KindPortrait || got.Width != 640 ||
				got.Bytes != p.Bytes || got.SHA256 != p.SHA256 || got.CreatedAt.IsZero() {
				t.Errorf("photo %+v", got)
			}
			// Hashes come back sorted by algorithm, the high bit intact.
			if fmt.Sprint(got.Hashes) != fmt.Sprint([]Hash{{"ahash", 42}, {"phash", 1<<63 | 5}}) {
				t.Errorf("hashes %v", got.Hashes)
			}
			if keep != (string(got.Image) == "JPEG bytes") || !keep && got.Image != nil {
				t.Errorf("keep images %v: image %q", keep, got.Image)
			}
		}
		s := open(t, dsn, Options{})
		if _, err := s.Photo(ctx, 999999); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing photo: %v", err)
		}
	})
}

func TestInvalidInput(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		bad := []Photo{
			photo("", KindProfile, 1, Hash{"phash", 1}),
			photo("a", "selfie", 1, Hash{"phash", 1}),
			photo("a", KindProfile, 1),
			photo("a", KindProfile, 1, Hash{"phash", 1}, Hash{"phash", 2}),
			{AccountID: "a", Kind: KindProfile, Hashes: []Hash{{"phash", 1}}},
		}
		for _, p := range bad {
			if _, err := s.AddPhoto(ctx, p); !errors.Is(err, ErrInvalid) {
				t.Errorf("%+v: %v", p, err)
			}
		}
		for _, q := range []Query{{Algo: "", MaxDistance: 1}, {Algo: "phash", MaxDistance: 16}, {Algo: "phash", MaxDistance: -1},
			{Algo: "phash", Limit: -1}} {
			if _, err := s.Similar(ctx, q); !errors.Is(err, ErrInvalid) {
				t.Errorf("%+v: %v", q, err)
			}
		}
		// Nothing of the rejected photos was stored.
		if got, _ := s.Similar(ctx, Query{Algo: "phash", Value: 1, MaxDistance: 15}); len(got) != 0 {
			t.Errorf("stored after an error: %v", got)
		}
	})
}

// TestSimilarFindsEveryNeighbour compares the chunk lookups with a brute
// force over the same hashes, at every distance: multi-index hashing must
// miss nothing.
func TestSimilarFindsEveryNeighbour(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		rng := rand.New(rand.NewPCG(1, 2))
		var stored []uint64
		var ids []int64
		centres := []uint64{rng.Uint64(), rng.Uint64(), rng.Uint64()}
		for i := 0; i < 240; i++ {
			v := rng.Uint64()
			if i%2 == 0 { // half near a centre: 0 to 20 random bits flipped
				v = centres[i%3]
				for k := rng.IntN(21); k > 0; k-- {
					v ^= 1 << rng.IntN(64)
				}
			}
			id, err := s.AddPhoto(ctx, photo(fmt.Sprint("acc-", i%17), KindProfile, uint64(i), Hash{"phash", v}))
			if err != nil {
				t.Fatal(err)
			}
			stored, ids = append(stored, v), append(ids, id)
		}
		if err := s.Optimize(ctx); err != nil {
			t.Fatal(err)
		}
		for _, q := range centres {
			for r := 0; r <= MaxDistance; r++ {
				got, err := s.Similar(ctx, Query{Algo: "phash", Value: q, MaxDistance: r})
				if err != nil {
					t.Fatal(err)
				}
				var want []int64
				for i, v := range stored {
					if bits.OnesCount64(v^q) <= r {
						want = append(want, ids[i])
					}
				}
				var gotIDs []int64
				for _, m := range got {
					gotIDs = append(gotIDs, m.PhotoID)
					if m.Distance != bits.OnesCount64(stored[m.PhotoID-ids[0]]^q) {
						t.Fatalf("distance %d for photo %d", m.Distance, m.PhotoID)
					}
				}
				sort.Slice(gotIDs, func(i, j int) bool { return gotIDs[i] < gotIDs[j] })
				if fmt.Sprint(gotIDs) != fmt.Sprint(want) {
					t.Fatalf("radius %d: found %v, brute force %v", r, gotIDs, want)
				}
			}
		}
	})
}

func TestMigrationsRunOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		id, err := s.AddPhoto(ctx, photo("a", KindProfile, 1, Hash{"phash", 9}))
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		// Opening again finds the schema current and the photo there.
		s2 := open(t, dsn, Options{})
		if p, err := s2.Photo(ctx, id); err != nil || p.AccountID != "a" {
			t.Errorf("%+v %v", p, err)
		}
	})
}

// Several processes sharing one database — replicas of the service and
// workers — see each other's photos at once, and write together safely.
func TestSharedByReplicas(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		replicas := []Store{open(t, dsn, Options{}), open(t, dsn, Options{}), open(t, dsn, Options{})}
		var wg sync.WaitGroup
		errs := make(chan error, 60)
		for r, s := range replicas {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 20; i++ {
					if _, err := s.AddPhoto(ctx, photo(fmt.Sprint("acc-", r), KindProfile, uint64(100*r+i),
						Hash{"phash", uint64(0xABCD0000 + 100*r + i)})); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		for i, s := range replicas {
			got, err := s.Similar(ctx, Query{Algo: "phash", Value: 0xABCD0000, MaxDistance: 15})
			if err != nil {
				t.Fatal(err)
			}
			accounts := map[string]int{}
			for _, m := range got {
				accounts[m.AccountID]++
			}
			if len(accounts) != 3 {
				t.Errorf("replica %d sees %v", i, accounts)
			}
		}
	})
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Open(ctx, "", Options{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("empty: %v", err)
	}
	if _, err := Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", Options{}); err == nil {
		t.Error("unreachable PostgreSQL opened")
	}
	if _, err := Open(ctx, filepath.Join(t.TempDir(), "no", "such", "dir", "x.db"), Options{}); err == nil {
		t.Error("SQLite file in a missing directory opened")
	}
}

func TestNeighbours(t *testing.T) {
	for r, want := range []int{1, 17, 137, 697} {
		got := neighbours(0xBEEF, r)
		if len(got) != want {
			t.Errorf("radius %d: %d values, want %d", r, len(got), want)
		}
		seen := map[int]bool{}
		for _, v := range got {
			if seen[v] || bits.OnesCount(uint(v^0xBEEF)) > r || v < 0 || v > 0xFFFF {
				t.Fatalf("radius %d: bad value %x", r, v)
			}
			seen[v] = true
		}
	}
}

func TestAddPhotosAllOrNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		ids, err := s.AddPhotos(ctx, []Photo{photo("a", KindProfile, 1, Hash{"phash", 1}), photo("b", KindDocument, 2, Hash{"phash", 3})})
		if err != nil || len(ids) != 2 || ids[1] <= ids[0] {
			t.Fatalf("%v %v", ids, err)
		}
		// One bad photo: nothing of the batch is stored.
		_, err = s.AddPhotos(ctx, []Photo{photo("c", KindProfile, 3, Hash{"phash", 7}), photo("", KindProfile, 4, Hash{"phash", 7})})
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("%v", err)
		}
		got, _ := s.Similar(ctx, Query{Algo: "phash", Value: 7, MaxDistance: 0})
		if len(got) != 0 {
			t.Errorf("part of a failed batch stored: %v", got)
		}
	})
}

// TestCandidatesAsTheQuerySays stores photos with several keys each, near
// and far from a few centres, and checks Candidates against a brute force
// of its definition for every chunk radius and a range of distances, the
// signatures returned with them, and leaving an account out.
func TestCandidatesAsTheQuerySays(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		rng := rand.New(rand.NewPCG(3, 4))
		centres := []uint64{rng.Uint64(), rng.Uint64(), rng.Uint64()}
		flip := func(v uint64, upTo int) uint64 {
			for k := rng.IntN(upTo + 1); k > 0; k-- {
				v ^= 1 << rng.IntN(64)
			}
			return v
		}
		stored := map[int64][]uint64{}
		data := map[int64][]byte{}
		account := map[int64]string{}
		var ps []Photo
		for i := 0; i < 120; i++ {
			p := photo(fmt.Sprint("acc-", i%7), KindProfile, uint64(i), Hash{"phash", rng.Uint64()})
			for k := 0; k < 1+i%5; k++ {
				v := rng.Uint64()
				if (i+k)%2 == 0 {
					v = flip(centres[(i+k)%3], 24)
				}
				p.Keys = append(p.Keys, v)
				if i%3 != 0 { // a third stored without key data
					p.KeyData = append(p.KeyData, byte(i), byte(k))
				}
			}
			p.Signature = []byte(fmt.Sprint("signature ", i))
			ps = append(ps, p)
		}
		ids, err := s.AddPhotos(ctx, ps)
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			stored[id], data[id], account[id] = ps[i].Keys, ps[i].KeyData, ps[i].AccountID
		}
		query := []uint64{centres[0], flip(centres[1], 3)}
		// verify accepts a stored key's part by its place among its
		// photo's keys and the query key's place: it sees the right part
		// only if the candidates below agree with the brute force.
		verify := func(part []byte, j int) bool { return part == nil || int(part[1])%2 == j }
		for cr := 0; cr <= 3; cr++ {
			for _, maxD := range []int{0, 4, 8, 12, 16, 24, 64} {
				for _, check := range []func([]byte, int) bool{nil, verify} {
					q := KeyQuery{Keys: query, ChunkRadius: cr, MaxDistance: maxD, NotAccount: "acc-3", Verify: check}
					got, err := s.Candidates(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					want := map[int64]int{}
					for id, keys := range stored {
						for ki, k := range keys {
							for j, qk := range query {
								if check != nil && data[id] != nil && int(data[id][2*ki+1])%2 != j {
									continue
								}
								x := k ^ qk
								d := bits.OnesCount64(x)
								nearChunk := false
								for c := 0; c < 4; c++ {
									nearChunk = nearChunk || bits.OnesCount64(x>>(16*c)&0xFFFF) <= cr
								}
								if nearChunk && d <= maxD && account[id] != "acc-3" {
									if old, ok := want[id]; !ok || d < old {
										want[id] = d
									}
								}
							}
						}
						// KeyQuery.Near, one photo at a time, agrees.
						d, ok := q.Near(keys, data[id])
						if w, wok := want[id]; account[id] != "acc-3" && (ok != wok || ok && d != w) {
							t.Fatalf("Near(photo %d) = %d %v, brute force %d %v", id, d, ok, w, wok)
						}
					}
					if len(got) != len(want) {
						t.Fatalf("chunk radius %d, distance %d: %d candidates, brute force %d", cr, maxD, len(got), len(want))
					}
					for i, c := range got {
						if d, ok := want[c.PhotoID]; !ok || d != c.Distance {
							t.Fatalf("chunk radius %d, distance %d: candidate %+v, brute force distance %d (%v)", cr, maxD, c, d, ok)
						}
						if string(c.Signature) != fmt.Sprint("signature ", c.PhotoID-ids[0]) || c.AccountID != account[c.PhotoID] {
							t.Fatalf("candidate %d: signature %q, account %s", c.PhotoID, c.Signature, c.AccountID)
						}
						if i > 0 && (got[i-1].Distance > c.Distance || got[i-1].Distance == c.Distance && got[i-1].PhotoID > c.PhotoID) {
							t.Fatalf("not nearest first: %+v before %+v", got[i-1], c)
						}
					}
				}
				// Verify judges each pair of keys that meets once, however
				// many of its chunks are near: a check that refuses every
				// pair is asked exactly as often as there are such pairs.
				calls := 0
				refuse := func([]byte, int) bool { calls++; return false }
				q := KeyQuery{Keys: query, ChunkRadius: cr, MaxDistance: maxD, Verify: refuse}
				if got, err := s.Candidates(ctx, q); err != nil || len(got) != 0 {
					t.Fatalf("chunk radius %d, distance %d: everything refused, got %d candidates (%v)", cr, maxD, len(got), err)
				}
				pairs := 0
				for _, keys := range stored {
					pairs += meetingPairs(q, keys)
				}
				if calls != pairs {
					t.Errorf("chunk radius %d, distance %d: Verify called %d times for %d pairs that meet", cr, maxD, calls, pairs)
				}
			}
		}
		// Photo gives back the signature and the keys, in order.
		p, err := s.Photo(ctx, ids[4])
		if err != nil {
			t.Fatal(err)
		}
		if string(p.Signature) != "signature 4" || fmt.Sprint(p.Keys) != fmt.Sprint(ps[4].Keys) ||
			string(p.KeyData) != string(ps[4].KeyData) {
			t.Errorf("photo 4: signature %q, keys %v, key data %v, want %v, %v", p.Signature, p.Keys, p.KeyData, ps[4].Keys, ps[4].KeyData)
		}
		if p, err := s.Photo(ctx, ids[3]); err != nil || p.KeyData != nil {
			t.Errorf("photo 3, stored without key data: %v %v", p.KeyData, err)
		}
	})
}

func TestInvalidKeys(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		noSignature := photo("a", KindProfile, 1, Hash{"phash", 1})
		noSignature.Keys = []uint64{1}
		tooMany := photo("a", KindProfile, 2, Hash{"phash", 1})
		tooMany.Signature, tooMany.Keys = []byte("s"), make([]uint64, MaxKeys+1)
		unevenData := photo("a", KindProfile, 3, Hash{"phash", 1})
		unevenData.Signature, unevenData.Keys, unevenData.KeyData = []byte("s"), []uint64{1, 2}, []byte{1, 2, 3}
		dataNoKeys := photo("a", KindProfile, 4, Hash{"phash", 1})
		dataNoKeys.Signature, dataNoKeys.KeyData = []byte("s"), []byte{1}
		badVersion := photo("a", KindProfile, 5, Hash{"phash", 1})
		badVersion.Signature, badVersion.Keys, badVersion.KeyVersion = []byte("s"), []uint64{1}, -1
		for _, p := range []Photo{noSignature, tooMany, unevenData, dataNoKeys, badVersion} {
			if _, err := s.AddPhoto(ctx, p); !errors.Is(err, ErrInvalid) {
				t.Errorf("%d keys, signature %q: %v", len(p.Keys), p.Signature, err)
			}
		}
		for _, q := range []KeyQuery{{}, {Keys: make([]uint64, MaxKeys+1)}, {Keys: []uint64{1}, ChunkRadius: 4},
			{Keys: []uint64{1}, ChunkRadius: -1}, {Keys: []uint64{1}, MaxDistance: 65},
			{Keys: []uint64{1}, KeyVersion: -1}, {Keys: []uint64{1}, KeyVersion: MaxKeyVersion + 1},
			{Keys: []uint64{1}, Among: -1}, {Keys: []uint64{1}, Among: WordedPhotos + 1}} {
			if _, err := s.Candidates(ctx, q); !errors.Is(err, ErrInvalid) {
				t.Errorf("%+v: %v", q, err)
			}
		}
		if got, err := s.Candidates(ctx, KeyQuery{Keys: []uint64{0}, ChunkRadius: 3, MaxDistance: 64}); err != nil || len(got) != 0 {
			t.Errorf("stored after an error: %v %v", got, err)
		}
	})
}

// meetingPairs counts the pairs of a photo's keys and q's that meet: within
// q.MaxDistance, and within q.ChunkRadius in some chunk.
func meetingPairs(q KeyQuery, keys []uint64) int {
	n := 0
	for _, k := range keys {
		for _, qk := range q.Keys {
			if bits.OnesCount64(k^qk) <= q.MaxDistance && firstNearChunk(k^qk, q.ChunkRadius) >= 0 {
				n++
			}
		}
	}
	return n
}

// A lookup with more pairs of keys to check than sortPairsFrom checks
// the rest sorted by photo: the answers are still KeyQuery.Near's, photo
// by photo.
func TestCandidatesManyPairs(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		rng := rand.New(rand.NewPCG(7, 8))
		centre := rng.Uint64()
		near := func(upTo int) uint64 {
			k := centre
			for n := rng.IntN(upTo + 1); n > 0; n-- {
				k ^= 1 << rng.IntN(64)
			}
			return k
		}
		var ps []Photo
		for i := 0; i < 400; i++ {
			p := photo("acc", KindProfile, uint64(i), Hash{"phash", uint64(i)})
			p.Signature = []byte("sig")
			for k := 0; k < 16; k++ {
				p.Keys = append(p.Keys, near(8))
				p.KeyData = append(p.KeyData, byte(rng.IntN(256)))
			}
			ps = append(ps, p)
		}
		ids, err := s.AddPhotos(ctx, ps)
		if err != nil {
			t.Fatal(err)
		}
		calls := 0
		q := KeyQuery{Keys: []uint64{near(3), near(3)}, ChunkRadius: 3, MaxDistance: 10,
			Verify: func(part []byte, j int) bool { calls++; return int(part[0])%31 == j }}
		pairs := 0
		for _, p := range ps {
			pairs += meetingPairs(q, p.Keys)
		}
		if pairs <= sortPairsFrom {
			t.Fatalf("%d pairs meet, want more than %d", pairs, sortPairsFrom)
		}
		got, err := s.Candidates(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if calls <= sortPairsFrom {
			t.Fatalf("%d pairs checked, want more than %d", calls, sortPairsFrom)
		}
		found := map[int64]int{}
		for _, c := range got {
			found[c.PhotoID] = c.Distance
		}
		want := 0
		for i, p := range ps {
			d, ok := q.Near(p.Keys, p.KeyData)
			if ok {
				want++
			}
			if gd, gok := found[ids[i]]; gok != ok || ok && gd != d {
				t.Fatalf("photo %d: found %v at %d, Near says %v at %d", ids[i], gok, gd, ok, d)
			}
		}
		if want == 0 || want == len(ps) {
			t.Fatalf("%d of %d photos pass: the check decides nothing", want, len(ps))
		}
	})
}

// Lookups running at once, while photos are added, each get the answer
// they get alone: every lookup keeps its own scratch.
func TestCandidatesAtOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		rng := rand.New(rand.NewPCG(5, 6))
		queries := make([]uint64, 8)
		for i := range queries {
			queries[i] = rng.Uint64()
		}
		// near is a key up to 4 bits from a query key.
		near := func() uint64 {
			k := queries[rng.IntN(len(queries))]
			for n := rng.IntN(5); n > 0; n-- {
				k ^= 1 << rng.IntN(64)
			}
			return k
		}
		var ps []Photo
		for i := 0; i < 200; i++ {
			p := photo("acc", KindProfile, uint64(i), Hash{"phash", uint64(i)})
			p.Signature, p.Keys, p.KeyData = []byte("sig"), []uint64{near(), near()}, []byte{byte(i), byte(i + 1)}
			ps = append(ps, p)
		}
		if _, err := s.AddPhotos(ctx, ps); err != nil {
			t.Fatal(err)
		}
		// Checks that accept a pair by its key data's parity, differently
		// for each query, so that a lookup reading another's scratch
		// answers wrongly.
		lookup := func(q int) KeyQuery {
			return KeyQuery{Keys: []uint64{queries[q]}, ChunkRadius: 1, MaxDistance: 8,
				Verify: func(part []byte, _ int) bool { return int(part[0])%(2+q%3) == 0 }}
		}
		want := make([]string, len(queries))
		for q := range queries {
			got, err := s.Candidates(ctx, lookup(q))
			if err != nil || len(got) == 0 {
				t.Fatalf("query %d: %d candidates (%v)", q, len(got), err)
			}
			want[q] = fmt.Sprint(got)
		}
		var wg sync.WaitGroup
		errs := make(chan error, len(queries)*20+1)
		wg.Add(1)
		go func() { // photos no query meets: their keys are the queries' complements
			defer wg.Done()
			for i := 0; i < 20; i++ {
				p := photo("other", KindProfile, uint64(1000+i), Hash{"phash", uint64(i)})
				p.Signature, p.Keys = []byte("sig"), []uint64{^queries[i%len(queries)]}
				if _, err := s.AddPhoto(ctx, p); err != nil {
					errs <- err
				}
			}
		}()
		for q := range queries {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for r := 0; r < 20; r++ {
					got, err := s.Candidates(ctx, lookup(q))
					if err != nil {
						errs <- err
					} else if fmt.Sprint(got) != want[q] {
						errs <- fmt.Errorf("query %d at once: %v, alone: %v", q, got, want[q])
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
	})
}

// TestCandidatesPairKeys: a stored key is near when one query key is both
// chunk-near and distance-near, not when one query key brings it up by a
// chunk and another is within the distance.
func TestCandidatesPairKeys(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		p := photo("a", KindProfile, 1, Hash{"phash", 1})
		p.Signature, p.Keys = []byte("s"), []uint64{0}
		id, err := s.AddPhoto(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		byChunk := uint64(0xFFFF_FFFF_FFFF_0000)    // chunk 0 the same, 48 bits off
		byDistance := uint64(0x0003_0003_0003_0003) // 8 bits off, 2 in every chunk
		for _, c := range []struct {
			chunkRadius int
			want        int
		}{{1, 0}, {2, 1}} {
			got, err := s.Candidates(ctx, KeyQuery{Keys: []uint64{byChunk, byDistance}, ChunkRadius: c.chunkRadius, MaxDistance: 10})
			if err != nil || len(got) != c.want || c.want == 1 && (got[0].PhotoID != id || got[0].Distance != 8) {
				t.Errorf("chunk radius %d: %+v %v, want %d candidates", c.chunkRadius, got, err, c.want)
			}
		}
	})
}

// TestCandidatesSeeOtherReplicas: a replica that has already looked up
// (and so loaded its key index) finds a photo another replica stores
// afterwards.
func TestCandidatesSeeOtherReplicas(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, b := open(t, dsn, Options{}), open(t, dsn, Options{})
		q := KeyQuery{Keys: []uint64{0xABCD}, ChunkRadius: 1, MaxDistance: 4}
		for i, s := range []Store{a, b, a} {
			if got, err := b.Candidates(ctx, q); err != nil || len(got) != i {
				t.Fatalf("before photo %d: %+v %v", i, got, err)
			}
			p := photo(fmt.Sprint("acc-", i), KindProfile, uint64(i), Hash{"phash", 1})
			p.Signature, p.Keys = []byte("s"), []uint64{0xABCD ^ 1<<i}
			if _, err := s.AddPhoto(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := b.Candidates(ctx, q); err != nil || len(got) != 3 {
			t.Fatalf("after 3 photos: %+v %v", got, err)
		}
	})
}

// TestCandidatesSeeLateCommits: in PostgreSQL a photo's ID is taken before
// its transaction commits, so a photo with a lower ID can commit after a
// higher one has been read; the key index must still find it.
func TestCandidatesSeeLateCommits(t *testing.T) {
	dsn := postgresSchema(t)
	ctx := context.Background()
	s := open(t, dsn, Options{})
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// A slow writer: its photo takes an ID, then waits to commit.
	slow, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Rollback()
	var slowID int64
	if _, err := slow.ExecContext(ctx, `INSERT INTO accounts (id, created_at) VALUES ('slow', now())`); err != nil {
		t.Fatal(err)
	}
	if err := slow.QueryRowContext(ctx, `INSERT INTO photos (account_id, kind, width, height, bytes, sha256, created_at)
		VALUES ('slow', 'profile', 10, 10, 10, '\x00', now()) RETURNING id`).Scan(&slowID); err != nil {
		t.Fatal(err)
	}
	if _, err := slow.ExecContext(ctx, `INSERT INTO photo_signatures (photo_id, data, keys) VALUES ($1, 's', $2)`,
		slowID, encodeKeys([]uint64{0xABCD})); err != nil {
		t.Fatal(err)
	}
	// A quick one commits a photo with a higher ID, and a lookup reads it.
	p := photo("quick", KindProfile, 1, Hash{"phash", 1})
	p.Signature, p.Keys = []byte("s"), []uint64{0xABCD}
	quickID, err := s.AddPhoto(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	q := KeyQuery{Keys: []uint64{0xABCD}, ChunkRadius: 0, MaxDistance: 0}
	if got, err := s.Candidates(ctx, q); err != nil || len(got) != 1 || got[0].PhotoID != quickID || quickID < slowID {
		t.Fatalf("before the slow commit: %+v %v (ids %d, %d)", got, err, slowID, quickID)
	}
	if err := slow.Commit(); err != nil {
		t.Fatal(err)
	}
	got, err := s.Candidates(ctx, q)
	if err != nil || len(got) != 2 || got[0].PhotoID != slowID {
		t.Fatalf("after the slow commit: %+v %v", got, err)
	}
	// Read twice, held once.
	if got, _ := s.Candidates(ctx, q); len(got) != 2 {
		t.Errorf("third lookup: %+v", got)
	}
}

// TestKeyVersions: a photo whose keys are of another version than the
// query's is a candidate whatever its keys, so that a change in how keys
// are made loses nothing stored before it; Rekey makes its keys anew,
// after which it is found by them alone, here and (PostgreSQL) in a
// replica that had already read the old ones.
func TestKeyVersions(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s, replica := open(t, dsn, Options{}), open(t, dsn, Options{})
		old := photo("old", KindProfile, 1, Hash{"phash", 1})
		old.Signature, old.Keys = []byte("sig-old"), []uint64{0x1111} // version 0: the first
		current := photo("new", KindProfile, 2, Hash{"phash", 2})
		current.Signature, current.Keys, current.KeyVersion = []byte("sig-new"), []uint64{0x2222}, 2
		oldID, err := s.AddPhoto(ctx, old)
		if err != nil {
			t.Fatal(err)
		}
		newID, err := s.AddPhoto(ctx, current)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.Photo(ctx, oldID); err != nil || got.KeyVersion != 1 {
			t.Fatalf("photo stored without a version: version %d %v, want 1", got.KeyVersion, err)
		}
		ids := func(st Store, key uint64) []int64 {
			t.Helper()
			return candidateIDs(t, st, KeyQuery{Keys: []uint64{key}, ChunkRadius: 0, MaxDistance: 2, KeyVersion: 2})
		}
		far := uint64(0xF0F0_F0F0_F0F0_F0F0)
		if got := ids(s, far); len(got) != 1 || got[0] != oldID {
			t.Errorf("version 2 lookup by a far key: %v, want the version-1 photo %d only", got, oldID)
		}
		if got := ids(s, 0x2222); len(got) != 2 {
			t.Errorf("version 2 lookup by the new photo's key: %v, want both", got)
		}
		if got := ids(replica, far); len(got) != 1 || got[0] != oldID {
			t.Errorf("replica before rekeying: %v, want %d", got, oldID)
		}

		// Rekey: the version-1 photo gets key 0x3333 from its signature.
		var seen [][]byte
		n, err := s.Rekey(ctx, 2, func(p Photo) (Keys, error) {
			seen = append(seen, p.Signature)
			return Keys{Keys: []uint64{0x3333}, KeyData: []byte{7}}, nil
		})
		if err != nil || n != 1 || len(seen) != 1 || string(seen[0]) != "sig-old" {
			t.Fatalf("rekey: %d photos %v, signatures %q; want the one old photo", n, err, seen)
		}
		if got, err := s.Photo(ctx, oldID); err != nil || got.KeyVersion != 2 || len(got.Keys) != 1 || got.Keys[0] != 0x3333 || string(got.KeyData) != "\x07" {
			t.Fatalf("after rekey: %+v %v", got, err)
		}
		if got := ids(s, far); len(got) != 0 {
			t.Errorf("after rekey, a far key: %v, want none", got)
		}
		if got := ids(s, 0x3333); len(got) != 1 || got[0] != oldID {
			t.Errorf("after rekey, its new key: %v, want %d", got, oldID)
		}
		// The replica finds it by its new key in every backend; PostgreSQL
		// replicas read the rewritten row, SQLite ones keep it as a
		// candidate of every lookup until opened again.
		if got := ids(replica, 0x3333); len(got) != 1 || got[0] != oldID {
			t.Errorf("replica after rekey, the new key: %v, want %d", got, oldID)
		}
		if got := ids(replica, far); strings.HasPrefix(dsn, "postgres") && len(got) != 0 {
			t.Errorf("PostgreSQL replica after rekey, a far key: %v, want none", got)
		}
		if got := ids(open(t, dsn, Options{}), far); len(got) != 0 {
			t.Errorf("store opened after rekey, a far key: %v, want none", got)
		}
		n, err = s.Rekey(ctx, 2, func(Photo) (Keys, error) {
			t.Error("second rekey made keys")
			return Keys{}, nil
		})
		if err != nil || n != 0 {
			t.Errorf("second rekey: %d %v, want nothing to do", n, err)
		}
		if got, err := s.Photo(ctx, newID); err != nil || got.KeyVersion != 2 || got.Keys[0] != 0x2222 {
			t.Errorf("the photo already of version 2: %+v %v, want it untouched", got, err)
		}
	})
}

// TestRekeyFailure: a photo whose keys cannot be made stops Rekey with an
// error naming it; photos rewritten in earlier batches stay rewritten,
// the failing batch is rolled back, and a bad version is refused.
func TestRekeyFailure(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		var ps []Photo
		for i := 0; i < rekeyBatch+10; i++ {
			p := photo(fmt.Sprint("acc-", i), KindProfile, uint64(i), Hash{"phash", uint64(i)})
			p.Signature, p.Keys = []byte(fmt.Sprint("sig-", i)), []uint64{uint64(i)}
			ps = append(ps, p)
		}
		ids, err := s.AddPhotos(ctx, ps)
		if err != nil {
			t.Fatal(err)
		}
		bad := fmt.Sprint("sig-", rekeyBatch+5) // in the second batch
		n, err := s.Rekey(ctx, 2, func(p Photo) (Keys, error) {
			if string(p.Signature) == bad {
				return Keys{}, errors.New("cannot decode")
			}
			return Keys{Keys: []uint64{1}}, nil
		})
		if err == nil || !strings.Contains(err.Error(), fmt.Sprint("photo ", ids[rekeyBatch+5])) || n != rekeyBatch {
			t.Fatalf("rekey: %d %v; want the first batch done and an error naming photo %d", n, err, ids[rekeyBatch+5])
		}
		for _, c := range []struct {
			i, version int
		}{{0, 2}, {rekeyBatch - 1, 2}, {rekeyBatch, 1}, {rekeyBatch + 9, 1}} {
			if got, err := s.Photo(ctx, ids[c.i]); err != nil || got.KeyVersion != c.version {
				t.Errorf("photo %d: version %d %v, want %d", c.i, got.KeyVersion, err, c.version)
			}
		}
		noKeys := func(Photo) (Keys, error) { return Keys{}, nil }
		for _, v := range []int{0, -1, MaxKeyVersion + 1} {
			if _, err := s.Rekey(ctx, v, noKeys); !errors.Is(err, ErrInvalid) {
				t.Errorf("rekey to version %d: %v, want ErrInvalid", v, err)
			}
		}
		if _, err := s.Rekey(ctx, 2, nil); !errors.Is(err, ErrInvalid) {
			t.Errorf("rekey without a function: %v, want ErrInvalid", err)
		}
		// Keys that do not fit are refused, the batch rolled back.
		n, err = s.Rekey(ctx, 2, func(Photo) (Keys, error) { return Keys{Keys: []uint64{1, 2}, KeyData: []byte{1, 2, 3}}, nil })
		if !errors.Is(err, ErrInvalid) || n != 0 {
			t.Errorf("rekey with 3 bytes of key data for 2 keys: %d %v, want ErrInvalid", n, err)
		}
		n, err = s.Rekey(ctx, 2, func(Photo) (Keys, error) {
			return Keys{Keys: []uint64{1}, Words: []uint64{1, 2, 3}, WordsPerPoint: 2}, nil
		})
		if !errors.Is(err, ErrInvalid) || n != 0 {
			t.Errorf("rekey with 3 words at 2 a point: %d %v, want ErrInvalid", n, err)
		}
	})
}

// candidateIDs are the IDs of the photos st.Candidates returns for q, in
// increasing order.
func candidateIDs(t *testing.T, st Store, q KeyQuery) []int64 {
	t.Helper()
	got, err := st.Candidates(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, c := range got {
		out = append(out, c.PhotoID)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
