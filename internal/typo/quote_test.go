package typo

import (
	"html/template"
	"testing"
)

func TestQuoted(t *testing.T) {
	for in, want := range map[string]template.HTML{
		"Loi climat et résilience : « Au moins 30% des véhicules » ; le schéma dit « le seuil »": "Loi climat et résilience\u00a0: <q>Au moins 30\u202f% des véhicules</q>\u202f; le schéma dit «\u00a0le seuil\u00a0»",
		"« Par ailleurs, le Département atteint <ce> niveau. »":                                  "<q>Par ailleurs, le Département atteint &lt;ce&gt; niveau.</q>",
		"loi « Climat et résilience » de 2021":                                                   "loi «\u00a0Climat et résilience\u00a0» de 2021",
		"SPASER (« Source : DASIPE »)":                                                           "SPASER («\u00a0Source\u00a0: DASIPE\u00a0»)",
	} {
		if got := Quoted(in); got != want {
			t.Errorf("Quoted(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}
