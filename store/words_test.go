package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// wordsPhoto is a photo of account with points, perPoint words each, and
// each point's place as its point data (two bytes).
func wordsPhoto(account string, seed uint64, points [][]uint64) Photo {
	p := photo(account, KindProfile, seed, Hash{"phash", seed})
	p.Signature, p.Keys = []byte("signature"), []uint64{seed}
	p.WordsPerPoint = len(points[0])
	for i, ws := range points {
		p.Words = append(p.Words, ws...)
		p.PointData = binary.BigEndian.AppendUint16(p.PointData, uint16(i))
	}
	return p
}

// unique returns n points of per random words each, met nowhere else.
func unique(rng *rand.Rand, n, per int) [][]uint64 {
	out := make([][]uint64, n)
	for i := range out {
		for k := 0; k < per; k++ {
			out[i] = append(out[i], rng.Uint64()|1<<63)
		}
	}
	return out
}

// TestWordCandidates: photos are found by how many query points share
// words with them, each stored point and each query point counted once,
// the best of the query's sets, most shared first; Verify sees each
// photo's point data and the pairs, and its count decides.
func TestWordCandidates(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		rng := rand.New(rand.NewPCG(1, 2))
		query := unique(rng, 12, 3)    // the query's points, 3 words each
		mirrored := unique(rng, 12, 3) // a second set
		// shares makes a stored photo's points: the first n share one word
		// each (the k-th word of query point i) with query points, the rest
		// are its own.
		shares := func(set [][]uint64, n int) [][]uint64 {
			pts := unique(rng, 20, 2)
			for i := 0; i < n; i++ {
				pts[i][1] = set[i][i%3]
			}
			return pts
		}
		photos := map[string][][]uint64{
			"shares-8":  shares(query, 8),
			"shares-5":  shares(query, 5),
			"shares-4":  shares(query, 4),
			"mirror-6":  shares(mirrored, 6),
			"nothing":   unique(rng, 20, 2),
			"own-share": shares(query, 9), // the asking account's own
		}
		// Two stored points, each carrying words of two query points,
		// count two.
		onePoint := unique(rng, 20, 2)
		onePoint[0] = []uint64{query[0][0], query[1][0]}
		onePoint[1] = []uint64{query[2][0], query[3][0]}
		photos["one-point"] = onePoint
		// One query point's word on five stored points counts once.
		manyPoints := unique(rng, 20, 2)
		for i := 0; i < 5; i++ {
			manyPoints[i][0] = query[0][1]
		}
		photos["many-points"] = manyPoints
		ids := map[string]int64{}
		for name, pts := range photos {
			account := "acc-" + name
			if name == "own-share" {
				account = "me"
			}
			id, err := s.AddPhoto(ctx, wordsPhoto(account, uint64(len(ids)+1), pts))
			if err != nil {
				t.Fatal(err)
			}
			ids[name] = id
		}
		got := func(q WordQuery) map[string]int {
			t.Helper()
			cands, err := s.WordCandidates(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]int{}
			for i, c := range cands {
				for name, id := range ids {
					if id == c.PhotoID {
						out[name] = c.Shared
					}
				}
				if string(c.Signature) != "signature" || c.Distance != 0 {
					t.Errorf("candidate %+v", c)
				}
				if i > 0 && (c.Shared > cands[i-1].Shared || c.Shared == cands[i-1].Shared && c.PhotoID < cands[i-1].PhotoID) {
					t.Errorf("candidates out of order: %+v after %+v", c, cands[i-1])
				}
			}
			return out
		}
		want := map[string]int{"shares-8": 8, "shares-5": 5, "mirror-6": 6}
		if g := got(WordQuery{Sets: [][][]uint64{query, mirrored}, MinShared: 5, NotAccount: "me"}); fmt.Sprint(g) != fmt.Sprint(want) {
			t.Errorf("sharing 5: got %v, want %v", g, want)
		}
		want = map[string]int{"shares-8": 8, "shares-5": 5, "shares-4": 4, "own-share": 9, "one-point": 2, "many-points": 1}
		if g := got(WordQuery{Sets: [][][]uint64{query}, MinShared: 1}); fmt.Sprint(g) != fmt.Sprint(want) {
			t.Errorf("sharing 1: got %v, want %v", g, want)
		}
		// Verify: sees the pairs, query points in order, each stored point
		// once, with the photo's point data; its count decides.
		var mu sync.Mutex
		seen := map[string][]WordHit{}
		verify := func(data []byte, set int, hits []WordHit) int {
			mu.Lock()
			defer mu.Unlock()
			if set != 0 {
				t.Errorf("set %d", set)
			}
			if len(data) != 40 {
				t.Errorf("%d bytes of point data", len(data))
			}
			for i, h := range hits {
				if int(binary.BigEndian.Uint16(data[2*h.Stored:])) != h.Stored {
					t.Errorf("point data of point %d: %v", h.Stored, data[2*h.Stored:2*h.Stored+2])
				}
				if i > 0 && h.Query <= hits[i-1].Query {
					t.Errorf("hits out of order: %v", hits)
				}
			}
			key := fmt.Sprint(len(hits))
			seen[key] = slices.Clone(hits)
			return len(hits) - 3 // only the photo sharing 8 keeps 5
		}
		if g := got(WordQuery{Sets: [][][]uint64{query}, MinShared: 5, NotAccount: "me", Verify: verify}); fmt.Sprint(g) != fmt.Sprint(map[string]int{"shares-8": 5}) {
			t.Errorf("verified: got %v", g)
		}
		if h := seen["8"]; len(h) != 8 || h[0] != (WordHit{0, 0}) || h[7] != (WordHit{7, 7}) {
			t.Errorf("hits of the photo sharing 8: %v", h)
		}
		// Words and point data come back with the photo.
		p, err := s.Photo(ctx, ids["shares-5"])
		if err != nil {
			t.Fatal(err)
		}
		want5 := wordsPhoto("x", 0, photos["shares-5"])
		if !slices.Equal(p.Words, want5.Words) || p.WordsPerPoint != 2 || !slices.Equal(p.PointData, want5.PointData) {
			t.Errorf("photo's words %d, %d a point, point data %d bytes", len(p.Words), p.WordsPerPoint, len(p.PointData))
		}
	})
}

// TestWordsAndKeys: a key lookup among photos without words leaves out
// those with words, one among photos with words the others, and another
// store on the same database sees photos' words at its next lookup.
func TestWordsAndKeys(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, b := open(t, dsn, Options{}), open(t, dsn, Options{})
		rng := rand.New(rand.NewPCG(3, 4))
		query := unique(rng, 6, 2)
		withWords := wordsPhoto("a", 1, query)
		withWords.Keys = []uint64{0xABCD}
		without := photo("b", KindProfile, 2, Hash{"phash", 2})
		without.Signature, without.Keys = []byte("s"), []uint64{0xABCD}
		wq := WordQuery{Sets: [][][]uint64{query}, MinShared: 3}
		if got, err := b.WordCandidates(ctx, wq); err != nil || len(got) != 0 {
			t.Fatalf("empty store: %+v %v", got, err)
		}
		idWords, err := a.AddPhoto(ctx, withWords)
		if err != nil {
			t.Fatal(err)
		}
		idWithout, err := a.AddPhoto(ctx, without)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := b.WordCandidates(ctx, wq); err != nil || len(got) != 1 || got[0].PhotoID != idWords || got[0].Shared != 6 {
			t.Errorf("other store's words: %+v %v", got, err)
		}
		kq := KeyQuery{Keys: []uint64{0xABCD}, MaxDistance: 2, ChunkRadius: 1}
		for among, want := range map[Among][]int64{
			AllPhotos:      {idWords, idWithout},
			WordlessPhotos: {idWithout},
			WordedPhotos:   {idWords},
		} {
			kq.Among = among
			slices.Sort(want)
			if ids := candidateIDs(t, b, kq); !slices.Equal(ids, want) {
				t.Errorf("among %d: %v, want %v", among, ids, want)
			}
			// Photos of another key version are candidates whatever
			// their keys, among the same photos.
			other := KeyQuery{Keys: []uint64{^uint64(0xABCD)}, MaxDistance: 2, KeyVersion: 2, Among: among}
			if ids := candidateIDs(t, b, other); !slices.Equal(ids, want) {
				t.Errorf("among %d, another key version: %v, want %v", among, ids, want)
			}
		}
	})
}

func TestInvalidWords(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn, Options{})
		good := func() Photo { return wordsPhoto("a", 1, [][]uint64{{1, 2}, {3, 4}}) }
		noSignature := good()
		noSignature.Signature, noSignature.Keys = nil, nil
		uneven := good()
		uneven.Words = uneven.Words[:3]
		perPoint0 := good()
		perPoint0.WordsPerPoint = 0
		dataOnly := good()
		dataOnly.Words = nil
		badData := good()
		badData.PointData = badData.PointData[:3]
		tooMany := good()
		tooMany.Words, tooMany.WordsPerPoint, tooMany.PointData = make([]uint64, MaxPoints+1), 1, nil
		for name, p := range map[string]Photo{"no signature": noSignature, "uneven": uneven, "0 a point": perPoint0,
			"data without words": dataOnly, "uneven data": badData, "too many points": tooMany} {
			if _, err := s.AddPhoto(ctx, p); !errors.Is(err, ErrInvalid) {
				t.Errorf("%s: %v", name, err)
			}
		}
		for name, q := range map[string]WordQuery{
			"no sets":         {MinShared: 1},
			"sharing 0":       {Sets: [][][]uint64{{{1}}}},
			"a point no word": {Sets: [][][]uint64{{{}}}, MinShared: 1},
			"too many words":  {Sets: [][][]uint64{{make([]uint64, MaxWordsPerPoint+1)}}, MinShared: 1},
			"too many points": {Sets: [][][]uint64{make([][]uint64, MaxPoints+1)}, MinShared: 1},
		} {
			if _, err := s.WordCandidates(ctx, q); !errors.Is(err, ErrInvalid) {
				t.Errorf("%s: %v", name, err)
			}
		}
		if got, err := s.WordCandidates(ctx, WordQuery{Sets: [][][]uint64{{{1}, {3}}}, MinShared: 1}); err != nil || len(got) != 0 {
			t.Errorf("stored after an error: %+v %v", got, err)
		}
	})
}

// TestWordIndex: a lookup finds exactly the points filed under its word,
// through every shard's growth, words filed by many photos included; a
// word filed maxWordFiled times is filed no more; shards stay below
// maxWordLoad.
func TestWordIndex(t *testing.T) {
	var x wordIndex
	rng := rand.New(rand.NewPCG(7, 7))
	pool := make([]uint64, 500) // words many photos share
	for i := range pool {
		pool[i] = rng.Uint64()
	}
	want := map[uint64][]uint64{} // word: hits with query point 9
	filed := 0
	for place := 0; place < 3000; place++ {
		words := make([]uint64, 20) // 4 a point, 5 points
		for k := range words {
			if words[k] = rng.Uint64(); k%5 == 0 {
				words[k] = pool[rng.IntN(len(pool))]
			}
		}
		x.add(uint32(place), words, 4)
		for k, w := range words {
			if len(want[w]) < maxWordFiled {
				want[w] = append(want[w], hit(uint32(place), 9, k/4))
				filed++
			}
		}
	}
	if x.used != filed {
		t.Errorf("%d points filed, want %d", x.used, filed)
	}
	for w, hits := range want {
		got := x.lookup(w, 9, nil)
		slices.Sort(got)
		slices.Sort(hits)
		if !slices.Equal(got, hits) {
			t.Fatalf("word %x: hits %x, want %x", w, got, hits)
		}
	}
	for range 1000 {
		if hits := x.lookup(rng.Uint64(), 0, nil); len(hits) != 0 {
			t.Fatalf("a word never filed: %x", hits)
		}
	}
	// Looked up in groups, query point by query point, the same hits:
	// points of 1 to 40 words, filed and not, a number that ends in a
	// part group.
	var points [][]uint64
	var wantAll []uint64
	for w := range want {
		if len(points) == 0 || len(points[len(points)-1]) == 1+len(points)%40 {
			points = append(points, nil)
		}
		q := len(points) - 1
		points[q] = append(points[q], w, rng.Uint64())
		wantAll = x.lookup(w, q, wantAll)
	}
	if 2*len(want)%readGroup == 0 {
		points = append(points, []uint64{rng.Uint64()})
	}
	var probes []wordProbe
	gotAll := x.lookupPoints(points, nil, &probes)
	slices.Sort(gotAll)
	slices.Sort(wantAll)
	if !slices.Equal(gotAll, wantAll) {
		t.Errorf("looked up in groups: %d hits, want %d", len(gotAll), len(wantAll))
	}
	// An index with one word: its other shards have no slots.
	var one wordIndex
	one.add(0, []uint64{42}, 1)
	if got := one.lookupPoints([][]uint64{{rng.Uint64(), 42, rng.Uint64()}}, nil, &probes); !slices.Equal(got, []uint64{hit(0, 0, 0)}) {
		t.Errorf("an index of one word: hits %x", got)
	}
	var empty wordIndex
	if got := empty.lookupPoints([][]uint64{{42}}, nil, &probes); len(got) != 0 {
		t.Errorf("an empty index: hits %x", got)
	}
	for i, sh := range x.shards {
		if 20*sh.used > maxWordLoad*sh.homes {
			t.Errorf("shard %d: %d slots used for %d homes", i, sh.used, sh.homes)
		}
	}
	var common wordIndex
	for place := 0; place < maxWordFiled+10; place++ {
		common.add(uint32(place), []uint64{42, uint64(place) + 1000}, 1)
	}
	if hits := common.lookup(42, 0, nil); len(hits) != maxWordFiled {
		t.Errorf("a common word has %d hits, want %d", len(hits), maxWordFiled)
	}
}

// TestWordTableEnd: runs homed at a shard's last home end in the slots
// past it; runs longer than those make the shard grow; a lookup finds
// every point, and no other.
func TestWordTableEnd(t *testing.T) {
	var tb wordTable
	last := uint64(1<<fingerprintBits - 1)
	want := map[uint64][]uint64{}
	fps := []uint64{last, 0, 1 << (fingerprintBits - 1)}
	for k := uint64(1); k <= 100; k++ {
		fps = append(fps, last-k<<14) // all homed at the last of 16 homes or 64
	}
	for i, fp := range fps {
		n := 1
		if i == 0 {
			n = maxWordFiled
		}
		for j := range n {
			s := slot(fp, j%MaxPoints, uint32(i))
			if !tb.file(s) {
				t.Fatalf("fingerprint %x point %d not filed", fp, j)
			}
			want[fp] = append(want[fp], hit(uint32(i), 3, j%MaxPoints))
		}
	}
	if tb.homes <= minWordHomes || tb.used != maxWordFiled+len(fps)-1 {
		t.Errorf("%d homes, %d used", tb.homes, tb.used)
	}
	if tb.file(slot(last, 7, 9)) {
		t.Errorf("a fingerprint filed %d times filed again", maxWordFiled)
	}
	for fp, hits := range want {
		got := tb.scan(fp, 3, nil)
		slices.Sort(got)
		slices.Sort(hits)
		if !slices.Equal(got, hits) {
			t.Errorf("fingerprint %x: %d hits, want %d", fp, len(got), len(hits))
		}
	}
	if got := tb.scan(last-1, 3, nil); len(got) != 0 {
		t.Errorf("a fingerprint never filed: %d hits", len(got))
	}
}

func FuzzDecodePoints(f *testing.F) {
	f.Add(encodePoints([]uint64{1, 2, 3, 4}, 2, []byte{1, 2, 3, 4}))
	f.Add(encodePoints([]uint64{1}, 1, nil))
	f.Add([]byte{0, 1, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		words, per, data, err := decodePoints(b)
		if err != nil || len(words) == 0 {
			return
		}
		if again := encodePoints(words, per, data); string(again) != string(b) {
			t.Errorf("decoded %d words, %d a point, %d bytes of data; encoded again differs", len(words), per, len(data))
		}
	})
}

// BenchmarkWordLookup times the word index alone (keyIndex.shared) over
// photos of 300 points with 6 random words each, as package photo files a
// picture with detail, asked as photo asks: 600 query points of 18 words
// in each of two sets, 150 of them sharing a word with one stored photo.
func BenchmarkWordLookup(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, uint64(n)))
			x := &keyIndex{}
			words := make([]uint64, 300*6)
			var target []uint64
			for place := 0; place < n; place++ {
				for i := range words {
					words[i] = rng.Uint64()
				}
				if place == n/2 {
					target = slices.Clone(words)
				}
				x.photos = append(x.photos, indexed{id: int64(place + 1)})
				x.words.add(uint32(place), words, 6)
			}
			sets := make([][][]uint64, 2)
			for s := range sets {
				sets[s] = unique(rng, 600, 18)
			}
			for i := 0; i < 150; i++ {
				sets[0][4*i][5] = target[6*(2*i)+i%6]
			}
			q := WordQuery{Sets: sets, MinShared: 5, Verify: func(_ []byte, _ int, hits []WordHit) int { return len(hits) }}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if got := x.shared(q); got[int64(n/2+1)] != 150 || len(got) != 1 {
					b.Fatalf("found %v", got)
				}
			}
		})
	}
}

// TestRekeyAddsWords: photos stored before photos kept words (their
// points column NULL) are given words by Rekey, once; this store, a
// PostgreSQL replica that had read them without, and a store opened
// afterwards find them by their words.
func TestRekeyAddsWords(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s, replica := open(t, dsn, Options{}), open(t, dsn, Options{})
		rng := rand.New(rand.NewPCG(9, 9))
		points := unique(rng, 8, 2)
		old := wordsPhoto("old", 1, points)
		flat := photo("flat", KindProfile, 2, Hash{"phash", 2})
		flat.Signature, flat.Keys = []byte("flat"), []uint64{2}
		ids, err := s.AddPhotos(ctx, []Photo{old, flat})
		if err != nil {
			t.Fatal(err)
		}
		// As if stored before migration 0005.
		if _, err := s.(*sqlStore).db.ExecContext(ctx, s.(*sqlStore).q(`UPDATE photo_signatures SET points = NULL WHERE photo_id = ?`), ids[0]); err != nil {
			t.Fatal(err)
		}
		wq := WordQuery{Sets: [][][]uint64{points}, MinShared: 4}
		found := func(st Store) bool {
			t.Helper()
			got, err := st.WordCandidates(ctx, wq)
			if err != nil {
				t.Fatal(err)
			}
			return len(got) == 1 && got[0].PhotoID == ids[0] && got[0].Shared == 8
		}
		if found(s) || found(replica) {
			t.Fatal("a photo without points found by words")
		}
		var seen []string
		rekey := func(p Photo) (Keys, error) {
			if p.ID != ids[0] || p.Width != 640 || p.Height != 480 {
				t.Errorf("rekey given photo %d of %dx%d, want %d of 640x480", p.ID, p.Width, p.Height, ids[0])
			}
			seen = append(seen, string(p.Signature))
			return Keys{Keys: []uint64{1}, Words: old.Words, WordsPerPoint: old.WordsPerPoint, PointData: old.PointData}, nil
		}
		if n, err := s.Rekey(ctx, 1, rekey); err != nil || n != 1 || fmt.Sprint(seen) != "[signature]" {
			t.Fatalf("rekey: %d %v, signatures %q; want the photo without points only", n, err, seen)
		}
		if !found(s) {
			t.Error("the store that rekeyed does not find it by its words")
		}
		if strings.HasPrefix(dsn, "postgres") && !found(replica) {
			t.Error("a PostgreSQL replica does not find it by its words")
		}
		if !found(open(t, dsn, Options{})) {
			t.Error("a store opened afterwards does not find it by its words")
		}
		if n, err := s.Rekey(ctx, 1, rekey); err != nil || n != 0 {
			t.Errorf("second rekey: %d %v, want nothing to do", n, err)
		}
	})
}
