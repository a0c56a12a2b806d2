package extract

import (
	"strconv"
	"strings"
	"time"
)

var weekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

var months = map[string]time.Month{"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}

// eventDate resolves the date a sentence gives its event against the publication date: a
// weekday ("late on Thursday") is the last such day on or before publication, or the next one
// in a sentence about the future; "yesterday", "today", "last week"; "April 21" and
// "21 April 2022". Without a date in the sentence the event takes the publication date. Empty
// when the publication date is unknown and the sentence gives no full date.
func (x *Extractor) eventDate(d *doc, s *sentence) string {
	pub := d.in.Published
	toks := s.Toks
	future := hasWord(toks, 0, len(toks), "will", "next", "'ll", "before", "ahead")
	for k, t := range toks {
		if wd, ok := weekdays[t.Lower]; ok && !pub.IsZero() {
			if future {
				diff := (int(wd) - int(pub.Weekday()) + 7) % 7
				if diff == 0 {
					diff = 7
				}
				return pub.AddDate(0, 0, diff).Format("2006-01-02")
			}
			diff := (int(pub.Weekday()) - int(wd) + 7) % 7
			return pub.AddDate(0, 0, -diff).Format("2006-01-02")
		}
		if m, ok := months[strings.TrimSuffix(t.Lower, ".")]; ok && (t.Cap) {
			// "April 21[, 2022]" or "21 April [2022]".
			day, year := 0, 0
			if k+1 < len(toks) && len(toks[k+1].Text) <= 2 {
				day, _ = strconv.Atoi(toks[k+1].Text)
				if k+3 < len(toks) && toks[k+2].Text == "," {
					year, _ = strconv.Atoi(toks[k+3].Text)
				} else if k+2 < len(toks) {
					year, _ = strconv.Atoi(toks[k+2].Text)
				}
			}
			if day == 0 && k > 0 {
				day, _ = strconv.Atoi(toks[k-1].Text)
				if k+1 < len(toks) {
					year, _ = strconv.Atoi(toks[k+1].Text)
				}
			}
			if day < 1 || day > 31 {
				continue
			}
			if year < 1900 || year > 2200 {
				if pub.IsZero() {
					continue
				}
				year = pub.Year()
				if time.Date(year, m, day, 0, 0, 0, 0, time.UTC).After(pub.AddDate(0, 1, 0)) && !future {
					year--
				}
			}
			return time.Date(year, m, day, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		}
		if pub.IsZero() {
			continue
		}
		switch t.Lower {
		case "yesterday":
			return pub.AddDate(0, 0, -1).Format("2006-01-02")
		case "today", "tonight":
			return pub.Format("2006-01-02")
		case "tomorrow":
			return pub.AddDate(0, 0, 1).Format("2006-01-02")
		case "week":
			if k > 0 && toks[k-1].Lower == "last" {
				return pub.AddDate(0, 0, -7).Format("2006-01-02")
			}
		}
	}
	if pub.IsZero() {
		return ""
	}
	return pub.Format("2006-01-02")
}
