package indicator

import (
	"sort"

	"spaser/internal/config"
)

// UnitsOf returns the units a site's indicators may use: the built-in
// Units, plus those data/site.toml declares ([[units]]), which replace a
// built-in one of the same id.
func UnitsOf(cfg *config.Config) map[string]Unit {
	out := make(map[string]Unit, len(Units)+len(cfg.Units))
	for id, u := range Units {
		out[id] = u
	}
	for _, u := range cfg.Units {
		if u.ID == "" {
			continue // reported by config
		}
		out[u.ID] = Unit{ID: u.ID, One: u.Singular, Many: u.Plural,
			Contracts: u.Legal == config.LegalContracts, Money: u.Legal == config.LegalValue}
	}
	return out
}

// UnitIDs lists the ids of units, sorted.
func UnitIDs(units map[string]Unit) []string {
	out := make([]string, 0, len(units))
	for id := range units {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
