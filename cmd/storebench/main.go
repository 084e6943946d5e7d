// Command storebench measures how fast the photo store finds near
// duplicates as it grows: it fills a store with photos in steps (100,000,
// then up to a million by default) and, at each size, times lookups of
// hashes a few bits away from stored ones, printing the median, 90th and
// 99th percentile latency and the candidates each lookup verified.
//
//	storebench -db /tmp/bench.db -sizes 100000,1000000
//	storebench -db 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable&search_path=bench' -sizes 100000,1000000
//
// The store must start empty (a new file, or an empty schema). Hashes are
// random with a bias per bit, as real perceptual hashes have (each bit is
// set with its own probability between 0.25 and 0.75), and one photo in ten
// is a near copy of another, a few bits off.
//
// With -keys it measures what photo.Find asks instead: each photo carries
// a 4 KB signature and 21 signature keys (a random key and 20 more up to 8
// bits from it, as a photo's views are alike), each with 96 bytes of key
// data (a random unit vector of the photo's, a byte a component, as
// photo.Signature.KeyData), and each lookup asks Candidates with 14 keys
// up to 6 bits from a stored photo's, at chunk radius 1 and distance 12,
// checking each pair of keys that meet by a dot product of the stored
// key's data with the photo's vector (cosine above 0.9, as photo's check),
// signatures returned. The first lookup after each load, which reads the
// new keys into the store's in-memory index, is timed apart.
//
// With -portraits the photos are real pictures' descriptions: generated
// head-and-shoulders portraits (package evaluate's, all framed alike, the
// hardest kind of store for the keys), described by photo.Describe on
// every core, and each lookup is photo.Find of an edited copy of a stored
// portrait or of a portrait never stored, half each. -db may then be given
// more than once: every store gets the same photos and the same lookups,
// so that their figures compare in one run.
//
//	storebench -portraits -db /tmp/p.db -db 'postgres://...&search_path=benchportraits' -sizes 10000,100000
//
// (About 8.7 KB of heap a portrait for each store: a million in two
// stores needs some 17 GB.)
//
// With -detail the portraits are textured (evaluate.Textured): pictures
// with detail, as photographs have, filed under their corners' words and
// found by them (photo.WordQuery). Their word index takes some 20-40 KB of
// heap a picture more at -px 256 (300 corners, 6 words each).
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/idcheck/idcheck/store"
)

func main() {
	var dsns []string
	flag.Func("db", "store: a SQLite file path or a postgres:// URL (must be empty); more than one with -portraits", func(v string) error {
		dsns = append(dsns, v)
		return nil
	})
	sizes := flag.String("sizes", "100000,1000000", "store sizes to measure at, in photos, ascending")
	queries := flag.Int("queries", 2000, "lookups timed at each size")
	radius := flag.Int("radius", 10, "Hamming distance the lookups ask for")
	keys := flag.Bool("keys", false, "store signature keys and time Candidates lookups (as photo.Find) instead of hash lookups")
	portraits := flag.Bool("portraits", false, "store generated portraits' descriptions and time photo.Find")
	px := flag.Int("px", 128, "side of the generated portraits, in pixels (-portraits)")
	detail := flag.Bool("detail", false, "textured portraits, pictures with detail found by their corners' words (-portraits)")
	describe := flag.Int("describe", 0, "draw and describe this many pictures, and make up the store's others from their corners (-portraits -detail; 0: describe all)")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the lookups at the largest size to this file")
	batch := flag.Int("batch", 5000, "photos per insert transaction")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	var steps []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 || len(steps) > 0 && n <= steps[len(steps)-1] {
			fmt.Fprintln(os.Stderr, "storebench: -sizes wants ascending positive numbers")
			os.Exit(2)
		}
		steps = append(steps, n)
	}
	if *describe < 0 || *describe > 0 && !*detail {
		fmt.Fprintln(os.Stderr, "storebench: -describe wants a count, with -detail")
		os.Exit(2)
	}
	if *detail && !*portraits {
		fmt.Fprintln(os.Stderr, "storebench: -detail needs -portraits")
		os.Exit(2)
	}
	if len(dsns) > 1 && !*portraits {
		fmt.Fprintln(os.Stderr, "storebench: -db more than once needs -portraits")
		os.Exit(2)
	}
	if len(dsns) == 0 || *queries < 1 || *batch < 1 || *px < 16 {
		fmt.Fprintln(os.Stderr, "usage: storebench -db DSN [-keys | -portraits [-px 128] [-detail [-describe N]] [-db DSN]...] [-sizes 100000,1000000] [-queries 2000] [-radius 10]")
		os.Exit(2)
	}
	ctx := context.Background()
	var err error
	if *portraits {
		err = withStores(ctx, dsns, func(stores []namedStore) error {
			return runPortraits(ctx, stores, steps, *queries, *batch, pictures{*seed, *px, *detail, *describe}, *cpuProfile)
		})
	} else {
		err = run(ctx, dsns[0], steps, *queries, *radius, *batch, *seed, *keys, *cpuProfile)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "storebench:", err)
		os.Exit(1)
	}
}

// namedStore is a store opened for the run, named by its kind.
type namedStore struct {
	store.Store
	name string
}

// withStores opens every store, runs f, and closes them.
func withStores(ctx context.Context, dsns []string, f func([]namedStore) error) error {
	var stores []namedStore
	defer func() {
		for _, s := range stores {
			s.Close()
		}
	}()
	for _, dsn := range dsns {
		s, err := store.Open(ctx, dsn, store.Options{})
		if err != nil {
			return err
		}
		name := "SQLite"
		if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
			name = "PostgreSQL"
		}
		stores = append(stores, namedStore{s, name})
	}
	return f(stores)
}

// startProfile starts a CPU profile written to path, if path is not
// empty, and returns what stops it.
func startProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// readKeys makes the first lookup after a load, which reads every key
// stored since the last one into the store's in-memory index, and times it.
func readKeys(ctx context.Context, s store.Store) (time.Duration, error) {
	t := time.Now()
	_, err := s.Candidates(ctx, store.KeyQuery{Keys: []uint64{0}})
	return time.Since(t), err
}

// heapMB is the heap in use after a collection, in megabytes.
func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse) / 1e6
}

// processMB is the process's resident memory and the part of it on
// huge pages, in megabytes, from /proc/self/smaps_rollup (0, 0 where
// there is none): the stores' word tables are mapped apart from the heap
// (store/slots.go), so heapMB leaves them out.
func processMB() (rss, huge float64) {
	b, err := os.ReadFile("/proc/self/smaps_rollup")
	if err != nil {
		return 0, 0
	}
	return smapsMB(string(b))
}

// smapsMB reads the resident memory and the part on huge pages, in
// megabytes, from the text of a smaps_rollup file.
func smapsMB(text string) (rss, huge float64) {
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			continue
		}
		switch f[0] {
		case "Rss:":
			rss = kb * 1024 / 1e6
		case "AnonHugePages:":
			huge = kb * 1024 / 1e6
		}
	}
	return rss, huge
}

// percentiles sorts lat and returns its median, 90th and 99th percentile,
// in milliseconds.
func percentiles(lat []time.Duration) (p50, p90, p99 float64) {
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	return ms(lat[len(lat)/2]), ms(lat[len(lat)*9/10]), ms(lat[len(lat)*99/100])
}

func run(ctx context.Context, dsn string, steps []int, queries, radius, batch int, seed uint64, withKeys bool, cpuProfile string) error {
	s, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(seed, 7))
	var bias [64]float64
	for i := range bias {
		bias[i] = 0.25 + 0.5*rng.Float64()
	}
	random := func() uint64 {
		var v uint64
		for i := 0; i < 64; i++ {
			if rng.Float64() < bias[i] {
				v |= 1 << i
			}
		}
		return v
	}
	flip := func(v uint64, k int) uint64 {
		for _, b := range rng.Perm(64)[:k] {
			v ^= 1 << b
		}
		return v
	}
	near := func(v uint64, upTo, n int) []uint64 {
		ks := []uint64{v}
		for len(ks) < n {
			ks = append(ks, flip(v, rng.IntN(upTo+1)))
		}
		return ks
	}
	signature := make([]byte, 4000)
	var stored []uint64
	var storedKeys [][]uint64
	// vector is photo i's unit vector, drawn anew from its own seed
	// rather than kept.
	vector := func(i int) []float32 {
		r := rand.New(rand.NewPCG(seed, uint64(i)))
		v := make([]float32, keyDataBytes-1)
		n := 0.0
		for j := range v {
			v[j] = float32(r.NormFloat64())
			n += float64(v[j] * v[j])
		}
		for j := range v {
			v[j] /= float32(math.Sqrt(n))
		}
		return v
	}
	keyData := func(i, keys int) []byte {
		part := []byte{0}
		for _, c := range vector(i) {
			part = append(part, byte(int8(math.Round(float64(c)*127))))
		}
		return bytes.Repeat(part, keys)
	}
	fmt.Println("| photos | load s (with Optimize) | photos/s loaded | median ms | p90 ms | p99 ms | matches (or candidates) per lookup |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|")
	for _, n := range steps {
		start := time.Now()
		loaded := len(stored)
		for len(stored) < n {
			ps := make([]store.Photo, 0, batch)
			for len(ps) < batch && len(stored) < n {
				i := len(stored)
				v := random()
				if i > 0 && rng.IntN(10) == 0 {
					v = flip(stored[rng.IntN(len(stored))], 1+rng.IntN(6))
				}
				stored = append(stored, v)
				p := store.Photo{AccountID: fmt.Sprintf("acc-%d", i/3), Kind: store.KindProfile,
					Width: 800, Height: 800, Bytes: 50_000, SHA256: [32]byte{byte(i), byte(i >> 8), byte(i >> 16), byte(i >> 24)},
					Hashes: []store.Hash{{Algo: "phash", Value: v}}}
				if withKeys {
					p.Signature, p.Keys = signature, near(v, 8, 21)
					p.KeyData = keyData(i, len(p.Keys))
					storedKeys = append(storedKeys, p.Keys)
				}
				ps = append(ps, p)
			}
			if _, err := s.AddPhotos(ctx, ps); err != nil {
				return err
			}
		}
		if err := s.Optimize(ctx); err != nil { // as autovacuum would, in time
			return err
		}
		load := time.Since(start)
		if withKeys {
			// The first lookup reads every key stored since the last one
			// into the store's in-memory index: timed on its own.
			took, err := readKeys(ctx, s)
			if err != nil {
				return err
			}
			fmt.Printf("(%d photos: first lookup, reading their keys into memory: %.1f s; heap in use after: %.0f MB)\n",
				n-loaded, took.Seconds(), heapMB())
		}
		if n == steps[len(steps)-1] {
			stop, err := startProfile(cpuProfile)
			if err != nil {
				return err
			}
			defer stop()
		}
		var lat []time.Duration
		matches := 0
		for q := 0; q < queries; q++ {
			if withKeys {
				i := rng.IntN(len(stored))
				kq := store.KeyQuery{Keys: near(flip(stored[i], rng.IntN(7)), 6, 14), ChunkRadius: 1, MaxDistance: 12,
					Verify: check(vector(i))}
				t := time.Now()
				got, err := s.Candidates(ctx, kq)
				if err != nil {
					return err
				}
				lat = append(lat, time.Since(t))
				matches += len(got)
				if _, near := kq.Near(storedKeys[i], keyData(i, len(storedKeys[i]))); near &&
					!slices.ContainsFunc(got, func(c store.Candidate) bool { return c.PhotoID == int64(i+1) }) {
					return fmt.Errorf("photo %d not found", i+1)
				}
				continue
			}
			v := flip(stored[rng.IntN(len(stored))], rng.IntN(radius+1))
			t := time.Now()
			got, err := s.Similar(ctx, store.Query{Algo: "phash", Value: v, MaxDistance: radius})
			if err != nil {
				return err
			}
			lat = append(lat, time.Since(t))
			matches += len(got)
			for _, m := range got {
				if m.Distance > radius || m.Distance != bits.OnesCount64(v^stored[m.PhotoID-1]) {
					return fmt.Errorf("wrong match %+v", m)
				}
			}
		}
		p50, p90, p99 := percentiles(lat)
		fmt.Printf("| %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.1f |\n", n, load.Seconds(), float64(n-loaded)/load.Seconds(),
			p50, p90, p99, float64(matches)/float64(queries))
	}
	return nil
}

// keyDataBytes is the size of each key's data, as photo's.
const keyDataBytes = 96

// check accepts a pair of keys when the stored key's data (a flags byte,
// then a unit vector at a signed byte a component) has a cosine above 0.9
// with v: the work photo's check does for each pair.
func check(v []float32) func(stored []byte, query int) bool {
	return func(stored []byte, _ int) bool {
		if len(stored) != keyDataBytes {
			return true
		}
		var s float32
		for j, c := range stored[1:] {
			s += float32(int8(c)) * v[j]
		}
		return s/127 > 0.9
	}
}
