// Package config reads data/site.toml: who publishes the schema, its period,
// the names of its levels, its units and the facts it records about its
// indicators, and what the legal pages need.
package config

import (
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strings"

	"spaser/internal/diag"
	"spaser/internal/slug"
	"spaser/internal/srcfile"
	"spaser/internal/tomlfile"
	"spaser/internal/typo"
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
	Headline     []string       `toml:"headline"`
	Schema       Schema         `toml:"schema"`
	Publication  Publication    `toml:"publication"`
	OldAccess    map[string]any `toml:"accessibility"` // replaced by data/rgaa/grille.toml: an error says where each key went
	Colors       Colors         `toml:"colors"`
	Units        []Unit         `toml:"units"`
	Facts        []Fact         `toml:"facts"`
	Decp         Decp           `toml:"decp"`
	Articles     Articles       `toml:"articles"`    // names.go
	ContactURL   string         `toml:"contact_url"` // trust.go: a contact form
	Adoption     Adoption       `toml:"adoption"`

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
	c.checkDecp(l)
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
	if !ValidPeriod(c.PeriodStart, c.PeriodEnd) {
		l.Errorf(c.pos("period_start"), "Indiquez les années de début et de fin : period_start = 2023 et period_end = 2028.", "période du schéma incorrecte (%d-%d)", c.PeriodStart, c.PeriodEnd)
	}
	if c.DataFrom == 0 {
		c.DataFrom = c.PeriodStart
	} else if c.DataFrom > c.PeriodStart {
		l.Errorf(c.pos("data_from"), "data_from est la première année pour laquelle des valeurs peuvent être données ; elle ne peut pas suivre period_start.", "data_from (%d) est après le début du schéma (%d)", c.DataFrom, c.PeriodStart)
	}
	if c.AdoptionDate != "" && !typo.IsDate(c.AdoptionDate) {
		l.Errorf(c.pos("adoption_date"), "Écrivez la date sous la forme AAAA-MM-JJ, par exemple \"2023-12-11\".", "date d'adoption illisible : %q", c.AdoptionDate)
	}
	c.checkSchema(l)
	c.checkAccess(l)
	c.checkColors(l)
	c.checkUnits(l)
	c.checkFacts(l)
	c.checkArticles(l)
	c.checkTrust(l)
}

func (c *Config) checkSchema(l *diag.List) {
	if !slug.Valid(c.Schema.Root) {
		l.Errorf(c.pos("schema", "root"), "Indiquez le nom du dossier de content/ qui contient le schéma, par exemple root = \"axes\" (minuscules, chiffres et tirets).", "[schema] root incorrect : %q", c.Schema.Root)
	}
	if len(c.Schema.Levels) == 0 {
		l.Errorf(c.pos("schema"), "Déclarez au moins un niveau avec [[schema.levels]] singular = \"Axe\", plural = \"Axes\", demonstrative = \"cet axe\".", "aucun niveau de schéma déclaré")
	}
	lines := tomlfile.Lines(c.src, "schema", "levels")
	for i, lv := range c.Schema.Levels {
		if lv.Singular == "" || lv.Plural == "" {
			l.Errorf(tomlfile.Nth(File, lines, i), "Renseignez singular et plural, par exemple singular = \"Enjeu\" et plural = \"Enjeux\".", "niveau %d du schéma sans nom", i+1)
		}
		if lv.Demonstrative == "" {
			c.Schema.Levels[i].Demonstrative = "ce niveau"
		}
	}
}

// checkAccess: the declaration is computed from the audit grid now; a
// section [accessibility] left from before says where its keys went.
func (c *Config) checkAccess(l *diag.List) {
	if c.OldAccess == nil {
		return
	}
	l.Errorf(c.pos("accessibility"), "Supprimez la section [accessibility] de data/site.toml. L'état de conformité, le taux, la date d'audit, les non-conformités, l'environnement, les outils et les pages vérifiées (status, rate, audit_date, non_conformities, environment, tools, pages) sont désormais calculés à partir de la grille d'audit data/rgaa/grille.toml : ne les recopiez pas. Reportez date, updated, auditor, schema_url, plan_url et exempt dans sa section [declaration] (etablie, mise_a_jour, realise, schema_url, plan_url, non_soumis), les dérogations sous leur critère (derogation = \"…\"), et contact à la racine de data/site.toml (contact, contact_email ou contact_url). Voir le README, « La déclaration d'accessibilité ».", "section [accessibility] remplacée par la grille d'audit RGAA (data/rgaa/grille.toml)")
}

// Source is the configuration file's text, for positions found later.
func (c *Config) Source() []byte { return c.src }

// ParseBaseURL accepts "https://host/path/" or "/path/" and returns it with
// a trailing slash. The address ends up in links, in HTTP headers and in
// server configuration (_headers, .htaccess, nginx): only http or https,
// a plain host name, and a path of letters, digits, -, _, ., ~ and / with
// no "." or ".." segment are accepted, so that no character can end a
// header line or climb out of the site.
func ParseBaseURL(s string) (*url.URL, error) {
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 }) {
		return nil, fmt.Errorf("espace ou caractère de contrôle dans l'adresse")
	}
	u, err := url.Parse(s)
	if err != nil {
		// url.Parse explains in English: say it in French.
		return nil, fmt.Errorf("adresse mal formée (espaces, caractères %% ou numéro de port)")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery || strings.Contains(s, "#") {
		return nil, fmt.Errorf("pas de ? ni de # dans l'adresse")
	}
	switch {
	case u.Scheme == "" && u.Host == "" && !strings.HasPrefix(u.Path, "/"):
		return nil, fmt.Errorf("un chemin doit commencer par /")
	case u.Scheme == "" && u.Host != "", u.Scheme != "" && u.Scheme != "https" && u.Scheme != "http", u.Scheme != "" && u.Host == "":
		return nil, fmt.Errorf("l'adresse doit commencer par https:// (ou http://) suivi du nom du serveur")
	case u.User != nil:
		return nil, fmt.Errorf("pas d'identifiant ni de mot de passe dans l'adresse")
	case u.Host != "" && !hostRe.MatchString(u.Host):
		return nil, fmt.Errorf("nom de serveur incorrect : %q", u.Host)
	}
	if u.Path == "" {
		u.Path = "/"
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	for _, seg := range strings.Split(strings.Trim(u.Path, "/"), "/") {
		if seg == "." || seg == ".." {
			return nil, fmt.Errorf("pas de segment « %s » dans le chemin", seg)
		}
		if seg != "" && !segmentRe.MatchString(seg) {
			return nil, fmt.Errorf("le chemin ne peut contenir que des lettres sans accent, des chiffres, -, _, . et ~ (pas de %% ni d'autre signe) : %q", seg)
		}
	}
	if strings.Contains(u.Path, "//") {
		return nil, fmt.Errorf("deux / de suite dans le chemin")
	}
	u.RawPath = ""
	return u, nil
}

var (
	hostRe    = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$`)
	segmentRe = regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)
)

// ValidYear tells whether y can be a year of a schema or of its figures:
// outside these bounds (0222, 20205) it is a typing error.
func ValidYear(y int) bool { return y >= 1990 && y <= 2100 }

// ValidPeriod tells whether start-end can be the period of a schema.
func ValidPeriod(start, end int) bool { return ValidYear(start) && ValidYear(end) && start <= end }
