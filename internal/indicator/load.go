package indicator

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"spaser/internal/config"
	"spaser/internal/decp"
	"spaser/internal/diag"
	"spaser/internal/glossary"
	"spaser/internal/slug"
	"spaser/internal/srcfile"
	"spaser/internal/tomlfile"
)

// Files in the source folder.
const (
	CatalogueFile = "data/indicateurs.toml"
	ValuesDir     = "data/valeurs"
)

// ValuesFile is the values file of year: data/valeurs/AAAA.toml.
func ValuesFile(year int) string { return path.Join(ValuesDir, fmt.Sprintf("%d.toml", year)) }

type catalogueTOML struct {
	Indicator []entryTOML `toml:"indicator"`
}

type entryTOML struct {
	ID         string         `toml:"id"`
	Label      string         `toml:"label"`
	ShortLabel string         `toml:"short_label"`
	Definition string         `toml:"definition"`
	Kind       string         `toml:"kind"`
	Unit       string         `toml:"unit"`
	Direction  string         `toml:"direction"`
	Target     []targetTOML   `toml:"target"`
	Baseline   []baselineTOML `toml:"baseline"`
	Decp       string         `toml:"decp"`
}

type figuresTOML struct {
	Value  *float64 `toml:"value"`
	Count  *float64 `toml:"count"`
	Total  *float64 `toml:"total"`
	Share  *float64 `toml:"share"`
	Approx bool     `toml:"approx"`
}

type baselineTOML struct {
	figuresTOML
	Year      int    `toml:"year"`
	Period    string `toml:"period"`
	Breakdown string `toml:"breakdown"`
	Source    string `toml:"source"`
	Missing   bool   `toml:"missing"`
	Note      string `toml:"note"`
}

type valueTOML struct {
	figuresTOML
	reportTOML
	Provisional bool         `toml:"provisional"`
	Source      string       `toml:"source"`
	Comment     string       `toml:"comment"`
	Detail      []detailTOML `toml:"detail"`
}

type detailTOML struct {
	figuresTOML
	Label   string `toml:"label"`
	Comment string `toml:"comment"`
}

// Catalogue is every indicator, in the order of the file.
type Catalogue struct {
	List  []*Indicator
	ByID  map[string]*Indicator
	Years []int           // years that have a values file or computed values, ascending
	Units map[string]Unit // the units of the site (UnitsOf)
	DECP  *decp.Report    // what the DECP files gave, nil without them
	// Published is the day each year's figures were published (the
	// values file's published key), "" when the editors have not given it.
	Published map[int]string
	// PeriodStart is the schéma's first year: the years before it are
	// reference years (data_from in data/site.toml).
	PeriodStart int
	// Aliases are the acronyms explained by a target's label_meaning,
	// deprecated: build hands them to the glossary (glossary.Adopt).
	Aliases []glossary.Alias

	broken map[string]bool // ids of blocks with an error of their own (Unreadable)
}

// Load reads the catalogue and every values file.
func Load(fsys fs.FS, cfg *config.Config, l *diag.List) *Catalogue {
	c := &Catalogue{ByID: map[string]*Indicator{}, Units: UnitsOf(cfg), broken: map[string]bool{},
		Published: map[int]string{}, PeriodStart: cfg.PeriodStart}
	if _, err := fs.Stat(fsys, CatalogueFile); err != nil {
		if !srcfile.Missing(l, fsys, diag.Pos{File: CatalogueFile}, err) {
			return c
		}
		l.Warnf(diag.Pos{File: CatalogueFile}, "Créez ce fichier pour publier les indicateurs de suivi (voir le README).", "catalogue des indicateurs introuvable : aucun indicateur ne sera publié")
		return c
	}
	src, ok := srcfile.Read(fsys, CatalogueFile, l)
	if !ok {
		return c
	}
	idx := tomlfile.NewIndex(src)
	facts := factKeys(cfg, l)
	entries, broken := decodeCatalogue(src, idx, facts, l)
	for _, id := range broken {
		c.broken[id] = true
	}
	for i, e := range entries {
		p := diag.Pos{File: CatalogueFile, Line: e.line}
		if ind := c.addEntry(e.entry, p, idx, i, cfg, l); ind != nil {
			setFacts(ind, e.facts, facts, block{pos: p, idx: idx, path: []string{"indicator"}}, cfg, l)
			c.List = append(c.List, ind)
		}
	}
	c.loadValues(fsys, cfg, l)
	c.loadDECP(fsys, cfg, l)
	c.checkPlausible(l)
	checkStrayYears(fsys, l)
	return c
}

func (c *Catalogue) addEntry(e entryTOML, p diag.Pos, idx *tomlfile.Index, i int, cfg *config.Config, l *diag.List) *Indicator {
	blk := block{pos: p, idx: idx, path: []string{"indicator"}}
	switch {
	case e.ID == "":
		l.Errorf(p, "Ajoutez id = \"…\" : un identifiant court en minuscules et tirets, par exemple \"marches-clause-sociale\".", "indicateur sans identifiant (id)")
		return nil
	case !slug.Valid(e.ID):
		l.Errorf(p, "Utilisez des minuscules sans accents, des chiffres et des tirets, par exemple \"marches-clause-sociale\".", "identifiant d'indicateur incorrect : %q", e.ID)
		return nil
	case c.ByID[e.ID] != nil:
		l.Errorf(blk.at("id"), fmt.Sprintf("Chaque indicateur a un identifiant unique ; l'autre est à la ligne %d.", c.ByID[e.ID].Pos.Line), "identifiant d'indicateur en double : %q", e.ID)
		return nil
	}
	ind := &Indicator{ID: e.ID, Label: e.Label, ShortLabel: e.ShortLabel, Definition: e.Definition,
		Kind: Kind(e.Kind), Direction: e.Direction, Pos: p}
	c.ByID[e.ID] = ind
	if strings.TrimSpace(e.Label) == "" {
		l.Errorf(blk.at("label"), "Ajoutez label = \"…\" : l'intitulé de l'indicateur tel que le schéma le formule.", "indicateur %s sans intitulé (label)", e.ID)
	}
	const kinds = "\"count\" (un nombre), \"value\" (un montant), \"share\" (un nombre sur un total, dont le pourcentage est calculé), \"milestone\" (un jalon : fait ou non) ou \"qualitative\" (un engagement sans chiffre)"
	units := strings.Join(UnitIDs(c.Units), ", ")
	switch _, ok := Kinds[ind.Kind]; {
	case e.Kind == "":
		l.Errorf(blk.at("kind"), "Ajoutez kind = "+kinds+".", "indicateur %s sans type (kind)", e.ID)
	case !ok:
		l.Errorf(blk.at("kind"), "kind vaut "+kinds+".", "indicateur %s : type (kind) inconnu %q", e.ID, e.Kind)
	}
	u, ok := c.Units[e.Unit]
	switch {
	case e.Unit == "" && !ind.Figured():
	case e.Unit == "":
		l.Errorf(blk.at("unit"), "Ajoutez unit = \"…\" avec l'une de ces unités : "+units+".", "indicateur %s sans unité (unit)", e.ID)
	case !ok:
		hint := diag.DidYouMean(e.Unit, UnitIDs(c.Units), "Unités possibles : "+units+" (ou déclarez-la dans data/site.toml, [[units]]).")
		l.Errorf(blk.at("unit"), hint, "indicateur %s : unité (unit) inconnue %q", e.ID, e.Unit)
	}
	ind.Unit = u
	ind.Decp = e.Decp
	checkDecp(l, blk.at("decp"), ind)
	if ind.Direction == "" {
		ind.Direction = "up"
	} else if ind.Direction != "up" && ind.Direction != "down" {
		l.Errorf(blk.at("direction"), "direction vaut \"up\" (plus c'est mieux) ou \"down\" (moins c'est mieux).", "indicateur %s : direction inconnue %q", e.ID, e.Direction)
	}
	c.Aliases = append(c.Aliases, addTargets(l, ind, e.Target, p, idx, cfg)...)
	blines := idx.Lines("indicator", "baseline")
	for _, b := range e.Baseline {
		bp := nthLine(p, blines, p.Line)
		blines = dropUntil(blines, bp.Line)
		m := &Measure{Year: b.Year, Period: b.Period, Breakdown: b.Breakdown, Missing: b.Missing, Source: b.Source, Comment: b.Note, Pos: bp}
		b.figuresTOML.into(m)
		if b.Year == 0 && b.Period == "" {
			l.Errorf(bp, "Indiquez year = AAAA, ou period = \"…\" avec les mots de la source quand elle ne donne pas d'année précise.", "référence sans année ni période pour l'indicateur %s", e.ID)
		}
		if !b.Missing {
			checkFigures(l, block{pos: bp, idx: idx, path: []string{"indicator", "baseline"}}, ind, b.figuresTOML)
		}
		ind.Baselines = append(ind.Baselines, m)
	}
	return ind
}

// nthLine returns the position of the first line in lines after after.
func nthLine(p diag.Pos, lines []int, after int) diag.Pos {
	for _, ln := range lines {
		if ln > after {
			return diag.Pos{File: p.File, Line: ln}
		}
	}
	return p
}

func dropUntil(lines []int, line int) []int {
	for len(lines) > 0 && lines[0] <= line {
		lines = lines[1:]
	}
	return lines
}

func (f figuresTOML) into(m *Measure) {
	m.Value, m.Count, m.Total, m.Share, m.Approx = f.Value, f.Count, f.Total, f.Share, f.Approx
}

// block is a table of a TOML file (an [[indicator]], one of its targets, a
// year's [id] block or one of its details), to place a diagnostic at the
// faulty key when it is written there, at the table's first line otherwise.
type block struct {
	pos  diag.Pos // the table's header
	idx  *tomlfile.Index
	path []string // the table's path: "indicator", "indicator.target", id, id.detail
}

func (b block) at(key string) diag.Pos {
	if b.pos.Line == 0 {
		return b.pos
	}
	path := append(append([]string(nil), b.path...), key)
	if line, col := b.idx.KeyAt(b.pos.Line, path...); line > 0 {
		return diag.Pos{File: b.pos.File, Line: line, Col: col}
	}
	return b.pos
}

// checkFigures reports impossible or contradictory figures.
func checkFigures(l *diag.List, b block, ind *Indicator, f figuresTOML) {
	for _, k := range []struct {
		name string
		v    *float64
	}{{"value", f.Value}, {"count", f.Count}, {"total", f.Total}, {"share", f.Share}} {
		if k.v != nil && *k.v < 0 {
			l.Errorf(b.at(k.name), "Les indicateurs comptent des marchés, des heures, des euros : une valeur est positive ou nulle.", "nombre négatif pour l'indicateur %s : %s = %v", ind.ID, k.name, *k.v)
		}
	}
	switch ind.Kind {
	case Share:
		if f.Value != nil {
			l.Errorf(b.at("value"), "Pour cet indicateur, écrivez count (le nombre) et total (sur combien) : le pourcentage est calculé. Si seul le pourcentage est connu, écrivez share = ….", "« value » ne s'applique pas à l'indicateur %s (type share)", ind.ID)
		}
		if f.Total != nil && f.Count == nil {
			l.Errorf(b.at("total"), "Ajoutez count = … (le nombre sur ce total).", "total sans nombre (count) pour l'indicateur %s", ind.ID)
		}
		if f.Share != nil && f.Total != nil {
			l.Errorf(b.at("share"), "Le pourcentage se calcule à partir de count et total : supprimez share (il ne s'écrit que lorsque le total est inconnu).", "share et total donnés ensemble pour l'indicateur %s", ind.ID)
		}
		if f.Count != nil && f.Total != nil && *f.Count > *f.Total {
			l.Errorf(b.at("count"), "Le nombre (count) ne peut pas dépasser le total : vérifiez les deux valeurs.", "nombre supérieur au total (%v sur %v) pour l'indicateur %s", *f.Count, *f.Total, ind.ID)
		}
		if f.Share != nil && *f.Share > 100 {
			l.Errorf(b.at("share"), "share est un pourcentage de 0 à 100 (écrivez 43.5 pour 43,5 %).", "pourcentage supérieur à 100 (%v) pour l'indicateur %s", *f.Share, ind.ID)
		}
	default:
		if f.Total != nil || f.Share != nil {
			key := "share"
			if f.Total != nil {
				key = "total"
			}
			l.Errorf(b.at(key), "Cet indicateur est un nombre ou un montant : écrivez value = … (ou passez-le en kind = \"share\" dans le catalogue).", "total ou share donné pour l'indicateur %s, qui n'est pas de type share", ind.ID)
		}
		if f.Value != nil && f.Count != nil {
			l.Errorf(b.at("count"), "Écrivez la valeur une seule fois : value = ….", "value et count donnés ensemble pour l'indicateur %s", ind.ID)
		}
	}
}

func checkYear(l *diag.List, p diag.Pos, year int, cfg *config.Config, what string) {
	if year < cfg.DataFrom || year > cfg.PeriodEnd {
		l.Errorf(p, fmt.Sprintf("Les années possibles vont de %d (data_from dans data/site.toml) à %d (fin du schéma).", cfg.DataFrom, cfg.PeriodEnd), "%s pour l'année %d, hors de la période du schéma", what, year)
	}
}

var yearFileRe = regexp.MustCompile(`^(\d{4})\.toml$`)

func (c *Catalogue) loadValues(fsys fs.FS, cfg *config.Config, l *diag.List) {
	entries, err := fs.ReadDir(fsys, ValuesDir)
	if err != nil {
		return // no values yet: every indicator is "non renseigné"
	}
	for _, e := range entries {
		name := e.Name()
		p := diag.Pos{File: path.Join(ValuesDir, name)}
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
			continue
		}
		m := yearFileRe.FindStringSubmatch(name)
		if m == nil {
			l.Errorf(p, "Nommez chaque fichier de valeurs par son année, par exemple data/valeurs/2025.toml.", "nom de fichier de valeurs incorrect : %q", name)
			continue
		}
		year, _ := strconv.Atoi(m[1])
		if year < cfg.DataFrom || year > cfg.PeriodEnd {
			checkYear(l, p, year, cfg, "valeurs")
			continue
		}
		c.loadYear(fsys, p.File, year, l)
		c.Years = append(c.Years, year)
	}
	for _, ind := range c.List {
		sort.SliceStable(ind.Values, func(i, j int) bool { return ind.Values[i].Year < ind.Values[j].Year })
	}
}

func (c *Catalogue) loadYear(fsys fs.FS, file string, year int, l *diag.List) {
	src, ok := srcfile.Read(fsys, file, l)
	if !ok {
		return
	}
	var date string
	date, src = splitPublished(l, file, src)
	c.Published[year] = date // "" is reported by spaser check (followup.Calendar.Undated)
	values := map[string]yearTOML{}
	if _, ok := tomlfile.Decode(l, file, 1, src, &values); !ok {
		return
	}
	idx := tomlfile.NewIndex(src)
	ids := make([]string, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		v := values[id].value()
		line, col := idx.KeyAt(0, id)
		p := diag.Pos{File: file, Line: line, Col: col}
		ind := c.ByID[id]
		if ind == nil && c.Unreadable(id) {
			continue
		}
		if ind == nil {
			hint := diag.DidYouMean(id, c.IDs(), "Vérifiez l'identifiant dans data/indicateurs.toml.")
			l.Errorf(p, hint, "indicateur inconnu : %q", id)
			continue
		}
		if v.untouched() {
			continue // as `spaser new annee` wrote it: publishes nothing
		}
		m := &Measure{Year: year, Provisional: v.Provisional, Source: v.Source, Comment: v.Comment, Pos: p}
		v.figuresTOML.into(m)
		checkFigures(l, block{pos: p, idx: idx, path: []string{id}}, ind, v.figuresTOML)
		checkHalfFilled(l, block{pos: p, idx: idx, path: []string{id}}, ind, v)
		readReport(l, block{pos: p, idx: idx, path: []string{id}}, ind, v.figuresTOML, v.reportTOML, m)
		slines := idx.Lines(id, "subset")
		readSubsets(l, func(i int) block {
			sp := p
			if i < len(slines) {
				sp.Line = slines[i]
			}
			return block{pos: sp, idx: idx, path: []string{id, "subset"}}
		}, ind, v.Subset, m)
		dlines := dropUntouchedDetails(&v, idx.Lines(id, "detail"))
		seen := map[string]diag.Pos{}
		for i, d := range v.Detail {
			dp := p
			if i < len(dlines) {
				dp.Line = dlines[i]
			}
			db := block{pos: dp, idx: idx, path: []string{id, "detail"}}
			if strings.TrimSpace(d.Label) == "" {
				l.Errorf(dp, "Ajoutez label = \"…\" : la partie concernée (le nom d'un site, d'un lot ou d'une catégorie).", "détail sans intitulé pour l'indicateur %s", id)
			} else if first, ok := seen[d.Label]; ok {
				l.Errorf(db.at("label"), fmt.Sprintf("Chaque partie n'a qu'un détail par année ; l'autre est à la ligne %d : regroupez les chiffres ou corrigez l'intitulé.", first.Line), "détail en double pour l'indicateur %s : %q", id, d.Label)
			} else {
				seen[d.Label] = dp
			}
			checkFigures(l, db, ind, d.figuresTOML)
			dm := &Measure{Year: year, Breakdown: d.Label, Comment: d.Comment, Provisional: v.Provisional, Pos: dp}
			d.figuresTOML.into(dm)
			m.Details = append(m.Details, dm)
		}
		ind.Values = append(ind.Values, m)
	}
}

// IDs lists the identifiers in catalogue order.
func (c *Catalogue) IDs() []string {
	out := make([]string, len(c.List))
	for i, ind := range c.List {
		out[i] = ind.ID
	}
	return out
}

// ValueAt returns the value of year, or nil when the values file of that
// year gives none.
func (ind *Indicator) ValueAt(year int) *Measure {
	for _, v := range ind.Values {
		if v.Year == year {
			return v
		}
	}
	return nil
}

// Latest returns the most recent value with a figure, or nil.
func (ind *Indicator) Latest() *Measure {
	for i := len(ind.Values) - 1; i >= 0; i-- {
		if ind.Values[i].Known() {
			return ind.Values[i]
		}
	}
	return nil
}
