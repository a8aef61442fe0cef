package rgaa

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"spaser/internal/diag"
	"spaser/internal/safeurl"
	"spaser/internal/slug"
	"spaser/internal/srcfile"
	"spaser/internal/tomlfile"
	"spaser/internal/typo"
)

// The grid's files: GridFile is kept by hand, AutoFile is written by the
// browser suite (go test ./internal/browsertest -update-grid).
const (
	GridFile = "data/rgaa/grille.toml"
	AutoFile = "data/rgaa/automatique.toml"
)

// Statuses of a criterion, on a page or for the site.
const (
	C  = "C"  // conforme
	NC = "NC" // non conforme
	NA = "NA" // non applicable
	NT = "NT" // non testé: a check by hand remains to do
)

// Grid is data/rgaa/grille.toml.
type Grid struct {
	Declaration DeclarationInfo `toml:"declaration"`
	Pages       []SamplePage    `toml:"page"`
	Criteria    []Criterion     `toml:"critere"`

	src []byte
}

// DeclarationInfo is what the declaration states besides the results.
type DeclarationInfo struct {
	Auditor      string   `toml:"realise"` // "en interne" or a company
	Established  string   `toml:"etablie"`
	Updated      string   `toml:"mise_a_jour"`
	SchemaURL    string   `toml:"schema_url"`
	PlanURL      string   `toml:"plan_url"`
	Technologies []string `toml:"technologies"`
	Exempt       []string `toml:"non_soumis"`
}

// SamplePage is a page of the audit sample.
type SamplePage struct {
	ID          string `toml:"id"`
	Path        string `toml:"adresse"` // under the base URL
	Description string `toml:"description"`
	Kind        string `toml:"-"` // set by CheckSample
}

// Criterion is one of the 106 criteria.
type Criterion struct {
	Number     string   `toml:"numero"`
	Title      string   `toml:"titre"`
	Applicable bool     `toml:"applicable"`
	Reason     string   `toml:"raison"`     // why not applicable
	ByHand     string   `toml:"a_verifier"` // what a person must check
	Derogation string   `toml:"derogation"`
	Checks     []Manual `toml:"verification"`
}

// Manual is a check done by hand: by a person, or a tool run by hand.
type Manual struct {
	Date    string   `toml:"date"`
	By      string   `toml:"par"`
	Tools   []string `toml:"outils"`
	Failed  []string `toml:"non_conforme"`
	NA      []string `toml:"non_applicable"`
	Comment string   `toml:"remarque"`
}

// Auto is data/rgaa/automatique.toml: what the tests decide.
type Auto struct {
	Date        string      `toml:"date"`
	Environment []string    `toml:"environnement"`
	Tools       []string    `toml:"outils"`
	Criteria    []AutoCrit  `toml:"critere"`
	Partial     []AutoCheck `toml:"partiel"`
}

// AutoCrit is a criterion that the tests decide alone on every page.
type AutoCrit struct {
	Number  string            `toml:"numero"`
	Method  string            `toml:"methode"` // MethodAuto or MethodScript
	Check   string            `toml:"controle"`
	Results map[string]string `toml:"resultats"` // page id → C, NC, NA
	Defects []Defect          `toml:"anomalie"`
}

// AutoCheck holds the failures found by the tests on a criterion that a
// person must still judge: a test that passes proves nothing there, one
// that fails does.
type AutoCheck struct {
	Number  string   `toml:"numero"`
	Defects []Defect `toml:"anomalie"`
}

// Defect is what fails on a page, in French.
type Defect struct {
	Page    string `toml:"page"`
	Message string `toml:"message"`
}

// Methods of the automatic results.
const (
	MethodAuto   = "automatique" // a tool or a check of the built files
	MethodScript = "script"      // a scripted browser check
)

var (
	numberRe = regexp.MustCompile(`^\d{1,2}\.\d{1,2}$`)
)

// Count is the number of criteria of RGAA 4.1.2.
const Count = 106

// themes counts the criteria of each of the 13 themes of RGAA 4.1.2.
var themes = []int{9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12}

// Load reads the grid and the automatic results. A site without
// data/rgaa/grille.toml has no audit (nil, no problem); problems in the
// files go to l.
func Load(fsys fs.FS, l *diag.List) (*Grid, *Auto) {
	if _, err := fs.Stat(fsys, GridFile); err != nil {
		srcfile.Missing(l, fsys, diag.Pos{File: GridFile}, err) // absent: no audit, no problem
		return nil, nil
	}
	src, ok := srcfile.Read(fsys, GridFile, l)
	if !ok {
		return nil, nil
	}
	g := &Grid{src: src}
	if _, ok := tomlfile.Decode(l, GridFile, 1, src, g); !ok {
		return nil, nil
	}
	g.check(l)
	a := &Auto{}
	if _, err := fs.Stat(fsys, AutoFile); err == nil {
		asrc, ok := srcfile.Read(fsys, AutoFile, l)
		if !ok {
			return g, nil
		}
		if _, ok := tomlfile.Decode(l, AutoFile, 1, asrc, a); !ok {
			return g, nil
		}
		g.checkAuto(a, asrc, l)
	}
	return g, a
}

func (g *Grid) pos(key ...string) diag.Pos {
	return diag.Pos{File: GridFile, Line: tomlfile.Line(g.src, key...)}
}

// check reports what is wrong in the grid, in French.
func (g *Grid) check(l *diag.List) {
	d := g.Declaration
	for _, f := range []struct{ key, val string }{{"etablie", d.Established}, {"mise_a_jour", d.Updated}} {
		if f.val != "" && !typo.IsDate(f.val) {
			l.Errorf(g.pos("declaration", f.key), "Écrivez la date sous la forme AAAA-MM-JJ, par exemple \"2026-12-06\".", "date illisible dans [declaration] %s : %q", f.key, f.val)
		}
	}
	// Addresses that become links: html/template would write an unsafe
	// one (javascript:, data:…) as "#ZgotmplZ" without a word.
	for _, f := range []struct{ key, val string }{{"schema_url", d.SchemaURL}, {"plan_url", d.PlanURL}} {
		if err := safeurl.Check(f.val); err != nil {
			l.Errorf(g.pos("declaration", f.key), "Écrivez une adresse complète, par exemple \"https://www.exemple.fr/accessibilite/schema.pdf\".", "%v", err)
		}
	}
	pageLines := tomlfile.Lines(g.src, "page")
	seen := map[string]bool{}
	for i, p := range g.Pages {
		pos := tomlfile.Nth(GridFile, pageLines, i)
		switch {
		case !slug.Valid(p.ID):
			l.Errorf(pos, "Donnez à chaque page de l'échantillon un identifiant en minuscules, chiffres et tirets, par exemple id = \"accueil\".", "identifiant de page incorrect : %q", p.ID)
		case seen[p.ID]:
			l.Errorf(pos, "Chaque page de l'échantillon a son propre identifiant.", "page %s déclarée deux fois", p.ID)
		}
		seen[p.ID] = true
	}
	if len(g.Pages) == 0 {
		l.Errorf(g.pos(), "Déclarez les pages de l'échantillon de l'audit : [[page]] id = \"accueil\" adresse = \"\".", "échantillon vide")
	}
	lines := tomlfile.Lines(g.src, "critere")
	want := expectedNumbers()
	for i, c := range g.Criteria {
		pos := tomlfile.Nth(GridFile, lines, i)
		switch {
		case i >= len(want) || c.Number != want[i]:
			exp := "aucun (le RGAA 4.1.2 en a 106)"
			if i < len(want) {
				exp = want[i]
			}
			l.Errorf(pos, fmt.Sprintf("Les 106 critères du RGAA 4.1.2 sont listés une fois chacun, dans l'ordre : celui-ci devrait être le %s.", exp), "critère %q inattendu", c.Number)
		case strings.TrimSpace(c.Title) == "":
			l.Errorf(pos, "Recopiez l'intitulé officiel du critère (titre = \"…\").", "critère %s sans intitulé", c.Number)
		case !c.Applicable && strings.TrimSpace(c.Reason) == "":
			l.Errorf(pos, "Dites pourquoi le critère ne s'applique pas au site (raison = \"…\"), ou mettez applicable = true.", "critère %s non applicable sans raison", c.Number)
		case !c.Applicable && len(c.Checks) > 0:
			l.Errorf(pos, "Un critère non applicable n'a pas de vérification : retirez-la, ou mettez applicable = true.", "critère %s non applicable mais vérifié", c.Number)
		}
		for _, m := range c.Checks {
			g.checkManual(c, m, pos, seen, l)
		}
	}
	if len(g.Criteria) < len(want) {
		l.Errorf(g.pos(), fmt.Sprintf("Ajoutez les critères manquants, à partir du %s.", want[len(g.Criteria)]), "la grille a %d critères, le RGAA 4.1.2 en a %d", len(g.Criteria), Count)
	}
}

func (g *Grid) checkManual(c Criterion, m Manual, pos diag.Pos, pages map[string]bool, l *diag.List) {
	if !typo.IsDate(m.Date) {
		l.Errorf(pos, "Donnez la date de la vérification sous la forme AAAA-MM-JJ.", "vérification du critère %s sans date valide : %q", c.Number, m.Date)
	}
	if strings.TrimSpace(m.By) == "" {
		l.Errorf(pos, "Indiquez qui a fait la vérification (par = \"Prénom Nom, service\").", "vérification du critère %s sans auteur", c.Number)
	}
	for _, id := range slices.Concat(m.Failed, m.NA) {
		if !pages[id] {
			l.Errorf(pos, "Utilisez l'identifiant (id) d'une page de l'échantillon.", "vérification du critère %s : page %q absente de l'échantillon", c.Number, id)
		}
	}
	if len(m.Failed) > 0 && strings.TrimSpace(m.Comment) == "" {
		l.Errorf(pos, "Décrivez en clair ce qui ne va pas (remarque = \"…\") : la déclaration le publie.", "critère %s non conforme sans remarque", c.Number)
	}
}

// checkAuto reports automatic results that do not match the grid.
func (g *Grid) checkAuto(a *Auto, src []byte, l *diag.List) {
	pos := diag.Pos{File: AutoFile, Line: 1}
	redo := "Relancez go test ./internal/browsertest -run TestSiteInChromium -update-grid : ce fichier est écrit par les tests."
	if !typo.IsDate(a.Date) {
		l.Errorf(pos, redo, "date illisible : %q", a.Date)
	}
	missing := map[string]bool{}
	for _, ac := range a.Criteria {
		c := g.Criterion(ac.Number)
		switch {
		case c == nil:
			l.Errorf(pos, redo, "critère %q inconnu", ac.Number)
		case !c.Applicable:
			l.Errorf(g.pos(), "Le critère est déclaré non applicable dans "+GridFile+" mais les tests l'ont vérifié : corrigez applicable, ou la raison.", "critère %s non applicable mais vérifié automatiquement", ac.Number)
		}
		for _, p := range g.Pages {
			if _, ok := ac.Results[p.ID]; !ok {
				missing[p.ID] = true
			}
		}
	}
	// A page just added to the sample has no automatic results yet: its
	// criteria stay « à vérifier » (never counted as conforme), and the
	// site still builds, so that an editor can add it without the tests.
	for _, p := range g.Pages {
		if missing[p.ID] {
			l.Warnf(pos, redo, "page %s de l'échantillon sans résultats automatiques : ses critères restent « à vérifier »", p.ID)
		}
	}
}

// Criterion returns the criterion numbered n, or nil.
func (g *Grid) Criterion(n string) *Criterion {
	for i := range g.Criteria {
		if g.Criteria[i].Number == n {
			return &g.Criteria[i]
		}
	}
	return nil
}

// expectedNumbers are "1.1" to "13.12", in order.
func expectedNumbers() []string {
	var out []string
	for t, n := range themes {
		for i := 1; i <= n; i++ {
			out = append(out, strconv.Itoa(t+1)+"."+strconv.Itoa(i))
		}
	}
	return out
}

// CheckSample warns about the sample: a page type of the site (kinds, the
// kind of every page) with no page in the sample, and a sample address
// that is no page of the site. at maps an address to its page's kind.
func (g *Grid) CheckSample(at map[string]string, kinds []string, names map[string]string, l *diag.List) {
	if g == nil {
		return
	}
	lines := tomlfile.Lines(g.src, "page")
	covered := map[string]bool{}
	for i := range g.Pages {
		p := &g.Pages[i]
		k, ok := at[p.Path]
		if !ok {
			pos := tomlfile.Nth(GridFile, lines, i)
			l.Errorf(pos, "Écrivez le chemin d'une page du site sous son adresse, par exemple \"plan-du-site/\" ou \"\" pour l'accueil.", "page %s de l'échantillon : adresse %q inconnue", p.ID, p.Path)
			continue
		}
		p.Kind = k
		covered[k] = true
	}
	for _, k := range kinds {
		if !covered[k] {
			l.Warnf(g.pos("page"), "Ajoutez à l'échantillon une page de ce type ([[page]] id = \"…\" adresse = \"…\"), puis vérifiez-la : l'échantillon du RGAA comprend une page de chaque type.", "aucune page de type « %s » dans l'échantillon de l'audit", names[k])
		}
	}
}

// CheckAge warns when the grid is older than a year at now: the automatic
// results, or a check by hand.
func (d *Declaration) CheckAge(now time.Time, l *diag.List) {
	g, a := d.grid, d.auto
	if g == nil {
		return
	}
	limit := now.AddDate(-1, 0, 0).Format(time.DateOnly)
	if a.Date != "" && a.Date < limit {
		l.Warnf(diag.Pos{File: AutoFile, Line: 1}, "Relancez go test ./internal/browsertest -run TestSiteInChromium -update-grid sur le site à jour, puis relisez la grille.", "résultats automatiques de l'audit RGAA datés du %s : plus d'un an", a.Date)
	}
	lines := tomlfile.Lines(g.src, "critere")
	for i, c := range g.Criteria {
		for _, m := range c.Checks {
			if m.Date != "" && m.Date < limit {
				pos := tomlfile.Nth(GridFile, lines, i)
				l.Warnf(pos, "Refaites la vérification sur le site à jour et remplacez-la dans la grille.", "vérification du critère %s datée du %s : plus d'un an", c.Number, m.Date)
			}
		}
	}
}
