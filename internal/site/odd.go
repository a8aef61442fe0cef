package site

// oddNames are the French names of the UN Sustainable Development Goals, as
// the United Nations publish them.
var oddNames = [18]string{
	1:  "Pas de pauvreté",
	2:  "Faim « zéro »",
	3:  "Bonne santé et bien-être",
	4:  "Éducation de qualité",
	5:  "Égalité entre les sexes",
	6:  "Eau propre et assainissement",
	7:  "Énergie propre et d'un coût abordable",
	8:  "Travail décent et croissance économique",
	9:  "Industrie, innovation et infrastructure",
	10: "Inégalités réduites",
	11: "Villes et communautés durables",
	12: "Consommation et production responsables",
	13: "Mesures relatives à la lutte contre les changements climatiques",
	14: "Vie aquatique",
	15: "Vie terrestre",
	16: "Paix, justice et institutions efficaces",
	17: "Partenariats pour la réalisation des objectifs",
}

// ODD is one Sustainable Development Goal and the pages that answer it.
type ODD struct {
	Number int
	Name   string
	Page   *Page   // its own page
	Pages  []*Page // schema pages that answer it, in document order
}
