// Command parse shows what diplograph's parser makes of a text, as CoNLL-U on stdout:
//
//	parse [--input text|conllu] FILE|-
//
// With --input text (the default) it splits sentences and tokenizes; with --input conllu it keeps
// the given sentences and tokens (ID and FORM; multiword-token lines pass through) and fills
// LEMMA, UPOS, XPOS, HEAD and DEPREL: the gold-tokenization evaluation mode, which
// ../shared/eval/score_conllu.py scores.
//
// EXIT STATUS: 0 on success, 1 on failure, 2 on a usage error.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/syntax"
)

func main() {
	fs := pflag.NewFlagSet("parse", pflag.ContinueOnError)
	input := fs.String("input", "text", "what the input is: text or conllu")
	fs.Usage = func() {
		fmt.Fprintln(os.Stdout, "usage: parse [--input text|conllu] FILE|-")
		fs.SetOutput(os.Stdout)
		fs.PrintDefaults()
		fmt.Fprintln(os.Stdout, "\nEXIT STATUS: 0 success, 1 failure, 2 usage error")
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(2)
	}
	if fs.NArg() != 1 || *input != "text" && *input != "conllu" {
		fs.Usage()
		os.Exit(2)
	}
	if err := run(fs.Arg(0), *input, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "parse:", err)
		os.Exit(1)
	}
}

func run(name, input string, stdin io.Reader, stdout io.Writer) error {
	in := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	m, err := syntax.Load()
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	if input == "text" {
		text, err := io.ReadAll(in)
		if err != nil {
			return err
		}
		for _, s := range m.ParseText(string(text)) {
			if err := syntax.Write(w, &s); err != nil {
				return err
			}
		}
		return w.Flush()
	}
	r := syntax.NewReader(in)
	for {
		s, err := r.Next()
		if err == io.EOF {
			return w.Flush()
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		m.Parse(&s)
		if err := syntax.Write(w, &s); err != nil {
			return err
		}
	}
}
