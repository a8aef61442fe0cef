package chart

import (
	"reflect"
	"testing"

	"spaser/internal/glossary"
)

// Synthetic test data, not the SPASER's figures.

var terms = &glossary.Glossary{Terms: []glossary.Term{
	{Term: "EA", Expansion: "entreprises adaptées"},
	{Term: "GES", Expansion: "gaz à effet de serre"},
	{Term: "VFE", Expansion: "véhicules à faibles émissions"},
	{Term: "VTFE", Expansion: "véhicules à très faibles émissions"},
}}

// TestExplain: every glossary term the chart writes (caption, legend,
// line labels, axis) is spelled out next to it, once, in reading order;
// a term only inside a longer word, or only in what is not drawn, is not.
func TestExplain(t *testing.T) {
	vfe, vtfe := "VFE\u00a0: véhicules à faibles émissions", "VTFE\u00a0: véhicules à très faibles émissions"
	for _, tc := range []struct {
		name   string
		change func(*Spec)
		want   []string
	}{
		{"legend", nil, []string{vfe, vtfe}},
		{"caption first", func(s *Spec) { s.Caption = "Émissions de GES et VTFE" }, []string{"GES\u00a0: gaz à effet de serre", vtfe, vfe}},
		{"not inside a word", func(s *Spec) { s.Caption = "EAU et VFEs" }, []string{vfe, vtfe}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustBuild(t, vehicles())
			if tc.change != nil {
				tc.change(s)
			}
			s.Explain(terms)
			if !reflect.DeepEqual(s.Notes, tc.want) || !reflect.DeepEqual(s.Wide.Notes, tc.want) {
				t.Errorf("notes %q, wide %q, want %q", s.Notes, s.Wide.Notes, tc.want)
			}
		})
	}
}

// TestExplainUndrawn: a target about a part whose values are not
// published is not drawn, so its acronym label is not explained; without
// a glossary there is no note.
func TestExplainUndrawn(t *testing.T) {
	ind := vehicles()
	ind.Targets[2].Breakdown = "Utilitaires"
	s := mustBuild(t, ind)
	s.Explain(terms)
	if want := []string{"VFE\u00a0: véhicules à faibles émissions"}; !reflect.DeepEqual(s.Notes, want) {
		t.Errorf("notes %q, want %q", s.Notes, want)
	}
	s.Explain(nil)
	if s.Notes != nil {
		t.Errorf("notes without a glossary: %q", s.Notes)
	}
}
