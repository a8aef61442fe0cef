package config

import (
	"spaser/internal/decp"
	"spaser/internal/diag"
	"spaser/internal/tomlfile"
)

// Decp is the [decp] table: the buyer's identifiers in the données
// essentielles de la commande publique (data/decp/).
type Decp struct {
	Acheteurs []string `toml:"acheteurs"` // SIRET (14 digits) or SIREN (9 digits, every establishment)
}

// Buyers are the identifiers, checked.
func (d Decp) Buyers() (decp.Buyers, error) { return decp.NewBuyers(d.Acheteurs) }

// checkDecp checks that every identifier is a SIRET or a SIREN.
func (c *Config) checkDecp(l *diag.List) {
	if _, err := c.Decp.Buyers(); err != nil {
		l.Errorf(diag.Pos{File: File, Line: tomlfile.Line(c.src, "decp", "acheteurs")},
			"Écrivez le SIRET (14 chiffres) de chaque établissement qui publie les marchés, ou le SIREN (9 chiffres) pour tous ses établissements, par exemple acheteurs = [\"12345678900011\"].",
			"[decp] %v", err)
	}
}
