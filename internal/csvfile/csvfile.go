// Package csvfile writes spaser's CSV files the way a French spreadsheet
// opens them, and guards the text of any spreadsheet cell (CSV or XLSX)
// that a spreadsheet would run as a formula.
package csvfile

import (
	"bytes"
	"strings"
)

// Write returns a CSV file: UTF-8 with a byte order mark (without it,
// Excel reads the accents as Latin-1), « ; » between fields, CRLF line
// ends, a field quoted only when it holds « ; », a quote or a line break
// (RFC 4180), and otherwise written byte for byte. The caller formats the
// fields: numbers with a decimal comma and no thousands separator (the
// French settings read 43,5 as a number and 43.5 as text or a date),
// texts through Guard.
func Write(header []string, lines [][]string) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	line(&b, header)
	for _, fields := range lines {
		line(&b, fields)
	}
	return b.Bytes()
}

func line(b *bytes.Buffer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(';')
		}
		if strings.ContainsAny(f, ";\"\r\n") {
			f = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
		}
		b.WriteString(f)
	}
	b.WriteString("\r\n")
}

// triggers are the first characters that make a spreadsheet read a cell's
// text as a formula (= + - @, and a tab or carriage return before them),
// and the apostrophe of the guard itself, so that Unguard undoes exactly
// what Guard did.
const triggers = "=+-@\t\r'"

// Guard returns the text s of a cell so that no spreadsheet runs it: a
// text that starts with a trigger gets a leading apostrophe (the
// spreadsheets' own mark of « text, not a formula »). Only texts are
// guarded: a number (-5, -0,3) is written as it is by the caller, since
// a spreadsheet must read it as a number.
func Guard(s string) string {
	if s != "" && strings.IndexByte(triggers, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// Unguard undoes Guard: it removes the apostrophe put before a trigger. A
// text that merely starts with an apostrophe followed by anything else is
// left as it is.
func Unguard(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte(triggers, s[1]) >= 0 {
		return s[1:]
	}
	return s
}
