package content

import (
	"path"
	"slices"
	"strings"
)

// Published are the kinds of files, other than pages, that content/ may
// publish, by extension (lower case): documents and pictures a browser
// shows or downloads without running anything. HTML, JavaScript, CSS, SVG
// (which can hold scripts), XML, JSON and text files are left out: they
// could run code on the site or stand in for a generated file.
var Published = map[string]string{
	".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".webp": "image", ".avif": "image",
	".pdf": "document PDF",
	".odt": "document texte", ".doc": "document texte", ".docx": "document texte", ".rtf": "document texte",
	".ods": "tableur", ".xls": "tableur", ".xlsx": "tableur", ".csv": "tableur",
	".odp": "présentation", ".ppt": "présentation", ".pptx": "présentation",
	".zip": "archive",
}

// Publishable reports whether a file of content/ at rel (slash path from
// content/) may be published as it is: its extension is one of Published
// and no folder of its path is reserved to the host (.well-known).
func Publishable(rel string) bool {
	if _, ok := Published[strings.ToLower(path.Ext(rel))]; !ok {
		return false
	}
	return !slices.ContainsFunc(strings.Split(rel, "/"), func(s string) bool { return strings.HasPrefix(s, ".") || s == "" })
}

// PublishedList is the extensions of Published, sorted, for messages.
func PublishedList() string {
	exts := make([]string, 0, len(Published))
	for e := range Published {
		exts = append(exts, e)
	}
	slices.Sort(exts)
	return strings.Join(exts, " ")
}
