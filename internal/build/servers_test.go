package build

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"spaser/internal/sitetest"
)

// TestServedByNginxAndApache serves a site built under /spaser/ through
// nginx (its _nginx.conf included in a server block) and Apache (its
// .htaccess read with AllowOverride FileInfo, as the README says, in a
// minimal configuration with the stock one's essentials), and
// checks that each sends, on a page, an indicator, a fingerprinted CSS
// file and an unknown path, every header that _headers gives for that path
// with the same value and only once, the right Content-Type, compression,
// and the site's 404 page with status 404 (issue 15). Skipped when a
// server is not installed, except under CI=true.
func TestServedByNginxAndApache(t *testing.T) {
	if testing.Short() {
		t.Skip("serveurs non lancés avec -short")
	}
	src := t.TempDir()
	writeFixture(t, src)
	// The document root holds the site in spaser/, its base path.
	root := servableDir(t)
	site := filepath.Join(root, "www", "spaser")
	if _, err := buildSite(t, src, site, "https://exemple.fr/spaser/"); err != nil {
		t.Fatal(err)
	}
	rules := parseHeadersFile(t, filepath.Join(site, "_headers"))
	css, _ := filepath.Glob(filepath.Join(site, "assets", "*.css"))
	if len(css) == 0 {
		t.Fatal("no CSS file in assets/")
	}
	notFound, err := os.ReadFile(filepath.Join(site, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	paths := []struct{ path, ctype string }{
		{"/spaser/", "text/html"},
		{"/spaser/indicateurs/heures/", "text/html"},
		{"/spaser/assets/" + filepath.Base(css[0]), "text/css"},
		{"/spaser/pas-de-page-ici/", "text/html"},
	}
	for _, srv := range []struct {
		name, bin string
		start     func(t *testing.T, bin, dir string, port int) <-chan struct{}
	}{
		{"nginx", "nginx", startNginx},
		{"apache", "apache2", startApache},
	} {
		t.Run(srv.name, func(t *testing.T) {
			bin := sitetest.Tool(t, srv.bin, "la configuration générée pour "+srv.name+" n'est pas servie", "nginx-light apache2")
			dir := filepath.Join(root, srv.name)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			port := sitetest.FreePort(t)
			done := srv.start(t, bin, dir, port)
			base := fmt.Sprintf("http://127.0.0.1:%d", port)
			waitServing(t, done, dir, base)
			for _, p := range paths {
				resp, body := get(t, base+p.path)
				missing := strings.Contains(p.path, "pas-de-page")
				switch {
				case missing && resp.StatusCode != http.StatusNotFound:
					t.Errorf("%s: status %d, want 404", p.path, resp.StatusCode)
				case missing && !bytes.Equal(body, notFound):
					t.Errorf("%s: not the site's 404.html:\n%.300s", p.path, body)
				case !missing && resp.StatusCode != http.StatusOK:
					t.Errorf("%s: status %d, want 200", p.path, resp.StatusCode)
				}
				if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, p.ctype) {
					t.Errorf("%s: Content-Type %q, want %s", p.path, ct, p.ctype)
				}
				if !missing && !resp.Uncompressed {
					t.Errorf("%s: not compressed (Content-Encoding %q)", p.path, resp.Header.Get("Content-Encoding"))
				}
				want := headersForPath(rules, p.path)
				if len(want) == 0 {
					t.Fatalf("%s: _headers gives no header", p.path)
				}
				for name, v := range want {
					if got := resp.Header.Values(name); len(got) != 1 || got[0] != v {
						t.Errorf("%s: %s = %q, want %q once (as in _headers)", p.path, name, got, v)
					}
				}
			}
			// nginx serves none of the files written for the host.
			if srv.name == "nginx" {
				for _, f := range []string{"_headers", "_nginx.conf", ".htaccess", ".spaser-construit"} {
					if resp, _ := get(t, base+"/spaser/"+f); resp.StatusCode != http.StatusNotFound {
						t.Errorf("/spaser/%s: status %d, want 404", f, resp.StatusCode)
					}
				}
			}
			// The README says Apache never serves .htaccess: true with the
			// <Files ".ht*"> of every stock configuration, copied below.
			if srv.name == "apache" {
				if resp, _ := get(t, base+"/spaser/.htaccess"); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
					t.Errorf("/spaser/.htaccess: status %d, want 403 or 404", resp.StatusCode)
				}
			}
		})
	}
}

// writeFixture lays out the fixture site under dir.
func writeFixture(t *testing.T, dir string) {
	t.Helper()
	for name, body := range fixture {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// servableDir is a temporary folder that the servers' workers can read
// when the test runs as root (they then run as nobody / www-data).
func servableDir(t *testing.T) string {
	dir := t.TempDir()
	if os.Geteuid() == 0 {
		for d := dir; d != filepath.Dir(d) && strings.HasPrefix(d, os.TempDir()); d = filepath.Dir(d) {
			if err := os.Chmod(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// headerRule is one block of _headers: a path pattern ending in * and
// its headers.
type headerRule struct {
	prefix  string
	headers [][2]string
}

func parseHeadersFile(t *testing.T, path string) []headerRule {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []headerRule
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "  ") && len(out) > 0:
			name, value, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok {
				t.Fatalf("_headers: bad line %q", line)
			}
			out[len(out)-1].headers = append(out[len(out)-1].headers, [2]string{name, value})
		case strings.HasSuffix(line, "*") && strings.HasPrefix(line, "/"):
			out = append(out, headerRule{prefix: strings.TrimSuffix(line, "*")})
		default:
			t.Fatalf("_headers: bad line %q", line)
		}
	}
	return out
}

// headersForPath applies the rules of _headers to a request path, as
// Netlify does: every matching rule, a later one overriding an earlier.
func headersForPath(rules []headerRule, path string) map[string]string {
	out := map[string]string{}
	for _, r := range rules {
		if strings.HasPrefix(path, r.prefix) {
			for _, h := range r.headers {
				out[h[0]] = h[1]
			}
		}
	}
	return out
}

// run starts a server in the foreground, its output in dir/output.log, and
// stops it when the test ends. The channel is closed when it has exited.
func run(t *testing.T, dir string, name string, args ...string) <-chan struct{} {
	t.Helper()
	logf, err := os.Create(filepath.Join(dir, "output.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); logf.Close(); close(done) }()
	t.Cleanup(func() {
		// SIGTERM: both stop their workers and exit.
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	return done
}

func startNginx(t *testing.T, bin, dir string, port int) <-chan struct{} {
	site := filepath.Join(filepath.Dir(dir), "www")
	userLine := ""
	if os.Geteuid() == 0 {
		userLine = "user nobody nogroup;"
	}
	conf := fmt.Sprintf(`%s
worker_processes 1;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path %[2]s/tmp;
    proxy_temp_path %[2]s/tmp;
    fastcgi_temp_path %[2]s/tmp;
    uwsgi_temp_path %[2]s/tmp;
    scgi_temp_path %[2]s/tmp;
    server {
        listen 127.0.0.1:%[3]d;
        root %[4]s;
        include %[4]s/spaser/_nginx.conf;
    }
}
`, userLine, dir, port, site)
	p := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(p, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	return run(t, dir, bin, "-e", filepath.Join(dir, "error.log"), "-p", dir, "-c", p, "-g", "daemon off;")
}

func startApache(t *testing.T, bin, dir string, port int) <-chan struct{} {
	site := filepath.Join(filepath.Dir(dir), "www")
	userLines := ""
	if os.Geteuid() == 0 {
		userLines = "User nobody\nGroup nogroup\n"
	} else if u, err := user.Current(); err == nil {
		userLines = "User " + u.Username + "\n"
	}
	var mods strings.Builder
	for _, m := range []string{"mpm_event", "authz_core", "mime", "dir", "headers", "deflate", "filter"} {
		fmt.Fprintf(&mods, "LoadModule %s_module /usr/lib/apache2/modules/mod_%s.so\n", m, m)
	}
	conf := fmt.Sprintf(`ServerRoot %[1]s
ServerName 127.0.0.1
DefaultRuntimeDir %[1]s
PidFile %[1]s/httpd.pid
ErrorLog %[1]s/error.log
LogLevel warn
Listen 127.0.0.1:%[2]d
%[3]s%[4]sTypesConfig /etc/mime.types
DirectoryIndex index.html
DocumentRoot %[5]s
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory %[5]s>
    Require all granted
</Directory>
<Directory %[5]s/spaser>
    AllowOverride FileInfo
</Directory>
<Files ".ht*">
    Require all denied
</Files>
`, dir, port, userLines, mods.String(), site)
	p := filepath.Join(dir, "httpd.conf")
	if err := os.WriteFile(p, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	return run(t, dir, bin, "-d", dir, "-f", p, "-DFOREGROUND")
}

// waitServing waits until the server answers, and fails with its log if it
// exits or never does.
func waitServing(t *testing.T, done <-chan struct{}, dir, base string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		if c, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), time.Second); err == nil {
			c.Close()
			return
		}
		select {
		case <-done:
			cancel()
		case <-time.After(50 * time.Millisecond):
		}
	}
	out, _ := os.ReadFile(filepath.Join(dir, "output.log"))
	errLog, _ := os.ReadFile(filepath.Join(dir, "error.log"))
	t.Fatalf("the server does not answer:\n%s\n%s", out, errLog)
}

func get(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}
