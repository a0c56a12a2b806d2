// Package syntax reads English the way Universal Dependencies does: it splits text into sentences
// and tokens (with byte offsets into the text), and gives every token a lemma, a universal and a
// Penn Treebank part-of-speech tag, and a head and relation in a labelled dependency tree. The
// tagger and parser are statistical models trained on UD English EWT and embedded in the binary.
//
// The stages are separate types: tokenization (Sentences, Tokens), CoNLL-U reading and writing
// (Reader, Write), lemmatization (Lemmatizer), tagging (Tagger), parsing (Parser); a Model bundles
// the trained ones. Training lives apart from inference (train.go, cmd/train-syntax).
package syntax

// Token is one syntactic word of a sentence, a UD "word": "don't" is two tokens, "do" and "n't".
type Token struct {
	Form string
	// Start and End are the byte offsets of the token in the text it was read from (End
	// exclusive). Both are -1 when the text is unknown (tokens read from CoNLL-U).
	Start, End int
	// SpaceAfter reports whether white space follows the token in the text.
	SpaceAfter bool

	Lemma string
	UPOS  string // universal part of speech: NOUN, VERB, PROPN, ...
	XPOS  string // Penn Treebank tag: NN, VBD, NNP, ...
	Feats string // CoNLL-U FEATS, "" when none; passed through, not predicted

	// Head is the 1-based index in Sentence.Tokens of the token's head, 0 for the root.
	Head int
	// Rel is the UD relation to the head, with its subtype: "nsubj:pass", "obl".
	Rel string

	Deps string // CoNLL-U DEPS, passed through
	Misc string // CoNLL-U MISC, passed through
}

// Sentence is a sequence of tokens with what a CoNLL-U file keeps beside them.
type Sentence struct {
	// Start and End are the sentence's byte offsets in the text (-1 when unknown).
	Start, End int
	Tokens     []Token

	// Comments are the CoNLL-U comment lines before the sentence, without the leading "#".
	Comments []string
	// Multiword are the multiword-token lines ("1-2 don't"), kept for writing back.
	Multiword []Multiword
	// Empty are the empty-node lines ("8.1 ..."), kept for writing back.
	Empty []EmptyNode
}

// Multiword is a CoNLL-U multiword token: the surface form of tokens First..Last (1-based).
type Multiword struct {
	First, Last int
	Form        string
	Misc        string
}

// EmptyNode is a CoNLL-U empty node line, kept verbatim; After is the index of the token it
// follows (0 before the first).
type EmptyNode struct {
	After int
	Line  string
}
