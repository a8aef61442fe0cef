package opendata

import (
	"bytes"
	"strings"
	"testing"

	"spaser/internal/followup"
	"spaser/internal/indicator"
)

// Synthetic test data.

func f(v float64) *float64 { return &v }

// rowsOf are the open-data rows of ind alone.
func rowsOf(ind *indicator.Indicator, years []int) []Row {
	return followup.Compute(&indicator.Catalogue{List: []*indicator.Indicator{ind}}, years).List[0].Rows
}

func TestRowsAndCSV(t *testing.T) {
	ind := &indicator.Indicator{ID: "vfe", Label: "=Véhicules; \"VFE\"", Kind: indicator.Share, Unit: indicator.Units["vehicules"], Direction: "up",
		Targets: []indicator.Target{{Year: 2022, Value: 30, Label: "VFE"}, {Year: 2023, Value: 37.4, Label: "VTFE"}},
		Values:  []*indicator.Measure{{Year: 2022, Count: f(40), Total: f(92), Source: "Bilan", Provisional: true}},
	}
	rows := rowsOf(ind, []int{2021, 2022, 2023})
	// 2021: no target, no value; 2022: VFE; 2023: VFE and VTFE.
	if len(rows) != 4 {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	r := rows[1]
	if r.Year != 2022 || *r.Value != 43.5 || *r.Count != 40 || *r.Total != 92 || *r.Target != 30 || r.Status != "atteint" || r.ValueStatus != "provisoire" || r.TargetSeries != "VFE" {
		t.Errorf("2022 row: %+v", r)
	}
	if rows[0].Status != "non renseigné" || rows[0].Value != nil || rows[0].ValueStatus != "non renseignée" {
		t.Errorf("2021 row: %+v", rows[0])
	}
	if rows[2].TargetSeries != "VFE" || rows[3].TargetSeries != "VTFE" || *rows[3].Target != 37.4 {
		t.Errorf("2023 rows: %+v %+v", rows[2], rows[3])
	}
	csv := CSV(rows)
	if !bytes.HasPrefix(csv, []byte("\ufeffid;label;unit;kind;year;")) {
		t.Errorf("header: %q", csv[:40])
	}
	lines := strings.Split(string(csv), "\r\n")
	if want := `vfe;"'=Véhicules; ""VFE""";véhicules;part;2022;;43,5;40;92;VFE;30;atteint;Bilan;provisoire;au moins 30 % (VFE) à partir de 2022;`; lines[2] != want {
		t.Errorf("line\n%s\nwant\n%s", lines[2], want)
	}
	if !bytes.Equal(csv, CSV(rowsOf(ind, []int{2021, 2022, 2023}))) {
		t.Error("not deterministic")
	}
}

func TestBreakdownRows(t *testing.T) {
	ind := &indicator.Indicator{ID: "p", Label: "Produits", Kind: indicator.Share, Unit: indicator.Units["produits"], Direction: "up",
		Targets: []indicator.Target{{Year: 2022, Value: 50}, {Year: 2024, Value: 60, Breakdown: "Viandes"}},
		Values: []*indicator.Measure{{Year: 2022, Details: []*indicator.Measure{
			{Breakdown: "Site A", Share: f(50)}, {Breakdown: "Site B", Share: f(40)},
		}}},
	}
	rows := rowsOf(ind, []int{2022})
	got := map[string]string{}
	for _, r := range rows {
		got[r.Breakdown] = r.Status
	}
	if got[""] != "non atteint" || got["Site A"] != "atteint" || got["Site B"] != "non atteint" {
		t.Errorf("rows: %+v", rows)
	}
	if _, ok := got["Viandes"]; ok {
		t.Error("no row for a part without value nor target in force")
	}
	found := false
	for _, r := range rowsOf(ind, []int{2024}) {
		if r.Breakdown == "Viandes" && r.Target != nil && *r.Target == 60 && r.Status == "non renseigné" {
			found = true
		}
	}
	if !found {
		t.Error("the part a target concerns has its row once the target applies")
	}
}
