package schema

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite vocabulary.nq")

// TestVocabularyFile keeps the committed machine-readable copy in step with Terms.
func TestVocabularyFile(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteNQuads(&buf); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("vocabulary.nq", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("vocabulary.nq")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("vocabulary.nq is stale: run go test ./schema -update")
	}
}

// TestContractTerms checks that every predicate the contract names is described.
func TestContractTerms(t *testing.T) {
	described := map[string]bool{}
	for _, term := range Terms {
		if described[term.IRI] {
			t.Errorf("term %s described twice", term.IRI)
		}
		described[term.IRI] = true
		if !strings.HasPrefix(term.IRI, NS) && !strings.HasPrefix(term.IRI, "http://www.w3.org/") {
			t.Errorf("term %s is outside the namespace", term.IRI)
		}
	}
	for _, iri := range append(EntityRelations, Person, Country, Organization, Location, Article, Event,
		Statement, Alias, CountryCode, Identifier, Mentions, EventType, Actor, Recipient, ReportedIn,
		CAMEO, QuadClass, Goldstein, Evidence, Negated, Speaker, Quote) {
		if !described[iri] {
			t.Errorf("contract term %s is not in Terms", Local(iri))
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Jacinda Ardern":          "jacinda-ardern",
		"Côte d'Ivoire":           "cote-divoire",
		"  Five Eyes  ":           "five-eyes",
		"Victoria University’s":   "victoria-universitys",
		"PLOVER-GSR01-AGREE-0001": "plover-gsr01-agree-0001",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestArticleIRIInjective: different identifiers never share an article IRI, and identifiers
// that are already slugs keep the IRI stores written before ArticleKey gave them.
func TestArticleIRIInjective(t *testing.T) {
	ids := []string{"Reuters/2022/1", "reuters-2022-1", "reuters 2022 1", "REUTERS-2022-1", "文章一", "文章二",
		"مقال", "", " ", "a_b", "a-b", "a b", "sha256-3df93f094e2dab32", "x\ny", "x<y>", `x"y`, `x\y`}
	seen := map[string]string{}
	for _, id := range ids {
		iri := ArticleIRI(id)
		if prev, dup := seen[iri]; dup {
			t.Errorf("ArticleIRI(%q) = ArticleIRI(%q) = %s", id, prev, iri)
		}
		seen[iri] = id
		if strings.ContainsAny(iri, " <>\"\\\n{}|^`") {
			t.Errorf("ArticleIRI(%q) = %q, not a valid IRI", id, iri)
		}
	}
	for _, id := range []string{"reuters-2022-1", "sha256-3df93f094e2dab32", "bbc-001"} {
		if got, want := ArticleIRI(id), ID+"article/"+id; got != want {
			t.Errorf("ArticleIRI(%q) = %s, want %s (unchanged)", id, got, want)
		}
	}
}
