// Package site assembles what was loaded (configuration, content tree,
// indicators) into the pages of the site: their URLs, kinds, numbering,
// navigation, and the pages generated from data (indicators, ODD, plan du
// site, 404). It renders nothing itself.
package site

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"spaser/internal/config"
	"spaser/internal/content"
	"spaser/internal/diag"
	"spaser/internal/glossary"
	"spaser/internal/indicator"
	"spaser/internal/markdown"
	"spaser/internal/rgaa"
	"spaser/internal/tomlfile"
	"spaser/internal/typo"
)

// Page kinds; each is rendered by the layout of the same name.
const (
	KindHome       = "home"
	KindSchema     = "schema"  // the root of the schema: list of level-1 pages
	KindSection    = "section" // a schema page with children (axe, enjeu)
	KindAction     = "action"  // a schema page of the last level
	KindPage       = "page"    // any other content page
	KindIndicators = "indicators"
	KindIndicator  = "indicator"
	KindODDIndex   = "odd-index"
	KindODD        = "odd"
	KindPlan       = "plan"
	KindAccess     = "accessibilite"
	KindLegal      = "mentions-legales"
	KindNotFound   = "404"
)

// Kinds lists every page kind; each is rendered by layouts/<kind>.html.
var Kinds = []string{KindHome, KindSchema, KindSection, KindAction, KindPage,
	KindIndicators, KindIndicator, KindODDIndex, KindODD, KindPlan,
	KindAccess, KindLegal, KindNotFound,
	KindDashboard, KindReport, KindData, KindSearch, KindPrint, KindDECP, KindGlossary, KindGrid}

// layouts that a content page may ask for in its front matter.
var contentLayouts = []string{KindPage, KindAccess, KindLegal}

// Page is one page of the site.
type Page struct {
	Kind       string
	Src        *content.Page // nil for generated pages
	Title      string
	ShortTitle string
	Summary    string
	URLPath    string // relative to the base URL: "", "axes/1-climat/", "404.html"

	Level     int // 1.. for schema pages, 0 otherwise
	LevelName config.Level
	Number    string // "2", "2.1" within its parent

	Parent   *Page
	Children []*Page
	Prev     *Page
	Next     *Page

	ODD        []*ODD
	Indicators []*indicator.Indicator // followed by this page
	Pages      []*Page                // for an indicator page: the pages that follow it

	Indicator *indicator.Indicator // indicator pages
	ODDInfo   *ODD                 // ODD pages
	Year      int                  // yearly follow-up reports

	// Description is the meta description: the description key, or the
	// summary when there is none.
	Description string
}

// Label is the short title when there is one.
func (p *Page) Label() string {
	if p.ShortTitle != "" {
		return p.ShortTitle
	}
	return p.Title
}

// NumberedLabel is "Action 2.1" for schema pages, "" otherwise.
func (p *Page) NumberedLabel() string {
	if p.Level == 0 {
		return ""
	}
	return p.LevelName.Singular + "\u00a0" + p.Number
}

// LevelID is an id for a schema page in a list of them: "axe-2",
// "chantier-1.3"; "" for other pages.
func (p *Page) LevelID() string {
	if p.Level == 0 {
		return ""
	}
	return markdown.Slug(p.LevelName.Singular) + "-" + p.Number
}

// Trail is the chain of ancestors from the home page, for breadcrumbs.
func (p *Page) Trail() []*Page { return p.ancestors(0) }

// SchemaAncestors are the schema pages above p (its axe, its enjeu).
func (p *Page) SchemaAncestors() []*Page { return p.ancestors(1) }

// ancestors are the pages above p down to those of schema level minLevel
// and more, the highest first.
func (p *Page) ancestors(minLevel int) []*Page {
	var out []*Page
	for a := p.Parent; a != nil && a.Level >= minLevel; a = a.Parent {
		out = append(out, a)
	}
	slices.Reverse(out)
	return out
}

// Site is the whole site.
type Site struct {
	Cfg       *config.Config
	Base      *url.URL
	Catalogue *indicator.Catalogue

	Home       *Page
	Schema     *Page
	Indicators *Page // the overview
	ODDIndex   *Page
	Plan       *Page
	Access     *Page
	Legal      *Page
	NotFound   *Page

	Audit *rgaa.Declaration // computed from the audit grid (rgaa.go)
	Grid  *Page             // the grid's page, under the declaration

	Search *Page // recherche (tools.go)
	Print  *Page // version imprimable du schéma (tools.go)

	Dashboard *Page   // tableau de bord (followup.go)
	Reports   []*Page // one follow-up report per year with values
	Data      *Page   // données ouvertes
	DECPPages []*Page // the DECP counts of each year (decp.go)
	Glossary  *Page   // glossaire des sigles (glossary.go), nil without terms

	// Terms are the abbreviations whose first use each page marks.
	Terms *glossary.Glossary
	// Docs are the adopted document and its deliberation (trust.go).
	Docs Documents

	Pages    []*Page // every page, in document order
	ODDs     []*ODD  // those that some page answers, by number
	Nav      []*Page // main menu
	IndPages map[string]*Page

	byRel map[string]*Page
	byURL map[string]*Page
	tree  *content.Tree
	fileIndex
}

// New assembles the site. Problems go to l.
func New(cfg *config.Config, base *url.URL, tree *content.Tree, cat *indicator.Catalogue, l *diag.List) *Site {
	s := &Site{Cfg: cfg, Base: base, Catalogue: cat, byRel: map[string]*Page{}, byURL: map[string]*Page{}, IndPages: map[string]*Page{}, tree: tree}
	if tree.Home == nil {
		return s
	}
	s.Home = s.fromContent(tree.Home, nil, 0, l)
	s.Home.Kind = KindHome
	s.linkSchemaLevels()
	s.attachIndicators(l)
	s.generate(l)
	s.collectODD()
	s.setNav()
	return s
}

// fromContent makes the page of src and, recursively, of its children.
func (s *Site) fromContent(src *content.Page, parent *Page, level int, l *diag.List) *Page {
	p := &Page{
		Src: src, Parent: parent, Kind: KindPage,
		Title: typo.Text(src.FM.Title), ShortTitle: typo.Text(src.FM.ShortTitle), Summary: typo.Text(src.FM.Summary),
		URLPath: urlPath(src.Rel),
	}
	p.Description = p.Summary
	if src.FM.Description != "" {
		p.Description = typo.Text(src.FM.Description)
	}
	root := s.Cfg.Schema.Root
	switch {
	case src.Rel == root+"/_index.md":
		p.Kind, level = KindSchema, 0
	case level > 0 || (parent != nil && parent.Kind == KindSchema):
		level++
		if level > len(s.Cfg.Schema.Levels) {
			l.Errorf(diag.Pos{File: src.File}, fmt.Sprintf("Le schéma a %d niveaux (data/site.toml, [[schema.levels]]) : déplacez cette page d'un niveau vers le haut, ou déclarez un niveau de plus.", len(s.Cfg.Schema.Levels)), "page trop profonde dans le schéma (niveau %d)", level)
			level = len(s.Cfg.Schema.Levels)
		}
		p.Level, p.LevelName = level, s.Cfg.Schema.Levels[level-1]
		p.Kind = KindSection
		if level == len(s.Cfg.Schema.Levels) || len(src.Children) == 0 && !src.IsSection {
			p.Kind = KindAction
		}
	}
	if src.FM.Layout != "" {
		if p.Level > 0 || p.Kind == KindSchema || p.Kind == KindHome {
			l.Errorf(src.KeyPos("layout"), "Seules les pages simples (hors du schéma) peuvent choisir leur mise en page : supprimez la ligne layout.", "layout non permis sur cette page")
		} else if !slices.Contains(contentLayouts, src.FM.Layout) {
			hint := diag.DidYouMean(src.FM.Layout, contentLayouts, "Mises en page possibles : "+strings.Join(contentLayouts, ", ")+".")
			l.Errorf(src.KeyPos("layout"), hint, "mise en page inconnue : %q", src.FM.Layout)
		} else {
			p.Kind = src.FM.Layout
		}
	}
	s.add(p, l)
	for _, c := range src.Children {
		p.Children = append(p.Children, s.fromContent(c, p, level, l))
	}
	return p
}

// urlPath is the address of the content file at rel, from the base URL.
func urlPath(rel string) string {
	d := content.PageDir(rel)
	if d == "." {
		return ""
	}
	return d + "/"
}

// add registers content page p; the generated pages come after, through
// generated.
func (s *Site) add(p *Page, l *diag.List) {
	if other := s.byURL[p.URLPath]; other != nil {
		l.Errorf(diag.Pos{File: p.Src.File}, "Deux pages ne peuvent pas avoir la même adresse : renommez ou supprimez l'une des deux.", "adresse /%s déjà utilisée par %s", p.URLPath, other.Src.File)
		return
	}
	s.byURL[p.URLPath] = p
	s.byRel[p.Src.Rel] = p
	switch p.Kind {
	case KindSchema:
		s.Schema = p
	case KindAccess:
		s.Access = p
	case KindLegal:
		s.Legal = p
	}
	s.Pages = append(s.Pages, p)
}

// linkSchemaLevels numbers schema pages and links each to the previous and
// next page of the same level, across parents, to read the schema straight
// through.
func (s *Site) linkSchemaLevels() {
	byLevel := map[int][]*Page{}
	var walk func(p *Page)
	walk = func(p *Page) {
		for i, c := range p.Children {
			if c.Level == 0 {
				walk(c)
				continue
			}
			n := strconv.Itoa(i + 1)
			if c.Level >= 3 {
				n = p.Number + "." + n
			}
			c.Number = n
			byLevel[c.Level] = append(byLevel[c.Level], c)
			walk(c)
		}
	}
	walk(s.Home)
	for _, ps := range byLevel {
		for i, p := range ps {
			if i > 0 {
				p.Prev = ps[i-1]
			}
			if i+1 < len(ps) {
				p.Next = ps[i+1]
			}
		}
	}
}

func (s *Site) attachIndicators(l *diag.List) {
	for _, p := range s.Pages {
		if p.Src == nil {
			continue
		}
		seen := map[string]int{}
		for _, id := range p.Src.FM.Indicators {
			nth := seen[id]
			seen[id]++
			if nth > 0 {
				l.Errorf(p.Src.ValuePos("indicators", id, nth), "Supprimez le doublon de la liste indicators.", "indicateur cité deux fois dans la même page : %q", id)
				continue
			}
			ind := s.Catalogue.ByID[id]
			if ind == nil && s.Catalogue.Unreadable(id) {
				continue // its block's error is reported
			}
			if ind == nil {
				hint := diag.DidYouMean(id, s.Catalogue.IDs(), "Vérifiez l'identifiant dans data/indicateurs.toml.")
				l.Errorf(p.Src.ValuePos("indicators", id, 0), hint, "indicateur inconnu : %q", id)
				continue
			}
			p.Indicators = append(p.Indicators, ind)
		}
	}
}

// Resolver returns the link resolver of content page p.
func (s *Site) Resolver(p *Page) markdown.Resolver {
	return func(target string) (markdown.Link, bool) {
		var rel string
		if strings.HasPrefix(target, "/") {
			rel = path.Clean(strings.TrimPrefix(target, "/"))
		} else {
			rel = path.Join(path.Dir(p.Src.Rel), target)
		}
		to := s.byRel[rel]
		if to == nil && path.Ext(rel) != ".md" {
			return s.addressURL(target, rel)
		}
		if to == nil {
			if s.tree != nil && s.tree.Unreadable(rel) {
				// The page exists but has an error of its own, already
				// reported: the link is not broken.
				return markdown.Link{Href: s.Base.Path + urlPath(rel)}, true
			}
			return markdown.Link{}, false
		}
		return markdown.Link{Href: s.URL(to)}, true
	}
}

// URL is the path of p under the base URL: "/spaser/axes/".
func (s *Site) URL(p *Page) string { return s.Base.Path + p.URLPath }

// AbsURL is the full address of p, or its path when the base URL has no host.
func (s *Site) AbsURL(p *Page) string {
	if s.Base.Host == "" {
		return s.URL(p)
	}
	u := *s.Base
	u.Path = s.Base.Path + p.URLPath
	return u.String()
}

// HasHost reports whether the base URL is a full address, which canonical
// links and the sitemap need.
func (s *Site) HasHost() bool { return s.Base.Host != "" }

// Levels are the names of the schema's levels.
func (s *Site) Levels() []config.Level { return s.Cfg.Schema.Levels }

// Headline returns the indicators of the home page.
func (s *Site) Headline() []*indicator.Indicator {
	var out []*indicator.Indicator
	for _, id := range s.Cfg.Headline {
		if ind := s.Catalogue.ByID[id]; ind != nil {
			out = append(out, ind)
		}
	}
	return out
}

// IndicatorPage returns the page of ind.
func (s *Site) IndicatorPage(ind *indicator.Indicator) *Page { return s.IndPages[ind.ID] }

func (s *Site) collectODD() {
	var byNum [len(oddNames)]*ODD
	for _, p := range s.Pages {
		if p.Src == nil {
			continue
		}
		for _, n := range p.Src.FM.ODD {
			if n < 1 || n >= len(byNum) {
				continue // reported by content.Load
			}
			o := byNum[n]
			if o == nil {
				o = &ODD{Number: n, Name: oddNames[n]}
				byNum[n] = o
			}
			o.Pages = append(o.Pages, p)
			p.ODD = append(p.ODD, o)
		}
	}
	for _, o := range byNum {
		if o != nil {
			s.ODDs = append(s.ODDs, o)
		}
	}
	if len(s.ODDs) == 0 {
		return
	}
	s.ODDIndex = s.generated(KindODDIndex, "odd/", "Objectifs de développement durable", "Les objectifs de développement durable des Nations unies auxquels répond le schéma, et les pages qui y répondent.", s.Home)
	for _, o := range s.ODDs {
		o.Page = s.generated(KindODD, fmt.Sprintf("odd/%d/", o.Number), fmt.Sprintf("ODD %d : %s", o.Number, o.Name),
			fmt.Sprintf("Les parties du schéma qui répondent à l'objectif de développement durable n° %d des Nations unies : %s.", o.Number, o.Name), s.ODDIndex)
		o.Page.ShortTitle = fmt.Sprintf("ODD %d", o.Number)
		o.Page.ODDInfo = o
	}
}

func (s *Site) generate(l *diag.List) {
	if len(s.Catalogue.List) > 0 {
		s.Indicators = s.generated(KindIndicators, "indicateurs/", "Indicateurs de suivi", "Chaque indicateur du schéma, son unité, ses objectifs et sa dernière valeur connue.", s.Home)
		for _, ind := range s.Catalogue.List {
			p := s.generated(KindIndicator, "indicateurs/"+ind.ID+"/", typo.Text(ind.Label),
				fmt.Sprintf("Indicateur de suivi « %s » : valeurs publiées année par année, objectifs, état et graphique.", ind.Name()), s.Indicators)
			p.ShortTitle = typo.Text(ind.ShortLabel)
			p.Indicator = ind
			s.IndPages[ind.ID] = p
		}
		for _, p := range s.Pages {
			for _, ind := range p.Indicators {
				ip := s.IndPages[ind.ID]
				ip.Pages = append(ip.Pages, p)
			}
		}
		s.generateFollowUp()
		// With errors in the content, a page that could not be read or
		// placed may follow an indicator: the errors come first, and the
		// warning after their fix if it still holds.
		sure := !s.tree.HasUnreadable() && !l.HasErrors()
		for _, ind := range s.Catalogue.List {
			if sure && len(s.IndPages[ind.ID].Pages) == 0 {
				l.Warnf(ind.Pos, "Ajoutez son identifiant dans la liste indicators de la page qui le suit.", "l'indicateur %s n'est suivi par aucune page", ind.ID)
			}
		}
	}
	if s.Access == nil {
		s.Access = s.generated(KindAccess, "accessibilite/", "Déclaration d'accessibilité", "État de conformité du site au référentiel général d'amélioration de l'accessibilité (RGAA), contenus non accessibles, contact et voies de recours.", s.Home)
	}
	if s.Legal == nil {
		s.Legal = s.generated(KindLegal, "mentions-legales/", "Mentions légales", "Éditeur, directeur de la publication, hébergeur et contact du site ; données personnelles.", s.Home)
	}
	s.Plan = s.generated(KindPlan, "plan-du-site/", "Plan du site", "Toutes les pages du site.", s.Home)
	s.generateTools()
	s.NotFound = s.generated(KindNotFound, "404.html", "Page introuvable", "La page demandée n'existe pas ou a été déplacée.", nil)
	for _, id := range s.Cfg.Headline {
		if s.Catalogue.ByID[id] == nil && !s.Catalogue.Unreadable(id) {
			hint := diag.DidYouMean(id, s.Catalogue.IDs(), "Vérifiez l'identifiant dans data/indicateurs.toml.")
			l.Errorf(diag.Pos{File: config.File, Line: tomlfile.Line(s.Cfg.Source(), "headline")}, hint, "indicateur inconnu dans headline : %q", id)
		}
	}
}

func (s *Site) generated(kind, urlPath, title, summary string, parent *Page) *Page {
	p := &Page{Kind: kind, URLPath: urlPath, Title: typo.Text(title), Summary: typo.Text(summary), Parent: parent}
	p.Description = p.Summary
	if other := s.byURL[urlPath]; other != nil && other.Src != nil {
		// A content page already has this address: it takes the place of
		// the generated one, which keeps the content (e.g. accessibilite.md).
		return other
	}
	s.byURL[urlPath] = p
	s.Pages = append(s.Pages, p)
	return p
}

func (s *Site) setNav() {
	s.Nav = []*Page{s.Home}
	if s.Schema != nil {
		s.Nav = append(s.Nav, s.Schema)
	}
	if s.Indicators != nil {
		s.Nav = append(s.Nav, s.Indicators)
	}
	if s.Dashboard != nil {
		s.Nav = append(s.Nav, s.Dashboard)
	}
	for _, c := range s.Home.Children {
		if c.Src != nil && c.Src.FM.Menu {
			s.Nav = append(s.Nav, c)
		}
	}
}

// Years are the years of the follow-up: from data_from to the end of the
// schema.
func (s *Site) Years() []int { return Years(s.Cfg) }

// Years are the years of the follow-up of a site configured by cfg.
func Years(cfg *config.Config) []int {
	var out []int
	for y := cfg.DataFrom; y <= cfg.PeriodEnd; y++ {
		out = append(out, y)
	}
	return out
}

// IndicatorGroup is the indicators followed under one schema page.
type IndicatorGroup struct {
	Page       *Page // nil for indicators followed by no schema page of its level
	Indicators []*indicator.Indicator
}

// IndicatorGroups groups the indicators by the level-1 schema page (axe)
// of the first page that follows them, in schema order.
func (s *Site) IndicatorGroups() []IndicatorGroup {
	return s.groupIndicators(s.Catalogue.List, 1)
}

// groupIndicators groups inds by their schema page of the given level (see
// followedUnder), each group in the order of inds, the groups in document
// order, nil last.
func (s *Site) groupIndicators(inds []*indicator.Indicator, level int) []IndicatorGroup {
	var groups []IndicatorGroup
	index := map[*Page]int{}
	for _, ind := range inds {
		top := s.followedUnder(ind, level)
		i, ok := index[top]
		if !ok {
			i = len(groups)
			index[top] = i
			groups = append(groups, IndicatorGroup{Page: top})
		}
		groups[i].Indicators = append(groups[i].Indicators, ind)
	}
	order := s.pageOrder()
	slices.SortStableFunc(groups, func(a, b IndicatorGroup) int { return order(a.Page) - order(b.Page) })
	return groups
}

// followedUnder returns the schema page of the given level (1 for the axe,
// 2 for the enjeu) above or at the first page that follows ind, or nil.
func (s *Site) followedUnder(ind *indicator.Indicator, level int) *Page {
	ip := s.IndPages[ind.ID]
	if ip == nil || len(ip.Pages) == 0 {
		return nil
	}
	for p := ip.Pages[0]; p != nil && p.Level >= level; p = p.Parent {
		if p.Level == level {
			return p
		}
	}
	return nil
}

// pageOrder returns the rank of a page in document order, nil last: the
// order groups of pages are shown in.
func (s *Site) pageOrder() func(*Page) int {
	rank := make(map[*Page]int, len(s.Pages))
	for i, p := range s.Pages {
		rank[p] = i
	}
	return func(p *Page) int {
		if i, ok := rank[p]; ok {
			return i
		}
		return len(s.Pages)
	}
}
