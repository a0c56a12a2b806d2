package store

import (
	"context"
	"math"
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
	if f.Window < 0 {
		f.Window = DefaultIncidentWindow
	}
	evs, err := s.Events(ctx, f.EventFilter)
	if err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	r := newReader(ctx, s)
	selected := map[string]bool{}
	types := map[string]bool{}
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
		if len(days) == 0 {
			// An event written before incidents existed is an incident of its own.
			lone = append(lone, day{iri: ev.IRI, node: n, date: ev.Date, negated: ev.Negated, lone: true,
				parties: ev.Type + "|" + strings.Join(n.iris(schema.Actor), " ") + "|" + strings.Join(n.iris(schema.Recipient), " ")})
		}
		types[ev.Type] = true
	}
	// Every incident day of the selected types, grouped by what makes them one incident: a
	// person named by surname alone counts as the one person of that surname (see shortForms).
	short, err := s.shortForms(ctx)
	if err != nil {
		return nil, err
	}
	resolved := func(iris []string) string {
		for i, iri := range iris {
			if full, ok := short[iri]; ok {
				iris[i] = full
			}
		}
		sort.Strings(iris)
		return strings.Join(iris, " ")
	}
	groups := map[string][]day{}
	for _, t := range sortedKeys(types) {
		iris, err := s.subjectsWith(ctx, schema.EventType, quad.String(t))
		if err != nil {
			return nil, err
		}
		for _, iri := range iris {
			n, err := r.describe(iri)
			if err != nil {
				return nil, err
			}
			if !n.is(schema.Incident) {
				continue
			}
			d := day{iri: iri, node: n, date: n.first(schema.Date), negated: truth(n.first(schema.Negated))}
			d.parties = t + "|" + resolved(n.iris(schema.IncidentActor)) + "|" + resolved(n.iris(schema.IncidentRecipient))
			key := d.parties
			if d.negated {
				key += "|negated"
			}
			groups[key] = append(groups[key], d)
		}
	}
	var all []*Incident
	for _, key := range sortedKeys(groups) {
		for _, c := range cluster(groups[key], f.Window) {
			in, err := r.incident(c)
			if err != nil {
				return nil, err
			}
			all = append(all, in)
		}
	}
	for _, d := range lone {
		in, err := r.incident([]day{d})
		if err != nil {
			return nil, err
		}
		selected[d.iri] = true
		all = append(all, in)
	}
	contradictions(all, f.Window)
	var out []Incident
	for _, in := range all {
		for _, d := range in.Days {
			if selected[d] {
				out = append(out, *in)
				break
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date < out[j].Date
		}
		return out[i].IRI < out[j].IRI
	})
	return out, nil
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
				rep := Report{Event: ev, Article: a, Publisher: n.first(schema.Publisher), Published: n.first(schema.Published)}
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

// contradictions pairs each denied incident with the incidents of the same type and parties
// whose dates lie within window days of its own.
func contradictions(all []*Incident, window int) {
	last := func(in *Incident) string {
		if in.LastDate != "" {
			return in.LastDate
		}
		return in.Date
	}
	for _, neg := range all {
		if !neg.Negated || neg.Date == "" {
			continue
		}
		for _, pos := range all {
			if pos.Negated || pos.Date == "" || pos.parties != neg.parties {
				continue
			}
			if daysBetween(last(pos), neg.Date) <= window && daysBetween(last(neg), pos.Date) <= window {
				neg.Contradicts = append(neg.Contradicts, pos.IRI)
				pos.ContradictedBy = append(pos.ContradictedBy, neg.IRI)
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
