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

// element is one contract of a JSON file, undecoded.
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
		var raw json.RawMessage
		if err := s.dec.Decode(&raw); err != nil {
			return s.fail(err, "contrat illisible")
		}
		line, _ := s.lr.pos(s.dec.InputOffset() - int64(len(raw)))
		if err := s.fn(element{Raw: raw, Line: line, Concession: concession}); err != nil {
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
	var m map[string]json.RawMessage
	if err := json.Unmarshal(el.Raw, &m); err != nil {
		w.add(file, el.Line, nil, "enregistrement ignoré : ce n’est pas un objet JSON")
		return nil
	}
	c := &Contract{File: file, Line: el.Line}
	// Some consolidations give every record empty concession fields.
	c.Concession = el.Concession || m["acheteur"] == nil && m["acheteur.id"] == nil && m["autoriteConcedante"] != nil
	c.ID = strings.TrimSpace(jsonText(m["id"]))
	buyer, date, amount := "acheteur", "dateNotification", "montant"
	if c.Concession {
		buyer, date, amount = "autoriteConcedante", "dateSignature", "valeurGlobale"
	}
	if raw, ok := m[buyer+".id"]; ok && m[buyer] == nil {
		c.Buyer = jsonID(raw)
	} else {
		var b struct{ ID json.RawMessage }
		if json.Unmarshal(m[buyer], &b) == nil {
			c.Buyer = jsonID(b.ID)
		} else {
			c.Buyer = jsonID(m[buyer]) // the id alone
		}
	}
	c.DateRaw = jsonString(m[date])
	c.Date, _ = parseDate(c.DateRaw)
	c.Amount, c.HasAmount = jsonAmount(m[amount], func(s string) {
		w.add(file, el.Line, c, "%s écrit en texte (%q)", amount, s)
	})
	var unknown []string
	c.Social, c.Reserved, unknown = considerations(jsonList(m["considerationsSociales"]), socialValues)
	unknownValues(w, file, el.Line, c, "considerationsSociales", unknown)
	c.Env, _, unknown = considerations(jsonList(m["considerationsEnvironnementales"]), envValues)
	unknownValues(w, file, el.Line, c, "considerationsEnvironnementales", unknown)
	if raw := m["marcheInnovant"]; raw != nil && !c.Concession {
		c.Innovative = jsonBool(raw, func(s string) {
			w.add(file, el.Line, c, "marcheInnovant vaut %s au lieu de true ou false", s)
		})
	}
	for k := range m {
		if !knownKeys[k] && k != buyer+".id" {
			w.unknownKey(file, el.Line, k)
		}
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

func jsonString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
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
func jsonList(raw json.RawMessage) []string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	switch raw[0] {
	case '{':
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			return nil
		}
		var out []string
		for _, v := range m {
			out = append(out, jsonList(v)...)
		}
		return out
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return nil
		}
		var out []string
		for _, it := range items {
			out = append(out, jsonList(it)...)
		}
		return out
	case '"':
		return []string{jsonString(raw)}
	}
	return nil
}
