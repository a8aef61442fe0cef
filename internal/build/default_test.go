package build

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The default site is the Val-de-Marne SPASER 2023-2028: it must hold the
// whole schema.
const (
	wantActions    = 19
	wantIndicators = 29
	wantInAnnex    = 24
)

var tagRe = regexp.MustCompile(`<[^>]*>`)

// plain turns built HTML or source text into comparable text: no tags, no
// entities, one kind of space and apostrophe, lower case.
func plain(s string) string {
	s = html.UnescapeString(tagRe.ReplaceAllString(s, " "))
	s = strings.NewReplacer("\u00a0", " ", "\u202f", " ", "’", "'", "\t", " ", "\n", " ").Replace(s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func TestDefaultSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, err := buildSite(t, "../..", out, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		if !knownWarning(d) {
			t.Errorf("warning on the default site: %s", d)
		}
	}
	files := readTree(t, out)
	checkMarkup(t, out) // rgaa_test.go
	actions, indicators := 0, 0
	var all strings.Builder
	for name, body := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		all.WriteString(plain(body))
		all.WriteByte('\n')
		switch {
		case strings.HasPrefix(name, "indicateurs/") && strings.Count(name, "/") == 2:
			indicators++
		case strings.HasPrefix(name, "axes/") && strings.Count(name, "/") == 4:
			actions++
		}
	}
	if actions != wantActions || indicators != wantIndicators {
		t.Errorf("%d action pages and %d indicator pages, want %d and %d", actions, indicators, wantActions, wantIndicators)
	}
	checkAgainstSource(t, all.String())
}

// checkAgainstSource checks that every action title and every indicator of
// the annex of the source text appears on the built site. The source stands
// beside the repository (../shared/source), as on the developers' machines
// and in CI.
func checkAgainstSource(t *testing.T, site string) {
	src, err := os.ReadFile("../../../shared/source/spaser-val-de-marne-2023-2028.txt")
	if err != nil {
		t.Skipf("source text not found beside the repository (%v): counts checked, titles not compared", err)
	}
	actionRe := regexp.MustCompile(`(?m)^Action [0-9.]+ : (.+)$`)
	titles := actionRe.FindAllStringSubmatch(string(src), -1)
	if len(titles) != wantActions {
		t.Fatalf("found %d actions in the source, want %d", len(titles), wantActions)
	}
	for _, m := range titles {
		if w := clean(m[1]); !strings.Contains(site, w) {
			t.Errorf("action missing from the site: %q", w)
		}
	}
	annex := 0
	for _, line := range strings.Split(string(src), "\n") {
		cols := strings.Split(line, "\t")
		if len(cols) != 4 || !strings.HasPrefix(strings.ToLower(cols[0]), "axe ") {
			continue
		}
		annex++
		w := clean(strings.ReplaceAll(cols[1], "AGECE", "AGEC"))
		if !strings.Contains(site, w) {
			t.Errorf("annex indicator missing from the site: %q", w)
		}
	}
	if annex != wantInAnnex {
		t.Errorf("found %d annex rows in the source, want %d", annex, wantInAnnex)
	}
}

// clean drops the trailing punctuation the transcription dropped.
func clean(s string) string {
	return strings.TrimRight(plain(s), " .;")
}
