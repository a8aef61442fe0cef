package decp

import (
	"fmt"
	"sort"
	"time"
)

// SharesFrom is the first year whose consideration lists mean something:
// older contracts carry « Pas de considération » by default when
// republished in the 2.0 format.
const SharesFrom = 2024

// Amounts outside [minAmount, maxAmount) are placeholders or typing errors
// (0, 1 €, 10^17 €): the contract counts, its amount does not.
const (
	minAmount = 1.5
	maxAmount = 1e11
	minYear   = 1990 // a year like 0222 or 1024 is a typing error
)

// Buyers matches the buyer ids of the site: a 14-digit SIRET matches
// itself, a 9-digit SIREN every establishment of that legal unit.
type Buyers struct {
	siret map[string]bool
	siren map[string]bool
}

// NewBuyers checks and indexes the ids of [decp] acheteurs.
func NewBuyers(ids []string) (Buyers, error) {
	b := Buyers{siret: map[string]bool{}, siren: map[string]bool{}}
	for _, id := range ids {
		c := cleanID(id)
		switch {
		case allDigits(c) && len(c) == 14:
			b.siret[c] = true
		case allDigits(c) && len(c) == 9:
			b.siren[c] = true
		default:
			return b, fmt.Errorf("identifiant d’acheteur %q : un SIRET a 14 chiffres, un SIREN 9", id)
		}
	}
	return b, nil
}

// Match reports whether id is one of the buyers; near is true for a
// malformed id (not 14 digits) that starts with one of their SIRENs.
func (b Buyers) Match(id string) (match, near bool) {
	if b.siret[id] {
		return true, false
	}
	if len(id) < 9 {
		return false, false
	}
	p := id[:9]
	if len(id) == 14 && allDigits(id) {
		return b.siren[p], false
	}
	return false, b.siren[p] || b.sirenOfSiret(p)
}

func (b Buyers) sirenOfSiret(siren string) bool {
	for s := range b.siret {
		if s[:9] == siren {
			return true
		}
	}
	return false
}

// Empty reports whether no buyer is declared.
func (b Buyers) Empty() bool { return len(b.siret)+len(b.siren) == 0 }

// Year is what the files say for one year of notification.
type Year struct {
	Year        int
	Read        int            // records of that year, every buyer
	OtherBuyers int            // records of another buyer
	Duplicates  int            // the same (buyer, id) published again
	Excluded    map[string]int // reason → records left out
	Kept        int            // distinct contracts counted
	Concessions int            // of which concessions
	Amount      float64        // sum of the reliable initial amounts
	Doubtful    int            // contracts whose amount is left out
	Social, Env Share
	Reserved    int
	Innovative  int
}

// Share counts the contracts whose list says something (Known) and those
// with at least one consideration (Yes), in number and in value (only the
// contracts with a reliable amount count in value).
type Share struct {
	Known, Yes           int
	KnownAmount, YesAmnt float64
}

// Unknown is the number of kept contracts whose list is « non renseigné ».
func (s Share) Unknown(y *Year) int { return y.Kept - s.Known }

// Report is the result of counting every file.
type Report struct {
	Years     []*Year     // ascending; Year 0 gathers records without a usable date
	Contracts []*Contract // the contracts counted, by date then buyer and id
	Files     []string
}

// Counter counts contracts as they are read. Not safe for concurrent use.
type Counter struct {
	buyers Buyers
	last   time.Time // the end of the schéma: a later notification is not counted
	w      *Warnings
	years  map[int]*Year
	kept   map[[2]string]*Contract
}

// NewCounter counts the contracts of buyers notified up to last, the end
// of the schéma's period: a later date is a typing error (2099, 2205) or a
// contract the schéma does not follow. It is a date of the data, not the
// clock, so that a build depends on its files only.
func NewCounter(buyers Buyers, last time.Time, w *Warnings) *Counter {
	return &Counter{buyers: buyers, last: last, w: w, years: map[int]*Year{}, kept: map[[2]string]*Contract{}}
}

func (k *Counter) year(y int) *Year {
	if k.years[y] == nil {
		k.years[y] = &Year{Year: y, Excluded: map[string]int{}}
	}
	return k.years[y]
}

// Add counts one record.
func (k *Counter) Add(c *Contract) {
	y := 0
	if !c.Date.IsZero() {
		y = c.Date.Year()
	}
	yr := k.year(y)
	yr.Read++
	match, near := k.buyers.Match(c.Buyer)
	if near {
		k.w.add(c.File, c.Line, c, "identifiant d’acheteur %q de %d caractères au lieu des 14 chiffres d’un SIRET : non compté", c.Buyer, len(c.Buyer))
		yr.Excluded["identifiant d’acheteur mal formé"]++
		return
	}
	if !match {
		yr.OtherBuyers++
		return
	}
	if reason := k.invalid(c); reason != "" {
		yr.Excluded[reason]++
		return
	}
	key := [2]string{c.Buyer, c.ID}
	if old := k.kept[key]; old != nil {
		yr.Duplicates++
		if old.DateRaw != c.DateRaw || old.Amount != c.Amount {
			where := fmt.Sprintf("dans %s (ligne %d)", old.File, old.Line)
			if old.File == c.File {
				where = fmt.Sprintf("ligne %d", old.Line)
			}
			k.w.add(c.File, c.Line, c, "publié aussi %s avec une autre date ou un autre montant : compté une fois, à sa date de notification la plus ancienne", where)
		}
		if c.Date.Before(old.Date) { // the initial notification wins
			k.years[old.Date.Year()].Duplicates++
			yr.Duplicates--
			k.kept[key] = c
		}
		return
	}
	k.kept[key] = c
}

// invalid says why a record of the buyer cannot be counted.
func (k *Counter) invalid(c *Contract) string {
	switch {
	case c.ID == "":
		k.w.add(c.File, c.Line, c, "non compté : sans identifiant, il ne peut être distingué des autres")
		return "sans identifiant"
	case c.DateRaw == "":
		k.w.add(c.File, c.Line, c, "non compté : sans date de notification")
		return "sans date de notification"
	case c.Date.IsZero() || c.Date.Year() < minYear:
		k.w.add(c.File, c.Line, c, "non compté : date de notification impossible %q", c.DateRaw)
		return "date de notification impossible"
	case !k.last.IsZero() && c.Date.After(k.last):
		k.w.add(c.File, c.Line, c, "non compté : date de notification %s après la fin du schéma (%s)", c.DateRaw, k.last.Format("02/01/2006"))
		return "date de notification après la fin du schéma"
	}
	return ""
}

// Reliable reports whether the amount of c may be summed.
func Reliable(c *Contract) bool {
	return c.HasAmount && c.Amount >= minAmount && c.Amount < maxAmount
}

// Report counts the kept contracts by year.
func (k *Counter) Report() *Report {
	r := &Report{}
	for _, c := range k.kept {
		r.Contracts = append(r.Contracts, c)
	}
	sort.Slice(r.Contracts, func(i, j int) bool {
		a, b := r.Contracts[i], r.Contracts[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		if a.Buyer != b.Buyer {
			return a.Buyer < b.Buyer
		}
		return a.ID < b.ID
	})
	for _, c := range r.Contracts {
		y := k.year(c.Date.Year())
		y.Kept++
		if c.Concession {
			y.Concessions++
		}
		ok := Reliable(c)
		if ok {
			y.Amount += c.Amount
		} else {
			y.Doubtful++
			k.w.add(c.File, c.Line, c, "montant %s non retenu (absent, nul, de 1 € ou d’au moins 100 milliards) : le contrat est compté, pas son montant", amountText(c))
		}
		y.Social.add(c.Social, c.Amount, ok)
		y.Env.add(c.Env, c.Amount, ok)
		if c.Reserved {
			y.Reserved++
		}
		if c.Innovative {
			y.Innovative++
		}
	}
	for _, y := range k.years {
		r.Years = append(r.Years, y)
	}
	sort.Slice(r.Years, func(i, j int) bool { return r.Years[i].Year < r.Years[j].Year })
	return r
}

func amountText(c *Contract) string {
	if !c.HasAmount {
		return "absent"
	}
	return fmt.Sprintf("%g €", c.Amount)
}

func (s *Share) add(c Consideration, amount float64, reliable bool) {
	if c == Unknown {
		return
	}
	s.Known++
	if reliable {
		s.KnownAmount += amount
	}
	if c == Present {
		s.Yes++
		if reliable {
			s.YesAmnt += amount
		}
	}
}

// Year returns the figures of year y, or nil.
func (r *Report) Year(y int) *Year {
	for _, yr := range r.Years {
		if yr.Year == y {
			return yr
		}
	}
	return nil
}
