package input

import (
	"fmt"
	"strings"
	"time"

	"github.com/itlightning/dateparse"
)

// ParseDate reads a publication date: YYYY-MM-DD (midnight UTC), RFC 3339, or another common
// form ("Mon, 02 Jan 2006 15:04:05 MST", "January 2, 2006", "2006/01/02", Unix seconds...);
// a numeric date such as 03/04/2005 is read month first unless the first number is over 12.
// A date without a zone is taken as UTC. "" gives the zero time. The error wraps
// ErrInvalidDate.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	t, err := dateparse.ParseIn(s, time.UTC, dateparse.RetryAmbiguousDateWithSwap(true))
	if err != nil {
		return time.Time{}, fmt.Errorf("%w %q", ErrInvalidDate, s)
	}
	return t, nil
}
