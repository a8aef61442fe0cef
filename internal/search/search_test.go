package search

import "testing"

func TestPlainText(t *testing.T) {
	got := PlainText("## Éléments de contexte\n\nLe **SPASER** cite l'[action n°4.2](../4-sante/2-x.md)[^1].\n\n| a | b |\n|---|:---:|\n| 1 | 2 |\n\n[^1]: Une note.")
	want := "Éléments de contexte Le SPASER cite l'action n°4.2. a b 1 2 Une note."
	if got != want {
		t.Errorf("PlainText:\n got %q\nwant %q", got, want)
	}
}
