package serve

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"spaser/internal/typo"
)

// The preview's own files, served under /__spaser/ and never written to the
// built site.
var (
	//go:embed assets/reload.js
	reloadJS []byte
	//go:embed assets/apercu.css
	apercuCSS []byte
)

const prefix = "/__spaser/"

// The preview's own files are addressed with a hash of their content: the
// browser keeps them across reloads and still never runs an old one.
var (
	reloadURL = versioned("reload.js", reloadJS)
	apercuURL = versioned("apercu.css", apercuCSS)
)

func versioned(name string, b []byte) string {
	sum := sha256.Sum256(b)
	return prefix + name + "?v=" + hex.EncodeToString(sum[:4])
}

// Handler serves the last good build, the preview's own files and the
// event stream that tells pages to reload.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(prefix+"reload.js", func(w http.ResponseWriter, r *http.Request) {
		serveBytes(w, r, "text/javascript; charset=utf-8", reloadJS, r.URL.RequestURI() == reloadURL)
	})
	mux.HandleFunc(prefix+"apercu.css", func(w http.ResponseWriter, r *http.Request) {
		serveBytes(w, r, "text/css; charset=utf-8", apercuCSS, r.URL.RequestURI() == apercuURL)
	})
	mux.HandleFunc(prefix+"events", s.events)
	mux.HandleFunc("/", s.page)
	return localOnly(mux)
}

// serveBytes sends b. An immutable file is named by a hash of its content:
// on reload, the browser keeps it instead of asking again, as it would from
// the host; anything else is asked for again each time.
func serveBytes(w http.ResponseWriter, r *http.Request, ctype string, b []byte, immutable bool) {
	w.Header().Set("Content-Type", ctype)
	if w.Header().Get("Cache-Control") != "" {
		// set by the site's own rules (setSiteHeaders)
	} else if immutable {
		w.Header().Set("Cache-Control", "max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-store")
	}
	if r.Method != http.MethodHead {
		_, _ = w.Write(b)
	}
}

// events is a Server-Sent Events stream: it sends the current build's id
// at once, then each new one. A page reloads when the id differs from the
// one it was served with, so a build finished between the page's load and
// the stream's start is not missed.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "flux non pris en charge", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c, unsubscribe := s.subscribe()
	defer unsubscribe()
	send := func() bool {
		_, err := fmt.Fprintf(w, "retry: 500\nevent: build\ndata: %s\n\n", s.buildID(s.state.Load().gen))
		fl.Flush()
		return err == nil
	}
	if !send() {
		return
	}
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-c:
			if !send() {
				return
			}
		case <-keepAlive.C:
			if _, err := fmt.Fprint(w, ": toujours là\n\n"); err != nil {
				return
			}
			fl.Flush()
		}
	}
}

// page serves a file of the site.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	setSiteHeaders(w, strings.TrimPrefix(r.URL.Path, s.base))
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "méthode non permise", http.StatusMethodNotAllowed)
		return
	}
	if !strings.HasPrefix(r.URL.Path, s.base) {
		if r.URL.Path == "/" || r.URL.Path+"/" == s.base {
			http.Redirect(w, r, s.base, http.StatusFound)
			return
		}
		s.notFound(w, r)
		return
	}
	rel := strings.TrimPrefix(r.URL.Path, s.base)
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	st, body, ok := s.file(name)
	if !ok {
		if _, _, dir := s.file(name + "/index.html"); dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		if st.out == nil && (path.Ext(name) == ".html" || !strings.Contains(path.Base(name), ".")) {
			s.writeHTML(w, r, st, http.StatusInternalServerError, nil) // no good build yet: the errors alone
			return
		}
		s.notFound(w, r)
		return
	}
	if path.Ext(name) == ".html" {
		s.writeHTML(w, r, st, http.StatusOK, body)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(body)
	}
	_, fingerprinted := st.out.assets[name]
	fingerprinted = fingerprinted || w.Header().Get("Cache-Control") != "" // the site's rules say so (assets/)
	serveBytes(w, r, ctype, body, fingerprinted)
}

// file finds name in the last good build. A page is rendered on request
// until the whole site is written; any other file waits for it.
func (s *Server) file(name string) (st *state, data []byte, ok bool) {
	for {
		st = s.state.Load()
		if st.out == nil {
			return st, nil, false
		}
		data, ok, pending := st.out.lookup(name)
		if !pending {
			return st, data, ok
		}
		<-st.out.done
		if s.state.Load().out == st.out && st.out.files == nil {
			return st, nil, false // cannot happen: a failed build is never left shown
		}
	}
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if st, body, ok := s.file("404.html"); ok {
		s.writeHTML(w, r, st, http.StatusNotFound, body)
		return
	}
	s.writeHTML(w, r, s.state.Load(), http.StatusNotFound, nil)
}

// writeHTML sends page (or, when nil, a page of its own) with the preview's
// stylesheet and script, and the errors of the latest build on top.
func (s *Server) writeHTML(w http.ResponseWriter, r *http.Request, st *state, status int, page []byte) {
	head := fmt.Sprintf(`<meta name="spaser-build" content="%s"><link rel="stylesheet" href="%s"><script src="%s" defer></script>`,
		template.HTMLEscapeString(s.buildID(st.gen)), apercuURL, reloadURL)
	panel := ""
	if st.errs != nil {
		panel = renderPanel(st, page != nil)
	}
	if page == nil {
		page = ownPage("Aperçu — spaser", "<main><p>Aucune page à cette adresse.</p></main>")
		if st.errs != nil {
			page = ownPage("Erreurs — aperçu spaser", "")
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(inject(page, head, panel))
	}
}

// ownPage is a page of the preview's own, where the site has none to show.
func ownPage(title, body string) []byte {
	return []byte(`<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>` +
		title + `</title></head><body>` + body + `</body></html>`)
}

var panelTmpl = template.Must(template.New("panel").Funcs(template.FuncMap{
	"caret": func(col int) string { return strings.Repeat(" ", col+6) + "^" },
}).Parse(`
<section id="spaser-erreurs" class="spaser-erreurs" role="alert" aria-labelledby="spaser-erreurs-titre">
<h2 id="spaser-erreurs-titre">Le site n’a pas pu être reconstruit&nbsp;: {{.Count}}</h2>
<p>{{if .Over}}Sous ce panneau&nbsp;: la dernière version correcte de la page. {{end}}Corrigez le fichier et enregistrez-le&nbsp;: l’aperçu se met à jour de lui-même.</p>
<ol>
{{- range .Errs}}
<li>
<p class="spaser-lieu"><code>{{.Where}}</code></p>
<p class="spaser-message">{{.Msg}}</p>
{{- with .Hint}}
<p class="spaser-conseil">→ {{.}}</p>{{end}}
{{- with .Excerpt}}
<pre class="spaser-extrait">{{range .}}{{if .Focus}}<span class="spaser-focus">{{printf "%4d | %s" .N .Text}}</span>{{if .Col}}
<span class="spaser-curseur">{{caret .Col}}</span>{{end}}{{else}}{{printf "%4d | %s" .N .Text}}{{end}}
{{end}}</pre>{{end}}
</li>
{{- end}}
</ol>
</section>
`))

func renderPanel(st *state, over bool) string {
	var b strings.Builder
	data := struct {
		Count string
		Over  bool
		Errs  []problem
	}{typo.Count(float64(len(st.errs)), "erreur", "erreurs"), over, st.errs}
	if err := panelTmpl.Execute(&b, data); err != nil {
		return "<p>" + template.HTMLEscapeString(err.Error()) + "</p>"
	}
	return b.String()
}
