package render

import (
	"regexp"
	"strings"
	"testing"
)

// parseConf reads the headers that each of the three server files sets,
// by path prefix: they must say the same.
func parseConf(t *testing.T, name string, b []byte) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	var re *regexp.Regexp
	switch name {
	case "_headers":
		re = regexp.MustCompile(`(?m)^(\S+)\*$|^  ([\w-]+): (.*)$`)
	case ".htaccess":
		re = regexp.MustCompile(`(?m)^<If "%\{REQUEST_URI\} =~ m#\^(\S+)#">$|^\s*Header always set ([\w-]+) "(.*)"$`)
	case "_nginx.conf":
		re = regexp.MustCompile(`(?m)^location \^~ (\S+) \{$|^    add_header ([\w-]+) "(.*)" always;$`)
	}
	cur := "/base/"
	for _, m := range re.FindAllStringSubmatch(string(b), -1) {
		if m[1] != "" {
			cur = m[1]
			continue
		}
		if out[cur] == nil {
			out[cur] = map[string]string{}
		}
		out[cur][m[2]] = m[3]
	}
	if name != "_nginx.conf" { // the others inherit the root's headers
		for p, hs := range out {
			for k, v := range out["/base/"] {
				if _, ok := hs[k]; !ok && p != "/base/" {
					hs[k] = v
				}
			}
		}
	}
	return out
}

// TestServerFilesAgree: _headers, .htaccess and _nginx.conf set the same
// headers on the same paths, from HeaderRules, with the CSP of issue 15.
func TestServerFilesAgree(t *testing.T) {
	rules := HeaderRules()
	if err := checkRules("/base/", rules); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"_headers":    headersFile("/base/", rules),
		".htaccess":   htaccess("/base/", rules),
		"_nginx.conf": nginxConf("/base/", rules),
	}
	want := map[string]map[string]string{}
	for _, r := range rules {
		want["/base/"+r.Prefix] = map[string]string{}
		for _, h := range HeadersFor(r.Prefix) {
			want["/base/"+r.Prefix][h.Name] = h.Value
		}
	}
	for name, b := range files {
		got := parseConf(t, name, b)
		if len(got) != len(want) {
			t.Errorf("%s: %v, want %v\n%s", name, got, want, b)
		}
		for p, hs := range want {
			for k, v := range hs {
				if got[p][k] != v {
					t.Errorf("%s: %s %s = %q, want %q\n%s", name, p, k, got[p][k], v, b)
				}
			}
		}
	}
	for _, d := range []string{"base-uri 'none'", "form-action 'self'", "object-src 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(CSP, d) {
			t.Errorf("CSP without %s", d)
		}
	}
	if strings.Contains(MetaCSP, "frame-ancestors") || !strings.Contains(MetaCSP, "base-uri 'none'") {
		t.Errorf("meta CSP: %s", MetaCSP)
	}
}

// TestHeaderLinesChecked: a base path or a value that could end a line or
// a quoted string is refused where the files are written.
func TestHeaderLinesChecked(t *testing.T) {
	for _, base := range []string{"/a\n/*\n  Access-Control-Allow-Origin: *\n/", "/a\"/", "/a}/", "/a;b/", "a/", "/a b/"} {
		if err := checkRules(base, HeaderRules()); err == nil {
			t.Errorf("base %q accepted", base)
		}
	}
	bad := []HeaderRule{{"", []Header{{"X-A", "v\r\nSet-Cookie: x"}}}}
	if err := checkRules("/", bad); err == nil {
		t.Error("a value with CRLF accepted")
	}
}
