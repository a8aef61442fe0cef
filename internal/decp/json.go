package decp

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
)

var errUnexpected = errors.New("unexpected token")

// borrowed is a value as the decoder holds it, without the copy a
// RawMessage makes: it is valid until the next call to the decoder, which
// is all the caller needs (see element).
type borrowed []byte

func (b *borrowed) UnmarshalJSON(data []byte) error {
	*b = data
	return nil
}

// element is one contract of a JSON file, undecoded; Raw is only valid
// during the call it is given to.
type element struct {
	Raw        json.RawMessage
	Line       int
	Concession bool // listed under "contrat-concession"
}

// scanJSON walks {"marches":{"marche":[…],"contrat-concession":[…]}} or
// {"marches":[…]} token by token and hands each contract to fn; every
// other key is skipped. Only one contract is in memory at a time.
func scanJSON(lr *lineReader, file string, fn func(element) error) error {
	dec := json.NewDecoder(lr)
	s := &jsonScan{lr: lr, dec: dec, file: file, fn: fn}
	if err := s.delim('{', "le fichier commence par « { »"); err != nil {
		return err
	}
	found := false
	for dec.More() {
		key, err := s.key()
		if err != nil {
			return err
		}
		if key != "marches" {
			if err := s.skip(); err != nil {
				return err
			}
			continue
		}
		found = true
		if err := s.marches(); err != nil {
			return err
		}
	}
	if err := s.delim('}', "l’objet principal se ferme par « } »"); err != nil {
		return err
	}
	lr.allow()
	if _, err := dec.Token(); err != io.EOF {
		return s.fail(err, "texte en trop après la fin du JSON")
	}
	if !found {
		return &Error{File: file, Msg: "aucune clé « marches » : ce n’est pas un fichier DECP ({\"marches\":{\"marche\":[…]}})"}
	}
	return nil
}

type jsonScan struct {
	lr   *lineReader
	dec  *json.Decoder
	file string
	fn   func(element) error
}

func (s *jsonScan) token() (json.Token, error) {
	s.lr.allow()
	return s.dec.Token()
}

func (s *jsonScan) delim(d json.Delim, want string) error {
	t, err := s.token()
	if err != nil {
		return s.fail(err, want)
	}
	if t != d {
		return s.fail(errUnexpected, want)
	}
	return nil
}

func (s *jsonScan) key() (string, error) {
	t, err := s.token()
	if err != nil {
		return "", s.fail(err, "clé attendue")
	}
	k, _ := t.(string)
	return k, nil
}

func (s *jsonScan) skip() error {
	s.lr.allow()
	var raw json.RawMessage
	if err := s.dec.Decode(&raw); err != nil {
		return s.fail(err, "valeur illisible")
	}
	return nil
}

// marches reads the value of "marches": a list (2.0.0) or an object whose
// "marche" and "contrat-concession" keys are lists (2.0.1+).
func (s *jsonScan) marches() error {
	t, err := s.token()
	if err != nil {
		return s.fail(err, "« marches » attend une liste ou un objet")
	}
	switch t {
	case json.Delim('['):
		return s.list(false)
	case json.Delim('{'):
		for s.dec.More() {
			key, err := s.key()
			if err != nil {
				return err
			}
			if key != "marche" && key != "contrat-concession" {
				if err := s.skip(); err != nil {
					return err
				}
				continue
			}
			if err := s.delim('[', "« "+key+" » attend une liste « [ … ] »"); err != nil {
				return err
			}
			if err := s.list(key == "contrat-concession"); err != nil {
				return err
			}
		}
		return s.delim('}', "« marches » se ferme par « } »")
	case nil:
		return nil
	}
	return s.fail(errUnexpected, "« marches » attend une liste ou un objet")
}

func (s *jsonScan) list(concession bool) error {
	for s.dec.More() {
		s.lr.allow()
		var raw borrowed
		if err := s.dec.Decode(&raw); err != nil {
			return s.fail(err, "contrat illisible")
		}
		line, _ := s.lr.pos(s.dec.InputOffset() - int64(len(raw)))
		if err := s.fn(element{Raw: json.RawMessage(raw), Line: line, Concession: concession}); err != nil {
			return err
		}
	}
	return s.delim(']', "la liste se ferme par « ] »")
}

// fail turns a decoder error into an *Error placed at its line and column.
func (s *jsonScan) fail(err error, want string) error {
	off := s.dec.InputOffset()
	msg := "JSON mal formé : " + want
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off, msg = s.errorOffset(syn), "JSON mal formé : "+frenchSyntax(syn.Error())
	case errors.As(err, &typ):
		off = typ.Offset
	case errors.Is(err, errTooBig):
		msg = "valeur de plus de 16 Mo : fichier corrompu ou qui n’est pas un fichier DECP"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		msg = "JSON incomplet : le fichier s’arrête avant la fin (téléchargement interrompu ?)"
	case errors.Is(err, errUnexpected):
		off-- // the token just read; its last byte
	case err != nil:
		msg = "lecture impossible : " + err.Error()
	}
	line, col := s.lr.pos(off)
	return &Error{File: s.file, Line: line, Col: col, Msg: msg}
}

// errorOffset places a syntax error: the decoder reports it relative to
// the value it was reading, so the unread buffer, which starts there, is
// scanned again to find the offending byte.
func (s *jsonScan) errorOffset(syn *json.SyntaxError) int64 {
	base := s.dec.InputOffset()
	buf, _ := io.ReadAll(s.dec.Buffered())
	var raw json.RawMessage
	var again *json.SyntaxError
	if errors.As(json.Unmarshal(buf, &raw), &again) && again.Offset > 0 {
		return base + again.Offset - 1
	}
	return base
}

func frenchSyntax(s string) string {
	switch {
	case strings.HasPrefix(s, "invalid character 'N'"):
		return "NaN n’est pas une valeur JSON : écrivez null (ou retirez le champ)"
	case strings.HasPrefix(s, "invalid character"):
		return "caractère inattendu (" + strings.TrimPrefix(s, "invalid character ") + ")"
	case strings.Contains(s, "unexpected end"):
		return "le fichier s’arrête avant la fin"
	}
	return s
}

// Keys of the format (schema 2.0.3) and of the consolidated files
// (decp-rama, decp.info): other keys are reported once per file.
var knownKeys = map[string]bool{}

func init() {
	for _, k := range strings.Fields(`acheteur actesSousTraitance attributionAvance ccag codeCPV
		considerationsEnvironnementales considerationsSociales dateNotification datePublicationDonnees
		dureeMois formePrix id idAccordCadre lieuExecution marcheInnovant modalitesExecution modifications
		modificationsActesSousTraitance montant nature objet offresRecues origineFrance origineUE procedure
		sousTraitanceDeclaree tauxAvance techniques titulaires typeGroupementOperateurs typesPrix
		autoriteConcedante concessionnaires dateDebutExecution dateSignature donneesExecution
		montantSubventionPublique valeurGlobale
		technique modaliteExecution typePrix`) {
		knownKeys[k] = true
	}
}

// parseJSON reads the fields the counting needs from one record, leniently:
// numbers written as text, flat lists (2.0.0) or wrapped ones (2.0.1+),
// "acheteur.id" flattened by some consolidations.
func parseJSON(el element, file string, w *Warnings) *Contract {
	var f struct {
		id, buyer, buyerFlat, cbuyer, cbuyerFlat, date, cdate, amount, camount, social, env, innov []byte
		unknown                                                                                    []string
	}
	ok := eachField(el.Raw, func(key []byte, val []byte) {
		switch string(key) {
		case "id":
			f.id = val
		case "acheteur":
			f.buyer = val
		case "acheteur.id":
			f.buyerFlat = val
		case "autoriteConcedante":
			f.cbuyer = val
		case "autoriteConcedante.id":
			f.cbuyerFlat = val
		case "dateNotification":
			f.date = val
		case "dateSignature":
			f.cdate = val
		case "montant":
			f.amount = val
		case "valeurGlobale":
			f.camount = val
		case "considerationsSociales":
			f.social = val
		case "considerationsEnvironnementales":
			f.env = val
		case "marcheInnovant":
			f.innov = val
		default:
			if !knownKeys[string(key)] {
				f.unknown = append(f.unknown, string(key))
			}
		}
	})
	if !ok {
		w.add(file, el.Line, nil, "enregistrement ignoré : ce n’est pas un objet JSON")
		return nil
	}
	c := &Contract{File: file, Line: el.Line}
	// Some consolidations give every record empty concession fields.
	c.Concession = el.Concession || f.buyer == nil && f.buyerFlat == nil && (f.cbuyer != nil || f.cbuyerFlat != nil)
	c.ID = strings.TrimSpace(jsonText(f.id))
	buyer, flat, date, amount, amountKey := f.buyer, f.buyerFlat, f.date, f.amount, "montant"
	if c.Concession {
		buyer, flat, date, amount, amountKey = f.cbuyer, f.cbuyerFlat, f.cdate, f.camount, "valeurGlobale"
	}
	c.Buyer = jsonID(flat)
	if buyer != nil {
		c.Buyer = jsonID(buyer) // the id alone
		eachField(buyer, func(key []byte, val []byte) {
			if string(key) == "id" {
				c.Buyer = jsonID(val)
			}
		})
	}
	c.DateRaw = jsonString(date)
	c.Date, _ = parseDate(c.DateRaw)
	c.Amount, c.HasAmount = jsonAmount(amount, func(s string) {
		w.add(file, el.Line, c, "%s écrit en texte (%q)", amountKey, s)
	})
	var unknown []string
	c.Social, c.Reserved, unknown = considerations(jsonList(f.social), socialValues)
	unknownValues(w, file, el.Line, c, "considerationsSociales", unknown)
	c.Env, _, unknown = considerations(jsonList(f.env), envValues)
	unknownValues(w, file, el.Line, c, "considerationsEnvironnementales", unknown)
	if f.innov != nil && !c.Concession {
		c.Innovative = jsonBool(f.innov, func(s string) {
			w.add(file, el.Line, c, "marcheInnovant vaut %s au lieu de true ou false", s)
		})
	}
	for _, k := range f.unknown {
		w.unknownKey(file, el.Line, k)
	}
	return c
}

func unknownValues(w *Warnings, file string, line int, c *Contract, key string, vals []string) {
	if len(vals) > 0 {
		w.add(file, line, c, "%s : valeur inconnue %q ignorée", key, strings.Join(vals, ", "))
	}
}

// jsonID reads a SIRET written as text or as a number.
func jsonID(raw json.RawMessage) string { return cleanID(jsonText(raw)) }

// jsonText reads a string, or a number as written.
func jsonText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		return jsonString(raw)
	}
	if len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9') {
		return string(raw)
	}
	return ""
}

// jsonAmount reads a number, or a number written as text (reported).
func jsonAmount(raw json.RawMessage, asText func(string)) (float64, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return 0, false
	}
	if raw[0] == '"' {
		s := jsonString(raw)
		asText(s)
		return parseAmount(s)
	}
	v, err := strconv.ParseFloat(string(raw), 64)
	return v, err == nil
}

// jsonBool reads true/false, or "oui"/"non"/1/0 (reported).
func jsonBool(raw json.RawMessage, odd func(string)) bool {
	switch s := string(bytes.TrimSpace(raw)); s {
	case "true":
		return true
	case "false", "null":
		return false
	default:
		v, ok := parseBool(strings.Trim(s, `"`))
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		odd(s)
		return v && ok
	}
}

// jsonList reads a considerations list in any of its published forms:
// {"considerationSociale":[…]}, [...], {"considerationSociale":"…"}, "…".
func jsonList(raw []byte) []string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	var out []string
	switch raw[0] {
	case '{':
		eachField(raw, func(_ []byte, val []byte) { out = append(out, jsonList(val)...) })
	case '[':
		eachItem(raw, func(val []byte) { out = append(out, jsonList(val)...) })
	case '"':
		out = append(out, jsonString(raw))
	}
	return out
}
