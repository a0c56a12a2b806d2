package store

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/diplograph/diplograph/schema"
)

// Grouping says how Timeline and Dyad count events: one per incident (the reports of one
// real-world event, see Incidents), or, Raw, one per article's event.
type Grouping struct {
	Raw    bool `json:"raw,omitempty"`
	Window int  `json:"window"` // days, as in IncidentFilter; negative means DefaultIncidentWindow
}

// IncidentCount is what an entry of a timeline or a dyad counts of its incident; zero for a
// raw entry.
type IncidentCount struct {
	Incident string `json:"incident,omitempty"` // IRI
	Reports  int    `json:"reports,omitempty"`  // articles reporting it
	Sources  int    `json:"sources,omitempty"`  // their distinct publishers
	LastDate string `json:"lastDate,omitempty"` // the latest date a report gives, when later than Date
}

// TimelineEntry is one incident (or, raw, one event) of an entity's timeline. Its Event is
// the earliest report that names the entity, dated by the incident's first date, and its
// Articles are every report's.
type TimelineEntry struct {
	Event
	IncidentCount
	Role         string `json:"role"`                   // the entity's part: actor, recipient or location
	Counterparts []Node `json:"counterparts,omitempty"` // the other parties (see EventGroup)
}

// Timeline returns the incidents (by g) the entity at iri takes part in: those with a date of
// their own in date order, then the undated ones by their article's date (Event.Undated), then
// those with no date at all. An IRI that is no entity gives an error wrapping ErrNotFound.
func (s *Store) Timeline(ctx context.Context, iri string, g Grouping) ([]TimelineEntry, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, err := s.entity(ctx, iri); err != nil {
		return nil, err
	}
	r := newReader(ctx, s)
	var iris []string
	for _, p := range []string{schema.Actor, schema.Recipient, schema.AtLocation} {
		xs, err := s.subjectsWith(ctx, p, quad.IRI(iri))
		if err != nil {
			return nil, err
		}
		for _, x := range xs {
			iris = appendUnique(iris, x)
		}
	}
	var evs []Event
	for _, x := range iris {
		ev, ok, err := r.event(x)
		if err != nil {
			return nil, err
		}
		if ok {
			evs = append(evs, ev)
		}
	}
	sortEvents(evs)
	var out []TimelineEntry
	groups, err := s.grouped(ctx, r, evs, g)
	if err != nil {
		return nil, err
	}
	for _, x := range groups {
		e := TimelineEntry{Event: x.event, IncidentCount: x.count}
		e.Role, e.Counterparts = counterparts(x.event, iri)
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := dateRank(a.Event), dateRank(b.Event); ra != rb {
			return ra < rb
		}
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.IRI < b.IRI
	})
	return out, nil
}

// group is the events of one incident that a timeline or a dyad selected: the earliest
// stands for the incident.
type group struct {
	event Event
	count IncidentCount
}

// grouped returns evs (by date) one group per incident they report, in order of each
// incident's earliest selected event, or, when g.Raw, one group per event. A group's event is
// its earliest selected one, dated by the incident's first date and reported in the articles of
// all its reports.
func (s *Store) grouped(ctx context.Context, r *reader, evs []Event, g Grouping) ([]group, error) {
	if g.Raw {
		out := make([]group, len(evs))
		for i, ev := range evs {
			out[i] = group{event: ev}
		}
		return out, nil
	}
	ins, err := s.incidentsOf(ctx, r, evs, g.Window)
	if err != nil {
		return nil, err
	}
	of := map[string]*Incident{}
	for _, in := range ins {
		for _, rep := range in.Reports {
			of[rep.Event.IRI] = in
		}
	}
	var out []group
	seen := map[*Incident]bool{}
	for _, ev := range evs {
		in := of[ev.IRI]
		if in == nil {
			out = append(out, group{event: ev})
			continue
		}
		if seen[in] {
			continue
		}
		seen[in] = true
		if in.Date != "" {
			ev.Date = in.Date
		}
		ev.Articles = nil
		for _, rep := range in.Reports {
			ev.Articles = appendUnique(ev.Articles, rep.Article)
		}
		out = append(out, group{event: ev, count: IncidentCount{Incident: in.IRI, Reports: in.Articles, Sources: in.Sources, LastDate: in.LastDate}})
	}
	return out, nil
}

// dateRank orders events: dated, dated by their article only, undated.
func dateRank(ev Event) int {
	switch {
	case ev.Date == "":
		return 2
	case ev.Undated:
		return 1
	}
	return 0
}

// Dyad is the classic dyadic view of event data: every event between two actors, both ways.
type Dyad struct {
	A      Node        `json:"a"`
	B      Node        `json:"b"`
	Events []DyadEvent `json:"events"`           // by date; denied events are left out
	Counts []DyadCount `json:"counts"`           // by direction, PLOVER type and QuadClass
	Months []DyadMonth `json:"months,omitempty"` // by month, undated events apart ("")
	Totals DyadTotals  `json:"totals"`
	Quads  []QuadCount `json:"quadClasses"` // by QuadClass, both directions
}

// DyadEvent is an incident (or, raw, an event) of a dyad with its direction: "A→B" (A acts
// towards B) or "B→A", that of its earliest report between A and B. Its Event is that report,
// dated by the incident's first date, and its Articles are every report's.
type DyadEvent struct {
	Event
	IncidentCount
	Direction string `json:"direction"`
}

// DyadCount counts a dyad's events of one direction, type and QuadClass.
type DyadCount struct {
	Direction string  `json:"direction"`
	Type      string  `json:"type"`
	QuadClass int     `json:"quadClass"`
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein"` // total
}

// QuadCount counts events of one QuadClass (1 verbal cooperation … 4 material conflict).
type QuadCount struct {
	QuadClass int `json:"quadClass"`
	Events    int `json:"events"`
}

// DyadMonth sums a dyad's events of one month.
type DyadMonth struct {
	Month         string  `json:"month"` // YYYY-MM; "" for undated events
	Events        int     `json:"events"`
	Goldstein     float64 `json:"goldstein"`     // total
	GoldsteinMean float64 `json:"goldsteinMean"` // per event
}

// DyadTotals sums all of a dyad's events.
type DyadTotals struct {
	Events        int     `json:"events"`
	AB            int     `json:"ab"` // A→B
	BA            int     `json:"ba"` // B→A
	Goldstein     float64 `json:"goldstein"`
	GoldsteinMean float64 `json:"goldsteinMean"`
}

// Dyad returns the incidents (by g) between the entities at a and b, in both directions: those
// with a report that has one among the actors and the other among the recipients. Denied
// events are left out. An IRI that is no entity gives an error wrapping ErrNotFound.
func (s *Store) Dyad(ctx context.Context, a, b string, g Grouping) (Dyad, error) {
	s, done, err := s.reading(ctx)
	if err != nil {
		return Dyad{}, err
	}
	defer done()
	s.mu.RLock()
	defer s.mu.RUnlock()
	var d Dyad
	r := newReader(ctx, s)
	for i, iri := range []string{a, b} {
		if _, err := s.entity(ctx, iri); err != nil {
			return Dyad{}, err
		}
		n, err := r.node(iri)
		if err != nil {
			return Dyad{}, err
		}
		if i == 0 {
			d.A = n
		} else {
			d.B = n
		}
	}
	evs, err := r.sharedEvents(a, b, "")
	if err != nil {
		return Dyad{}, err
	}
	type countKey struct {
		dir, typ string
		quad     int
	}
	counts := map[countKey]*DyadCount{}
	months := map[string]*DyadMonth{}
	quads := map[int]int{}
	var directed []Event
	for _, ev := range evs {
		if !ev.Negated && direction(ev, a, b) != "" {
			directed = append(directed, ev) // not acting together, nor both recipients
		}
	}
	groups, err := s.grouped(ctx, r, directed, g)
	if err != nil {
		return Dyad{}, err
	}
	for _, x := range groups {
		ev, dir := x.event, direction(x.event, a, b)
		if dir == "A→B" {
			d.Totals.AB++
		} else {
			d.Totals.BA++
		}
		d.Events = append(d.Events, DyadEvent{Event: ev, IncidentCount: x.count, Direction: dir})
		k := countKey{dir, ev.Type, ev.QuadClass}
		if counts[k] == nil {
			counts[k] = &DyadCount{Direction: dir, Type: ev.Type, QuadClass: ev.QuadClass}
		}
		counts[k].Events++
		counts[k].Goldstein += ev.Goldstein
		quads[ev.QuadClass]++
		month := ""
		if len(ev.Date) >= 7 {
			month = ev.Date[:7]
		}
		if months[month] == nil {
			months[month] = &DyadMonth{Month: month}
		}
		months[month].Events++
		months[month].Goldstein += ev.Goldstein
		d.Totals.Events++
		d.Totals.Goldstein += ev.Goldstein
	}
	for _, c := range counts {
		d.Counts = append(d.Counts, *c)
	}
	sort.Slice(d.Counts, func(i, j int) bool {
		x, y := d.Counts[i], d.Counts[j]
		if x.Direction != y.Direction {
			return x.Direction < y.Direction
		}
		if x.QuadClass != y.QuadClass {
			return x.QuadClass < y.QuadClass
		}
		return ploverRank(x.Type) < ploverRank(y.Type)
	})
	for _, m := range months {
		m.GoldsteinMean = m.Goldstein / float64(m.Events)
		d.Months = append(d.Months, *m)
	}
	sort.Slice(d.Months, func(i, j int) bool {
		x, y := d.Months[i].Month, d.Months[j].Month
		if (x == "") != (y == "") {
			return y == ""
		}
		return x < y
	})
	for q := 1; q <= 4; q++ {
		if quads[q] > 0 {
			d.Quads = append(d.Quads, QuadCount{QuadClass: q, Events: quads[q]})
		}
	}
	if d.Totals.Events > 0 {
		d.Totals.GoldsteinMean = d.Totals.Goldstein / float64(d.Totals.Events)
	}
	if d.Events == nil {
		d.Events = []DyadEvent{}
	}
	if d.Counts == nil {
		d.Counts = []DyadCount{}
	}
	return d, nil
}

// direction returns "A→B" when ev has a among its actors and b among its recipients, "B→A"
// the other way round, else "".
func direction(ev Event, a, b string) string {
	switch {
	case hasNode(ev.Actors, a) && hasNode(ev.Recipients, b):
		return "A→B"
	case hasNode(ev.Actors, b) && hasNode(ev.Recipients, a):
		return "B→A"
	}
	return ""
}

// ploverRank is the place of a PLOVER type in the manual's order.
func ploverRank(t string) int { return position(schema.PLOVER, t) }

// position returns the index of s in list, or len(list) when it is not there.
func position(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return len(list)
}
