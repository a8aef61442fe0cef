package content

import "regexp"

// frenchTitleRe finds the title written under its French name: the
// unknown-key error already says to write title, so « titre vide » would
// be a second error for the same mistake.
var frenchTitleRe = regexp.MustCompile(`(?m)^[ \t]*(titre|intitule|intitulé)[ \t]*=`)

func misnamedTitle(fm []byte) bool { return frenchTitleRe.Match(fm) }
