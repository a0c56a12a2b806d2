// Command train-syntax trains diplograph's tagger and parser on a Universal Dependencies
// treebank and writes the model file that internal/syntax embeds:
//
//	go run ./cmd/train-syntax --out data/syntax/en-ewt.model ../shared/ud/en_ewt-ud-train.conllu
//
// Training is deterministic: the same files and --seed give a byte-identical model. With
// --dev FILE (a development treebank) it also reports the parser's dev UAS and LAS after each
// epoch, to choose --parser-epochs; the model does not depend on it.
//
// EXIT STATUS: 0 on success, 1 on failure, 2 on a usage error.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/syntax"
)

func main() {
	fs := pflag.NewFlagSet("train-syntax", pflag.ContinueOnError)
	out := fs.StringP("out", "o", "data/syntax/en-ewt.model", "the model file to write")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	tagEpochs := fs.Int("tagger-epochs", 0, "tagger passes (0: the default)")
	parseEpochs := fs.Int("parser-epochs", 0, "parser passes (0: the default)")
	dev := fs.String("dev", "", "a development CoNLL-U file to score the parser on after each epoch")
	fs.Usage = func() {
		fmt.Fprintln(os.Stdout, "usage: train-syntax [--out FILE] [--seed N] [--dev DEV.conllu] TRAIN.conllu ...")
		fs.SetOutput(os.Stdout)
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(2)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		os.Exit(2)
	}
	if err := run(fs.Args(), *dev, *out, syntax.TrainOptions{Seed: *seed, TaggerEpochs: *tagEpochs, ParserEpochs: *parseEpochs, Log: os.Stderr}); err != nil {
		fmt.Fprintln(os.Stderr, "train-syntax:", err)
		os.Exit(1)
	}
}

func run(files []string, dev, out string, opts syntax.TrainOptions) error {
	var sents []syntax.Sentence
	for _, name := range files {
		s, err := readConllu(name)
		if err != nil {
			return err
		}
		sents = append(sents, s...)
	}
	if dev != "" {
		s, err := readConllu(dev)
		if err != nil {
			return err
		}
		opts.Dev = s
	}
	m, err := syntax.Train(sents, opts)
	if err != nil {
		return err
	}
	b, err := m.MarshalBinary()
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "train-syntax: %s; %d bytes\n", m.Size(), len(b))
	return os.WriteFile(out, b, 0o644)
}

// readConllu reads every sentence of a CoNLL-U file.
func readConllu(name string) ([]syntax.Sentence, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var sents []syntax.Sentence
	r := syntax.NewReader(f)
	for {
		s, err := r.Next()
		if err == io.EOF {
			return sents, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		sents = append(sents, s)
	}
}
