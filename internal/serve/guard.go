package serve

import (
	"cmp"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/render"
)

// idleTimeout closes a kept-alive connection that sends nothing more: a
// browser tab left open does not hold it for ever (the event stream is a
// request in progress, kept alive by its own comments).
var idleTimeout = 30 * time.Second

// siteBase is the base path the site is published under (data/site.toml's
// base_url, its host left out), so that the preview's addresses are the
// site's: "/" when the configuration cannot be read, which the build then
// reports.
func siteBase(source string) *url.URL {
	root, err := os.OpenRoot(source)
	if err == nil {
		defer root.Close()
		if cfg := config.Load(root.FS(), &diag.List{}); cfg != nil {
			if u, err := config.ParseBaseURL(cmp.Or(cfg.BaseURL, "/")); err == nil {
				return &url.URL{Path: u.Path}
			}
		}
	}
	return &url.URL{Path: "/"}
}

// localOnly answers only requests addressed to this machine by name: a
// page of another site that made its own name resolve to 127.0.0.1 (DNS
// rebinding) cannot read the preview.
func localOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.TrimSuffix(strings.ToLower(host), ".")
		if host != "localhost" && host != "127.0.0.1" && host != "::1" && host != "[::1]" {
			http.Error(w, "L'aperçu ne répond qu'aux adresses http://127.0.0.1 et http://localhost.", http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// setSiteHeaders sends the headers the published site sends for the file
// at rel (relative to the base path): the same rules as _headers.
func setSiteHeaders(w http.ResponseWriter, rel string) {
	for _, h := range render.HeadersFor(rel) {
		w.Header().Set(h.Name, h.Value)
	}
}
