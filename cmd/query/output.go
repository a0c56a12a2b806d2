package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

// table is a result as rows, for the table and tsv formats.
type table struct {
	header []string
	rows   [][]string
}

func (t *table) add(row ...string) { t.rows = append(t.rows, row) }

// write writes a result: v as JSON, or t as an aligned table or as TSV.
func (c *cli) write(v any, t *table) error {
	switch c.opts.format {
	case "json":
		return writeJSON(c.stdout, v)
	case "tsv":
		return writeTSV(c.stdout, t)
	}
	return writeTable(c.stdout, t, c.width)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeTSV writes t as tab-separated values through encoding/csv: a field with a tab, a quote,
// a line break or a leading space is quoted, with quotes doubled, so that csv readers (Python's
// csv module with delimiter="\t", pandas, R) read every row back as written.
func writeTSV(w io.Writer, t *table) error {
	enc := csv.NewWriter(w)
	enc.Comma = '\t'
	if err := enc.Write(t.header); err != nil {
		return err
	}
	if err := enc.WriteAll(t.rows); err != nil {
		return err
	}
	return enc.Error()
}

// writeTable writes t as aligned columns, evidence and quotations in quotation marks. When width
// is positive and the lines would be longer, the widest columns are cut with "…" until they fit
// (no column below 12 characters).
func writeTable(w io.Writer, t *table, width int) error {
	if len(t.rows) == 0 {
		return nil
	}
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	rows := make([][]string, 0, len(t.rows)+1)
	upper := make([]string, len(t.header))
	for i, h := range t.header {
		upper[i] = strings.ToUpper(h)
	}
	rows = append(rows, upper)
	for _, r := range t.rows {
		out := make([]string, len(r))
		for i, f := range r {
			out[i] = clean.Replace(f)
			if i < len(t.header) && quoted[t.header[i]] {
				out[i] = quote(out[i])
			}
		}
		rows = append(rows, out)
	}
	widths := make([]int, len(t.header))
	for _, r := range rows {
		for i, f := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], utf8.RuneCountInString(f))
			}
		}
	}
	if width > 0 {
		texts := make([]bool, len(t.header))
		for i, h := range t.header {
			texts[i] = quoted[h] || h == "what"
		}
		fit(widths, width, texts) // cut the sentences first
		fit(widths, width, nil)
	}
	bw := bufio.NewWriter(w)
	for _, r := range rows {
		var line strings.Builder
		for i, f := range r {
			if i < len(widths) {
				f = cut(f, widths[i])
			}
			line.WriteString(f)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(f)+2))
			}
		}
		bw.WriteString(strings.TrimRight(line.String(), " "))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// fit narrows the widest of the column widths (of those only marked in only, if given) until the
// columns, two spaces apart, fit in width or none is wider than 12.
func fit(widths []int, width int, only []bool) {
	const least = 12
	may := func(i int) bool { return only == nil || only[i] }
	for {
		total := 2 * (len(widths) - 1)
		widest, second := -1, 0
		for i, w := range widths {
			total += w
			if may(i) && (widest < 0 || w > widths[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			return
		}
		for i, w := range widths {
			if i != widest && may(i) && w > second {
				second = w
			}
		}
		excess := total - width
		if excess <= 0 || widths[widest] <= least {
			return
		}
		widths[widest] = max(least, widths[widest]-excess, second)
		if widths[widest] == second && second > least { // a tie: narrow both next round
			widths[widest]--
		}
	}
}

// cut shortens s to at most n characters, ending it with "…" when it was longer.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

// limit returns the first n elements of xs, or all of them when n is 0.
func limit[T any](xs []T, n int) []T {
	if n > 0 && len(xs) > n {
		return xs[:n]
	}
	return xs
}

// termWidth is the width of the terminal w writes to, else $COLUMNS, else 0 (no limit).
func termWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width > 0 {
			return width
		}
	}
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 0
}

// names joins the names of nodes.
func names(ns []store.Node) string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Name()
	}
	return strings.Join(out, ", ")
}

// articles joins the local names of article IRIs.
func articles(iris []string) string {
	out := make([]string, len(iris))
	for i, a := range iris {
		out[i] = schema.Local(a)
	}
	return strings.Join(out, ", ")
}

// linkName is the label of a link's edge: the relation's local name, or the event type.
func linkName(l store.Link) string {
	if l.Predicate == schema.Event {
		return l.EventType
	}
	return schema.Local(l.Predicate)
}

// arrow renders one link: "A —leaderOf→ B", "B ←memberOf— A", "A —AGREE— B" for an event
// both take part in.
func arrow(l store.Link) string {
	switch {
	case l.Predicate == schema.Event:
		return fmt.Sprintf("%s —%s— %s", l.From.Name(), l.EventType, l.To.Name())
	case l.Reverse:
		return fmt.Sprintf("%s ←%s— %s", l.From.Name(), linkName(l), l.To.Name())
	}
	return fmt.Sprintf("%s —%s→ %s", l.From.Name(), linkName(l), l.To.Name())
}

// quoted are the columns whose text a table shows in quotation marks.
var quoted = map[string]bool{"evidence": true, "quote": true}

// quote quotes evidence for a table, or gives "".
func quote(s string) string {
	if s == "" {
		return ""
	}
	return `"` + s + `"`
}
