package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"spaser/internal/build"
	"spaser/internal/config"
	"spaser/internal/diag"
)

// Output formats of spaser check for the forges: each problem shown on its
// file and line in the merge request.
var checkFormats = map[string]func(w io.Writer, items []diag.Diagnostic) error{
	"texte":  nil, // the default: the list as an editor reads it
	"github": writeGitHub,
	"gitlab": writeGitLab,
}

// writeGitHub writes GitHub Actions workflow commands (::error
// file=…,line=…::message): the workflow run and the pull request show
// each one on its line.
func writeGitHub(w io.Writer, items []diag.Diagnostic) error {
	for _, d := range items {
		level := "error"
		if d.Severity == diag.Warning {
			level = "warning"
		}
		props := "file=" + ghProperty(d.File)
		if d.Line > 0 {
			props += fmt.Sprintf(",line=%d", d.Line)
			if d.Col > 0 {
				props += fmt.Sprintf(",col=%d", d.Col)
			}
		}
		msg := d.Msg
		if d.Hint != "" {
			msg += "\n→ " + d.Hint
		}
		if _, err := fmt.Fprintf(w, "::%s %s,title=spaser check::%s\n", level, props, ghData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message; ghProperty a property.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer(":", "%3A", ",", "%2C").Replace(ghData(s))
}

// codeQuality is one issue of a GitLab code quality report (the subset of
// the Code Climate format GitLab reads).
type codeQuality struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
		} `json:"lines"`
	} `json:"location"`
}

// writeGitLab writes a GitLab code quality report: the merge request's
// widget and its changes tab show each problem on its line.
func writeGitLab(w io.Writer, items []diag.Diagnostic) error {
	out := make([]codeQuality, 0, len(items))
	seen := map[string]int{}
	for _, d := range items {
		var q codeQuality
		q.Description = d.Msg
		if d.Hint != "" {
			q.Description += " → " + d.Hint
		}
		q.CheckName = "spaser-check"
		q.Severity = "major"
		if d.Severity == diag.Warning {
			q.Severity = "minor"
		}
		q.Location.Path = d.File
		if q.Location.Path == "" {
			q.Location.Path = "data/site.toml"
		}
		q.Location.Lines.Begin = max(d.Line, 1)
		sum := sha256.Sum256([]byte(d.String()))
		q.Fingerprint = hex.EncodeToString(sum[:16])
		if n := seen[q.Fingerprint]; n > 0 { // the same problem twice stays two issues
			sum = sha256.Sum256(fmt.Appendf(nil, "%s#%d", d.String(), n))
			q.Fingerprint = hex.EncodeToString(sum[:16])
		}
		seen[q.Fingerprint]++
		out = append(out, q)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// checkAddress warns when the address a site is deployed at (--base-url of
// check, as the deploy job passes it) is not base_url of data/site.toml:
// the canonical links, the sitemap and the open data then name another
// address than the one the site is read at.
func checkAddress(l *diag.List, deploy, configured string) {
	if deploy == "" {
		return
	}
	d, err := build.ParseBaseURL(deploy)
	if err != nil {
		l.Errorf(diag.Pos{}, "Écrivez l'adresse complète, par exemple https://www.exemple.fr/spaser/.", "--base-url %q illisible", deploy)
		return
	}
	c, err := build.ParseBaseURL(configured)
	if configured == "" || err != nil {
		l.Warnf(diag.Pos{File: config.File}, fmt.Sprintf("Ajoutez base_url = %q dans data/site.toml.", d.String()), "base_url absent : l'adresse de publication (%s) n'est écrite nulle part dans le site", d)
		return
	}
	// Host names are case-insensitive: the same address is not a mismatch.
	d.Host, c.Host = strings.ToLower(d.Host), strings.ToLower(c.Host)
	if d.String() != c.String() {
		l.Warnf(diag.Pos{File: config.File}, fmt.Sprintf("Si %s est l'adresse définitive, écrivez-la dans base_url ; sinon corrigez l'adresse de publication (SPASER_URL) dans le fichier d'intégration continue.", d),
			"le site est publié à %s, mais base_url vaut %s", d, c)
	}
}
