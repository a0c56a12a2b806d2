package main

import (
	"context"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

// writeIncidents writes the incidents f selects: one row each, or one row per report.
func writeIncidents(ctx context.Context, c *cli, s *store.Store, f store.IncidentFilter, reports bool) error {
	ins, err := s.Incidents(ctx, f)
	if err != nil {
		return err
	}
	ins = limit(ins, c.opts.limit)
	if ins == nil {
		ins = []store.Incident{}
	}
	if reports {
		return c.write(ins, reportsTable(ins))
	}
	return c.write(ins, incidentsTable(ins))
}

// incidentType is an incident's type, marked when its reports deny it.
func incidentType(in store.Incident) string {
	if in.Negated {
		return "not " + in.Type
	}
	return in.Type
}

func incidentDate(in store.Incident) string { return spanned(in.Date, in.LastDate) }

// spanned is a date, or first..last when the reports of an incident date it on several days.
func spanned(first, last string) string {
	if last != "" {
		return first + ".." + last
	}
	return first
}

func incidentsTable(ins []store.Incident) *table {
	t := &table{header: []string{"date", "event", "actors", "recipients", "reports", "sources", "confidence", "contradicts", "evidence"}}
	for _, in := range ins {
		evidence := ""
		if len(in.Reports) > 0 {
			evidence = in.Reports[0].Event.Evidence
		}
		t.add(incidentDate(in), incidentType(in), names(in.Actors), names(in.Recipients), strconv.Itoa(in.Articles),
			strconv.Itoa(in.Sources), strconv.FormatFloat(in.Confidence, 'f', 2, 64),
			articles(append(in.Contradicts, in.ContradictedBy...)), evidence)
	}
	return t
}

func reportsTable(ins []store.Incident) *table {
	t := &table{header: []string{"incident", "date", "event", "published", "publisher", "article", "evidence"}}
	for _, in := range ins {
		for _, r := range in.Reports {
			t.add(schema.Local(in.IRI), r.Event.Date, eventType(r.Event), r.Published, r.Publisher, schema.Local(r.Article),
				strings.TrimSpace(r.Event.Evidence))
		}
	}
	return t
}

// groupingFlags adds --raw and --incident-window to fs, for the commands that count incidents.
func groupingFlags(fs *pflag.FlagSet) *store.Grouping {
	g := &store.Grouping{}
	fs.BoolVar(&g.Raw, "raw", false, "count each article's events instead of incidents")
	fs.IntVar(&g.Window, "incident-window", store.DefaultIncidentWindow, "join reports dated up to `N` days after an incident's first date")
	return g
}

// checkGrouping rejects a negative window.
func checkGrouping(g *store.Grouping) error {
	if g.Window < 0 {
		return usageErrorf("--incident-window %d: want 0 or more days", g.Window)
	}
	return nil
}

// reports is the REPORTS column of an incident count: its articles, or, for a raw event, the
// articles reporting the event.
func reports(n store.IncidentCount, ev store.Event) string {
	if n.Incident == "" {
		return strconv.Itoa(len(ev.Articles))
	}
	return strconv.Itoa(n.Reports)
}

// sources is the SOURCES column of an incident count; empty for a raw event.
func sources(n store.IncidentCount) string {
	if n.Incident == "" {
		return ""
	}
	return strconv.Itoa(n.Sources)
}

// showIncident writes the incident with a node at iri and the incidents contradicting it: a
// row each, then their reports.
func showIncident(ctx context.Context, c *cli, s *store.Store, iri string, window int) error {
	ins, err := s.Incident(ctx, iri, window)
	if err != nil {
		return err
	}
	switch c.opts.format {
	case "json":
		return writeJSON(c.stdout, ins)
	case "tsv":
		return writeTSV(c.stdout, reportsTable(ins))
	}
	if err := writeTable(c.stdout, incidentsTable(ins), c.width); err != nil {
		return err
	}
	return section(c, reportsTable(limit(ins, c.opts.limit)))
}
