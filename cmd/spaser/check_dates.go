package main

import (
	"spaser/internal/diag"
	"spaser/internal/followup"
	"spaser/internal/indicator"
)

// warnUndated warns about each values file that does not say when its
// figures were published: the site then says the date is not given and
// cannot date the next publication. Only check warns: the build shows it.
func warnUndated(c *followup.Calendar, l *diag.List) {
	for _, y := range c.Undated() {
		file := indicator.ValuesFile(y)
		l.Warnf(diag.Pos{File: file, Line: 1}, "Ajoutez en tête du fichier, avant le premier bloc, la date à laquelle ces chiffres ont été publiés : "+indicator.PublishedKey+" = AAAA-MM-JJ. Le site l'affiche et en déduit l'échéance de la prochaine publication (au plus tard deux ans après, article L2111-3).", "date de publication des chiffres de %d non indiquée", y)
	}
}
