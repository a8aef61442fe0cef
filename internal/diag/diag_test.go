package diag

import "testing"

func TestSuggest(t *testing.T) {
	keys := []string{"title", "short_title", "summary", "weight", "odd", "indicators", "draft", "layout", "menu"}
	for in, want := range map[string]string{
		"wieght":    "weight",
		"titre":     "title",
		"indicator": "indicators",
		"poids":     "",
		"tilte":     "title",
	} {
		if got := Suggest(in, keys); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFormatAndOrder(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "b.md", Line: 2}, "", "deux")
	l.Errorf(Pos{File: "a.md", Line: 10, Col: 3}, "Corrigez.", "un")
	items := l.Items()
	if items[0].String() != "a.md:10:3: erreur\u00a0: un\n    → Corrigez." || items[1].String() != "b.md:2: avertissement\u00a0: deux" {
		t.Errorf("got %q / %q", items[0], items[1])
	}
	if Summary(items) != "1 erreur, 1 avertissement" {
		t.Errorf("Summary = %q", Summary(items))
	}
}

// The same problem found several times (a layout failing for every page it
// renders) is listed and counted once.
func TestItemsOnce(t *testing.T) {
	var l, w1, w2 List
	for _, w := range []*List{&w1, &w2} {
		w.Errorf(Pos{File: "layouts/page.html", Line: 2, Col: 6}, "Corrigez.", "la mise en page échoue : %s", "x")
	}
	w2.Errorf(Pos{File: "layouts/page.html", Line: 3}, "", "autre")
	l.Merge(&w1)
	l.Merge(&w2)
	if got := len(l.Items()); got != 2 {
		t.Errorf("%d items: %v", got, l.Items())
	}
	if got, _ := Count(l.Items()); got != 2 {
		t.Errorf("Count = %d", got)
	}
}

func TestNearest(t *testing.T) {
	got := Nearest("objectif", []string{"contexte", "objectifs-2", "objectifs", "budget"}, 2)
	if len(got) != 2 || got[0] != "objectifs" || got[1] != "objectifs-2" {
		t.Errorf("Nearest = %q", got)
	}
	if got := Nearest("x", nil, 3); len(got) != 0 {
		t.Errorf("Nearest of nothing = %q", got)
	}
}
