package indicator

import (
	"cmp"
	"fmt"
	"time"

	"spaser/internal/diag"
	"spaser/internal/typo"
)

// reportTOML are the keys of a year's block beyond its figures: a
// milestone's state, a commitment's report, when the figure was published,
// its subsets.
type reportTOML struct {
	Done         *bool        `toml:"done"`
	Date         *dateTOML    `toml:"date"`
	Text         string       `toml:"text"`
	Published    *dateTOML    `toml:"published"`
	UnstatedYear bool         `toml:"unstated_year"`
	Subset       []detailTOML `toml:"subset"`
}

// dateTOML is a day: a TOML date (2025-03-14) or the same in quotes, as
// editors also write it. What is neither is kept to be reported at its key.
type dateTOML struct {
	t   time.Time
	bad string
}

func (d *dateTOML) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case time.Time:
		d.t = x
	case string:
		t, err := time.Parse(time.DateOnly, x)
		if err != nil {
			d.bad = x
		}
		d.t = t
	default:
		d.bad = fmt.Sprint(v)
	}
	return nil
}

// isoDate writes a date as "2025-03-14" (its zone is never used).
func isoDate(d *dateTOML) string {
	if d == nil || d.bad != "" {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// readReport checks the keys of r against the kind of ind and sets them
// on m; f are the block's figures.
func readReport(l *diag.List, b block, ind *Indicator, f figuresTOML, r reportTOML, m *Measure) {
	m.Text, m.Date, m.Published, m.UnstatedYear = r.Text, isoDate(r.Date), isoDate(r.Published), r.UnstatedYear
	m.Done = r.Done
	for _, d := range []struct {
		key string
		d   *dateTOML
	}{{"date", r.Date}, {"published", r.Published}} {
		if d.d == nil {
			continue
		}
		if d.d.bad != "" || d.d.t.Year() < 1900 || d.d.t.Year() > 2200 {
			l.Errorf(b.at(d.key), "Écrivez la date sous la forme AAAA-MM-JJ, sans guillemets : 2025-03-14.", "date illisible ou impossible pour l'indicateur %s : %s", ind.ID, cmp.Or(d.d.bad, d.d.t.Format(time.DateOnly)))
			if d.key == "date" {
				m.Date = ""
			} else {
				m.Published = ""
			}
		}
	}
	if r.UnstatedYear && r.Published == nil {
		l.Errorf(b.at("unstated_year"), "Quand la source ne dit pas l'année mesurée, indiquez la date de publication du chiffre : published = AAAA-MM-JJ (le fichier est celui de l'année de publication).", "unstated_year sans date de publication (published) pour l'indicateur %s", ind.ID)
	}
	switch ind.Kind {
	case Milestone:
		if f.any() {
			l.Errorf(b.pos, "Un jalon s'écrit done = true (fait) ou done = false (pas encore), avec date = AAAA-MM-JJ quand il est fait.", "chiffre donné pour le jalon %s", ind.ID)
		}
		if r.Done == nil && !m.Missing {
			l.Errorf(b.pos, "Ajoutez done = true (fait) ou done = false (pas encore).", "jalon %s sans état (done)", ind.ID)
		}
		if r.Date != nil && r.Done != nil && !*r.Done {
			l.Errorf(b.at("date"), "date est la date à laquelle le jalon a été franchi : supprimez-la, ou écrivez done = true.", "date donnée pour le jalon %s, qui n'est pas fait", ind.ID)
		}
	case Qualitative:
		if f.any() {
			l.Errorf(b.pos, "Un engagement qualitatif se suit par un court texte : text = \"ce qui a été fait dans l'année\".", "chiffre donné pour l'engagement qualitatif %s", ind.ID)
		}
		if r.Text == "" && !m.Missing {
			l.Errorf(b.pos, "Ajoutez text = \"…\" : ce qui a été fait dans l'année, en une ou deux phrases.", "engagement qualitatif %s sans compte rendu (text)", ind.ID)
		}
	default:
		for _, k := range []struct {
			key string
			set bool
		}{{"done", r.Done != nil}, {"date", r.Date != nil}, {"text", r.Text != ""}} {
			if k.set {
				l.Errorf(b.at(k.key), "done et date suivent un jalon (kind = \"milestone\"), text un engagement qualitatif (kind = \"qualitative\") ; cet indicateur se suit par un chiffre, écrivez-le avec value, count, total ou share, et un commentaire avec comment.", "« %s » ne s'applique pas à l'indicateur %s (%s)", k.key, ind.ID, Kinds[ind.Kind])
			}
		}
	}
	if len(r.Subset) > 0 && !ind.Figured() {
		l.Errorf(b.pos, "Les sous-ensembles (subset) précisent un chiffre : « dont 19,7 % de produits bio ».", "sous-ensemble donné pour l'indicateur %s, qui n'a pas de chiffre", ind.ID)
	}
}

// any reports whether a figure is given.
func (f figuresTOML) any() bool {
	return f.Value != nil || f.Count != nil || f.Total != nil || f.Share != nil
}

// readSubsets adds the [[id.subset]] blocks to m: parts of the figure
// (« dont 19,7 % de produits bio »), unlike details, which split it.
func readSubsets(l *diag.List, idx blockIndex, ind *Indicator, subs []detailTOML, m *Measure) {
	for i, d := range subs {
		db := idx(i)
		if d.Label == "" {
			l.Errorf(db.pos, "Ajoutez label = \"…\" : ce que compte ce sous-ensemble, tel qu'il se lit après « dont 19,7 % » (par exemple \"de produits issus de l'agriculture biologique\").", "sous-ensemble sans intitulé pour l'indicateur %s", ind.ID)
		}
		checkFigures(l, db, ind, d.figuresTOML)
		sm := &Measure{Year: m.Year, Breakdown: d.Label, Comment: d.Comment, Provisional: m.Provisional, Pos: db.pos}
		d.figuresTOML.into(sm)
		m.Subsets = append(m.Subsets, sm)
	}
}

// blockIndex gives the block of the i-th table of a list.
type blockIndex func(i int) block

// Approximately writes s as approximate when m is: « environ 30 % ».
func (m *Measure) approximately(s string) string {
	if m.Approx {
		return "environ " + s
	}
	return s
}

// FormatSubset writes a subset after its whole: « dont 19,7 % de produits
// bio ».
func (ind *Indicator) FormatSubset(d *Measure) string {
	return "dont " + ind.Format(d) + " " + typo.Text(d.Breakdown)
}
