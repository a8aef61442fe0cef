package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"spaser/internal/site"
)

// The HTTP headers of the published site have one source, headerRules:
// _headers (Netlify, Cloudflare Pages…), .htaccess (Apache), _nginx.conf
// (an nginx snippet), the <meta> CSP of every page and the preview's
// responses are all written from it.

// Header is one HTTP header.
type Header struct{ Name, Value string }

// HeaderRule is the headers sent for the files under Prefix, a path
// relative to the site's base path ("" for every file).
type HeaderRule struct {
	Prefix  string
	Headers []Header
}

// cspDirectives is the Content-Security-Policy the built site works under:
// nothing but its own files, no inline script or style, no plug-in, no
// <base>, forms sent to the site only, no framing.
var cspDirectives = []string{
	"default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
	"object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
}

// CSP is the policy sent as an HTTP header.
var CSP = strings.Join(cspDirectives, "; ")

// MetaCSP is the policy in every page's <meta http-equiv>, for hosts that
// send no header (GitLab and GitHub Pages): the same but frame-ancestors,
// which browsers ignore there (and warn about).
var MetaCSP = strings.Join(cspDirectives[:len(cspDirectives)-1], "; ")

// HeaderRules are the headers of the site: security headers on every
// file, a year of cache on the fingerprinted assets.
func HeaderRules() []HeaderRule {
	return []HeaderRule{
		{"", []Header{
			{"Content-Security-Policy", CSP},
			{"X-Content-Type-Options", "nosniff"},
			{"X-Frame-Options", "DENY"},
			{"Referrer-Policy", "same-origin"},
			{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"},
		}},
		{"assets/", []Header{{"Cache-Control", "public, max-age=31536000, immutable"}}},
	}
}

// HeadersFor lists the headers of the file at rel (relative to the base
// path), in the order of the rules.
func HeadersFor(rel string) []Header {
	var out []Header
	for _, r := range HeaderRules() {
		if strings.HasPrefix(rel, r.Prefix) {
			out = append(out, r.Headers...)
		}
	}
	return out
}

var (
	headerNameRe = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
	// A value or a path may hold no quote, backslash, brace or control
	// character: none could then end a line or a string of the files below.
	unsafeConfRe = regexp.MustCompile("[\x00-\x1f\x7f\"\\\\{}`$]")
)

// checkRules refuses a line that could break the files it is written in.
// The base path is checked when read (config.ParseBaseURL); this is the
// last guard, where the lines are written.
func checkRules(base string, rules []HeaderRule) error {
	if !strings.HasPrefix(base, "/") || !strings.HasSuffix(base, "/") || unsafeConfRe.MatchString(base) || strings.ContainsAny(base, " #;*") {
		return fmt.Errorf("chemin de base %q impropre aux en-têtes HTTP", base)
	}
	for _, r := range rules {
		if unsafeConfRe.MatchString(r.Prefix) || strings.ContainsAny(r.Prefix, " #;*") {
			return fmt.Errorf("chemin %q impropre aux en-têtes HTTP", r.Prefix)
		}
		for _, h := range r.Headers {
			if !headerNameRe.MatchString(h.Name) || unsafeConfRe.MatchString(h.Value) {
				return fmt.Errorf("en-tête HTTP impropre : %q", h.Name+": "+h.Value)
			}
		}
	}
	return nil
}

// ServerFiles are the hosts' configuration files, written from
// HeaderRules for the site's base path: _headers, .htaccess, _nginx.conf.
func ServerFiles(s *site.Site) ([]Asset, error) {
	base, rules := s.Base.Path, HeaderRules()
	if err := checkRules(base, rules); err != nil {
		return nil, err
	}
	return []Asset{
		{Out: "_headers", Data: headersFile(base, rules)},
		{Out: ".htaccess", Data: htaccess(base, rules)},
		{Out: "_nginx.conf", Data: nginxConf(base, rules)},
	}, nil
}

func headersFile(base string, rules []HeaderRule) []byte {
	var b bytes.Buffer
	b.WriteString("# En-têtes HTTP du site, pour les hébergeurs qui lisent ce fichier (Netlify,\n# Cloudflare Pages…). Apache : .htaccess ; nginx : _nginx.conf.\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "%s%s*\n", base, r.Prefix)
		for _, h := range r.Headers {
			fmt.Fprintf(&b, "  %s: %s\n", h.Name, h.Value)
		}
	}
	return b.Bytes()
}

// htaccess is for Apache (mod_headers): the file is read in the site's
// folder, the rules for a sub-folder apply with an <If>.
func htaccess(base string, rules []HeaderRule) []byte {
	var b bytes.Buffer
	b.WriteString("# En-têtes HTTP du site pour Apache (mod_headers), écrits par spaser.\n<IfModule mod_headers.c>\n")
	for _, r := range rules {
		indent := ""
		if r.Prefix != "" {
			fmt.Fprintf(&b, "<If \"%%{REQUEST_URI} =~ m#^%s%s#\">\n", base, r.Prefix)
			indent = "    "
		}
		for _, h := range r.Headers {
			fmt.Fprintf(&b, "%sHeader always set %s \"%s\"\n", indent, h.Name, h.Value)
		}
		if r.Prefix != "" {
			b.WriteString("</If>\n")
		}
	}
	fmt.Fprintf(&b, "</IfModule>\n<IfModule mod_deflate.c>\nAddOutputFilterByType DEFLATE %s\n</IfModule>\nErrorDocument 404 %s404.html\n", compressed, base)
	return b.Bytes()
}

// compressed are the types worth compressing (nginx always compresses
// text/html once gzip is on).
const compressed = "text/html text/css text/javascript application/javascript application/json text/csv image/svg+xml"

// hiddenFiles are the files a build writes for the host, not for readers.
var hiddenFiles = []string{"_headers", "_nginx.conf", ".htaccess", ".spaser-construit"}

// nginxConf is a snippet for the server block. An add_header in a
// location replaces those of the enclosing one: each location repeats
// every header that applies to it.
func nginxConf(base string, rules []HeaderRule) []byte {
	var b bytes.Buffer
	b.WriteString("# En-têtes HTTP du site pour nginx, écrits par spaser : à inclure dans le bloc server\n# (include …/_nginx.conf;), le site étant servi depuis son dossier.\n")
	// The server files beside the pages are for the hosts, not the readers:
	// an exact location wins over the prefix ones below.
	b.WriteString("# Les fichiers de configuration et la marque de spaser ne sont pas servis.\n")
	for _, f := range hiddenFiles {
		fmt.Fprintf(&b, "location = %s%s { return 404; }\n", base, f)
	}
	for i := len(rules) - 1; i >= 0; i-- {
		r := rules[i]
		fmt.Fprintf(&b, "location ^~ %s%s {\n", base, r.Prefix)
		for _, h := range HeadersFor(r.Prefix) {
			fmt.Fprintf(&b, "    add_header %s \"%s\" always;\n", h.Name, h.Value)
		}
		if r.Prefix == "" {
			fmt.Fprintf(&b, "    error_page 404 %s404.html;\n", base)
		}
		fmt.Fprintf(&b, "    gzip on;\n    gzip_types %s;\n", strings.TrimPrefix(compressed, "text/html "))
		b.WriteString("}\n")
	}
	return b.Bytes()
}
