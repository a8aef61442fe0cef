package indicator

import (
	"fmt"

	"spaser/internal/diag"
	"spaser/internal/tomlfile"
)

// A values file as `spaser new annee` writes it has every block ready to
// fill: the figures are "" until typed. yearTOML reads such a block: its
// figure fields shadow those of valueTOML (the other keys are valueTOML's
// own), and value() turns it into the valueTOML the rest of the loader
// checks, with the untouched figures and breakdowns left out.
type yearTOML struct {
	valueTOML
	Value  blankable        `toml:"value"`
	Count  blankable        `toml:"count"`
	Total  blankable        `toml:"total"`
	Share  blankable        `toml:"share"`
	Detail []yearDetailTOML `toml:"detail"`
}

type yearDetailTOML struct {
	detailTOML
	Value blankable `toml:"value"`
	Count blankable `toml:"count"`
	Total blankable `toml:"total"`
	Share blankable `toml:"share"`
}

// blankable is a figure that may be left as "": not given.
type blankable struct{ v *float64 }

func (b *blankable) UnmarshalTOML(x any) error {
	var f float64
	switch x := x.(type) {
	case int64:
		f = float64(x)
	case float64:
		f = x
	case string:
		if x == "" {
			return nil
		}
		return tomlfile.FieldError{Msg: fmt.Sprintf("nombre entre guillemets : %q", x),
			Hint: "Écrivez le nombre sans guillemets, avec un point décimal : 43.5 ; ou laissez \"\" quand le chiffre n'est pas connu."}
	default:
		return tomlfile.FieldError{Msg: "un nombre est attendu ici",
			Hint: "Écrivez le nombre sans guillemets, avec un point décimal : 43.5 ; ou laissez \"\" quand le chiffre n'est pas connu."}
	}
	b.v = &f // nan, inf and out-of-range figures: tomlfile's checkNumbers, at their key
	return nil
}

// TOMLNumber gives the figure to tomlfile's number checks.
func (b blankable) TOMLNumber() (float64, bool) {
	if b.v == nil {
		return 0, false
	}
	return *b.v, true
}

func figures(v, c, t, s blankable) figuresTOML {
	return figuresTOML{Value: v.v, Count: c.v, Total: t.v, Share: s.v}
}

func (f figuresTOML) none() bool {
	return f.Value == nil && f.Count == nil && f.Total == nil && f.Share == nil
}

func (y yearTOML) value() valueTOML {
	v := y.valueTOML
	approx := v.Approx
	v.figuresTOML = figures(y.Value, y.Count, y.Total, y.Share)
	v.Approx = approx // decoded beside the blankable figures: kept
	v.Detail = nil
	for _, d := range y.Detail {
		dt := d.detailTOML
		approx := dt.Approx
		dt.figuresTOML = figures(d.Value, d.Count, d.Total, d.Share)
		dt.Approx = approx
		v.Detail = append(v.Detail, dt)
	}
	return v
}

// untouched reports whether a block is as `spaser new annee` wrote it: no
// figure, source, comment or mark (provisional, approximate), no milestone
// or report (done, date, text, published), no subset, and no breakdown with
// a figure or comment. Such a block publishes nothing.
func (v valueTOML) untouched() bool {
	if !v.figuresTOML.none() || v.Source != "" || v.Comment != "" || v.Provisional || v.Approx {
		return false
	}
	r := v.reportTOML
	if r.Done != nil || r.Date != nil || r.Text != "" || r.Published != nil || r.UnstatedYear || len(r.Subset) > 0 {
		return false
	}
	for _, d := range v.Detail {
		if !d.figuresTOML.none() || d.Comment != "" {
			return false
		}
	}
	return true
}

// dropUntouchedDetails leaves out the breakdowns written ready to fill and
// left so: a label without figure. It returns the lines of those kept, for
// the positions.
func dropUntouchedDetails(v *valueTOML, lines []int) []int {
	var keep []detailTOML
	var kept []int
	for i, d := range v.Detail {
		if d.figuresTOML.none() && d.Comment == "" {
			continue
		}
		keep = append(keep, d)
		if i < len(lines) {
			kept = append(kept, lines[i])
		}
	}
	v.Detail = keep
	return kept
}

// checkHalfFilled reports a block begun but not finished: a number without
// what it is out of, or figures without their source.
func checkHalfFilled(l *diag.List, b block, ind *Indicator, v valueTOML) {
	countOnly := func(bb block, f figuresTOML) {
		if ind.Kind == Share && f.Count != nil && f.Total == nil && f.Share == nil {
			l.Errorf(bb.at("count"), "Ajoutez total = … (sur combien), ou share = … (le pourcentage publié) quand le total n'est pas connu.", "nombre (count) sans total ni pourcentage pour l'indicateur %s", ind.ID)
		}
	}
	countOnly(b, v.figuresTOML)
	figures := !v.figuresTOML.none()
	dlines := b.idx.Lines(append(b.path, "detail")...)
	for i, d := range v.Detail {
		db := block{pos: b.pos, idx: b.idx, path: append(b.path, "detail")}
		if i < len(dlines) {
			db.pos.Line = dlines[i]
		}
		countOnly(db, d.figuresTOML)
		figures = figures || !d.figuresTOML.none()
	}
	if figures && v.Source == "" {
		l.Warnf(b.at("source"), "Ajoutez source = \"…\" : le document qui publie ce chiffre (rapport, délibération, tableau de bord).", "chiffre sans source pour l'indicateur %s", ind.ID)
	}
}
