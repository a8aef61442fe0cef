package site

import (
	"testing"

	"spaser/internal/config"
)

func TestQualifiedLabel(t *testing.T) {
	axe := &Page{Level: 1, Number: "2", LevelName: config.Level{Singular: "Axe"}}
	enjeu := &Page{Level: 2, Number: "2", LevelName: config.Level{Singular: "Enjeu"}, Parent: axe}
	action := &Page{Level: 3, Number: "2.1", LevelName: config.Level{Singular: "Action"}, Parent: enjeu}
	other := &Page{Title: "Mentions légales"}
	for p, want := range map[*Page]string{
		axe:    "Axe\u00a02",
		enjeu:  "Axe\u00a02, enjeu\u00a02",
		action: "Axe\u00a02, action\u00a02.1",
		other:  "",
	} {
		if got := p.QualifiedLabel(); got != want {
			t.Errorf("QualifiedLabel = %q, want %q", got, want)
		}
	}
}
