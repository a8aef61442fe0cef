package render

import (
	"regexp"
	"slices"
	"strings"
)

// builtID is an id that a layout builds with actions: "groupe-{{.Number}}".
var builtID = regexp.MustCompile(`\bid="([^"]*\{\{[^"]*)"`)

// action is a template action inside an attribute.
var action = regexp.MustCompile(`\{\{.*?\}\}`)

// Anchors are the ids a page of some kind has from its layouts, for the
// links of the content to one of its #fragments.
type Anchors struct {
	IDs   []string         // written as they are, sorted
	Own   []string         // those of IDs the page's own layout writes (not base.html, not a partial): the ones to suggest
	built []*regexp.Regexp // the shapes of those built by actions
	any   bool             // the page's own layout builds ids of any shape
}

// Has reports whether id may be an id of the page.
func (a Anchors) Has(id string) bool {
	if a.any || slices.Contains(a.IDs, id) {
		return true
	}
	return slices.ContainsFunc(a.built, func(re *regexp.Regexp) bool { return re.MatchString(id) })
}

// Anchors are the ids of a page of kind from its layouts: those written
// as they are (IDs) and the shapes of those built by actions, "groupe-…".
// An id wholly built by an action ({{$id}}) matches any anchor when the
// page's own layout writes it; in a partial, which any page may or may not
// call, it is left out.
func (t *Templates) Anchors(kind string) Anchors {
	if t == nil {
		return Anchors{any: true}
	}
	var a Anchors
	for id := range t.ids[kind] {
		a.IDs = append(a.IDs, id)
	}
	slices.Sort(a.IDs)
	if f, ok := t.files[kind+".html"]; ok {
		for _, m := range literalID.FindAllStringSubmatch(f.text, -1) {
			a.Own = append(a.Own, m[1])
		}
		slices.Sort(a.Own)
		a.Own = slices.Compact(a.Own)
	}
	for name, f := range t.files {
		own := name == kind+".html"
		if !own && name != "base.html" && !strings.HasPrefix(name, "partials/") {
			continue
		}
		for _, m := range builtID.FindAllStringSubmatch(f.text, -1) {
			// What the actions write is unknown, conditions included: the
			// shape keeps the text before the first and after the last.
			parts := action.Split(m[1], -1)
			prefix, suffix := parts[0], parts[len(parts)-1]
			if prefix == "" && suffix == "" {
				a.any = a.any || own
				continue
			}
			a.built = append(a.built, regexp.MustCompile("^"+regexp.QuoteMeta(prefix)+".*"+regexp.QuoteMeta(suffix)+"$"))
		}
	}
	return a
}
