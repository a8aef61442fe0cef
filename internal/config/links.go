package config

import (
	"spaser/internal/diag"
	"spaser/internal/safeurl"
)

// checkLinks reports the addresses of the configuration that become links
// and may not (javascript:, data:…): html/template would write them as
// "#ZgotmplZ" without a word.
func (c *Config) checkLinks(l *diag.List) {
	for _, f := range []struct {
		key []string
		url string
	}{
		{[]string{"accessibility", "schema_url"}, c.Access.SchemaURL},
		{[]string{"accessibility", "plan_url"}, c.Access.PlanURL},
	} {
		if err := safeurl.Check(f.url); err != nil {
			l.Errorf(c.pos(f.key...), "Écrivez une adresse complète, par exemple \"https://www.exemple.fr/accessibilite/schema.pdf\".", "%v", err)
		}
	}
}
