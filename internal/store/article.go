package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// Article is one ingested article and everything extracted from it.
type Article struct {
	IRI        string        `json:"iri"`
	Identifier string        `json:"identifier,omitempty"`
	URL        string        `json:"url,omitempty"`
	Title      string        `json:"title,omitempty"`
	Published  string        `json:"published,omitempty"` // YYYY-MM-DD
	Publisher  string        `json:"publisher,omitempty"`
	Mentions   []Node        `json:"mentions,omitempty"` // the entities it names, by name
	Items      []ArticleItem `json:"items,omitempty"`    // what was extracted, in text order
}

// ArticleItem is one relation, event or statement extracted from an article; exactly one of
// Fact, Event and Statement is set.
type ArticleItem struct {
	Kind      string     `json:"kind"` // relation, event or statement
	IRI       string     `json:"iri"`
	Start     int        `json:"start"` // byte offset of its evidence in the text; -1 when unknown
	Fact      *Fact      `json:"fact,omitempty"`
	Event     *Event     `json:"event,omitempty"`
	Statement *Statement `json:"statement,omitempty"`
}

// Article returns the article ref names: its IRI, its identifier or its URL. An article the
// store does not hold gives an error wrapping ErrNotFound.
func (s *Store) Article(ctx context.Context, ref string) (Article, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return Article{}, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	iri, err := s.findArticle(ctx, ref)
	if err != nil {
		return Article{}, err
	}
	r := newReader(ctx, s)
	n, err := r.describe(iri)
	if err != nil {
		return Article{}, err
	}
	a := Article{
		IRI: iri, Identifier: n.first(schema.Identifier), URL: n.first(schema.URL), Title: n.first(schema.Title),
		Published: n.first(schema.Published), Publisher: n.first(schema.Publisher),
	}
	if a.Mentions, err = r.nodesOf(n, schema.Mentions); err != nil {
		return Article{}, err
	}
	sort.SliceStable(a.Mentions, func(i, j int) bool { return a.Mentions[i].Name() < a.Mentions[j].Name() })
	items, err := s.subjectsWith(ctx, schema.ReportedIn, quad.IRI(iri))
	if err != nil {
		return Article{}, err
	}
	for _, it := range items {
		x, err := r.describe(it)
		if err != nil {
			return Article{}, err
		}
		item := ArticleItem{IRI: it, Start: start(x.first(schema.Offset))}
		switch {
		case x.is(schema.Relation):
			f, _, sentence, ok, err := r.relation(it)
			if err != nil {
				return Article{}, err
			}
			if !ok {
				continue
			}
			f.Articles = []string{iri}
			if sentence != "" {
				f.Evidence = []Evidence{{Article: iri, Sentence: sentence}}
			}
			item.Kind, item.Fact = "relation", &f
		case x.is(schema.Event):
			ev, _, err := r.event(it)
			if err != nil {
				return Article{}, err
			}
			item.Kind, item.Event = "event", &ev
		case x.is(schema.Statement):
			st, _, err := r.statement(it)
			if err != nil {
				return Article{}, err
			}
			item.Kind, item.Statement = "statement", &st
		default:
			continue
		}
		a.Items = append(a.Items, item)
	}
	sort.SliceStable(a.Items, func(i, j int) bool {
		x, y := a.Items[i], a.Items[j]
		if (x.Start < 0) != (y.Start < 0) {
			return x.Start >= 0
		}
		if x.Start != y.Start {
			return x.Start < y.Start
		}
		return x.IRI < y.IRI
	})
	return a, nil
}

// findArticle returns the IRI of the article ref names.
func (s *Store) findArticle(ctx context.Context, ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	candidates := []string{strings.Trim(ref, "<>"), schema.ArticleIRI(ref)}
	for _, p := range []string{schema.Identifier, schema.URL} {
		iris, err := s.subjectsWith(ctx, p, quad.String(ref))
		if err != nil {
			return "", err
		}
		candidates = append(candidates, iris...)
	}
	for _, c := range candidates {
		n, err := s.describe(ctx, c)
		if err != nil {
			return "", err
		}
		if n.is(schema.Article) {
			return c, nil
		}
	}
	return "", fmt.Errorf("article %q: %w", ref, ErrNotFound)
}

// start reads the start of an offset "start-end", or gives -1.
func start(offset string) int {
	a, _, ok := strings.Cut(offset, "-")
	n, err := strconv.Atoi(a)
	if !ok || err != nil {
		return -1
	}
	return n
}
