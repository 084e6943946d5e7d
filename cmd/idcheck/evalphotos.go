package main

import (
	"context"
	"flag"
	"fmt"
	"image"
	"io"
	"log/slog"
	"math/rand/v2"
	"strings"

	"github.com/idcheck/idcheck/matchers/photo/evaluate"
)

func runEvalPhotos(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval-photos", flag.ContinueOnError)
	dirs := fl.String("dirs", "/usr/share/backgrounds,/usr/share/wallpapers", "comma-separated directories of pictures to cut tiles from (Debian: gnome-backgrounds, plasma-workspace-wallpapers)")
	total := fl.Int("n", 300, "pictures in all; generated portraits make up what the directories lack")
	perFile := fl.Int("tiles", 3, "tiles cut from each picture file (at most 5)")
	px := fl.Int("px", 600, "side of each picture, in pixels")
	fontPath := fl.String("font", "/usr/share/fonts/opentype/ocr-b/OCRB.otf", "font for the text-overlay edit")
	seed := fl.Uint64("seed", 1, "random seed")
	cutouts := fl.String("cutouts", "", "a directory of portraits cut out of their backgrounds (PNG with transparency) to measure on instead of tiles and generated portraits, each put on a plain background (Debian: wesnoth-1.16-data, /usr/share/games/wesnoth/1.16/data/core/images/portraits)")
	if help, err := parseFlags(fl, args, stderr); help || err != nil {
		return err
	}
	if *total < 10 || *perFile < 1 || *px < 64 || fl.NArg() > 0 {
		return fmt.Errorf("%w: idcheck eval-photos [-dirs D1,D2] [-n 300] [-tiles 3] [-px 600] [-cutouts DIR]", errUsage)
	}
	rng := rand.New(rand.NewPCG(*seed, 3))
	var pics []*image.NRGBA
	var err error
	if *cutouts != "" {
		pics, err = evaluate.Cutouts(*cutouts, *px, *total, rng)
	} else {
		pics, err = evaluate.Sources(strings.Split(*dirs, ","), *perFile, *px, *total, rng)
	}
	if err != nil {
		return err
	}
	face, err := evaluate.LoadFace(*fontPath, float64(*px)/12)
	if err != nil {
		slog.Warn("no font: the text-overlay edit is left out", "err", err)
		face = nil
	}
	slog.Info("measuring", "pictures", len(pics))
	r, err := evaluate.Run(ctx, pics, evaluate.Edits(face), rng)
	if err != nil {
		return err
	}
	evaluate.WriteTables(stdout, r)
	return nil
}
