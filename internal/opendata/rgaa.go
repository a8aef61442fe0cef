package opendata

import (
	"path"
	"strings"

	"spaser/internal/csvfile"
	"spaser/internal/rgaa"
	"spaser/internal/site"
)

// GridCSV is the audit grid: one line per criterion of the RGAA 4.1.2,
// its status on each page of the sample (C conforme, NC non conforme, NA
// non applicable, NT à vérifier), for the site, how it was checked and
// what fails or remains to check. Same format as indicateurs.csv.
func GridCSV(d *rgaa.Declaration) []byte {
	head := []string{"critere", "intitule", "applicable", "resultat_site"}
	for _, p := range d.Sample {
		head = append(head, "page_"+p.ID)
	}
	head = append(head, "methode", "verifie_le", "verifie_par", "reste_a_verifier", "anomalies", "raison_non_applicable", "derogation")
	var lines [][]string
	for _, r := range d.Results {
		app := "non"
		if r.Applicable {
			app = "oui"
		}
		line := []string{r.Number, text(r.Title), app, r.Site}
		for _, p := range d.Sample {
			line = append(line, r.Pages[p.ID])
		}
		var date, by, todo string
		if r.Checked != nil {
			date, by = r.Checked.Date, r.Checked.By
		}
		if r.Site == rgaa.NT {
			todo = r.ByHand
		}
		var defects []string
		for _, d := range r.Defects {
			defects = append(defects, d.Page+" : "+d.Message)
		}
		line = append(line, r.Method, date, text(by), text(todo), text(strings.Join(defects, " | ")), text(r.Reason), text(r.Derogation))
		lines = append(lines, line)
	}
	return csvfile.Write(head, lines)
}

// gridFile is the grid's CSV when the site has an audit.
func gridFile(s *site.Site) []File {
	if s.Audit == nil || !s.Audit.Audited {
		return nil
	}
	return []File{{path.Join(site.DataDir, rgaa.CSVFile), GridCSV(s.Audit)}}
}
