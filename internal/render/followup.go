package render

import (
	"html/template"

	"spaser/internal/followup"
	"spaser/internal/opendata"
)

// followUpFuncs are the template functions of the follow-up pages: the
// states for the legends, the open data columns. Everything else is read
// from the follow-up (View.Follow, View.Tally).
func followUpFuncs() template.FuncMap {
	return template.FuncMap{
		"dataColumns": func() []opendata.Column { return opendata.Columns },
		"decpColumns": func() []opendata.Column { return opendata.DECPColumns },
		"licence":     func() string { return opendata.Licence },
		"licenceURL":  func() string { return opendata.LicenceURL },
		// states lists the states, best first, for the legends.
		"states": followup.States,
	}
}

// Calendar dates the figures: each year's publication, the next one due.
func (v View) Calendar() *followup.Calendar { return v.built.Follow.Calendar }

// Standing counts each indicator at its latest published figure.
func (v View) Standing() *followup.Tally { return v.built.Follow.Latest() }
