package decp

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// csvColumns are the columns of the decp.info tabular file the counting
// reads, with the spellings seen in other exports.
var csvColumns = map[string][]string{
	"id":         {"id"},
	"buyer":      {"acheteur_id", "acheteur.id", "acheteurid"},
	"date":       {"datenotification", "date_notification"},
	"amount":     {"montant"},
	"social":     {"considerationssociales", "considerations_sociales"},
	"env":        {"considerationsenvironnementales", "considerations_environnementales"},
	"innovative": {"marcheinnovant", "marche_innovant"},
	"cbuyer":     {"autoriteconcedante_id", "autoriteconcedante.id"},
	"cdate":      {"datesignature"},
	"camount":    {"valeurglobale"},
}

// csvTable reads the rows of a tabular DECP file.
type csvTable struct {
	lr   *lineReader
	r    *csv.Reader
	file string
	col  map[string]int // csvColumns key → index
	Head []string
}

func newCSV(lr *lineReader, file string) (*csvTable, error) {
	br := bufio.NewReader(lr)
	first, _ := br.Peek(64 << 10)
	if i := strings.IndexByte(string(first), '\n'); i >= 0 {
		first = first[:i]
	}
	r := csv.NewReader(br)
	if strings.Count(string(first), ";") > strings.Count(string(first), ",") {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	t := &csvTable{lr: lr, r: r, file: file, col: map[string]int{}}
	lr.allow()
	head, err := r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, &Error{File: file, Line: 1, Msg: "fichier CSV vide"}
		}
		return nil, t.fail(err)
	}
	t.Head = append([]string(nil), head...)
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		for key, names := range csvColumns {
			for _, n := range names {
				if h == n {
					if _, dup := t.col[key]; !dup {
						t.col[key] = i
					}
				}
			}
		}
	}
	_, hasBuyer := t.col["buyer"]
	_, hasCBuyer := t.col["cbuyer"]
	if _, ok := t.col["id"]; !ok || !hasBuyer && !hasCBuyer {
		return nil, &Error{File: file, Line: 1, Msg: "colonnes « id » et « acheteur_id » introuvables dans la première ligne : ce n’est pas le fichier tabulaire des DECP"}
	}
	return t, nil
}

// next returns the next row and its line; io.EOF at the end.
func (t *csvTable) next() ([]string, int, error) {
	t.lr.allow()
	rec, err := t.r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, 0, err
		}
		return nil, 0, t.fail(err)
	}
	line, _ := t.r.FieldPos(0)
	return rec, line, nil
}

func (t *csvTable) fail(err error) error {
	var pe *csv.ParseError
	switch {
	case errors.As(err, &pe):
		return &Error{File: t.file, Line: pe.Line, Col: pe.Column, Msg: "CSV mal formé : " + pe.Err.Error()}
	case errors.Is(err, errTooBig):
		return &Error{File: t.file, Msg: "ligne de plus de 16 Mo : fichier corrompu ou qui n’est pas un fichier DECP"}
	}
	return &Error{File: t.file, Msg: "lecture impossible : " + err.Error()}
}

func (t *csvTable) get(rec []string, key string) (string, bool) {
	i, ok := t.col[key]
	if !ok || i >= len(rec) {
		return "", false
	}
	return strings.TrimSpace(rec[i]), true
}

// Buyer is the buyer id of a row.
func (t *csvTable) Buyer(rec []string) string {
	if b, _ := t.get(rec, "buyer"); b != "" {
		return cleanID(b)
	}
	b, _ := t.get(rec, "cbuyer")
	return cleanID(b)
}

func readCSV(lr *lineReader, file string, w *Warnings, each func(*Contract)) error {
	t, err := newCSV(lr, file)
	if err != nil {
		return err
	}
	for {
		rec, line, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		each(t.contract(rec, line, w))
	}
}

// contract reads one row. Lists are joined by ", "; « Sans objet » stands
// for « Pas de considération … ».
func (t *csvTable) contract(rec []string, line int, w *Warnings) *Contract {
	c := &Contract{File: t.file, Line: line, Buyer: t.Buyer(rec)}
	c.ID, _ = t.get(rec, "id")
	date, amount := "date", "amount"
	if b, _ := t.get(rec, "buyer"); b == "" && c.Buyer != "" {
		c.Concession, date, amount = true, "cdate", "camount"
	}
	c.DateRaw, _ = t.get(rec, date)
	c.Date, _ = parseDate(c.DateRaw)
	if s, _ := t.get(rec, amount); s != "" {
		if c.Amount, c.HasAmount = parseAmount(s); !c.HasAmount {
			w.add(t.file, line, c, "montant %q n’est pas un nombre", s)
		}
	}
	var unknown []string
	s, _ := t.get(rec, "social")
	c.Social, c.Reserved, unknown = considerations(strings.Split(s, ","), socialValues)
	unknownValues(w, t.file, line, c, "considerationsSociales", unknown)
	s, _ = t.get(rec, "env")
	c.Env, _, unknown = considerations(strings.Split(s, ","), envValues)
	unknownValues(w, t.file, line, c, "considerationsEnvironnementales", unknown)
	if s, _ := t.get(rec, "innovative"); s != "" {
		v, ok := parseBool(s)
		if !ok {
			w.add(t.file, line, c, "marcheInnovant vaut %q au lieu de true ou false", s)
		}
		c.Innovative = v && ok
	}
	return c
}
