package typo

import "testing"

// BenchmarkText is French typography on a sentence; the Markdown renderer
// applies it to every piece of text of every page.
func BenchmarkText(b *testing.B) {
	benchText(b, "Le schéma prévoit 90 000 heures d'insertion : soit 43,5 % des marchés ; « bien » ! Les acheteurs l'appliquent dès 2024.")
}

// BenchmarkTextPlain is a sentence that needs no change, the common case.
func BenchmarkTextPlain(b *testing.B) {
	benchText(b, "Et personne critères conditions ancien du concernent élève. Cas téléphone conditions service document précise heure document public nationale parfois sa.")
}

func benchText(b *testing.B, s string) {
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for range b.N {
		_ = Text(s)
	}
}
