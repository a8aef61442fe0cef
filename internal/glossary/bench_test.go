package glossary

import (
	"os"
	"testing"
)

// BenchmarkMark marks the abbreviations of a built page given by
// SPASER_PAGE (the default site's printable schema is its largest), or of
// a synthetic page of 100 KB full of terms.
func BenchmarkMark(b *testing.B) {
	page, err := os.ReadFile(os.Getenv("SPASER_PAGE"))
	if err != nil {
		p := []byte("<html><body><header>SPASER</header><main>")
		for len(p) < 100_000 {
			p = append(p, "<h2 id=\"x\">Axe 1</h2><p>Les <a href=\"/a/\">VFE</a> et les VTFE, les GES&nbsp;; le RSA, l’ESAT, les EA et la DAPM.</p>\n"...)
		}
		page = append(p, "</main></body></html>"...)
	}
	g := &Glossary{}
	for _, t := range []string{"AGEC", "CCP", "DAPM", "EA", "EESS", "ESAT", "FAO", "GES", "LTECV", "ODD", "OECPC", "PADIE", "PDI", "PNAD", "RSA", "SIAE", "SNDI", "SNPE", "SPASER", "STPA", "VFE", "VTFE"} {
		g.Terms = append(g.Terms, Term{Term: t, Expansion: "forme développée de " + t})
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		g.Mark(page)
	}
}
