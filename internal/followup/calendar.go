package followup

import (
	"fmt"
	"time"

	"spaser/internal/indicator"
	"spaser/internal/typo"
)

// Edition is the publication of one year's figures.
type Edition struct {
	Year      int
	Published string // the day, "2024-06-20"; "" when the editors have not given it
	Reference bool   // a year before the schéma: its figures are where it starts from
	// Said is the publication in words: « données publiées le 20 juin
	// 2024 », « date de publication non indiquée ».
	Said string
	// Label names the year: « 2022 », « 2022 (année de référence, avant
	// le schéma) ».
	Label string
}

// Calendar is when the figures were published and when the next are due.
type Calendar struct {
	Editions []*Edition // one per year that has a values file, ascending
	// Latest is the edition of the last year with a published figure;
	// nil when no figure is published.
	Latest *Edition
	// LastPublished is the latest publication day given, "" when none is.
	LastPublished string
	// NextDue is the day by which the next figures are due: two years
	// after LastPublished (L2111-3); "" when LastPublished is unknown.
	NextDue string
	// Next says it in one sentence, for every page that dates its figures.
	Next string
}

// Every is how often, at least, the figures are published (article L2111-3
// of the code de la commande publique: at least every two years).
const Every = 2

// Edition is the edition of year; a year without a values file has one
// without date.
func (c *Calendar) Edition(year int) *Edition {
	for _, e := range c.Editions {
		if e.Year == year {
			return e
		}
	}
	return nil
}

func calendar(cat *indicator.Catalogue, latest int) *Calendar {
	c := &Calendar{}
	if cat == nil {
		c.Next = nextSentence(c)
		return c
	}
	for _, y := range cat.Years {
		e := edition(y, cat.Published[y], cat.PeriodStart)
		c.Editions = append(c.Editions, e)
		if y == latest {
			c.Latest = e
		}
		if e.Published > c.LastPublished {
			c.LastPublished = e.Published
		}
	}
	if d, err := time.Parse(time.DateOnly, c.LastPublished); err == nil {
		n := d.AddDate(Every, 0, 0)
		if n.Month() != d.Month() { // 29 February: the 28th, not 1 March
			n = n.AddDate(0, 0, -n.Day())
		}
		c.NextDue = n.Format(time.DateOnly)
	}
	c.Next = nextSentence(c)
	return c
}

func edition(year int, published string, start int) *Edition {
	e := &Edition{Year: year, Published: published, Reference: start != 0 && year < start}
	e.Said = "date de publication non indiquée"
	if published != "" {
		e.Said = "données publiées le " + typo.Date(published)
	}
	e.Label = fmt.Sprint(year)
	if e.Reference {
		e.Label += " (année de référence, avant le schéma)"
	}
	return e
}

// nextSentence: « Prochaines données attendues au plus tard le 20 juin
// 2026 (au moins tous les deux ans, article L2111-3 du code de la
// commande publique). »
func nextSentence(c *Calendar) string {
	const law = "article L2111-3 du code de la commande publique"
	switch {
	case c.NextDue != "":
		return "Prochaines données attendues au plus tard le " + typo.Date(c.NextDue) + " (deux ans après la dernière publication, " + law + ")."
	case len(c.Editions) == 0:
		return "Aucune donnée de suivi n’est encore publiée\u00a0: elles le sont au moins tous les deux ans (" + law + ")."
	}
	return "Prochaines données\u00a0: au plus tard deux ans après la dernière publication (" + law + ")."
}

// Undated are the years whose figures have no publication date: spaser
// check warns about each.
func (c *Calendar) Undated() []int {
	var out []int
	for _, e := range c.Editions {
		if e.Published == "" {
			out = append(out, e.Year)
		}
	}
	return out
}
