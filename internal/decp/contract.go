// Package decp reads the buyer's essential procurement data (données
// essentielles de la commande publique, DECP) and counts the yearly figures
// a SPASER reports: contracts notified, their amount, and the shares with a
// social or environmental consideration. Files are streamed, one contract at
// a time, whatever their size; real-world defects become warnings naming the
// file and the contract, never a guessed figure.
package decp

import (
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Consideration is what a record says about social or environmental
// considerations.
type Consideration uint8

const (
	Unknown Consideration = iota // list missing or empty: « non renseigné »
	None                         // « Pas de considération … » / « Sans objet »
	Present                      // at least one clause, criterion or reservation
)

// Contract is one record of a DECP file, reduced to what the counting needs.
type Contract struct {
	File       string
	Line       int
	Buyer      string // acheteur.id, or autoriteConcedante.id for a concession
	ID         string
	Concession bool
	DateRaw    string    // dateNotification, or dateSignature for a concession
	Date       time.Time // zero when DateRaw is not a date
	Amount     float64   // montant, or valeurGlobale for a concession
	HasAmount  bool      // false when missing or not a number
	Social     Consideration
	Env        Consideration
	Reserved   bool // « Marché réservé »
	Innovative bool
}

// What names the record in French messages: « marché "X" ».
func (c *Contract) What() string {
	w := "marché"
	if c.Concession {
		w = "concession"
	}
	if c.ID == "" {
		return w + " sans identifiant"
	}
	return w + " " + strconv.Quote(c.ID)
}

// Considerations as the format spells them, folded by fold.
var (
	socialValues = map[string]bool{"clause sociale": true, "critere social": true, "marche reserve": true}
	envValues    = map[string]bool{"clause environnementale": true, "critere environnemental": true}
	noneValues   = map[string]bool{"pas de consideration sociale": true, "pas de consideration environnementale": true, "sans objet": true}
)

// exact maps the spellings of the format to their folded form, sparing
// fold in the common case.
var exact = map[string]string{}

func init() {
	for _, v := range []string{"Clause sociale", "Critère social", "Marché réservé", "Pas de considération sociale",
		"Clause environnementale", "Critère environnemental", "Pas de considération environnementale", "Sans objet"} {
		exact[v] = fold(v)
	}
}

// considerations classifies a list of values; unknown values are returned
// for a warning and otherwise ignored.
func considerations(values []string, yes map[string]bool) (c Consideration, reserved bool, unknown []string) {
	for _, v := range values {
		f, ok := exact[v]
		if !ok {
			f = fold(v)
		}
		switch {
		case f == "":
		case yes[f]:
			c = Present
			reserved = reserved || f == "marche reserve"
		case noneValues[f]:
			if c == Unknown {
				c = None
			}
		default:
			unknown = append(unknown, v)
		}
	}
	return c, reserved, unknown
}

// fold lower-cases, drops accents and squeezes spaces, so that « Critère
// social », « critere social » and « Critère  social » compare equal.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch r {
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'à', 'â':
			r = 'a'
		case 'î', 'ï':
			r = 'i'
		case 'ô':
			r = 'o'
		case 'û', 'ù':
			r = 'u'
		case 'ç':
			r = 'c'
		case '’':
			r = '\''
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// parseDate reads the date part of "2024-05-15", "2024-05-15+01:00" or
// "2024-05-15T00:00:00Z".
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	return t, err == nil
}

// parseAmount reads an amount written as text: "30000", "30 000,50",
// "30000.5". ok is false for "NC", "" and anything else.
func parseAmount(s string) (v float64, ok bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '€' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if strings.Contains(s, ",") && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != v || v > 1e300 || v < -1e300 {
		return 0, false
	}
	return v, true
}

// parseBool reads marcheInnovant written as text: "oui", "true", "1".
func parseBool(s string) (v, ok bool) {
	switch fold(s) {
	case "true", "oui", "1", "vrai", "o", "yes":
		return true, true
	case "false", "non", "0", "faux", "n", "no":
		return false, true
	}
	return false, false
}

// cleanID drops the spaces and dots some publishers put in a SIRET.
func cleanID(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '\u00a0' || r == '\u202f' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
