package markdown

import (
	"strings"
	"testing"

	"spaser/internal/sitetest"
)

func TestQuote(t *testing.T) {
	c := New()
	body := "L'article 1 prévoit : « *La politique pour l'égalité comporte notamment* » des actions.\n\n" +
		"*« Par ailleurs, le Département atteint ce niveau. »*\n\n" +
		"La loi « *climat* » et *une emphase*.\n"
	res, err := c.Convert([]byte(body), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	sitetest.ContainsAll(t, res.HTML,
		"prévoit\u00a0: <q>La politique pour l’égalité comporte notamment</q> des actions.",
		"<p><q>Par ailleurs, le Département atteint ce niveau.</q></p>",
		"La loi <q>climat</q> et <em>une emphase</em>.",
	)
	if strings.Contains(res.HTML, "«") || len(res.Warnings) != 0 {
		t.Errorf("guillemets left, or warnings %+v:\n%s", res.Warnings, res.HTML)
	}
}

func TestWarnings(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		line       int
		msg        string
	}{
		{"quotation after a colon", "Texte.\n\nL'article L.5132-1 prévoit que : « L'insertion a pour objet de permettre ».\n", 3, "citation entre « » sans balisage"},
		{"long quotation", "Le schéma dit « un deux trois quatre cinq six sept huit neuf dix onze douze » ici.\n", 1, "citation entre « » sans balisage"},
		{"note in a blockquote", "Texte.\n\n> Note de publication : ces résultats seront publiés.\n", 3, "citation (>) qui n'en est pas une"},
		{"paragraphs ending with ;", "## Indicateurs\n\nNombre de véhicules acquis ;\n\nNombre de véhicules électriques.\n\nAutre chose.\n", 3, "paragraphes qui forment une liste"},
		{"typed bullets", "• premier point\n\n• second point\n", 1, "paragraphes qui forment une liste"},
	} {
		res, err := New().Convert([]byte(tc.body), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Warnings) != 1 || res.Warnings[0].Line != tc.line || !strings.HasPrefix(res.Warnings[0].Msg, tc.msg) {
			t.Errorf("%s: warnings %+v, want one at line %d: %s", tc.name, res.Warnings, tc.line, tc.msg)
		}
	}
	// Not warned: a name in « », a real quotation in a blockquote, a list,
	// a single paragraph ending with « ; ».
	for _, body := range []string{
		"La charte « Villes et Territoires sans Perturbateurs endocriniens » est signée.\n",
		"> « Le premier devoir est de dire vrai. »\n",
		"- un ;\n- deux.\n",
		"Une phrase ;\n\n## Titre\n\nSuite.\n",
		"Selon lui : « *les mots cités ici* ».\n",
	} {
		res, _ := New().Convert([]byte(body), nil, nil)
		if len(res.Warnings) != 0 {
			t.Errorf("%q: unexpected warnings %+v", body, res.Warnings)
		}
	}
}
