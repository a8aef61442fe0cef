package typo

import (
	"fmt"
	"regexp"
	"time"
)

var months = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// Date writes "2026-11-27" as "27 novembre 2026" ("1er" for the first
// day), with no-break spaces; anything else is returned as it is.
func Date(iso string) string {
	var y, m, d int
	if _, err := fmt.Sscanf(iso, "%d-%d-%d", &y, &m, &d); err != nil || m < 1 || m > 12 {
		return iso
	}
	day := fmt.Sprint(d)
	if d == 1 {
		day = "1er"
	}
	return day + "\u00a0" + months[m-1] + "\u00a0" + fmt.Sprint(y)
}

var isoDateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// IsDate reports whether s is a day that exists, written AAAA-MM-JJ: the
// form Date writes out. time.Parse alone would take "+123-01-01".
func IsDate(s string) bool {
	if !isoDateRe.MatchString(s) {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
