package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/user"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"spaser/internal/sitetest"
)

// TestDeployJobs runs the deploy jobs of docs/ci/gitlab-ci.yml as written
// (.publication, then .serveur by SFTP and .stockage to S3-compatible
// storage) against an sshd and a fake S3 endpoint started here, twice: the
// second build has lost a page. Each time the target must be the exact copy
// of public/ (less the web servers' files on S3), and nothing beside the
// target may change.
func TestDeployJobs(t *testing.T) {
	if testing.Short() {
		t.Skip("compile spaser et lance sshd : sauté avec -short")
	}
	const untested = "les jobs de déploiement de docs/ci/gitlab-ci.yml ne sont pas essayés"
	sitetest.Tool(t, "rclone", untested, "rclone")
	sshd := sitetest.Tool(t, "sshd", untested, "openssh-server")
	jobs := jobScripts(t, "../../docs/ci/gitlab-ci.yml")
	for _, job := range []string{".publication", ".serveur", ".stockage"} {
		if len(jobs[job]) == 0 {
			t.Fatalf("job %s not found", job)
		}
	}
	dir := copyRepo(t)
	// A synthetic page, published by the first build only.
	const extra = "essai-deploiement"
	sitePage := filepath.Join(dir, "content", extra+".md")
	if err := os.WriteFile(sitePage, []byte("+++\ntitle = \"Page d'essai du déploiement\"\n+++\n\nPage synthétique écrite par TestDeployJobs.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// SPASER_URL set as the CI file asks for a deploy to the collectivité's
	// server: the address of base_url.
	const address = "https://www.valdemarne.fr/spaser/"
	env := append(gitlabEnv(t, "https://exemple.gitlab.io/spaser"), "SPASER_URL="+address, "RCLONE_CONFIG="+filepath.Join(t.TempDir(), "rclone.conf"))
	publish := func() map[string][]byte {
		for _, line := range jobs[".publication"] {
			out, err := sh(t, dir, line, env...)
			if err != nil {
				t.Fatalf("%q failed: %v\n%s", line, err, out)
			}
			if strings.Contains(out, "base_url") {
				t.Errorf("%q: %s is base_url, yet:\n%s", line, address, out)
			}
		}
		return readTree(t, os.DirFS(filepath.Join(dir, "public")))
	}
	site := publish()
	if _, ok := site[extra+"/index.html"]; !ok {
		t.Fatalf("the synthetic page is not in public/: %v", slices.Sorted(maps.Keys(site)))
	}
	if !bytes.Contains(site["index.html"], []byte(`<link rel="canonical" href="`+address+`">`)) {
		t.Errorf("the deployed site is not built for %s", address)
	}
	hidden := hostFiles(t, site)

	sftp := startSFTP(t, sshd)
	s3 := startS3(t)
	deploy := func(job string, extraEnv ...string) (string, error) {
		var out bytes.Buffer
		for _, line := range jobs[job] {
			o, err := sh(t, dir, line, slices.Concat(env, extraEnv)...)
			out.WriteString(o)
			if err != nil {
				return out.String(), fmt.Errorf("%q: %v", line, err)
			}
		}
		return out.String(), nil
	}
	check := func(round string) {
		t.Helper()
		for _, target := range []struct {
			job     string
			env     []string
			files   func() map[string][]byte
			outside func() map[string][]byte
			omit    []string
		}{
			{".serveur", sftp.env, sftp.target, sftp.outside, nil},
			{".stockage", s3.env, s3.target, s3.outside, hidden},
		} {
			before := target.outside()
			start := time.Now()
			out, err := deploy(target.job, target.env...)
			t.Logf("%s, %s (%v):\n%s", round, target.job, time.Since(start).Round(time.Millisecond), out)
			if err != nil {
				t.Fatalf("%s, %s: %v", round, target.job, err)
			}
			want := maps.Clone(site)
			for _, f := range target.omit {
				delete(want, f)
			}
			got := target.files()
			for _, f := range slices.Sorted(maps.Keys(want)) {
				if g, ok := got[f]; !ok || !bytes.Equal(g, want[f]) {
					t.Errorf("%s, %s: %s missing or different on the target", round, target.job, f)
				}
			}
			for _, f := range slices.Sorted(maps.Keys(got)) {
				if _, ok := want[f]; !ok {
					t.Errorf("%s, %s: %s left on the target, not in public/", round, target.job, f)
				}
			}
			if after := target.outside(); !maps.EqualFunc(before, after, bytes.Equal) {
				t.Errorf("%s, %s: files outside the target changed:\nbefore %v\nafter  %v", round, target.job, slices.Sorted(maps.Keys(before)), slices.Sorted(maps.Keys(after)))
			}
		}
	}
	check("first deploy")
	s3.contentTypes(t)
	if err := os.Remove(sitePage); err != nil {
		t.Fatal(err)
	}
	site = publish()
	check("second deploy, one page less")

	// The server's key is checked: without its known_hosts file, or with
	// another server's key, nothing is sent.
	before, start := sftp.all(), time.Now()
	if out, err := deploy(".serveur", slices.DeleteFunc(slices.Clone(sftp.env), func(v string) bool { return strings.HasPrefix(v, "SPASER_KNOWN_HOSTS=") })...); err == nil || !strings.Contains(out, "la clé publique du serveur manque") {
		t.Errorf("deploy without SPASER_KNOWN_HOSTS: %v\n%s", err, out)
	}
	// (One connection attempt instead of rclone's ten, a second apart.)
	if out, err := deploy(".serveur", append(slices.Clone(sftp.env), "SPASER_KNOWN_HOSTS="+sftp.wrongKnownHosts, "RCLONE_LOW_LEVEL_RETRIES=1")...); err == nil || !strings.Contains(out, "knownhosts: key mismatch") {
		t.Errorf("deploy to a server with another key succeeded:\n%s", out)
	}
	if !maps.EqualFunc(before, sftp.all(), bytes.Equal) {
		t.Error("a refused deploy changed files on the server")
	}
	t.Logf("refused deploys: %v", time.Since(start).Round(time.Millisecond))
}

// readTree reads every regular file under fsys, by slash path.
func readTree(t *testing.T, fsys fs.FS) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		files[p], err = fs.ReadFile(fsys, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var nginxHidden = regexp.MustCompile(`(?m)^location = \S*/([^/\s]+) \{ return 404; \}$`)

// hostFiles are the files a build writes for the web servers, as its
// _nginx.conf lists them (those the S3 job leaves out).
func hostFiles(t *testing.T, site map[string][]byte) []string {
	t.Helper()
	var files []string
	for _, m := range nginxHidden.FindAllSubmatch(site["_nginx.conf"], -1) {
		files = append(files, string(m[1]))
	}
	if len(files) == 0 {
		t.Fatal("_nginx.conf hides no file")
	}
	return files
}

// sftpServer is an sshd on 127.0.0.1 that serves only SFTP, to the
// current user with a throwaway key; the web root holds the site's folder
// and, beside it, what the deploy must not touch.
type sftpServer struct {
	t               *testing.T
	root, dir       string
	env             []string
	wrongKnownHosts string
}

func startSFTP(t *testing.T, sshd string) *sftpServer {
	t.Helper()
	keys := t.TempDir()
	for _, k := range []string{"hote", "client", "autre"} {
		if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", k, "-f", filepath.Join(keys, k)).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
	}
	if os.Geteuid() == 0 {
		// sshd started by root wants the privilege separation folder
		// that its service unit would create.
		if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
			t.Fatal(err)
		}
	}
	port := sitetest.FreePort(t)
	cfg := filepath.Join(keys, "sshd_config")
	sitetest.Write(t, keys, map[string]string{"sshd_config": fmt.Sprintf(`ListenAddress 127.0.0.1:%d
HostKey %[2]s/hote
AuthorizedKeysFile %[2]s/client.pub
PidFile %[2]s/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
ForceCommand internal-sftp
Subsystem sftp internal-sftp
`, port, keys)})
	var log bytes.Buffer
	cmd := exec.Command(sshd, "-D", "-e", "-f", cfg)
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
		if t.Failed() {
			t.Logf("sshd:\n%s", log.String())
		}
	})
	waitSSH(t, port, exited)
	knownHosts := func(key string) string {
		pub, err := os.ReadFile(filepath.Join(keys, key+".pub"))
		if err != nil {
			t.Fatal(err)
		}
		sitetest.Write(t, keys, map[string]string{"known_hosts-" + key: fmt.Sprintf("[127.0.0.1]:%d %s", port, pub)})
		return filepath.Join(keys, "known_hosts-"+key)
	}
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	s := &sftpServer{t: t, root: t.TempDir(), wrongKnownHosts: knownHosts("autre")}
	s.dir = filepath.Join(s.root, "spaser")
	// Beside the site: the collectivité's home page, another site, a
	// folder whose name starts like the site's. In the site's folder, a
	// page of an older version, which the deploy replaces.
	sitetest.Write(t, s.root, map[string]string{
		"index.html":            "accueil de la collectivité",
		"autre-site/index.html": "un autre site",
		"spaser-2019/page.html": "l'ancien schéma, archivé",
		"spaser/ancienne.html":  "une page que le site ne produit plus",
	})
	s.env = []string{
		"SPASER_SSH_KEY=" + filepath.Join(keys, "client"),
		"SPASER_KNOWN_HOSTS=" + knownHosts("hote"),
		"SPASER_HOST=127.0.0.1",
		fmt.Sprintf("SPASER_PORT=%d", port),
		"SPASER_USER=" + u.Username,
		"SPASER_DIR=" + s.dir,
	}
	return s
}

func (s *sftpServer) all() map[string][]byte { return readTree(s.t, os.DirFS(s.root)) }

func (s *sftpServer) target() map[string][]byte { return readTree(s.t, os.DirFS(s.dir)) }

func (s *sftpServer) outside() map[string][]byte {
	files := s.all()
	for f := range files {
		if strings.HasPrefix(f, "spaser/") {
			delete(files, f)
		}
	}
	return files
}

// waitSSH waits for sshd's banner on port.
func waitSSH(t *testing.T, port int, exited <-chan struct{}) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case <-exited:
			t.Fatal("sshd stopped")
		default:
		}
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.SetReadDeadline(time.Now().Add(2 * time.Second))
			banner := make([]byte, 4)
			_, err = io.ReadFull(c, banner)
			c.Close()
			if err == nil && string(banner) == "SSH-" {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("sshd does not answer on port %d: %v", port, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// s3Server is an in-memory S3-compatible endpoint (gofakes3, which does
// not check signatures). The site goes under a prefix of a bucket that
// holds other objects; a second bucket stands for the rest of the account.
type s3Server struct {
	t       *testing.T
	backend *s3mem.Backend
	env     []string
}

const s3Bucket, s3Prefix = "collectivite", "spaser/"

func startS3(t *testing.T) *s3Server {
	t.Helper()
	b := s3mem.New()
	srv := httptest.NewServer(gofakes3.New(b, gofakes3.WithLogger(gofakes3.DiscardLog())).Server())
	t.Cleanup(srv.Close)
	for bucket, objects := range map[string]map[string]string{
		s3Bucket: {
			"index.html":            "accueil de la collectivité",
			"spaser-2019/page.html": "l'ancien schéma, archivé",
			"spaser/ancienne.html":  "une page que le site ne produit plus",
		},
		"voisin": {"spaser/index.html": "un autre site"},
	} {
		if err := b.CreateBucket(bucket); err != nil {
			t.Fatal(err)
		}
		for key, body := range objects {
			if _, err := b.PutObject(bucket, key, map[string]string{"Content-Type": "text/html"}, strings.NewReader(body), int64(len(body)), nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	return &s3Server{t: t, backend: b, env: []string{
		"AWS_ACCESS_KEY_ID=essai", "AWS_SECRET_ACCESS_KEY=essai-secret",
		"SPASER_BUCKET=" + s3Bucket + "/" + strings.TrimSuffix(s3Prefix, "/"),
		"SPASER_ENDPOINT=" + srv.URL, "SPASER_REGION=fr-par",
		// Nothing of this machine's AWS setup: a CA bundle in the
		// environment makes rclone's S3 client refuse its transport.
		"AWS_CA_BUNDLE=", "AWS_PROFILE=", "AWS_CONFIG_FILE=" + os.DevNull, "AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull,
	}}
}

// objects reads every object of every bucket, by "bucket/key".
func (s *s3Server) objects() map[string][]byte {
	t := s.t
	t.Helper()
	files := map[string][]byte{}
	buckets, err := s.backend.ListBuckets()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range buckets {
		list, err := s.backend.ListBucket(b.Name, nil, gofakes3.ListBucketPage{})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range list.Contents {
			obj, err := s.backend.GetObject(b.Name, c.Key, nil)
			if err != nil {
				t.Fatal(err)
			}
			files[b.Name+"/"+c.Key], err = io.ReadAll(obj.Contents)
			obj.Contents.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	return files
}

func (s *s3Server) target() map[string][]byte {
	files := map[string][]byte{}
	for k, v := range s.objects() {
		if rel, ok := strings.CutPrefix(k, s3Bucket+"/"+s3Prefix); ok {
			files[rel] = v
		}
	}
	return files
}

func (s *s3Server) outside() map[string][]byte {
	files := s.objects()
	for k := range files {
		if strings.HasPrefix(k, s3Bucket+"/"+s3Prefix) {
			delete(files, k)
		}
	}
	return files
}

// contentTypes checks that the objects are served with their type: a
// bucket serves the Content-Type given at upload.
func (s *s3Server) contentTypes(t *testing.T) {
	t.Helper()
	want := map[string]string{".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".xml": "text/xml", ".csv": "text/csv", ".png": "image/png"}
	seen := map[string]bool{}
	for key := range s.target() {
		ext := path.Ext(key)
		w, ok := want[ext]
		if !ok {
			continue
		}
		obj, err := s.backend.HeadObject(s3Bucket, s3Prefix+key)
		if err != nil {
			t.Fatal(err)
		}
		if ct := obj.Metadata["Content-Type"]; !strings.HasPrefix(ct, w) && !(ext == ".js" && strings.HasPrefix(ct, "application/javascript")) && !(ext == ".xml" && strings.HasPrefix(ct, "application/xml")) {
			t.Errorf("%s: Content-Type %q, want %s", key, ct, w)
		}
		seen[ext] = true
	}
	for _, ext := range []string{".html", ".css", ".js"} {
		if !seen[ext] {
			t.Errorf("no %s file on the bucket", ext)
		}
	}
}

// A deploy job whose target variable is missing or empty stops before
// rclone runs: « :sftp: » alone is the home folder of the SSH account
// (where its authorized_keys live), « :s3: » the whole account, and the
// sync would delete there everything the site does not produce. rclone is
// a stub here, which records that it ran.
func TestDeployJobsNeedTheirTarget(t *testing.T) {
	jobs := jobScripts(t, "../../docs/ci/gitlab-ci.yml")
	bin := t.TempDir()
	ran := filepath.Join(bin, "ran")
	sitetest.Write(t, bin, map[string]string{"rclone": "#!/bin/sh\necho \"$@\" > " + ran + "\n"})
	if err := os.Chmod(filepath.Join(bin, "rclone"), 0o755); err != nil {
		t.Fatal(err)
	}
	path := "PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")
	for job, v := range map[string]string{".serveur": "SPASER_DIR", ".stockage": "SPASER_BUCKET"} {
		for _, unset := range []string{v + "=", "-" + v} {
			env := []string{path, "SPASER_KNOWN_HOSTS=/dev/null", "SPASER_HOST=h", "SPASER_USER=u", "SPASER_SSH_KEY=/dev/null", "SPASER_DIR=/srv/spaser", "SPASER_BUCKET=seau/spaser"}
			env = slices.DeleteFunc(env, func(kv string) bool { return strings.HasPrefix(kv, v+"=") })
			if unset == v+"=" {
				env = append(env, unset)
			}
			cmd := exec.Command("sh", "-c", strings.Join(jobs[job], "\n"))
			cmd.Dir = t.TempDir()
			cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, v+"=") }), env...)
			out, err := cmd.CombinedOutput()
			if _, serr := os.Stat(ran); serr == nil || err == nil {
				args, _ := os.ReadFile(ran)
				t.Errorf("%s with %s: rclone ran (%s)%s", job, unset, strings.TrimSpace(string(args)), out)
				os.Remove(ran)
			} else if !strings.Contains(string(out), v) {
				t.Errorf("%s with %s: the error does not name %s: %s", job, unset, v, out)
			}
		}
	}
}
