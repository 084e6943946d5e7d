package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"image"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/idcheck/idcheck/matchers/photo"
	"github.com/idcheck/idcheck/matchers/photo/evaluate"
	"github.com/idcheck/idcheck/store"
)

// pictures are the run's pictures: generated portraits of side px, by
// seed, textured (evaluate.Textured: pictures with detail, filed under
// their corners' words) when detail is set.
type pictures struct {
	seed   uint64
	px     int
	detail bool
	// described is how many pictures are drawn and described (0: all);
	// the store's others are made up from them (recombine).
	described int
}

// drawn says whether picture i is drawn, and can be redrawn to be looked
// up, rather than made up.
func (g pictures) drawn(i int) bool { return g.described == 0 || i < g.described }

// draw draws picture i of the run: the same picture for the same seed and
// index, so that a lookup can redraw a stored picture instead of keeping
// it.
func (g pictures) draw(i int) *image.NRGBA {
	rng := rand.New(rand.NewPCG(g.seed, uint64(i)))
	if g.detail {
		return evaluate.Textured(rng, g.px)
	}
	return evaluate.Portrait(rng, g.px)
}

// portrait describes picture i of the run.
func (g pictures) portrait(i int) *photo.Photo {
	p, err := photo.Describe(g.draw(i))
	if err != nil {
		panic(fmt.Sprintf("portrait %d: %v", i, err)) // a generated picture is always big enough
	}
	return p
}

// record is what the store keeps of picture i: its account is acc-(i/3),
// and its bytes' SHA-256 is made up from i, as no file exists and every
// picture is different.
func record(p *photo.Photo, i int) store.Photo {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(i))
	p.SHA256, p.Bytes = sha256.Sum256(b[:]), 50_000
	r, err := p.Record(fmt.Sprintf("acc-%d", i/3), store.KindProfile, nil)
	if err != nil {
		panic(fmt.Sprintf("portrait %d: %v", i, err))
	}
	return r
}

// recombine makes up picture i of the store from described pictures
// (pool): the signature, key data and hashes of one, random keys, and
// each corner with its words and position from one picture of the pool
// at random. Describing takes some 40 ms of a core a picture, 11 hours
// for a million; made up this way the store keeps the words'
// frequencies, runs of common words included, while no made-up picture
// lines up 5 corners with any one picture (each shares 300/len(pool)
// corners with it, on average).
func recombine(pool []store.Photo, i int, rng *rand.Rand) store.Photo {
	src := pool[i%len(pool)]
	p := src
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(i))
	p.AccountID, p.SHA256 = fmt.Sprintf("acc-%d", i/3), sha256.Sum256(b[:])
	// Keys at random: copied, a lookup by keys (a copy smaller than
	// photo.MinWordSide asks them) found the copied picture's every
	// clone and reported them. Random keys meet none, so such lookups
	// meet only the described pictures' keys: their cost is understated
	// (docs/photo-store.md, "A word index that takes less").
	p.Keys = make([]uint64, len(src.Keys))
	for k := range p.Keys {
		p.Keys[k] = rng.Uint64()
	}
	if len(src.Words) == 0 {
		return p
	}
	per := src.WordsPerPoint
	points := len(src.Words) / per
	data := len(src.PointData) / points
	p.Words, p.PointData = make([]uint64, 0, len(src.Words)), make([]byte, 0, len(src.PointData))
	for range points {
		o := pool[rng.IntN(len(pool))]
		if o.WordsPerPoint != per || len(o.PointData)/max(1, len(o.Words)/per) != data {
			o = src
		}
		k := rng.IntN(len(o.Words) / per)
		p.Words = append(p.Words, o.Words[k*per:(k+1)*per]...)
		p.PointData = append(p.PointData, o.PointData[k*data:(k+1)*data]...)
	}
	return p
}

// describeRange describes pictures from to to-1 on every core, in order,
// or makes up those past g.described from pool.
func (g pictures) describeRange(from, to int, pool []store.Photo) []store.Photo {
	if !g.drawn(from) {
		rng := rand.New(rand.NewPCG(g.seed, uint64(from)|1<<62))
		out := make([]store.Photo, 0, to-from)
		for i := from; i < to; i++ {
			out = append(out, recombine(pool, i, rng))
		}
		return out
	}
	if g.described > 0 {
		to = min(to, g.described)
	}
	out := make([]store.Photo, to-from)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i-from] = record(g.portrait(i), i)
			}
		}()
	}
	for i := from; i < to; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// portraitStats is what the lookups of one store at one size found.
type portraitStats struct {
	lat []time.Duration
	// byKind are the lookups of pictures not filed under words ([0]),
	// and of pictures filed under words that are copies of a stored
	// picture ([1]) or never stored ([2]): a copy found is compared in
	// full besides.
	byKind    [3][]time.Duration
	byKeys    int // candidates the store returned by their keys, all lookups
	byWords   int // and by their corners' words
	falseHits int // matches that are not the picture looked for
	copies    int // lookups of an edited copy of a stored picture
	found     int // copies whose picture was among the matches
}

// runPortraits fills the stores with generated portraits, all alike in
// framing (evaluate.Portrait), and times photo.Find: half the lookups are
// of an edited copy of a stored portrait (one of the evaluation's edits,
// at random), half of a portrait never stored.
func runPortraits(ctx context.Context, stores []namedStore, steps []int, queries, batch int, g pictures, cpuProfile string) error {
	edits := evaluate.Edits(nil)
	stored := 0
	var pool []store.Photo // described pictures, when the store makes up the rest
	fmt.Println("| store | photos | load s (with Optimize) | photos/s loaded | first lookup s | heap MB | RSS MB | on huge pages MB | median ms | p90 ms | p99 ms | lookups by words, copies: n, median / p99 ms | lookups by words, never stored: n, median / p99 ms | others: n, median / p99 ms | key candidates per lookup | word candidates per lookup | false matches per lookup | copies found |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, n := range steps {
		// Describing runs on every core, then each batch is stored in
		// every store in turn, each store's time counted apart.
		loadTime := make([]time.Duration, len(stores))
		from := stored
		for stored < n {
			ps := g.describeRange(stored, min(stored+batch, n), pool)
			if g.described > 0 && g.drawn(stored) {
				pool = append(pool, ps...)
			}
			for k, s := range stores {
				t := time.Now()
				if _, err := s.AddPhotos(ctx, ps); err != nil {
					return fmt.Errorf("%s: %w", s.name, err)
				}
				loadTime[k] += time.Since(t)
			}
			stored += len(ps)
		}
		first := make([]time.Duration, len(stores))
		for k, s := range stores {
			t := time.Now()
			if err := s.Optimize(ctx); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
			loadTime[k] += time.Since(t)
			var err error
			if first[k], err = readKeys(ctx, s); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
		}
		heap := heapMB()
		rss, huge := processMB()

		if n == steps[len(steps)-1] {
			stop, err := startProfile(cpuProfile)
			if err != nil {
				return err
			}
			defer stop()
		}
		stats := make([]portraitStats, len(stores))
		rng := rand.New(rand.NewPCG(g.seed, uint64(n)))
		for q := 0; q < queries; q++ {
			want := int64(-1)
			var p *photo.Photo
			if q%2 == 0 {
				i := rng.IntN(stored)
				if !g.drawn(i) {
					i = rng.IntN(g.described)
				}
				want = int64(i + 1)
				e := edits[rng.IntN(len(edits))]
				var err error
				if p, err = photo.Describe(e.Apply(g.draw(i), rng)); err != nil {
					return fmt.Errorf("portrait %d %s: %w", i, e.Name, err)
				}
			} else {
				// Indexes from 1<<40 on are never stored.
				p = g.portrait(1<<40 + n*queries + q)
			}
			for k, s := range stores {
				t := time.Now()
				got, err := photo.Find(ctx, s, p, "")
				if err != nil {
					return fmt.Errorf("%s: %w", s.name, err)
				}
				st := &stats[k]
				d := time.Since(t)
				st.lat = append(st.lat, d)
				kind := 0
				if p.FiledUnderWords() {
					kind = 1
					if want < 0 {
						kind = 2
					}
				}
				st.byKind[kind] = append(st.byKind[kind], d)
				// Counted after timing: the candidates Find fetched.
				cands, err := p.Candidates(ctx, s, photo.DefaultThresholds(), "")
				if err != nil {
					return fmt.Errorf("%s: %w", s.name, err)
				}
				for _, c := range cands {
					if c.Shared > 0 {
						st.byWords++
					} else {
						st.byKeys++
					}
				}
				for _, g := range got {
					if g.PhotoID != want {
						st.falseHits++
					}
				}
				if want >= 0 {
					st.copies++
					if slices.ContainsFunc(got, func(g photo.Match) bool { return g.PhotoID == want }) {
						st.found++
					}
				}
			}
		}
		for k, s := range stores {
			st := stats[k]
			p50, p90, p99 := percentiles(st.lat)
			var kinds [3]string
			for i, lat := range st.byKind {
				kinds[i] = fmt.Sprintf("%d", len(lat))
				if len(lat) > 0 {
					m, _, p := percentiles(lat)
					kinds[i] += fmt.Sprintf(", %.2f / %.2f", m, p)
				}
			}
			fmt.Printf("| %s | %d | %.0f | %.0f | %.1f | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f | %s | %s | %s | %.1f | %.1f | %.2f | %d of %d |\n",
				s.name, n, loadTime[k].Seconds(), float64(n-from)/loadTime[k].Seconds(), first[k].Seconds(),
				heap, rss, huge, p50, p90, p99, kinds[1], kinds[2], kinds[0], float64(st.byKeys)/float64(queries), float64(st.byWords)/float64(queries),
				float64(st.falseHits)/float64(queries), st.found, st.copies)
		}
	}
	return nil
}
