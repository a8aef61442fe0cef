package typo

import "testing"

func TestText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Objectifs :", "Objectifs\u00a0:"},
		{"la loi « climat et résilience »", "la loi «\u00a0climat et résilience\u00a0»"},
		{"Pourquoi ? Parce que ; enfin !", "Pourquoi\u202f? Parce que\u202f; enfin\u202f!"},
		{"90 000 heures", "90\u202f000 heures"},
		{"43,5 %", "43,5\u202f%"},
		{"41% des marchés et 90 000€", "41\u202f% des marchés et 90\u202f000\u202f€"},
		{"en 2022 100 marchés", "en 2022 100 marchés"},
		{"l'achat", "l’achat"},
		{"'citation'", "'citation’"},
		{"https://exemple.fr", "https://exemple.fr"},
		{"1 400 établissements et 120 000 personnes", "1\u202f400 établissements et 120\u202f000 personnes"},
		{"1 000 000", "1\u202f000\u202f000"},
	}
	for _, c := range cases {
		if got := Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
		if again := Text(Text(c.in)); again != Text(c.in) {
			t.Errorf("Text is not idempotent on %q: %q", c.in, again)
		}
	}
}

func TestNumber(t *testing.T) {
	cases := []struct {
		v    float64
		d    int
		want string
	}{
		{90000, 0, "90\u202f000"},
		{43.478, 1, "43,5"},
		{37.4, 1, "37,4"},
		{50, 1, "50"},
		{929, 0, "929"},
		{1234, 0, "1234"},
		{12345.67, 2, "12\u202f345,67"},
		{-3, 0, "−3"},
	}
	for _, c := range cases {
		if got := Number(c.v, c.d); got != c.want {
			t.Errorf("Number(%v, %d) = %q, want %q", c.v, c.d, got, c.want)
		}
	}
	if got := Percent(40.0 / 92 * 100); got != "43,5\u202f%" {
		t.Errorf("Percent = %q", got)
	}
	if got := Count(60000, "heure", "heures"); got != "60\u202f000\u00a0heures" {
		t.Errorf("Count = %q", got)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"Objectifs :", "« a »", "90 000", "l'achat ; 43,5 %"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Text(s)
		if Text(once) != once {
			t.Fatalf("not idempotent on %q", s)
		}
	})
}
