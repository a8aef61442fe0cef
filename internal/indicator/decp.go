package indicator

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"time"

	"spaser/internal/config"
	"spaser/internal/decp"
	"spaser/internal/diag"
)

// DECPSource is the source of the values computed from the DECP.
const DECPSource = "données essentielles de la commande publique (DECP)"

// checkDecp checks the decp key of a catalogue entry: a known measure, in
// a kind and unit that can hold it.
func checkDecp(l *diag.List, p diag.Pos, ind *Indicator) {
	if ind.Decp == "" {
		return
	}
	info, ok := decp.Measures[ind.Decp]
	if !ok {
		names := decp.MeasureNames()
		l.Errorf(p, diag.DidYouMean(ind.Decp, names, "Mesures possibles : "+fmt.Sprint(names)+"."), "indicateur %s : mesure DECP inconnue %q", ind.ID, ind.Decp)
		ind.Decp = ""
		return
	}
	kind, unit := Count, "marches"
	if info.Share {
		kind = Share
	}
	if info.Money {
		unit = "euros_ht"
	}
	if info.Money && !info.Share {
		kind = Value
	}
	if ind.Kind != kind || ind.Unit.ID != unit {
		l.Errorf(p, fmt.Sprintf("La mesure %q se publie avec kind = %q et unit = %q.", ind.Decp, kind, unit),
			"indicateur %s : la mesure DECP %q ne convient pas à son type (%s) ou à son unité (%s)", ind.ID, ind.Decp, ind.Kind, ind.Unit.ID)
		ind.Decp = ""
	}
}

// loadDECP counts the contracts of data/decp/ for the buyers of [decp]
// and adds each computed year to the indicators that take their values
// from the DECP. A value typed for such a year is an error: a figure has
// one source.
func (c *Catalogue) loadDECP(fsys fs.FS, cfg *config.Config, l *diag.List) {
	var uses []*Indicator
	for _, ind := range c.List {
		if ind.Decp != "" {
			uses = append(uses, ind)
		}
	}
	buyers, err := cfg.Decp.Buyers()
	if err != nil {
		return // reported by config
	}
	if buyers.Empty() {
		for _, ind := range uses {
			l.Errorf(ind.Pos, "Déclarez l’acheteur dans data/site.toml : [decp] acheteurs = [\"SIRET\"].", "indicateur %s : ses valeurs viennent des DECP (decp = %q) mais aucun acheteur n’est déclaré", ind.ID, ind.Decp)
		}
		return
	}
	if _, err := fs.Stat(fsys, decp.Dir); err != nil {
		if len(uses) > 0 {
			l.Warnf(diag.Pos{File: decp.Dir}, "Téléchargez les DECP de l’acheteur (voir le guide) et placez-les dans data/decp/.", "aucun fichier DECP : les indicateurs calculés à partir des DECP restent non renseignés")
		}
		return
	}
	var w decp.Warnings
	last := time.Date(cfg.PeriodEnd, 12, 31, 0, 0, 0, 0, time.UTC) // not the clock: a build depends on its files only
	r, err := decp.CountDir(fsys, decp.Dir, buyers, last, &w)
	l.Merge(&w.List)
	if w.Dropped > 0 {
		l.Warnf(diag.Pos{File: decp.Dir}, "", "%d autres avertissements sur les DECP non affichés", w.Dropped)
	}
	if err != nil {
		var e *decp.Error
		if errors.As(err, &e) {
			l.Errorf(e.Pos(), "Téléchargez le fichier à nouveau, ou corrigez-le à l’endroit indiqué : aucun chiffre n’est calculé d’un fichier lu à moitié.", "%s", e.Msg)
		} else {
			l.Errorf(diag.Pos{File: decp.Dir}, "", "DECP illisibles : %v", err)
		}
		return
	}
	c.DECP = r
	for _, ind := range uses {
		c.mergeDECP(ind, r, cfg, l)
	}
	sort.Ints(c.Years)
}

func (c *Catalogue) mergeDECP(ind *Indicator, r *decp.Report, cfg *config.Config, l *diag.List) {
	for _, y := range r.Years {
		if y.Year < cfg.DataFrom || y.Year > cfg.PeriodEnd {
			continue
		}
		f, ok := y.Measure(ind.Decp)
		if !ok {
			continue
		}
		if typed := ind.ValueAt(y.Year); typed != nil {
			l.Errorf(typed.Pos, fmt.Sprintf("Les valeurs de %s sont calculées à partir des DECP (decp = %q dans %s, ligne %d) : retirez celle-ci, ou retirez decp du catalogue pour saisir les valeurs à la main.", ind.ID, ind.Decp, CatalogueFile, ind.Pos.Line),
				"valeur de %s pour %d saisie alors que les DECP (data/decp/) la calculent", ind.ID, y.Year)
			continue
		}
		m := &Measure{Year: y.Year, Source: DECPSource, Origin: y.Provenance(ind.Decp), Pos: diag.Pos{File: decp.Dir}}
		if f.Share {
			m.Count, m.Total = &f.Count, &f.Total
		} else {
			m.Value = &f.Value
		}
		ind.Values = append(ind.Values, m)
		if !slices.Contains(c.Years, y.Year) {
			c.Years = append(c.Years, y.Year)
		}
	}
	sort.SliceStable(ind.Values, func(i, j int) bool { return ind.Values[i].Year < ind.Values[j].Year })
}
