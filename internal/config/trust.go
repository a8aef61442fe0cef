package config

import (
	"net/mail"
	"net/url"
	"strings"

	"spaser/internal/diag"
)

// Adoption is [adoption] of data/site.toml: where a citizen reads the
// schema as it was adopted, and the deliberation that adopted it. The date
// itself is adoption_date.
type Adoption struct {
	// Document is the adopted document: a file of content/ written from
	// there ("/documents/spaser-2023-2028.pdf"), or a full address.
	Document string `toml:"document"`
	// Deliberation is the deliberation's address, the same way, and
	// DeliberationTitle how to name it (« Délibération n° … du … »).
	Deliberation      string `toml:"deliberation"`
	DeliberationTitle string `toml:"deliberation_title"`
}

// checkTrust checks what a citizen uses to reach the collectivité and the
// adopted document: errors for what cannot work.
func (c *Config) checkTrust(l *diag.List) {
	if e := strings.TrimSpace(c.ContactEmail); e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			l.Errorf(c.pos("contact_email"), "Écrivez une adresse seule, par exemple \"achats@exemple.fr\".", "adresse électronique de contact illisible : %q", e)
		}
	}
	for _, k := range []struct {
		path []string
		val  string
		web  bool
	}{
		{[]string{"contact_url"}, c.ContactURL, true},
		{[]string{"adoption", "document"}, c.Adoption.Document, false},
		{[]string{"adoption", "deliberation"}, c.Adoption.Deliberation, false},
	} {
		if k.val != "" && !linkOK(k.val, k.web) {
			hint := "Écrivez une adresse complète (https://…) ou le chemin d'un fichier de content/ qui commence par / (\"/documents/spaser.pdf\")."
			if k.web {
				hint = "Écrivez l'adresse complète du formulaire, qui commence par https://."
			}
			l.Errorf(c.pos(k.path...), hint, "adresse incorrecte pour %s : %q", strings.Join(k.path, "."), k.val)
		}
	}
}

// linkOK accepts an http(s) address with a host, or (unless web) a path
// from the site's root.
func linkOK(s string, web bool) bool {
	u, err := url.Parse(s)
	if err != nil || strings.ContainsAny(s, " \t\n\"<>") {
		return false
	}
	if u.Host != "" {
		return u.Scheme == "https" || u.Scheme == "http"
	}
	return !web && u.Scheme == "" && strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//")
}

// HasContactAddress reports whether a citizen can write to the
// collectivité: an e-mail address or a contact form.
func (c *Config) HasContactAddress() bool {
	return strings.TrimSpace(c.ContactEmail) != "" || strings.TrimSpace(c.ContactURL) != ""
}

// WarnPublication warns when a citizen has no address to write to the
// collectivité. spaser check calls it (a build does not: the default site,
// whose source gives no address, builds without warnings). One check for
// every page that shows the contact (mentions légales, accessibilité,
// footer, the adopted document). A missing adopted document or adoption
// date is no warning: the pages say plainly that it is not given.
func (c *Config) WarnPublication(l *diag.List) {
	if !c.HasContactAddress() {
		l.Warnf(c.pos("contact"), "Ajoutez contact_email = \"…\" ou contact_url = \"https://…\" (un formulaire) : le site, les mentions légales et la déclaration d'accessibilité les affichent.", "aucune adresse de contact : un citoyen ne peut pas écrire à la collectivité")
	}
}
