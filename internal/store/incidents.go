package store

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// DefaultIncidentWindow is how many days apart the reports of one incident may date it.
const DefaultIncidentWindow = 1

// Incident is one real-world event as every article that reports it tells it: the events of
// one type between the same parties (people counted as their country) dated within a window.
// Everything but its day nodes is computed when it is read, from the articles' own quads.
type Incident struct {
	IRI        string   `json:"iri"`  // the first of Days
	Days       []string `json:"days"` // the Incident nodes joined, one per date, by date
	Type       string   `json:"type"` // PLOVER type
	Negated    bool     `json:"negated,omitempty"`
	Date       string   `json:"date,omitempty"`     // the earliest date the reports give; "" when undated
	LastDate   string   `json:"lastDate,omitempty"` // the latest, when later than Date
	Actors     []Node   `json:"actors,omitempty"`
	Recipients []Node   `json:"recipients,omitempty"`
	// Articles and Sources count the reporting articles and their distinct publishers (an
	// article without a publisher counts as a source of its own).
	Articles    int      `json:"articles"`
	Sources     int      `json:"sources"`
	FirstReport string   `json:"firstReport,omitempty"` // earliest publication date of a report
	LastReport  string   `json:"lastReport,omitempty"`  // latest publication date of a report
	Confidence  float64  `json:"confidence"`            // 1 - Π(1 - c) over sources, c the best report of each
	Reports     []Report `json:"reports"`
	// Contradicts lists, for a denied incident, the incidents it denies; ContradictedBy, for an
	// incident, the denials of it (by IRI).
	Contradicts    []string `json:"contradicts,omitempty"`
	ContradictedBy []string `json:"contradictedBy,omitempty"`

	parties string // type, actors and recipients, as the incident is joined by
}

// Report is one article's event of an incident.
type Report struct {
	Event     Event  `json:"event"`
	Article   string `json:"article"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
}

// IncidentFilter selects incidents: those with an event EventFilter selects. Window is how
// many days after an incident's first date a report may date it and still be joined (0 joins
// only the same day); negative means DefaultIncidentWindow.
type IncidentFilter struct {
	EventFilter
	Window int `json:"window"`
}

// Incidents returns the incidents f selects, ordered by date and IRI. Incident nodes of one
// type, denial and parties are joined in date order: the first opens an incident, and each next
// one joins it when its date is at most Window days after the incident's first date, else opens
// the next incident. Errors are those of Events.
func (s *Store) Incidents(ctx context.Context, f IncidentFilter) ([]Incident, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	evs, err := s.Events(ctx, f.EventFilter)
	if err != nil {
		return nil, err
	}
	return s.IncidentsOf(ctx, evs, f.Window)
}

// IncidentsOf returns the incidents that the events evs report, each once, ordered by date
// and IRI, with every report of each (those not in evs as well). Window is as in
// IncidentFilter. Errors are the store's.
func (s *Store) IncidentsOf(ctx context.Context, evs []Event, window int) ([]Incident, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	ins, err := s.incidentsOf(ctx, newReader(ctx, s), evs, window)
	if err != nil {
		return nil, err
	}
	out := make([]Incident, len(ins))
	for i, in := range ins {
		out[i] = *in
	}
	return out, nil
}

// incidentsOf returns, with s.mu held, the incidents that evs report, ordered by date and
// IRI. Incident nodes of one type, denial and parties are joined in date order: the first
// opens an incident, and each next one joins it when its date is at most window days after the
// incident's first date (negative: DefaultIncidentWindow), else opens the next incident.
func (s *Store) incidentsOf(ctx context.Context, r *reader, evs []Event, window int) ([]*Incident, error) {
	if window < 0 {
		window = DefaultIncidentWindow
	}
	selected := map[string]bool{}
	var lone []day
	for _, ev := range evs {
		n, err := r.describe(ev.IRI)
		if err != nil {
			return nil, err
		}
		days := n.iris(schema.InIncident)
		for _, d := range days {
			selected[d] = true
		}
		if len(days) == 0 && !selected[ev.IRI] {
			// An event written before incidents existed is an incident of its own.
			selected[ev.IRI] = true
			lone = append(lone, day{iri: ev.IRI, node: n, date: ev.Date, negated: ev.Negated, lone: true,
				parties: ev.Type + "|" + strings.Join(n.iris(schema.Actor), " ") + "|" + strings.Join(n.iris(schema.Recipient), " ")})
		}
	}
	// The incident days that may share an incident with a selected one, grouped by what makes
	// them one incident: a person named by surname alone counts as the one person of that
	// surname (see shortForms). Days of one incident have the same parties, so the candidates
	// of a selected day are the days that name each of its parties (or a short form of one).
	sn := newSurnames(s, r)
	resolvedIRIs := func(iris []string) ([]string, error) {
		out := make([]string, len(iris))
		for i, iri := range iris {
			out[i] = iri
			full, err := sn.fullName(iri)
			if err != nil {
				return nil, err
			}
			if full != "" {
				out[i] = full
			}
		}
		sort.Strings(out)
		return out, nil
	}
	naming := map[string]map[string]bool{} // party → the days naming it or a short form of it
	daysNaming := func(party string) (map[string]bool, error) {
		if m, ok := naming[party]; ok {
			return m, nil
		}
		m := map[string]bool{}
		shorts, err := sn.shortsOf(party)
		if err != nil {
			return nil, err
		}
		for _, x := range append([]string{party}, shorts...) {
			for _, p := range []string{schema.IncidentActor, schema.IncidentRecipient} {
				iris, err := s.subjectsWith(ctx, p, quad.IRI(x))
				if err != nil {
					return nil, err
				}
				for _, iri := range iris {
					m[iri] = true
				}
			}
		}
		naming[party] = m
		return m, nil
	}
	groups := map[string][]day{}
	grouped := map[string]bool{}
	add := func(iri string) error {
		if grouped[iri] {
			return nil
		}
		grouped[iri] = true
		n, err := r.describe(iri)
		if err != nil || !n.is(schema.Incident) {
			return err
		}
		t := n.first(schema.EventType)
		d := day{iri: iri, node: n, date: n.first(schema.Date), negated: truth(n.first(schema.Negated))}
		actors, err := resolvedIRIs(n.iris(schema.IncidentActor))
		if err != nil {
			return err
		}
		recipients, err := resolvedIRIs(n.iris(schema.IncidentRecipient))
		if err != nil {
			return err
		}
		d.parties = t + "|" + strings.Join(actors, " ") + "|" + strings.Join(recipients, " ")
		key := d.parties
		if d.negated {
			key += "|negated"
		}
		groups[key] = append(groups[key], d)
		return nil
	}
	for _, sel := range sortedKeys(selected) {
		n, err := r.describe(sel)
		if err != nil {
			return nil, err
		}
		if !n.is(schema.Incident) {
			continue // a lone event
		}
		parties, err := resolvedIRIs(append(n.iris(schema.IncidentActor), n.iris(schema.IncidentRecipient)...))
		if err != nil {
			return nil, err
		}
		var cands map[string]bool
		for i, p := range parties {
			m, err := daysNaming(p)
			if err != nil {
				return nil, err
			}
			if i == 0 {
				cands = m
				continue
			}
			next := map[string]bool{}
			for iri := range cands {
				if m[iri] {
					next[iri] = true
				}
			}
			cands = next
		}
		if err := add(sel); err != nil {
			return nil, err
		}
		for _, iri := range sortedKeys(cands) {
			if err := add(iri); err != nil {
				return nil, err
			}
		}
	}
	var all []*Incident
	var spans []span // every incident's dates, for the contradictions
	for _, key := range sortedKeys(groups) {
		for _, c := range cluster(groups[key], window) {
			spans = append(spans, spanOf(c))
			if !anySelected(c, selected) {
				continue
			}
			in, err := r.incident(c)
			if err != nil {
				return nil, err
			}
			all = append(all, in)
		}
	}
	for _, d := range lone {
		spans = append(spans, spanOf([]day{d}))
		in, err := r.incident([]day{d})
		if err != nil {
			return nil, err
		}
		all = append(all, in)
	}
	contradictions(all, spans, window)
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].Date != all[j].Date {
			return all[i].Date < all[j].Date
		}
		return all[i].IRI < all[j].IRI
	})
	return all, nil
}

func anySelected(days []day, selected map[string]bool) bool {
	for _, d := range days {
		if selected[d.iri] {
			return true
		}
	}
	return false
}

// day is one Incident node: the events of one type between the same parties on one date.
type day struct {
	iri     string
	node    *node
	date    string
	negated bool
	parties string // type, actors and recipients
	lone    bool   // an Event node standing for an incident of its own
}

// cluster joins days in date order, each to the open incident when it is at most window days
// after the incident's first date. An undated day stands alone.
func cluster(days []day, window int) [][]day {
	sort.Slice(days, func(i, j int) bool {
		if days[i].date != days[j].date {
			return days[i].date < days[j].date
		}
		return days[i].iri < days[j].iri
	})
	var out [][]day
	for _, d := range days {
		if n := len(out); n > 0 && d.date != "" && out[n-1][0].date != "" && daysBetween(out[n-1][0].date, d.date) <= window {
			out[n-1] = append(out[n-1], d)
			continue
		}
		out = append(out, []day{d})
	}
	return out
}

// daysBetween returns the days from a to b (YYYY-MM-DD), or a large number when either is
// malformed.
func daysBetween(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return math.MaxInt32
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// incident reads the events of the days of one incident and counts its reports.
func (r *reader) incident(days []day) (*Incident, error) {
	first := days[0]
	in := &Incident{IRI: first.iri, Type: first.node.first(schema.EventType), Negated: first.negated, Date: first.date, parties: first.parties}
	actor, recipient := schema.IncidentActor, schema.IncidentRecipient
	if first.lone {
		actor, recipient = schema.Actor, schema.Recipient
	}
	var err error
	if in.Actors, err = r.nodesOf(first.node, actor); err != nil {
		return nil, err
	}
	if in.Recipients, err = r.nodesOf(first.node, recipient); err != nil {
		return nil, err
	}
	articles := map[string]bool{}
	best := map[string]float64{} // by source
	for _, d := range days {
		in.Days = append(in.Days, d.iri)
		if d.date > in.Date {
			in.LastDate = d.date
		}
		evs := []string{d.iri}
		if !d.lone {
			if evs, err = r.s.subjectsWith(r.ctx, schema.InIncident, quad.IRI(d.iri)); err != nil {
				return nil, err
			}
		}
		for _, iri := range evs {
			ev, ok, err := r.event(iri)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			for _, a := range ev.Articles {
				n, err := r.describe(a)
				if err != nil {
					return nil, err
				}
				rep := Report{Event: ev, Article: a, Publisher: n.first(schema.Publisher), Published: n.first(schema.Published),
					URL: n.first(schema.URL)}
				in.Reports = append(in.Reports, rep)
				articles[a] = true
				source := strings.ToLower(strings.TrimSpace(rep.Publisher))
				if source == "" {
					source = a
				}
				best[source] = max(best[source], ev.Confidence)
				if p := rep.Published; p != "" {
					if in.FirstReport == "" || p < in.FirstReport {
						in.FirstReport = p
					}
					if p > in.LastReport {
						in.LastReport = p
					}
				}
			}
		}
	}
	sort.SliceStable(in.Reports, func(i, j int) bool {
		a, b := in.Reports[i], in.Reports[j]
		if a.Published != b.Published {
			return a.Published < b.Published
		}
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		return a.Event.IRI < b.Event.IRI
	})
	in.Articles, in.Sources = len(articles), len(best)
	doubt := 1.0
	for _, c := range best {
		doubt *= 1 - min(max(c, 0), 1)
	}
	in.Confidence = math.Round((1-doubt)*1000) / 1000
	return in, nil
}

// span is what contradictions compare of an incident: its parties and dates.
type span struct {
	iri, parties string
	negated      bool
	first, last  string
}

// spanOf returns the span of the days of one incident, which cluster ordered by date.
func spanOf(days []day) span {
	return span{iri: days[0].iri, parties: days[0].parties, negated: days[0].negated,
		first: days[0].date, last: days[len(days)-1].date}
}

// contradictions pairs each of the incidents ins with the incidents of the same type and
// parties and the other truth (a denial and what it denies) whose dates lie within window days
// of its own, among spans, the incidents of the store.
func contradictions(ins []*Incident, spans []span, window int) {
	for _, in := range ins {
		if in.Date == "" {
			continue
		}
		last := in.Date
		if in.LastDate != "" {
			last = in.LastDate
		}
		for _, o := range spans {
			if o.negated == in.Negated || o.first == "" || o.parties != in.parties {
				continue
			}
			if daysBetween(o.last, in.Date) <= window && daysBetween(last, o.first) <= window {
				if in.Negated {
					in.Contradicts = append(in.Contradicts, o.iri)
				} else {
					in.ContradictedBy = append(in.ContradictedBy, o.iri)
				}
			}
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// IncidentIRI returns the IRI of the Incident node ref names: its IRI, or its local name
// ("2025-04-12-consult-fa547d3303c5"); ok is false when the store holds no such node.
func (s *Store) IncidentIRI(ctx context.Context, ref string) (iri string, ok bool, err error) {
	iri = ref
	if !strings.Contains(ref, "/") {
		iri = schema.ID + "incident/" + ref
	}
	s, done, err := s.reading(ctx)
	if err != nil {
		return "", false, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	n, err := s.describe(ctx, iri)
	if err != nil {
		return "", false, err
	}
	return iri, n.is(schema.Incident), nil
}

// Incident returns the incident one of whose Incident nodes is at iri, then the incidents that
// contradict it (the denials of it, or what it denies), with window as in IncidentFilter. An
// IRI that is no Incident node gives an error wrapping ErrNotFound.
func (s *Store) Incident(ctx context.Context, iri string, window int) ([]Incident, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := newReader(ctx, s)
	find := func(iri string) (*Incident, error) {
		n, err := r.describe(iri)
		if err != nil {
			return nil, err
		}
		if !n.is(schema.Incident) {
			return nil, fmt.Errorf("incident %q: %w", iri, ErrNotFound)
		}
		evIRIs, err := s.subjectsWith(ctx, schema.InIncident, quad.IRI(iri))
		if err != nil {
			return nil, err
		}
		var evs []Event
		for _, e := range evIRIs {
			ev, ok, err := r.event(e)
			if err != nil {
				return nil, err
			}
			if ok {
				evs = append(evs, ev)
			}
		}
		ins, err := s.incidentsOf(ctx, r, evs, window)
		if err != nil {
			return nil, err
		}
		for _, in := range ins {
			if slices.Contains(in.Days, iri) {
				return in, nil
			}
		}
		return nil, fmt.Errorf("incident %q: no report: %w", iri, ErrNotFound)
	}
	in, err := find(iri)
	if err != nil {
		return nil, err
	}
	out := []Incident{*in}
	for _, other := range append(append([]string(nil), in.Contradicts...), in.ContradictedBy...) {
		o, err := find(other)
		if err != nil {
			return nil, err
		}
		out = append(out, *o)
	}
	return out, nil
}
