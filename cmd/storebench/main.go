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
package main

import (
	"context"
	"flag"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/idcheck/idcheck/store"
)

func main() {
	dsn := flag.String("db", "", "store: a SQLite file path or a postgres:// URL (must be empty)")
	sizes := flag.String("sizes", "100000,1000000", "store sizes to measure at, in photos, ascending")
	queries := flag.Int("queries", 2000, "lookups timed at each size")
	radius := flag.Int("radius", 10, "Hamming distance the lookups ask for")
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
	if *dsn == "" || *queries < 1 || *batch < 1 {
		fmt.Fprintln(os.Stderr, "usage: storebench -db DSN [-sizes 100000,1000000] [-queries 2000] [-radius 10]")
		os.Exit(2)
	}
	if err := run(context.Background(), *dsn, steps, *queries, *radius, *batch, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "storebench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dsn string, steps []int, queries, radius, batch int, seed uint64) error {
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
	var stored []uint64
	fmt.Println("| photos | load s (with Optimize) | photos/s loaded | median ms | p90 ms | p99 ms | matches per lookup |")
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
				ps = append(ps, store.Photo{AccountID: fmt.Sprintf("acc-%d", i/3), Kind: store.KindProfile,
					Width: 800, Height: 800, Bytes: 50_000, SHA256: [32]byte{byte(i), byte(i >> 8), byte(i >> 16), byte(i >> 24)},
					Hashes: []store.Hash{{Algo: "phash", Value: v}}})
			}
			if _, err := s.AddPhotos(ctx, ps); err != nil {
				return err
			}
		}
		if err := s.Optimize(ctx); err != nil { // as autovacuum would, in time
			return err
		}
		load := time.Since(start)
		var lat []time.Duration
		matches := 0
		for q := 0; q < queries; q++ {
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
		slices.Sort(lat)
		ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
		fmt.Printf("| %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.1f |\n", n, load.Seconds(), float64(n-loaded)/load.Seconds(),
			ms(lat[len(lat)/2]), ms(lat[len(lat)*9/10]), ms(lat[len(lat)*99/100]), float64(matches)/float64(queries))
	}
	return nil
}
