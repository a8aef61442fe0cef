package rgaa

import (
	"strings"
	"testing"
)

func TestMarkup(t *testing.T) {
	var m Markup
	pages := map[string]string{
		"a.html": `<!DOCTYPE html><form role="search"><label for="e">Rechercher dans le site</label><input type="search" id="e" name="q" size="14"></form>
<table><caption>Valeurs</caption></table><font>x</font><p align="center">y</p><svg width="10"><rect width="2" height="3"/></svg><img src="i.png" width="3">`,
		"b.html": `<label for="q">Mots à rechercher</label><input type="search" id="q"><table><caption>Valeurs</caption></table><table><caption>Autres valeurs</caption></table>`,
	}
	var all []string
	for _, name := range []string{"a.html", "b.html"} {
		fs, err := m.Page(name, []byte(pages[name]))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			all = append(all, f.String())
		}
	}
	for _, f := range m.Site() {
		all = append(all, f.String())
	}
	got := strings.Join(all, "\n")
	for _, want := range []string{
		`RGAA 10.1, a.html : attribut de présentation size="14" sur <input>`,
		`RGAA 8.1, b.html : le fichier ne commence pas par <!DOCTYPE html>`,
		`RGAA 10.1, a.html : élément de présentation <font>`,
		`RGAA 10.1, a.html : attribut de présentation align="center" sur <p>`,
		`RGAA 11.3, site : le champ de recherche a plusieurs étiquettes : « Mots à rechercher » (b.html…), « Rechercher dans le site » (a.html…)`,
		`RGAA 5.5, site : 2 tableaux ont le même titre « Valeurs » (a.html, b.html…)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if len(all) != 6 {
		t.Errorf("%d findings, want 6:\n%s", len(all), got)
	}
}

func TestCSS(t *testing.T) {
	bad := CSS("style.css", []byte("h1 { font-size: clamp(1.4rem, 1.05rem + 1.9vw, 2.3rem); }\nh2{font:600 2vmin/1 serif}\n.w { width: 50vw; }"))
	if len(bad) != 2 || bad[0].Criterion != "10.4" {
		t.Errorf("CSS = %v", bad)
	}
	if ok := CSS("style.css", []byte("h1 { font-size: 1.9rem; } .w { width: 50vw; }")); len(ok) != 0 {
		t.Errorf("CSS = %v", ok)
	}
}
