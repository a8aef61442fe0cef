package csvfile

import "testing"

func TestWrite(t *testing.T) {
	got := string(Write([]string{"id", "label"}, [][]string{
		{"a", `dit "oui"`}, {"b", "x;y"}, {"c", "deux\nlignes"}, {"d", " espace"}, {"", "-0,3"},
	}))
	want := "\ufeffid;label\r\na;\"dit \"\"oui\"\"\"\r\nb;\"x;y\"\r\nc;\"deux\nlignes\"\r\nd; espace\r\n;-0,3\r\n"
	if got != want {
		t.Errorf("Write:\n got %q\nwant %q", got, want)
	}
}

func TestGuard(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+33 1 43 99":              "'+33 1 43 99",
		"-5 % par rapport à 2022":  "'-5 % par rapport à 2022",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\t=1+1":                   "'\t=1+1",
		"\r=1+1":                   "'\r=1+1",
		"'déjà":                    "''déjà",
		"'=x":                      "''=x",
		"Rapport 2023":             "Rapport 2023",
		"":                         "",
		"a=b":                      "a=b",
		" =1":                      " =1",
	} {
		if got := Guard(in); got != want {
			t.Errorf("Guard(%q) = %q, want %q", in, got, want)
		}
		if got := Unguard(Guard(in)); got != in {
			t.Errorf("Unguard(Guard(%q)) = %q", in, got)
		}
	}
	// A text typed with a leading apostrophe before an ordinary letter is
	// not a guard.
	for _, s := range []string{"'abc", "'", "abc"} {
		if got := Unguard(s); got != s {
			t.Errorf("Unguard(%q) = %q", s, got)
		}
	}
}

func FuzzGuard(f *testing.F) {
	for _, s := range []string{"=1", "'", "''=", "-0,3", "\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		g := Guard(s)
		if Unguard(g) != s {
			t.Fatalf("Unguard(Guard(%q)) = %q", s, Unguard(g))
		}
		if g != "" && g[0] != '\'' && (g[0] == '=' || g[0] == '+' || g[0] == '-' || g[0] == '@' || g[0] == '\t' || g[0] == '\r') {
			t.Fatalf("Guard(%q) = %q starts a formula", s, g)
		}
	})
}
