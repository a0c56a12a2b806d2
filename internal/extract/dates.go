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
// weekday ("late on Thursday") is, in a past-tense report, the most recent such day, the
// publication day included ("last Thursday" excludes it), and in a sentence about the future
// the next such day after publication; "yesterday", "today", "last week"; "April 21" and
// "21 April 2022". Without a date in the sentence the event takes the publication date. Empty
// when the publication date is unknown and the sentence gives no full date.
func (x *Extractor) eventDate(d *doc, s *sentence) string {
	pub := d.in.Published
	toks := s.Toks
	future := futureTense(toks)
	for k, t := range toks {
		if wd, ok := weekdays[t.Lower]; ok && !pub.IsZero() {
			prev := ""
			if k > 0 {
				prev = toks[k-1].Lower
			}
			return weekdayDate(pub, wd, future || prev == "next", prev == "last").Format("2006-01-02")
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

// weekdayDate returns the day a weekday names relative to the publication day pub: the next
// such day after pub when future, else the most recent one on or before pub (strictly before
// when last, as in "last Friday").
func weekdayDate(pub time.Time, wd time.Weekday, future, last bool) time.Time {
	if future {
		diff := (int(wd) - int(pub.Weekday()) + 7) % 7
		if diff == 0 {
			diff = 7
		}
		return pub.AddDate(0, 0, diff)
	}
	diff := (int(pub.Weekday()) - int(wd) + 7) % 7
	if diff == 0 && last {
		diff = 7
	}
	return pub.AddDate(0, 0, -diff)
}

// futureTense reports whether a sentence speaks of what is still to come: "will", "'ll" or
// "shall", or "is due/set/expected/scheduled to", "plans to", "is to". Words such as "ahead"
// or "before" do not make a sentence future ("met on Saturday ahead of the summit").
func futureTense(toks []token) bool {
	for k, t := range toks {
		switch t.Lower {
		case "will", "'ll", "shall":
			return true
		case "due", "set", "expected", "scheduled", "plans", "planned", "plan":
			if k+1 < len(toks) && toks[k+1].Lower == "to" && k > 0 && isBe(toks[k-1].Lower) {
				return true
			}
			if (t.Lower == "plans" || t.Lower == "plan") && k+1 < len(toks) && toks[k+1].Lower == "to" {
				return true
			}
		case "to":
			if k > 0 && (toks[k-1].Lower == "is" || toks[k-1].Lower == "are") && k+1 < len(toks) && toks[k+1].Lower != "be" {
				return true
			}
		}
	}
	return false
}

func isBe(w string) bool {
	switch w {
	case "is", "are", "'s", "'re":
		return true
	}
	return false
}
