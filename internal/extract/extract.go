package extract

import (
	"context"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/data"
	"github.com/diplograph/diplograph/internal/syntax"
)

// Extractor reads articles with one Lexicon and one syntax model, which parses the sentences
// that may state an event. It is safe for concurrent use.
type Extractor struct {
	lx            *Lexicon
	syntax        *syntax.Model
	minConfidence float64
}

// Option changes how an Extractor reads.
type Option func(*Extractor)

// MinConfidence drops the events whose confidence is below c.
func MinConfidence(c float64) Option { return func(x *Extractor) { x.minConfidence = c } }

// Load returns an Extractor with the lexicons and the syntax model embedded in the binary
// (data.FS and syntax.Load), the one every command and test uses; errors come from reading
// either.
func Load(opts ...Option) (*Extractor, error) {
	lx, err := LoadLexicon(data.FS())
	if err != nil {
		return nil, err
	}
	sm, err := syntax.Load()
	if err != nil {
		return nil, err
	}
	return New(lx, sm, opts...), nil
}

// New returns an Extractor that uses lx and the parser m.
func New(lx *Lexicon, m *syntax.Model, opts ...Option) *Extractor {
	x := &Extractor{lx: lx, syntax: m}
	for _, o := range opts {
		o(x)
	}
	return x
}

// doc is the working state of one Extract call.
// act is an act of conflict an article reported: its PLOVER type and its actors.
type act struct {
	typ     string
	ents    []*docEntity
	targets []*docEntity
	sent    int // the sentence that reported it
}

type doc struct {
	ctx        context.Context // the stages stop between sentences once it is done
	text       string
	in         Document
	paras      []paragraph
	sents      []sentence
	ments      [][]*mention // per sentence
	persons    []*mention
	byKey      map[string]*docEntity
	order      []*docEntity
	used       map[*docEntity]bool // unnamed entities that facts refer to (countries behind adjectives)
	lowerSeen  map[string]bool
	nameParts  map[string]EntityType // words of the full names of people
	res        Result
	dyad       []*docEntity // the last pair of actors, for "they"
	dyadP      []*docEntity // the last pair of people, for "the two leaders", "the pair"
	dyadC      []*docEntity // the last pair of countries, for "the two countries"
	dyadFight  []*docEntity // the last pair in conflict, for "both sides"
	dyadSent   int
	lastPact   []*docEntity        // the parties of the last agreement, for "the pact"
	acts       []act               // the acts of conflict reported so far, for "condemned the annexation"
	judge      party               // the actor whose target is being read, for lastAct
	inDeed     bool                // deedDoer is reading a sentence back, and does not nest
	verbLemmas [][]string          // each sentence's tokens lemmatized as verbs, for deedByVerb
	sent       int                 // the sentence whose events are being coded
	welcoming  bool                // the act being coded welcomes or supports what its target names
	aidFor     party               // whom the article's pledges of aid are for
	quoted     []quotedSpeaker     // the attributed quotations
	trees      []*tree             // per sentence, parsed on first use
	pronouns   map[[2]int]*mention // he/she at (sentence, token) → the person it stands for (lastPerson)

	sports        bool  // a sports report: contests are not conflicts
	lastActor     party // the actor of the last event, for verbs joined by "and"
	lastActorSent int
	lastActorEnd  int
}

// Extract reads one document and returns what it states. It never fails: text it cannot read
// yields fewer facts. Spans index into doc.Text.
func (x *Extractor) Extract(in Document) Result {
	r, _ := x.ExtractContext(context.Background(), in)
	return r
}

// ExtractContext is Extract that gives up once ctx is done, returning an empty Result and
// ctx.Err(). It looks at ctx before each paragraph and sentence of every stage, so it returns
// within the reading of one sentence, or the splitting of one paragraph into words, of ctx
// being done.
func (x *Extractor) ExtractContext(ctx context.Context, in Document) (Result, error) {
	d := &doc{ctx: ctx, text: in.Text, in: in, byKey: map[string]*docEntity{}, used: map[*docEntity]bool{}}
	d.paras = splitParagraphs(in.Text)
	d.sents = splitSentences(in.Text, d.paras, d.stopped)
	for i := range d.sents {
		d.sents[i].index = i
	}
	d.ments = make([][]*mention, len(d.sents))
	stages := []func(){
		func() { x.findMentions(d) },
		func() { x.resolve(d) },
		func() { x.relations(d) },
		func() { d.sports = x.isSports(d) },
		func() { x.quotes(d) }, // before the events: "we" in a quotation acts for its speaker
		func() { x.events(d) },
	}
	for _, stage := range stages {
		if d.stopped() {
			return Result{}, ctx.Err()
		}
		stage()
	}
	if d.stopped() {
		return Result{}, ctx.Err()
	}
	d.res.Events = dedupeEvents(d.res.Events)
	if x.minConfidence > 0 {
		kept := d.res.Events[:0]
		for _, ev := range d.res.Events {
			if ev.Confidence >= x.minConfidence {
				kept = append(kept, ev)
			}
		}
		d.res.Events = kept
	}
	d.res.Entities = d.entities()
	sort.SliceStable(d.res.Events, func(i, j int) bool { return d.res.Events[i].Evidence.Start < d.res.Events[j].Evidence.Start })
	return d.res, nil
}

// stopped reports that the context of the reading is done: the stages return early, and
// ExtractContext drops what they found.
func (d *doc) stopped() bool { return d.ctx.Err() != nil }

// use marks an entity as referred to by a fact, so that it is part of the Result.
func (d *doc) use(e *docEntity) Ref {
	d.used[e] = true
	return e.ref()
}

// dedupeEvents keeps one event per type, actors, targets and negation: an article that reports
// a meeting three times reports one meeting. The first report is kept, with the highest
// confidence of all.
func dedupeEvents(evs []Event) []Event {
	key := func(e Event) string {
		var b strings.Builder
		b.WriteString(e.Type)
		for _, r := range sortedRefs(e.Actors) {
			b.WriteString("|a:" + string(r.Type) + "/" + r.Key)
		}
		for _, r := range sortedRefs(e.Recipients) {
			b.WriteString("|r:" + string(r.Type) + "/" + r.Key)
		}
		if e.Negated {
			b.WriteString("|neg")
		}
		return b.String()
	}
	seen := map[string]int{}
	out := evs[:0]
	for _, e := range evs {
		k := key(e)
		if i, ok := seen[k]; ok {
			if e.Confidence > out[i].Confidence {
				out[i].Confidence = e.Confidence
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, e)
	}
	return out
}

func sortedRefs(rs []Ref) []Ref {
	out := append([]Ref(nil), rs...)
	sort.Slice(out, func(i, j int) bool { return string(out[i].Type)+out[i].Key < string(out[j].Type)+out[j].Key })
	return out
}
