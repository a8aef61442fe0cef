package compliance

import (
	"bytes"
	"strings"
	"testing"

	"spaser/internal/config"
	"spaser/internal/followup"
	"spaser/internal/indicator"
)

func f(v float64) *float64 { return &v }

// compute sums up cat as spaser check does: from its follow-up.
func compute(cfg *config.Config, cat *indicator.Catalogue, year int) *Report {
	var years []int
	for y := cfg.DataFrom; y <= cfg.PeriodEnd; y++ {
		years = append(years, y)
	}
	return Compute(cfg, cat, followup.Compute(cat, years), year)
}

func catalogue() *indicator.Catalogue {
	marches := indicator.Units["marches"]
	euros := indicator.Units["euros_ht"]
	heures := indicator.Units["heures"]
	a := &indicator.Indicator{ID: "a", Kind: indicator.Share, Unit: marches, Targets: []indicator.Target{{Year: 2024, Value: 30}},
		Values: []*indicator.Measure{{Year: 2023, Count: f(3), Total: f(9)}, {Year: 2024, Share: f(40)}}}
	b := &indicator.Indicator{ID: "b", Kind: indicator.Value, Unit: euros,
		Values: []*indicator.Measure{{Year: 2023, Value: f(1000)}, {Year: 2024, Source: "sans chiffre"}}}
	c := &indicator.Indicator{ID: "c", Kind: indicator.Count, Unit: heures, Targets: []indicator.Target{{Year: 2026, Value: 100}}}
	return &indicator.Catalogue{List: []*indicator.Indicator{a, b, c}, Years: []int{2023, 2024}, Units: indicator.Units}
}

func TestCompute(t *testing.T) {
	cfg := &config.Config{PeriodStart: 2023, PeriodEnd: 2028, DataFrom: 2021}
	r := compute(cfg, catalogue(), 2025)
	if r.Indicators != 3 || r.Legal != 2 || r.Targets != 2 || r.LegalTgt != 1 || strings.Join(r.NoTarget, ",") != "b" {
		t.Errorf("counts: %+v", r)
	}
	if len(r.Elapsed) != 2 || r.PerYear[2023] != 2 || r.PerYear[2024] != 1 || r.Complete != 1 || r.Latest != 2024 || r.Stale() {
		t.Errorf("years: %+v", r)
	}
	var b bytes.Buffer
	r.Write(&b)
	for _, w := range []string{
		"Indicateurs : 3, dont 2 exprimés en nombre de contrats ou en valeur (unités consultations, euros_ht, marches).",
		"Objectifs chiffrés : 2 indicateurs sur 3 en ont un (1 sur 2 parmi ceux en nombre de contrats ou en valeur).",
		"Sans objectif : b.",
		"Années écoulées du schéma : 2023 à 2024. Indicateurs renseignés par année : 2023 : 2 sur 3 ; 2024 : 1 sur 3.",
		"Une valeur pour chaque année écoulée : 1 indicateur sur 3.",
		"Derniers chiffres publiés : 2024 (il y a 1 an).",
	} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("missing %q in:\n%s", w, b.String())
		}
	}
	if strings.Contains(b.String(), "avertissement") {
		t.Errorf("not stale, yet:\n%s", b.String())
	}
	// Three years later, 2024 is too old; 2026 has a file to fill.
	cat := catalogue()
	cat.Years = append(cat.Years, 2026)
	r = compute(cfg, cat, 2027)
	b.Reset()
	r.Write(&b)
	if !r.Stale() || !strings.Contains(b.String(), "il y a 3 ans") || !strings.Contains(b.String(), "Publiez les chiffres de 2026 : remplissez data/valeurs/2026.toml") {
		t.Errorf("stale:\n%s", b.String())
	}
	// A year of the schema is over and nothing is published: no « derniers
	// chiffres » to call old.
	r = compute(cfg, &indicator.Catalogue{}, 2024)
	b.Reset()
	r.Write(&b)
	if !r.Stale() || !strings.Contains(b.String(), "aucun chiffre n'est publié alors que le schéma a commencé") || strings.Contains(b.String(), "ont plus de") {
		t.Errorf("nothing published:\n%s", b.String())
	}
	// Before the schema starts, nothing is elapsed and nothing is late.
	r = compute(cfg, &indicator.Catalogue{}, 2023)
	if r.Stale() || len(r.Elapsed) != 0 {
		t.Errorf("at the start: %+v", r)
	}
	// Values for a year after the reference year are not counted.
	r = compute(cfg, catalogue(), 2024)
	if r.Latest != 2024 || len(r.Elapsed) != 1 {
		t.Errorf("2024: %+v", r)
	}
}

// A unit the site declares counts for L2111-3 as its legal key says.
func TestSiteUnits(t *testing.T) {
	cfg := &config.Config{PeriodStart: 2023, PeriodEnd: 2028, DataFrom: 2021,
		Units: []config.Unit{{ID: "lots", Singular: "lot", Plural: "lots", Legal: config.LegalContracts}, {ID: "repas", Singular: "repas", Plural: "repas"}}}
	units := indicator.UnitsOf(cfg)
	cat := &indicator.Catalogue{Units: units, List: []*indicator.Indicator{
		{ID: "a", Kind: indicator.Count, Unit: units["lots"]},
		{ID: "b", Kind: indicator.Count, Unit: units["repas"]},
	}}
	r := compute(cfg, cat, 2025)
	if r.Legal != 1 || strings.Join(r.LegalUnits, ",") != "consultations,euros_ht,lots,marches" {
		t.Errorf("legal %d, units %v", r.Legal, r.LegalUnits)
	}
}

func TestComputedValues(t *testing.T) {
	cat := catalogue()
	cat.List[0].Values = append(cat.List[0].Values, &indicator.Measure{Year: 2025, Count: f(1), Total: f(2), Origin: "calculé à partir des données essentielles de la commande publique"})
	r := compute(&config.Config{PeriodStart: 2023, PeriodEnd: 2028}, cat, 2026)
	var b bytes.Buffer
	r.Write(&b)
	if r.DECP != 1 || r.Latest != 2025 || !strings.Contains(b.String(), "Valeurs calculées à partir des données essentielles de la commande publique (data/decp/) : 1.") {
		t.Errorf("%+v\n%s", r, b.String())
	}
}
