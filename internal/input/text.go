package input

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/extract"
)

// maxTitleRunes bounds a first line taken as the title of a text file.
const maxTitleRunes = 200

// parseText reads a plain text or Markdown article. CRLF line ends become LF and a leading byte
// order mark is dropped; the text is otherwise kept byte for byte. The first line is the title
// when a blank line follows it, it is at most 200 characters long and it does not end with a
// full stop (a one-line lead paragraph is not a headline); for Markdown a leading "# " is
// stripped from it. The text is what follows the blank line.
func parseText(data []byte, markdown bool) (extract.Document, []error) {
	var warnings []error
	s := strings.TrimPrefix(string(data), bom)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		warnings = append(warnings, ErrInvalidUTF8)
	}
	if strings.Contains(s, "\r\n") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	title, text := splitTitle(s, markdown)
	return extract.Document{Title: title, Text: text}, warnings
}

// splitTitle splits s into its title line and its text, or returns s whole as the text.
func splitTitle(s string, markdown bool) (title, text string) {
	first, rest, ok := strings.Cut(s, "\n")
	if !ok {
		return "", s
	}
	blank, rest, _ := strings.Cut(rest, "\n")
	if strings.TrimSpace(blank) != "" {
		return "", s
	}
	title = strings.TrimSpace(first)
	if markdown {
		if t, ok := strings.CutPrefix(title, "# "); ok {
			title = strings.TrimSpace(t)
		}
	}
	if title == "" || strings.HasSuffix(title, ".") || utf8.RuneCountInString(title) > maxTitleRunes {
		return "", s
	}
	return title, rest
}

// maxBadShare is the share of invalid bytes and control characters above which an input is not
// text: binary or compressed data, or text in an encoding other than UTF-8.
const maxBadShare = 0.10

// checkText returns an error wrapping ErrNotText when more than a tenth of s is invalid UTF-8,
// U+FFFD or control characters other than white space.
func checkText(s string) error {
	if len(s) >= 2 && s[0] == 0x1f && s[1] == 0x8b {
		return fmt.Errorf("%w: gzip-compressed data (decompress it first: gzip -d)", ErrNotText)
	}
	bad, total := 0, 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		total++
		if r == utf8.RuneError || r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' || r >= 0x7f && r < 0xa0 {
			bad++
		}
	}
	if total > 0 && float64(bad) > maxBadShare*float64(total) {
		return fmt.Errorf("%w: %d%% of its characters are invalid UTF-8 or control characters (binary or compressed data, or not UTF-8)",
			ErrNotText, (bad*100+total/2)/total)
	}
	return nil
}
