package glossary

import (
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/diag"
)

func load(t *testing.T, src string) (*Glossary, *diag.List) {
	t.Helper()
	l := &diag.List{}
	fsys := fstest.MapFS{}
	if src != "" {
		fsys[File] = &fstest.MapFile{Data: []byte(src)}
	}
	return Load(fsys, l), l
}

func TestLoad(t *testing.T) {
	g, l := load(t, `
[[terms]]
term = "VTFE"
expansion = "véhicules à très faibles émissions"

[[terms]]
term = "GES"
expansion = "gaz à effet de serre"
source = "SPASER"
`)
	if l.HasErrors() {
		t.Fatal(l.Items())
	}
	var got []string
	for _, t := range g.Terms {
		got = append(got, t.Term+"="+t.Expansion)
	}
	want := "GES=gaz à effet de serre|VTFE=véhicules à très faibles émissions"
	if strings.Join(got, "|") != strings.ReplaceAll(want, "’", "'") && strings.Join(got, "|") != want {
		t.Errorf("terms = %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unknown key", "[[terms]]\nterm = \"GES\"\nexpansoin = \"x\"\n", "data/glossaire.toml:3:1|« expansoin »"},
		{"did you mean", "[[terms]]\nterm = \"GES\"\nexpansoin = \"x\"\n", "Vouliez-vous dire « expansion » ?"},
		{"no expansion", "[[terms]]\nterm = \"GES\"\n", "data/glossaire.toml:1:|terme « GES » sans forme développée"},
		{"no term", "[[terms]]\nexpansion = \"x\"\n", "data/glossaire.toml:1:|terme sans sigle"},
		{"twice", "[[terms]]\nterm = \"A\"\nexpansion = \"x\"\n[[terms]]\nterm = \"A\"\nexpansion = \"y\"\n", "data/glossaire.toml:4:|terme « A » déclaré deux fois"},
		{"markup", "[[terms]]\nterm = \"<b>\"\nexpansion = \"x\"\n", "terme illisible"},
		{"long", "[[terms]]\nterm = \"" + strings.Repeat("A", 41) + "\"\nexpansion = \"x\"\n", "terme trop long"},
		{"syntax", "[[terms]]\nterm = GES\n", "data/glossaire.toml:2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, l := load(t, tc.src)
			if !l.HasErrors() {
				t.Fatalf("no error; terms %v", g.Terms)
			}
			var all []string
			for _, d := range l.Items() {
				all = append(all, d.String())
			}
			s := strings.Join(all, "\n")
			for _, want := range strings.Split(tc.want, "|") {
				if !strings.Contains(s, want) {
					t.Errorf("diagnostics:\n%s\nwant %q", s, want)
				}
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	g, l := load(t, "")
	if len(l.Items()) != 0 || len(g.Terms) != 0 {
		t.Errorf("missing file: %v, %v", l.Items(), g.Terms)
	}
}

func TestMark(t *testing.T) {
	g := &Glossary{Terms: []Term{
		{Term: "EA", Expansion: "entreprises adaptées"},
		{Term: "ESAT", Expansion: "établissements et services d’aide par le travail"},
		{Term: "GES", Expansion: "gaz à effet de serre"},
		{Term: "amp", Expansion: "never inside an entity"},
		{Term: "DAPM", Expansion: "Direction de l'achat public & des marchés"},
	}}
	page := `<html><head><title>EA</title></head><body><header>EA</header><main id="contenu">` +
		`<h2 id="ea">Les EAU et le <a href="/EA/">recours aux EA</a></h2>` +
		`<p>Les EA, les EA et les ESAT&nbsp;; <code>GES</code> <abbr title="x">GES</abbr> &amp; les GES.</p>` +
		`<svg><text>DAPM</text></svg><p>La DAPM.</p></main><footer>EA</footer></body></html>`
	got := string(g.Mark([]byte(page)))
	want := `<html><head><title>EA</title></head><body><header>EA</header><main id="contenu">` +
		`<h2 id="ea">Les EAU et le <a href="/EA/">recours aux <abbr title="entreprises adaptées">EA</abbr></a></h2>` +
		`<p>Les EA, les EA et les <abbr title="établissements et services d’aide par le travail">ESAT</abbr>&nbsp;; <code>GES</code> <abbr title="x">GES</abbr> &amp; les <abbr title="gaz à effet de serre">GES</abbr>.</p>` +
		`<svg><text>DAPM</text></svg><p>La <abbr title="Direction de l&#39;achat public &amp; des marchés">DAPM</abbr>.</p></main><footer>EA</footer></body></html>`
	if got != want {
		t.Errorf("Mark:\n got %s\nwant %s", got, want)
	}
}

func TestMarkExplained(t *testing.T) {
	g := &Glossary{Terms: []Term{
		{Term: "GES", Expansion: "gaz à effet de serre"},
		{Term: "DA", Expansion: "Direction des achats"},
		{Term: "EA", Expansion: "entreprises adaptées"},
	}}
	page := "<main><p>Les gaz à effet de serre (GES) ; DA (Direction des achats) ; les EA (voir plus bas) ; les GES, DA.</p></main>"
	want := "<main><p>Les gaz à effet de serre (GES) ; DA (Direction des achats) ; les <abbr title=\"entreprises adaptées\">EA</abbr> (voir plus bas) ; les GES, DA.</p></main>"
	if got := string(g.Mark([]byte(page))); got != want {
		t.Errorf("Mark:\n got %s\nwant %s", got, want)
	}
}

func TestMarkUnchanged(t *testing.T) {
	g := &Glossary{Terms: []Term{{Term: "GES", Expansion: "gaz à effet de serre"}}}
	for _, page := range []string{"<p>GES</p>", "<main><p>rien</p></main>", ""} {
		if got := string(g.Mark([]byte(page))); got != page {
			t.Errorf("Mark(%q) = %q", page, got)
		}
	}
	var none *Glossary
	if got := string(none.Mark([]byte("<main>GES</main>"))); got != "<main>GES</main>" {
		t.Errorf("nil glossary changed the page: %q", got)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("[[terms]]\nterm = \"GES\"\nexpansion = \"gaz à effet de serre\"\n")
	f.Add("[[terms]]\nterm = \"\"\n[[terms]]\nterm=\"A\"\nexpansion=\"b\"\nfoo=1\n")
	f.Fuzz(func(t *testing.T, src string) {
		l := &diag.List{}
		g := Load(fstest.MapFS{File: &fstest.MapFile{Data: []byte(src)}}, l)
		for _, term := range g.Terms {
			if msg, _ := checkTerm(term); msg != "" {
				t.Fatalf("kept a bad term %q: %s", term.Term, msg)
			}
		}
		// Marking with whatever was loaded never breaks the page's markup.
		out := g.Mark([]byte("<main><p>" + src + "</p></main>"))
		if len(out) == 0 {
			t.Fatal("empty page")
		}
	})
}

func FuzzMark(f *testing.F) {
	f.Add("<main><p>Les EA &amp; ESAT</p></main>")
	f.Add("<main><a href=\"EA\">EA<code>EA</main>")
	g := &Glossary{Terms: []Term{{Term: "EA", Expansion: "a"}, {Term: "ESAT", Expansion: "b"}, {Term: "amp", Expansion: "c"}}}
	f.Fuzz(func(t *testing.T, page string) {
		out := string(g.Mark([]byte(page)))
		// Only <abbr> elements are added: without them, the page is as it was.
		stripped := out
		for _, term := range g.Terms {
			stripped = strings.ReplaceAll(stripped, `<abbr title="`+term.Expansion+`">`+term.Term+`</abbr>`, term.Term)
		}
		if stripped != page {
			t.Fatalf("Mark changed more than abbreviations:\n in %q\nout %q", page, out)
		}
	})
}
