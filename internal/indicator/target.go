package indicator

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/glossary"
	"spaser/internal/tomlfile"
)

// Figured reports whether the indicator's values and targets are figures
// (not a milestone or a qualitative commitment).
func (ind *Indicator) Figured() bool { return ind.Kind != Milestone && ind.Kind != Qualitative }

// Form is the shape of a target.
type Form int

const (
	Threshold  Form = iota // at least, or at most, Value
	Range                  // between Low and Value
	FloorAim               // aim Value, never below Low
	Relative               // Factor times the figure of BaseYear
	Done                   // a milestone to reach (Text)
	Commitment             // a qualitative commitment (Text)
)

// Target is an objective. Its year says when it applies: a stepped target
// (Year) is in force from its year until the next step of its series; a
// deadline (By) is to be reached by the end of its year, and before it the
// path from the starting figure counts. A target with neither applies at
// the end of the schéma's period (By = period_end, NoYear).
type Target struct {
	Year   int
	By     int
	NoYear bool

	Form     Form
	Value    float64 // the figure to reach: the threshold, the aim, the upper end of a range
	Low      float64 // the lower end of a range, the floor
	AtMost   bool    // Threshold, Relative: « au plus »
	Factor   float64 // Relative: ×2 → 2, +50 % → 1.5, −30 % → 0.7
	Change   bool    // Relative written as a change in percent (+50 %), not a factor (×2)
	BaseYear int     // Relative: the year of the starting figure
	Text     string  // Done, Commitment: the wording of the schéma

	Label     string
	Breakdown string
	Source    string
	Pos       diag.Pos
}

// Figured reports whether t is stated as a figure to reach: a milestone or
// a commitment is not.
func (t Target) Figured() bool { return t.Form != Done && t.Form != Commitment }

// SeriesKey names the series of a target: the steps of one objective share
// a label and a breakdown.
func (t Target) SeriesKey() string { return t.Label + "\x00" + t.Breakdown }

// Due is the year from which the target is judged as reached or not: the
// first year of a step, the deadline's year.
func (t Target) Due() int {
	if t.By != 0 {
		return t.By
	}
	return t.Year
}

// Stepped reports whether the target is a step in force from its year.
func (t Target) Stepped() bool { return t.By == 0 }

// Absolute is the figure a relative target aims at, from the starting
// figure base.
func (t Target) Absolute(base float64) float64 { return base * t.Factor }

type targetTOML struct {
	Year         int      `toml:"year"`
	By           int      `toml:"by"`
	Value        *float64 `toml:"value"`
	AtLeast      *float64 `toml:"at_least"`
	AtMost       *float64 `toml:"at_most"`
	Min          *float64 `toml:"min"`
	Max          *float64 `toml:"max"`
	Floor        *float64 `toml:"floor"`
	Factor       *float64 `toml:"factor"`
	Change       *float64 `toml:"change"`
	BaselineYear int      `toml:"baseline_year"`
	Text         string   `toml:"text"`
	Label        string   `toml:"label"`
	// LabelMeaning is deprecated: the glossary explains acronyms
	// (glossary.Alias).
	LabelMeaning *string `toml:"label_meaning"`
	Breakdown    string  `toml:"breakdown"`
	Source       string  `toml:"source"`
}

// addTargets reads the [[indicator.target]] blocks of ind, in the order of
// their years. p is the indicator's header. It returns the deprecated
// label_meaning explanations, for the glossary.
func addTargets(l *diag.List, ind *Indicator, ts []targetTOML, p diag.Pos, idx *tomlfile.Index, cfg *config.Config) []glossary.Alias {
	var aliases []glossary.Alias
	tlines := idx.Lines("indicator", "target")
	for _, t := range ts {
		tp := nthLine(p, tlines, p.Line)
		tlines = dropUntil(tlines, tp.Line)
		tb := block{pos: tp, idx: idx, path: []string{"indicator", "target"}}
		if t.LabelMeaning != nil {
			aliases = append(aliases, glossary.Alias{Term: t.Label, Expansion: *t.LabelMeaning, Pos: tb.at("label_meaning")})
		}
		if tg, ok := readTarget(l, ind, t, tb, cfg); ok {
			tg.Pos = tp
			ind.Targets = append(ind.Targets, tg)
		}
	}
	if !ind.Figured() && len(ind.Targets) == 0 && len(ts) == 0 {
		// A milestone or a commitment is its own target: by the schéma's end.
		f := Done
		if ind.Kind == Qualitative {
			f = Commitment
		}
		ind.Targets = append(ind.Targets, Target{By: cfg.PeriodEnd, NoYear: true, Form: f, Pos: p})
	}
	sort.SliceStable(ind.Targets, func(i, j int) bool { return ind.Targets[i].Due() < ind.Targets[j].Due() })
	return aliases
}

type numberKey struct {
	key string
	v   *float64
}

// readTarget checks one target block; false when it cannot be used.
func readTarget(l *diag.List, ind *Indicator, t targetTOML, b block, cfg *config.Config) (Target, bool) {
	id := ind.ID
	tg := Target{Year: t.Year, By: t.By, Text: t.Text, Label: t.Label, Breakdown: t.Breakdown, Source: t.Source}
	switch {
	case t.Year != 0 && t.By != 0:
		l.Errorf(b.at("by"), "Écrivez year = AAAA pour un palier qui s'applique à partir de cette année, ou by = AAAA pour une échéance (« d'ici fin AAAA »), pas les deux.", "objectif de l'indicateur %s avec year et by", id)
		return tg, false
	case t.Year != 0:
		checkYear(l, b.at("year"), t.Year, cfg, "objectif")
	case t.By != 0:
		checkYear(l, b.at("by"), t.By, cfg, "objectif")
	default:
		tg.By, tg.NoYear = cfg.PeriodEnd, true
	}
	numbers := []numberKey{{"value", t.Value}, {"at_least", t.AtLeast}, {"at_most", t.AtMost}, {"min", t.Min}, {"max", t.Max}, {"floor", t.Floor}, {"factor", t.Factor}, {"change", t.Change}}
	if !ind.Figured() {
		for _, n := range numbers {
			if n.v != nil {
				l.Errorf(b.at(n.key), "Un jalon ou un engagement qualitatif n'a pas de chiffre : décrivez-le avec text = \"…\" et, s'il a une échéance, by = AAAA.", "« %s » ne s'applique pas à l'indicateur %s (%s)", n.key, id, Kinds[ind.Kind])
				return tg, false
			}
		}
		tg.Form = Done
		if ind.Kind == Qualitative {
			tg.Form = Commitment
		}
		return tg, true
	}
	if t.Text != "" {
		l.Errorf(b.at("text"), "text décrit l'objectif d'un jalon (kind = \"milestone\") ou d'un engagement qualitatif (kind = \"qualitative\") ; pour un objectif chiffré, écrivez value = ….", "« text » ne s'applique pas à l'objectif chiffré de l'indicateur %s", id)
		return tg, false
	}
	var set []string
	for _, n := range numbers {
		if n.v != nil {
			if math.IsNaN(*n.v) || math.IsInf(*n.v, 0) {
				l.Errorf(b.at(n.key), "Écrivez un nombre.", "objectif de l'indicateur %s : %s n'est pas un nombre", id, n.key)
				return tg, false
			}
			set = append(set, n.key)
		}
	}
	const forms = "Écrivez l'objectif sous une de ces formes : value = … (au moins, ou au plus si direction = \"down\") ; at_least = … ou at_most = … ; min = … et max = … (une fourchette) ; value = … et floor = … (un objectif et un plancher) ; factor = … ou change = … avec baseline_year = AAAA (un objectif relatif)."
	has := func(k string) bool {
		for _, s := range set {
			if s == k {
				return true
			}
		}
		return false
	}
	one := func(keys ...string) bool { // exactly the keys given
		if len(set) != len(keys) {
			return false
		}
		for _, k := range keys {
			if !has(k) {
				return false
			}
		}
		return true
	}
	switch {
	case len(set) == 0:
		l.Errorf(b.pos, forms, "objectif sans valeur pour l'indicateur %s", id)
		return tg, false
	case one("value"):
		tg.Value, tg.AtMost = *t.Value, ind.Direction == "down"
	case one("at_least"):
		tg.Value = *t.AtLeast
	case one("at_most"):
		tg.Value, tg.AtMost = *t.AtMost, true
	case one("min", "max"):
		tg.Form, tg.Low, tg.Value = Range, *t.Min, *t.Max
		if tg.Low > tg.Value {
			l.Errorf(b.at("min"), "min est le bas de la fourchette, max le haut : inversez-les.", "fourchette inversée pour l'indicateur %s (%v à %v)", id, tg.Low, tg.Value)
			return tg, false
		}
	case one("value", "floor") || one("at_least", "floor"):
		tg.Form, tg.Low, tg.Value = FloorAim, *t.Floor, *t.aim()
		if ind.Direction == "down" || tg.Low > tg.Value {
			l.Errorf(b.at("floor"), "Le plancher (floor) est le minimum à ne jamais franchir vers le bas, en dessous de l'objectif (value), pour un indicateur à la hausse.", "plancher incorrect pour l'indicateur %s (%v pour un objectif de %v)", id, tg.Low, tg.Value)
			return tg, false
		}
	case (one("factor") || one("change")) && t.BaselineYear == 0:
		l.Errorf(b.pos, "Un objectif relatif se mesure par rapport à une année : ajoutez baseline_year = AAAA (l'année de la situation de départ).", "objectif relatif sans année de départ pour l'indicateur %s", id)
		return tg, false
	case one("factor"):
		tg.Form, tg.Factor, tg.BaseYear = Relative, *t.Factor, t.BaselineYear
		if tg.Factor <= 0 || tg.Factor == 1 {
			l.Errorf(b.at("factor"), "factor multiplie la situation de départ : 2 pour « doubler », 0.5 pour « diviser par deux ».", "facteur impossible pour l'indicateur %s : %v", id, tg.Factor)
			return tg, false
		}
	case one("change"):
		tg.Form, tg.Factor, tg.Change, tg.BaseYear = Relative, 1+*t.Change/100, true, t.BaselineYear
		if *t.Change <= -100 || *t.Change == 0 {
			l.Errorf(b.at("change"), "change est une évolution en pourcentage : 50 pour « +50 % », -30 pour « −30 % ».", "évolution impossible pour l'indicateur %s : %v %%", id, *t.Change)
			return tg, false
		}
	default:
		l.Errorf(b.at(set[len(set)-1]), forms, "objectif de l'indicateur %s : clés incompatibles (%s)", id, strings.Join(set, ", "))
		return tg, false
	}
	if tg.Form == Relative {
		tg.AtMost = tg.Factor < 1
		if t.BaselineYear < 1900 || t.BaselineYear > cfg.PeriodEnd {
			l.Errorf(b.at("baseline_year"), fmt.Sprintf("L'année de départ précède la fin du schéma (%d).", cfg.PeriodEnd), "année de départ impossible pour l'indicateur %s : %d", id, t.BaselineYear)
			return tg, false
		}
	} else if t.BaselineYear != 0 {
		l.Errorf(b.at("baseline_year"), "baseline_year accompagne un objectif relatif (factor ou change).", "« baseline_year » sans objectif relatif pour l'indicateur %s", id)
	}
	for _, k := range set {
		v := *numbers[slices.IndexFunc(numbers, func(n numberKey) bool { return n.key == k })].v
		if k != "factor" && k != "change" && (v < 0 || (ind.InPercent() && v > 100)) {
			l.Errorf(b.at(k), "Un objectif est un nombre positif ; pour un pourcentage, de 0 à 100.", "objectif %d impossible : %v", tg.Due(), v)
			return tg, false
		}
	}
	return tg, true
}

// aim is the aim of a floor-and-aim target: value or at_least.
func (t targetTOML) aim() *float64 {
	if t.Value != nil {
		return t.Value
	}
	return t.AtLeast
}
