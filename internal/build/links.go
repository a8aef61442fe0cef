package build

import (
	"errors"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"spaser/internal/content"
	"spaser/internal/diag"
	"spaser/internal/markdown"
	"spaser/internal/picture"
	"spaser/internal/site"
)

const brokenLinkHint = "Vérifiez le chemin du fichier .md visé : il s'écrit relativement à cette page (../autre-page.md) ou depuis content/ (/axes/…/page.md)."

// linkHint is the fix of a link to a missing .md: the nearest page
// by its path from content/, written as the link was (relative to the page
// or from content/), or the general rule.
func linkHint(s *site.Site, from *site.Page, target string) string {
	dir := path.Dir(from.Src.Rel)
	want := path.Join(dir, target)
	if strings.HasPrefix(target, "/") {
		want = path.Clean(strings.TrimPrefix(target, "/"))
	}
	var rels []string
	for _, p := range s.Pages {
		if p.Src != nil {
			rels = append(rels, p.Src.Rel)
		}
	}
	best := diag.Suggest(want, rels)
	if best == "" {
		return brokenLinkHint
	}
	if strings.HasPrefix(target, "/") {
		return "Vouliez-vous dire « /" + best + " » ? " + brokenLinkHint
	}
	return "Vouliez-vous dire « " + relativePath(dir, best) + " » ? " + brokenLinkHint
}

// brokenLink is the message and the fix of a link that resolves to no
// page: a missing .md, or an address of the site (/axes/…/), which breaks
// once the site is published under a base path.
func brokenLink(s *site.Site, from *site.Page, target string) (msg, hint string) {
	u, err := url.Parse(target)
	if err != nil || path.Ext(u.Path) == ".md" {
		return "lien vers une page inexistante : " + target, linkHint(s, from, target)
	}
	if !strings.HasPrefix(target, "/") {
		return "lien vers un fichier introuvable : " + target, "Placez le fichier (PDF, tableur…) à côté de la page, dans le même dossier de content/, et écrivez son nom : [La délibération](deliberation.pdf)."
	}
	msg = "lien écrit comme une adresse du site : " + target
	if p := s.ContentPageAt(strings.TrimPrefix(u.Path, "/")); p != nil {
		return msg, "Écrivez le chemin de son fichier depuis content/ : /" + p.Src.Rel + " (une adresse ne suit pas l'adresse de publication du site ; le chemin du fichier, si)."
	}
	return msg, "Aucune page n'a cette adresse. Écrivez le chemin du fichier .md visé, depuis content/ (/axes/…/page.md) ou relativement à cette page."
}

// contentSize tells the size of a content file, for the links to
// documents (« PDF, 2,3 Mo »).
func contentSize(fsys fs.FS) func(rel string) (int64, bool) {
	return func(rel string) (int64, bool) {
		fi, err := fs.Stat(fsys, path.Join(content.Dir, rel))
		if err != nil {
			return 0, false
		}
		return fi.Size(), true
	}
}

// relativePath is the path of to from the folder dir, both from content/.
func relativePath(dir, to string) string {
	if dir == "." {
		return to
	}
	from := strings.Split(dir, "/")
	parts := strings.Split(to, "/")
	i := 0
	for i < len(from) && i < len(parts)-1 && from[i] == parts[i] {
		i++
	}
	return strings.Repeat("../", len(from)-i) + strings.Join(parts[i:], "/")
}

// reportImages reports the images of p that cannot be published as
// written: a missing file, one that is no image or too large to decode
// (picture.Inspect), or no text alternative (RGAA 1.2, 1.3).
func reportImages(l *diag.List, p *site.Page, images []markdown.ImageProblem) {
	for _, im := range images {
		at := bodyPos(p, im.Line, im.Col)
		var pe *picture.Error
		if errors.As(im.Err, &pe) {
			l.Errorf(at, pe.Hint, "%s : %s", pe.Msg, im.Target)
			continue
		}
		if im.NoAlt {
			l.Errorf(at, "Décrivez l'image entre les crochets : ![Ce que montre l'image](photo.png). Si elle est purement décorative, écrivez ![](photo.png \""+markdown.Decorative+"\").", "image sans texte de remplacement : %s", im.Target)
			continue
		}
		l.Errorf(at, "Placez le fichier à côté de la page (même dossier de content/) et écrivez son nom : ![Description](photo.png) ; ou son chemin depuis content/ : /axes/…/photo.png.", "image introuvable : %s", im.Target)
	}
}
