package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/diplograph/diplograph/internal/extract"
)

// dateKeys are the metadata that may hold the publication date, most trusted first: meta
// property, name or itemprop values (lower case), "ld" for JSON-LD datePublished, "time:pub"
// for a <time pubdate> or <time itemprop="datePublished">, "time" for the first <time datetime>.
var dateKeys = []string{
	"article:published_time", "og:published_time", "ld", "datepublished", "pubdate",
	"publishdate", "publication_date", "date", "dc.date.issued", "dcterms.issued", "dc.date",
	"parsely-pub-date", "sailthru.date", "time:pub", "time",
}

// parseHTML reads an HTML page: its main text, with navigation and other boilerplate removed
// by readability, and its metadata.
func parseHTML(data []byte) (extract.Document, []error) {
	var warnings []error
	data, err := toUTF8(data)
	if err != nil {
		warnings = append(warnings, err)
	}
	data, deep := capNesting(data, maxHTMLDepth)
	if deep {
		warnings = append(warnings, ErrDeepHTML)
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil { // html.Parse fails only on reader errors
		return extract.Document{}, append(warnings, err)
	}
	m := collectMeta(root)

	var doc extract.Document
	doc.URL = or(m.values["og:url"], m.canonical)
	pageURL, err := url.Parse(doc.URL)
	if err != nil || !pageURL.IsAbs() {
		pageURL = nil
	}
	doc.Publisher = m.values["og:site_name"]
	for _, k := range dateKeys {
		v := m.values[k]
		if v == "" {
			continue
		}
		t, err := ParseDate(v)
		if err != nil {
			warnings = append(warnings, fmt.Errorf("%s: %w", k, err))
			continue
		}
		doc.Published = t
		break
	}

	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(root, pageURL)
	if err == nil && art.Node != nil {
		stripPromos(art.Node)
		doc.Text = cleanText(render.InnerText(art.Node))
	}
	doc.Title = oneLine(or(m.values["og:title"], or(art.Title(), m.title)))
	doc.Publisher = oneLine(or(doc.Publisher, art.SiteName()))
	doc.URL = strings.TrimSpace(doc.URL)
	return doc, warnings
}

// maxHTMLDepth bounds the nesting of elements that the HTML parser and readability see: both
// take time quadratic in the depth (the parser looks through its stack of open elements at
// every tag: 20,000 nested divs took over 100 s, 100,000 nearly 5 minutes), and real pages
// stay far below it.
const maxHTMLDepth = 256

// capNesting returns data with the tags nested deeper than max removed, their text kept: a
// block element's tags become line breaks (<br>), others go. Scripts, styles and the other
// elements of raw text keep their tags, so their content stays out of the text. The nesting is
// counted on the tags as written (void elements and self-closing tags do not nest); data is
// returned unchanged, and deep false, when no tag is deeper than max.
func capNesting(data []byte, max int) (out []byte, deep bool) {
	z := html.NewTokenizer(bytes.NewReader(data))
	var b bytes.Buffer
	depth, pos := 0, 0 // pos: the offset of the current token in data
	for {
		tt := z.Next()
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.EndTagToken {
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if !voidAtoms[a] && !rawTextAtoms[a] {
				if tt == html.StartTagToken {
					depth++
				}
				over := depth > max
				if tt == html.EndTagToken && depth > 0 {
					depth--
				}
				if over {
					if !deep {
						deep = true
						b.Grow(len(data))
						b.Write(data[:pos])
					}
					if blockAtoms[a] {
						b.WriteString("<br>")
					}
					pos += len(raw)
					continue
				}
			}
		}
		if deep {
			b.Write(raw)
		}
		pos += len(raw)
		if tt == html.ErrorToken {
			break // io.EOF: the tokenizer reads from memory
		}
	}
	if !deep {
		return data, false
	}
	return b.Bytes(), true
}

// voidAtoms are the elements that have no end tag; rawTextAtoms those whose content is text
// the tokenizer does not parse.
var (
	voidAtoms = map[atom.Atom]bool{
		atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
		atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
		atom.Track: true, atom.Wbr: true, atom.Param: true, atom.Keygen: true,
	}
	rawTextAtoms = map[atom.Atom]bool{
		atom.Script: true, atom.Style: true, atom.Textarea: true, atom.Title: true, atom.Xmp: true,
		atom.Iframe: true, atom.Noembed: true, atom.Noframes: true, atom.Noscript: true, atom.Plaintext: true,
	}
	// blockAtoms are the elements whose tags are line breaks in the text.
	blockAtoms = map[atom.Atom]bool{
		atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Section: true,
		atom.Article: true, atom.Blockquote: true, atom.H1: true, atom.H2: true, atom.H3: true,
		atom.H4: true, atom.H5: true, atom.H6: true, atom.Tr: true, atom.Table: true, atom.Pre: true,
		atom.Header: true, atom.Footer: true, atom.Main: true, atom.Aside: true, atom.Figure: true,
		atom.Dd: true, atom.Dt: true, atom.Td: true, atom.Th: true,
	}
)

// toUTF8 decodes a page in the encoding its byte order mark or <meta charset> declares, and
// reads a page that declares none as UTF-8. Invalid UTF-8 is replaced by U+FFFD, and the error
// then wraps ErrInvalidUTF8.
func toUTF8(data []byte) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(data, "")
	// Without a declaration DetermineEncoding guesses windows-1252 from the first 1024 bytes:
	// a page that is valid UTF-8 throughout is UTF-8 all the same.
	if name != "utf-8" && (certain || !utf8.Valid(data)) {
		if d, err := enc.NewDecoder().Bytes(data); err == nil {
			return d, nil
		}
	}
	data = bytes.TrimPrefix(data, []byte(bom))
	if !utf8.Valid(data) {
		return bytes.ToValidUTF8(data, []byte("\uFFFD")), ErrInvalidUTF8
	}
	return data, nil
}

// meta is the metadata of a page.
type meta struct {
	values    map[string]string // first content of each meta key, lower case; see dateKeys
	title     string            // <title>
	canonical string            // <link rel="canonical" href>
}

// collectMeta reads the metadata of a page before readability strips it.
func collectMeta(root *html.Node) meta {
	m := meta{values: map[string]string{}}
	set := func(key, val string) {
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		if key != "" && val != "" && m.values[key] == "" {
			m.values[key] = val
		}
	}
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Meta:
			content, ok := attr(n, "content")
			if !ok {
				continue
			}
			for _, k := range []string{"property", "name", "itemprop"} {
				if key, ok := attr(n, k); ok {
					set(key, content)
				}
			}
		case atom.Title:
			if m.title == "" && n.FirstChild != nil {
				m.title = strings.TrimSpace(n.FirstChild.Data)
			}
		case atom.Link:
			rel, _ := attr(n, "rel")
			if href, ok := attr(n, "href"); ok && m.canonical == "" && hasToken(rel, "canonical") {
				m.canonical = strings.TrimSpace(href)
			}
		case atom.Time:
			dt, ok := attr(n, "datetime")
			if !ok {
				continue
			}
			_, pub := attr(n, "pubdate")
			if ip, _ := attr(n, "itemprop"); pub || strings.EqualFold(ip, "datePublished") {
				set("time:pub", dt)
			}
			set("time", dt)
		case atom.Script:
			if typ, _ := attr(n, "type"); strings.EqualFold(strings.TrimSpace(typ), "application/ld+json") && n.FirstChild != nil {
				set("ld", ldDatePublished(n.FirstChild.Data))
			}
		}
	}
	return m
}

// attr returns the value of the attribute key of n.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// hasToken reports whether the space-separated list s holds tok, ignoring case.
func hasToken(s, tok string) bool {
	for f := range strings.FieldsSeq(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// ldDatePublished returns the first datePublished of a JSON-LD script, or "".
func ldDatePublished(script string) string {
	script = strings.TrimSpace(script)
	script = strings.TrimSuffix(strings.TrimPrefix(script, "<![CDATA["), "]]>")
	var v any
	if json.Unmarshal([]byte(script), &v) != nil {
		return ""
	}
	return findKey(v, "datePublished", 0)
}

// findKey returns the first string value of key in v, searched depth first to depth 8.
func findKey(v any, key string, depth int) string {
	if depth > 8 {
		return ""
	}
	switch v := v.(type) {
	case map[string]any:
		if s, ok := v[key].(string); ok && strings.TrimSpace(s) != "" {
			return s
		}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			if s := findKey(v[k], key, depth+1); s != "" {
				return s
			}
		}
	case []any:
		for _, e := range v {
			if s := findKey(e, key, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

// promo matches the text of a block that points readers elsewhere: "READ MORE: ...",
// "Related stories", "See also".
var promo = regexp.MustCompile(`(?i)^(read more|read also|also read|see also|more on this story|` +
	`related(\s+(stories|articles|links|coverage|content|topics|news))?|you (may|might) also like|` +
	`recommended( for you)?|most read|more stories|top stories)\s*(:|$|[-–—|»›>])`)

// maxPromoRunes bounds the text of a block that stripPromos drops for its words.
const maxPromoRunes = 160

// stripPromos removes from the article readability found what it leaves of link boxes: lists
// whose text is mostly links, and short blocks that begin like "READ MORE" or "Related
// stories".
func stripPromos(root *html.Node) {
	var drop []*html.Node
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Ul, atom.Ol:
			if items, text, linked := linkDensity(n); items >= 2 && text > 0 && linked*5 >= text*4 {
				drop = append(drop, n)
			}
		case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Div, atom.Li:
			text := strings.TrimSpace(textOf(n))
			if utf8.RuneCountInString(text) <= maxPromoRunes && promo.MatchString(text) {
				drop = append(drop, n)
			}
		}
	}
	for _, n := range drop {
		if n.Parent != nil && !within(n.Parent, drop) {
			n.Parent.RemoveChild(n)
		}
	}
}

// within reports whether n or an ancestor of it is in set.
func within(n *html.Node, set []*html.Node) bool {
	for ; n != nil; n = n.Parent {
		if slices.Contains(set, n) {
			return true
		}
	}
	return false
}

// linkDensity counts the items of a list, the bytes of its text other than white space, and
// those of them inside links.
func linkDensity(list *html.Node) (items, text, linked int) {
	for n := range list.Descendants() {
		switch {
		case n.Type == html.ElementNode && n.DataAtom == atom.Li:
			items++
		case n.Type == html.TextNode:
			k := len(strings.Join(strings.Fields(n.Data), ""))
			text += k
			for p := n.Parent; p != nil && p != list; p = p.Parent {
				if p.Type == html.ElementNode && p.DataAtom == atom.A {
					linked += k
					break
				}
			}
		}
	}
	return items, text, linked
}

// textOf returns the text of n and its descendants.
func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

var (
	trailingSpace = regexp.MustCompile(`[ \t\x{00A0}]+\n`)
	blankLines    = regexp.MustCompile(`\n{3,}`)
)

// cleanText tidies the text readability renders: no trailing spaces on a line, at most one
// blank line between paragraphs, no white space at either end.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = trailingSpace.ReplaceAllString(s, "\n")
	s = blankLines.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}

// oneLine collapses the white space of a title or a name.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
