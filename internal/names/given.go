package names

import (
	"bufio"
	"strings"
	"sync"

	"github.com/diplograph/diplograph/data"
)

// givenNames is the set of given names of the embedded lexicon (lexicon/given-names.txt and
// lexicon/ambiguous-given-names.txt), folded as Key folds a word; read once.
var givenNames = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, file := range []string{"lexicon/given-names.txt", "lexicon/ambiguous-given-names.txt"} {
		f, err := data.FS().Open(file)
		if err != nil {
			panic("names: embedded " + file + ": " + err.Error()) // the files are embedded: a build error
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
				out[foldName(strings.Fields(w)[0])] = true
			}
		}
		f.Close()
	}
	return out
})

// Given reports whether the word (any case, with or without diacritics) is a given name of the
// embedded lexicon ("Eric", "Ernest", "Joni"), or initials ("J", "J.K.", "JK"; not "St").
func Given(word string) bool {
	letters := strings.ReplaceAll(word, ".", "")
	if letters == "" {
		return false
	}
	if len(letters) <= 2 && strings.ToUpper(letters) == letters && strings.ToLower(letters) != letters {
		return true
	}
	return givenNames()[foldName(letters)]
}

// StartsWithGiven reports whether a person's name begins, after any honorific ("Mr", "Prof"),
// with a given name or initials (Given): "Eric Brewer", "Prof Joni Lovenduski", "L Cullen",
// not "Donkey Kong" or "Bookmakers Ladbrokes".
func StartsWithGiven(name string) bool {
	fs := strings.Fields(name)
	for len(fs) > 1 && honorifics[strings.TrimSuffix(foldName(fs[0]), ".")] {
		fs = fs[1:]
	}
	return len(fs) > 0 && Given(fs[0])
}
