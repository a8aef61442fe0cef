package indicator

import (
	"bytes"
	"cmp"
	"regexp"
	"time"

	"github.com/BurntSushi/toml"

	"spaser/internal/diag"
)

// PublishedKey is the key, before the first block of a values file, that
// gives the day the year's figures were published:
//
//	published = 2024-06-20
//
// The site shows it (« données publiées le 20 juin 2024 ») and dates the
// next publication from it; the build never reads the clock.
const PublishedKey = "published"

var publishedLineRe = regexp.MustCompile(`^\s*` + PublishedKey + `\s*=`)

// splitPublished reads the publication date of a values file and returns
// the file with that line blanked (the line count kept, so that every
// other problem is reported at its line). It reports an unreadable date
// at its line. date is "" when the file gives none.
func splitPublished(l *diag.List, file string, src []byte) (date string, rest []byte) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	for i, ln := range lines {
		t := bytes.TrimSpace(ln)
		if len(t) > 0 && t[0] == '[' {
			break // the date comes before the first block
		}
		if !publishedLineRe.Match(ln) {
			continue
		}
		var head struct {
			Published *dateTOML `toml:"published"`
		}
		_, err := toml.Decode(string(ln), &head)
		if err == nil && head.Published != nil && head.Published.bad == "" && head.Published.t.Year() >= 1900 && head.Published.t.Year() <= 2200 {
			date = isoDate(head.Published)
		} else {
			shown := string(bytes.TrimSpace(ln))
			if head.Published != nil {
				shown = cmp.Or(head.Published.bad, head.Published.t.Format(time.DateOnly))
			}
			l.Errorf(diag.Pos{File: file, Line: i + 1}, "Écrivez la date de publication des chiffres de l'année sous la forme AAAA-MM-JJ, sans guillemets : published = 2024-06-20.", "date de publication illisible ou impossible : %s", shown)
		}
		out := make([]byte, 0, len(src))
		for j, o := range lines {
			if j == i {
				o = []byte("\n")
			}
			out = append(out, o...)
		}
		return date, out
	}
	return "", src
}
