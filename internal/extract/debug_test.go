package extract

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestDebugTree(t *testing.T) {
	text := os.Getenv("DEBUG_TEXT")
	if text == "" {
		t.Skip()
	}
	x := testExtractor(t)
	in := Document{ID: "t", Text: text, Published: time.Date(2022, 4, 21, 0, 0, 0, 0, time.UTC)}
	d := &doc{text: in.Text, in: in, byKey: map[string]*docEntity{}, used: map[*docEntity]bool{}}
	d.paras = splitParagraphs(in.Text)
	d.sents = splitSentences(in.Text, d.paras)
	for i := range d.sents {
		d.sents[i].index = i
	}
	d.ments = make([][]*mention, len(d.sents))
	x.findMentions(d)
	x.resolve(d)
	x.relations(d)
	x.quotes(d)
	for si := range d.sents {
		s := &d.sents[si]
		for _, m := range d.ments[si] {
			fmt.Printf("mention %d-%d %q %v\n", m.Start, m.End, m.Text, m.Type)
		}
		tr := x.parse(d, si)
		if os.Getenv("DEBUG_TREE") != "" {
			for n, tk := range tr.toks {
				fmt.Printf("  %d %s %s %s %d %s\n", n, tk.Form, tk.UPOS, tk.XPOS, tk.Head-1, tk.Rel)
			}
		}
		for _, g := range x.findTriggers(s) {
			pn := tr.predicate(g.start)
			sn, h := tr.subject(pn)
			var sp party
			if sn >= 0 {
				sp = x.nodeParty(d, si, tr, sn)
			}
			tp, tn := x.treeTarget(d, si, tr, pn, g.p, sp)
			fmt.Printf("trigger %q rank=%d pn=%d subj=%d hops=%d actor=%v target=%v (node %d) passive=%v\n", g.p.text, clauseRank(s.Toks, g), pn, sn, h, names(sp), names(tp), tn, tr.passive(pn))
			ev, ok := x.code(d, si, g, nil)
			fmt.Printf("  code: %v %+v\n", ok, ev)
		}
	}
}

func names(p party) []string {
	var out []string
	for _, e := range p.ents {
		out = append(out, e.Key)
	}
	return out
}
