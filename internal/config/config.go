// Package config reads data/site.toml: who publishes the schema, its period,
// the names of its levels (Axe → Enjeu → Action by default), the directions,
// and what the legal pages need.
package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"

	"spaser/internal/diag"
	"spaser/internal/srcfile"
	"spaser/internal/tomlfile"
)

// File is the configuration file's path inside the source folder.
const File = "data/site.toml"

// Config is data/site.toml.
type Config struct {
	Title        string         `toml:"title"`
	Collectivite string         `toml:"collectivite"`
	BaseURL      string         `toml:"base_url"`
	PeriodStart  int            `toml:"period_start"`
	PeriodEnd    int            `toml:"period_end"`
	DataFrom     int            `toml:"data_from"`
	AdoptionDate string         `toml:"adoption_date"`
	Contact      string         `toml:"contact"`
	ContactEmail string         `toml:"contact_email"`
	ContactForm  string         `toml:"contact_form"` // address of an online contact form
	Headline     []string       `toml:"headline"`
	Schema       Schema         `toml:"schema"`
	Publication  Publication    `toml:"publication"`
	OldAccess    map[string]any `toml:"accessibility"` // replaced by data/rgaa/grille.toml: an error says where each key went
	Colors       Colors         `toml:"colors"`
	Directions   []Direction    `toml:"directions"`

	src []byte
}

// Schema names the content folder of the schema tree and its levels.
type Schema struct {
	Root   string  `toml:"root"`
	Levels []Level `toml:"levels"`
}

// Level is the name of one level of the schema: "Axe", "Axes", "cet axe".
type Level struct {
	Singular      string `toml:"singular"`
	Plural        string `toml:"plural"`
	Demonstrative string `toml:"demonstrative"`
}

// Publication is what the mentions légales state.
type Publication struct {
	Publisher string `toml:"publisher"`
	Director  string `toml:"director"`
	Address   string `toml:"address"`
	Host      string `toml:"host"`
}

// Direction is a department of the collectivité, by acronym.
type Direction struct {
	Acronym string `toml:"acronym"`
	Name    string `toml:"name"`
}

var dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Load reads and checks the configuration. It returns nil when the file
// cannot be used at all; other problems are reported to l.
func Load(fsys fs.FS, l *diag.List) *Config {
	if _, err := fs.Stat(fsys, File); err != nil {
		if !srcfile.Missing(l, fsys, diag.Pos{File: File}, err) {
			return nil
		}
		l.Errorf(diag.Pos{File: File}, "Créez ce fichier : il décrit la collectivité, la période du schéma et les niveaux (voir le README).", "fichier de configuration introuvable")
		return nil
	}
	src, ok := srcfile.Read(fsys, File, l)
	if !ok {
		return nil
	}
	c := &Config{src: src}
	if _, ok := tomlfile.Decode(l, File, 1, src, c); !ok {
		return nil
	}
	c.check(l)
	return c
}

func (c *Config) pos(key ...string) diag.Pos {
	return diag.Pos{File: File, Line: tomlfile.Line(c.src, key...)}
}

func (c *Config) check(l *diag.List) {
	if strings.TrimSpace(c.Title) == "" {
		l.Errorf(c.pos("title"), "Ajoutez par exemple : title = \"SPASER 2023-2028\"", "le titre du site (title) est vide")
	}
	if strings.TrimSpace(c.Collectivite) == "" {
		l.Errorf(c.pos("collectivite"), "Ajoutez : collectivite = \"Département de …\"", "le nom de la collectivité (collectivite) est vide")
	}
	if c.BaseURL != "" {
		if _, err := ParseBaseURL(c.BaseURL); err != nil {
			l.Errorf(c.pos("base_url"), "Écrivez une adresse complète comme \"https://www.exemple.fr/spaser/\" ou un chemin comme \"/spaser/\".", "adresse du site (base_url) invalide : %v", err)
		}
	}
	if c.PeriodStart < 1990 || c.PeriodEnd < c.PeriodStart || c.PeriodEnd > 2100 {
		l.Errorf(c.pos("period_start"), "Indiquez les années de début et de fin : period_start = 2023 et period_end = 2028.", "période du schéma incorrecte (%d-%d)", c.PeriodStart, c.PeriodEnd)
	}
	if c.DataFrom == 0 {
		c.DataFrom = c.PeriodStart
	} else if c.DataFrom > c.PeriodStart {
		l.Errorf(c.pos("data_from"), "data_from est la première année pour laquelle des valeurs peuvent être données ; elle ne peut pas suivre period_start.", "data_from (%d) est après le début du schéma (%d)", c.DataFrom, c.PeriodStart)
	}
	if c.AdoptionDate != "" && !dateRe.MatchString(c.AdoptionDate) {
		l.Errorf(c.pos("adoption_date"), "Écrivez la date sous la forme AAAA-MM-JJ, par exemple \"2023-12-11\".", "date d'adoption illisible : %q", c.AdoptionDate)
	}
	c.checkSchema(l)
	c.checkContact(l)
	c.checkAccess(l)
	c.checkColors(l)
	c.checkDirections(l)
}

var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (c *Config) checkSchema(l *diag.List) {
	if !slugRe.MatchString(c.Schema.Root) {
		l.Errorf(c.pos("schema", "root"), "Indiquez le nom du dossier de content/ qui contient le schéma, par exemple root = \"axes\" (minuscules, chiffres et tirets).", "[schema] root incorrect : %q", c.Schema.Root)
	}
	if len(c.Schema.Levels) == 0 {
		l.Errorf(c.pos("schema"), "Déclarez au moins un niveau avec [[schema.levels]] singular = \"Axe\", plural = \"Axes\", demonstrative = \"cet axe\".", "aucun niveau de schéma déclaré")
	}
	lines := tomlfile.Lines(c.src, "schema", "levels")
	for i, lv := range c.Schema.Levels {
		if lv.Singular == "" || lv.Plural == "" {
			p := diag.Pos{File: File}
			if i < len(lines) {
				p.Line = lines[i]
			}
			l.Errorf(p, "Renseignez singular et plural, par exemple singular = \"Enjeu\" et plural = \"Enjeux\".", "niveau %d du schéma sans nom", i+1)
		}
		if lv.Demonstrative == "" {
			c.Schema.Levels[i].Demonstrative = "ce niveau"
		}
	}
}

// checkContact: the accessibility declaration must give an e-mail address
// or a contact form (RGAA, « dispositifs d'assistance et de contact »).
func (c *Config) checkContact(l *diag.List) {
	if c.ContactEmail != "" && !emailRe.MatchString(c.ContactEmail) {
		l.Errorf(c.pos("contact_email"), "Écrivez une seule adresse, par exemple contact_email = \"achats@exemple.fr\".", "adresse électronique illisible : %q", c.ContactEmail)
	}
	if c.ContactForm != "" {
		if u, err := url.Parse(c.ContactForm); err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" {
			l.Errorf(c.pos("contact_form"), "Écrivez l'adresse complète du formulaire, par exemple contact_form = \"https://www.exemple.fr/contact\".", "adresse du formulaire de contact illisible : %q", c.ContactForm)
		}
	}
	if c.ContactEmail == "" && c.ContactForm == "" {
		l.Warnf(c.pos("contact_email"), "La déclaration d'accessibilité doit donner une adresse électronique ou un formulaire pour signaler un défaut d'accessibilité : renseignez contact_email ou contact_form. En attendant, elle renvoie à l'adresse postale de [publication].", "ni adresse électronique (contact_email) ni formulaire de contact (contact_form)")
	}
}

var emailRe = regexp.MustCompile(`^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$`)

// checkAccess: the declaration is computed from the audit grid now; a
// section [accessibility] left from before says where its keys went.
func (c *Config) checkAccess(l *diag.List) {
	if c.OldAccess == nil {
		return
	}
	l.Errorf(c.pos("accessibility"), "Supprimez la section [accessibility] de data/site.toml. L'état de conformité, le taux, la date d'audit, les non-conformités, l'environnement, les outils et les pages vérifiées (status, rate, audit_date, non_conformities, environment, tools, pages) sont désormais calculés à partir de la grille d'audit data/rgaa/grille.toml : ne les recopiez pas. Reportez date, updated, auditor, schema_url, plan_url et exempt dans sa section [declaration] (etablie, mise_a_jour, realise, schema_url, plan_url, non_soumis), les dérogations sous leur critère (derogation = \"…\"), et contact à la racine de data/site.toml (contact, contact_email ou contact_form). Voir le README, « La déclaration d'accessibilité ».", "section [accessibility] remplacée par la grille d'audit RGAA (data/rgaa/grille.toml)")
}

func (c *Config) checkDirections(l *diag.List) {
	lines := tomlfile.Lines(c.src, "directions")
	seen := map[string]bool{}
	for i, d := range c.Directions {
		p := diag.Pos{File: File}
		if i < len(lines) {
			p.Line = lines[i]
		}
		switch {
		case d.Acronym == "":
			l.Errorf(p, "Renseignez acronym = \"DAPM\" (et name, le nom complet).", "direction sans sigle")
		case seen[d.Acronym]:
			l.Errorf(p, "Supprimez l'une des deux déclarations.", "direction %s déclarée deux fois", d.Acronym)
		}
		seen[d.Acronym] = true
	}
}

// Direction returns the direction with this acronym.
func (c *Config) Direction(acronym string) (Direction, bool) {
	for _, d := range c.Directions {
		if d.Acronym == acronym {
			return d, true
		}
	}
	return Direction{}, false
}

// Acronyms lists the declared directions' acronyms.
func (c *Config) Acronyms() []string {
	var out []string
	for _, d := range c.Directions {
		out = append(out, d.Acronym)
	}
	return out
}

// Source is the configuration file's text, for positions found later.
func (c *Config) Source() []byte { return c.src }

// ParseBaseURL accepts "https://host/path/" or "/path/" and returns it with
// a trailing slash.
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		// url.Parse explains in English: say it in French.
		return nil, fmt.Errorf("adresse mal formée (espaces, caractères %% ou numéro de port)")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("pas de ? ni de # dans l'adresse")
	}
	if u.Host == "" && !strings.HasPrefix(u.Path, "/") {
		return nil, fmt.Errorf("un chemin doit commencer par /")
	}
	if u.Host != "" && u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("l'adresse doit commencer par https://")
	}
	if u.Path == "" {
		u.Path = "/"
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}
