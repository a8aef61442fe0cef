// Package echarts draws charts as SVG with Apache ECharts' server-side
// renderer, run by Node.js, and keeps every SVG in a cache folder under a
// hash of what made it: the request (options, size, labels), the pinned
// npm packages (package-lock.json) and the renderer script. A build renders
// only the charts whose hash is new, all of them in one Node.js process.
//
// On first use it installs its runtime itself: it writes the package.json,
// package-lock.json and renderer script embedded in the binary (package
// spaser) into the cache folder and runs `npm ci` there, once.
package echarts

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"spaser"
)

// Env is the environment variable that moves the cache folder.
const Env = "SPASER_CACHE_DIR"

// Renderer renders charts, with its runtime and its SVG cache.
type Renderer struct {
	Runtime string // parent of the installed runtime; default <cache>/echarts
	Cache   string // the SVG cache; default <cache>/charts
	Node    string // the node command; default "node" on PATH
	NPM     string // the npm command; default "npm" on PATH

	once    sync.Once
	files   map[string][]byte // the embedded runtime files
	version string            // hash of the runtime files
	Echarts string            // the pinned ECharts version
	err     error
}

// Stats say what a Render call did.
type Stats struct {
	Charts    int           // requested
	Rendered  int           // drawn now (the others came from the cache)
	Installed bool          // the runtime was installed by this call
	Node      time.Duration // time spent in Node.js (start included)
}

// CacheRoot is SPASER_CACHE_DIR, or spaser/ in the user's cache folder.
func CacheRoot() string {
	if d := os.Getenv(Env); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "spaser")
	}
	return filepath.Join(os.TempDir(), "spaser-cache")
}

// New returns a renderer using the default folders.
func New() *Renderer {
	root := CacheRoot()
	return &Renderer{Runtime: filepath.Join(root, "echarts"), Cache: filepath.Join(root, "charts")}
}

var runtimeFiles = []string{"package.json", "package-lock.json", "renderer/render.cjs"}

func (r *Renderer) init() {
	r.once.Do(func() {
		r.files = map[string][]byte{}
		h := sha256.New()
		for _, name := range runtimeFiles {
			b, err := fs.ReadFile(spaser.ChartRuntime, name)
			if err != nil {
				r.err = err
				return
			}
			r.files[name] = b
			fmt.Fprintf(h, "%s\x00%d\x00", name, len(b))
			h.Write(b)
		}
		r.version = hex.EncodeToString(h.Sum(nil))[:16]
		var lock struct {
			Packages map[string]struct {
				Version string `json:"version"`
			} `json:"packages"`
		}
		if err := json.Unmarshal(r.files["package-lock.json"], &lock); err != nil {
			r.err = err
			return
		}
		r.Echarts = lock.Packages["node_modules/echarts"].Version
		if r.Node == "" {
			r.Node = "node"
		}
		if r.NPM == "" {
			r.NPM = "npm"
		}
	})
}

// Key is the cache key of a request: it changes with the request, the
// pinned packages and the renderer script.
func (r *Renderer) Key(req []byte) string {
	r.init()
	h := sha256.New()
	fmt.Fprintf(h, "spaser-chart\x00%s\x00", r.version)
	h.Write(req)
	return hex.EncodeToString(h.Sum(nil))
}

// Cached returns the SVG of req from the cache, if it is there.
func (r *Renderer) Cached(req []byte) ([]byte, bool) {
	b, err := os.ReadFile(filepath.Join(r.Cache, r.Key(req)+".svg"))
	return b, err == nil && len(b) > 0
}

// Render returns the SVG of each request (JSON: width, height, option,
// yLabels), in order: from the cache, or drawn now in one Node.js process.
func (r *Renderer) Render(ctx context.Context, reqs [][]byte) ([][]byte, Stats, error) {
	r.init()
	st := Stats{Charts: len(reqs)}
	if r.err != nil {
		return nil, st, r.err
	}
	out := make([][]byte, len(reqs))
	var missing []int
	for i, req := range reqs {
		if b, ok := r.Cached(req); ok {
			out[i] = b
		} else {
			missing = append(missing, i)
		}
	}
	if len(missing) == 0 {
		return out, st, nil
	}
	dir, installed, err := r.install(ctx)
	st.Installed = installed
	if err != nil {
		return nil, st, err
	}
	var in bytes.Buffer
	in.WriteString(`{"charts":[`)
	for j, i := range missing {
		if j > 0 {
			in.WriteByte(',')
		}
		in.Write(reqs[i])
	}
	in.WriteString("]}")
	start := time.Now()
	res, err := r.run(ctx, dir, in.Bytes())
	st.Node = time.Since(start)
	if err != nil {
		return nil, st, err
	}
	if len(res.SVGs) != len(missing) {
		return nil, st, fmt.Errorf("graphiques : le moteur de rendu a renvoyé %d SVG pour %d demandés", len(res.SVGs), len(missing))
	}
	if err := os.MkdirAll(r.Cache, 0o755); err != nil {
		return nil, st, fmt.Errorf("graphiques : dossier de cache %s impossible à créer : %w", r.Cache, err)
	}
	for j, i := range missing {
		if j < len(res.Errors) && res.Errors[j] != nil {
			return nil, st, fmt.Errorf("graphiques : Apache ECharts n'a pas pu dessiner un graphique : %s", *res.Errors[j])
		}
		svg := []byte(res.SVGs[j])
		out[i] = svg
		st.Rendered++
		if err := writeAtomic(filepath.Join(r.Cache, r.Key(reqs[i])+".svg"), svg); err != nil {
			return nil, st, fmt.Errorf("graphiques : écriture du cache impossible : %w", err)
		}
	}
	return out, st, nil
}

type result struct {
	Echarts string    `json:"echarts"`
	SVGs    []string  `json:"svgs"`
	Errors  []*string `json:"errors"`
}

func (r *Renderer) run(ctx context.Context, dir string, input []byte) (*result, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.Node, "renderer/render.cjs")
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(input)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("graphiques : le rendu par Node.js a échoué (%v) : %s", err, tail(stderr.String()))
	}
	var res result
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return nil, fmt.Errorf("graphiques : réponse illisible du moteur de rendu : %v", err)
	}
	if res.Echarts != r.Echarts {
		return nil, fmt.Errorf("graphiques : Apache ECharts %s trouvé au lieu de la version %s fixée par package-lock.json (dossier %s) : supprimez ce dossier pour le réinstaller", res.Echarts, r.Echarts, dir)
	}
	return &res, nil
}

// NotFoundError says that Node.js or npm is missing, and how to install it.
type NotFoundError struct{ Command string }

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("graphiques : la commande %s est introuvable. Les graphiques des indicateurs sont dessinés au moment de la construction par Apache ECharts, qui s'exécute avec Node.js (version 18 ou plus récente) et s'installe avec npm. "+
		"Installez-les, par exemple sous Debian ou Ubuntu : sudo apt-get install nodejs npm (ailleurs : le paquet « nodejs » de votre système, ou https://nodejs.org/), puis relancez la construction. "+
		"Une connexion au registre npm est nécessaire une fois, pour la première installation.", e.Command)
}

// Dir is where the runtime of this binary is (or will be) installed.
func (r *Renderer) Dir() string {
	r.init()
	return filepath.Join(r.Runtime, "echarts-"+r.Echarts+"-"+r.version)
}

// Install installs the runtime if it is not there yet; it reports whether
// it did.
func (r *Renderer) Install(ctx context.Context) (bool, error) {
	r.init()
	if r.err != nil {
		return false, r.err
	}
	_, installed, err := r.install(ctx)
	return installed, err
}

func (r *Renderer) install(ctx context.Context) (string, bool, error) {
	dir := r.Dir()
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "echarts", "package.json")); err == nil {
		return dir, false, nil
	}
	if _, err := exec.LookPath(r.Node); err != nil {
		return "", false, &NotFoundError{r.Node}
	}
	if _, err := exec.LookPath(r.NPM); err != nil {
		return "", false, &NotFoundError{r.NPM}
	}
	if err := os.MkdirAll(r.Runtime, 0o755); err != nil {
		return "", false, fmt.Errorf("graphiques : dossier %s impossible à créer : %w", r.Runtime, err)
	}
	tmp, err := os.MkdirTemp(r.Runtime, ".install-")
	if err != nil {
		return "", false, fmt.Errorf("graphiques : %w", err)
	}
	defer os.RemoveAll(tmp)
	for name, b := range r.files {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", false, err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return "", false, err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.NPM, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--omit=dev")
	cmd.Dir = tmp
	var outb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &outb, &outb
	if err := cmd.Run(); err != nil {
		return "", false, fmt.Errorf("graphiques : l'installation d'Apache ECharts %s avec « npm ci » a échoué (%v). Vérifiez l'accès au registre npm, puis relancez la construction. Sortie de npm : %s", r.Echarts, err, tail(outb.String()))
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Stat(filepath.Join(dir, "node_modules", "echarts", "package.json")); serr == nil {
			return dir, false, nil // installed meanwhile by another build
		}
		return "", false, fmt.Errorf("graphiques : %w", err)
	}
	return dir, true, nil
}

func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".svg-")
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

func tail(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 1500 {
		s = "…" + s[len(s)-1500:]
	}
	return s
}
