package decp

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var today = time.Date(2028, 12, 31, 0, 0, 0, 0, time.UTC) // the end of the schéma

// countFiles counts testdata files (real or official) for buyers.
func countFiles(t *testing.T, buyers []string, files ...string) (*Report, *Warnings) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range files {
		b, err := os.ReadFile("testdata/" + f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[Dir+"/"+f] = &fstest.MapFile{Data: b}
	}
	return countFS(t, fsys, buyers)
}

func countFS(t *testing.T, fsys fstest.MapFS, buyers []string) (*Report, *Warnings) {
	t.Helper()
	b, err := NewBuyers(buyers)
	if err != nil {
		t.Fatal(err)
	}
	var w Warnings
	r, err := CountDir(fsys, Dir, b, today, &w)
	if err != nil {
		t.Fatal(err)
	}
	return r, &w
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.005 }

func TestOfficialExamples(t *testing.T) {
	files := []string{"SYNTHETIC_official-example_marches_avec_modifications.json", "SYNTHETIC_official-example_marches_concessions.json"}
	r, _ := countFiles(t, []string{"21750001630066"}, files...)
	y := r.Year(2024)
	// TEST2022 is in both files: one contract.
	if y.Kept != 1 || y.Duplicates != 1 || y.Read != 6 || y.OtherBuyers != 4 {
		t.Fatalf("2024 = %+v", y)
	}
	for name, want := range map[string]Figure{
		Marches: {Value: 1}, Montant: {Value: 575000}, Innovants: {Value: 1}, Reserves: {Value: 0},
		Sociales: {Count: 1, Total: 1, Share: true}, EnvironnementMontant: {Count: 575000, Total: 575000, Share: true},
	} {
		if got, ok := y.Measure(name); !ok || got != want {
			t.Errorf("%s = %+v, %v; want %+v", name, got, ok, want)
		}
	}
	// A SIREN matches every establishment; the concession authority is read
	// from autoriteConcedante with dateSignature and valeurGlobale.
	r, _ = countFiles(t, []string{"217500016", "12345678901234"}, files...)
	y = r.Year(2024)
	if y.Kept != 3 || y.Concessions != 1 || !near(y.Amount, 575000*2+10.3) {
		t.Fatalf("SIREN + concession: %+v", y)
	}
}

// The GIP Maximilien flux (real): 17 contracts notified 2016-2023, all
// republished with « Pas de considération … », 4 amounts of 0.0; and one
// 2024 contract in the 2.0.0 shape with empty lists.
func TestRealGIP(t *testing.T) {
	r, w := countFiles(t, []string{"13001845000028"}, "gip-maximilien_13001845000028_2024-10-06.json", "gip-maximilien_13001845000028_2024-02-29_v2.0.0-style.json")
	want := map[int]struct {
		kept, doubtful int
		amount         float64
	}{2016: {1, 0, 1210.3}, 2017: {2, 0, 25000}, 2018: {2, 0, 4166060.83}, 2019: {7, 2, 105868}, 2021: {3, 2, 24937.5}, 2023: {2, 0, 190000}, 2024: {1, 0, 952543.75}}
	total := 0
	for _, y := range r.Years {
		wy := want[y.Year]
		if y.Kept != wy.kept || y.Doubtful != wy.doubtful || !near(y.Amount, wy.amount) {
			t.Errorf("%d: kept %d doubtful %d amount %v; want %+v", y.Year, y.Kept, y.Doubtful, y.Amount, wy)
		}
		total += y.Kept
		if _, ok := y.Measure(Sociales); ok {
			t.Errorf("%d: a share is computed (before 2024, or with every list empty)", y.Year)
		}
	}
	if total != 18 || len(r.Contracts) != 18 {
		t.Errorf("total %d contracts", total)
	}
	if y := r.Year(2024); y.Social.Unknown(y) != 1 || y.Env.Unknown(y) != 1 {
		t.Errorf("2024 empty lists are « non renseigné »: %+v", y)
	}
	if got := r.Year(2019).Provenance(Montant); got != "calculé à partir des données essentielles de la commande publique : 7\u00a0marchés notifiés en 2019, dont 2 sans montant retenu" {
		t.Errorf("provenance %q", got)
	}
	assertWarned(t, w, `gip-maximilien_13001845000028_2024-10-06.json`, `marché "D2F0000402" : montant 0 € non retenu`, `champ "_type" hors du format DECP`)
}

func assertWarned(t *testing.T, w *Warnings, subs ...string) {
	t.Helper()
	var all []string
	for _, d := range w.List.Items() {
		all = append(all, d.String())
	}
	text := strings.Join(all, "\n")
	for _, s := range subs {
		if !strings.Contains(text, s) {
			t.Errorf("no warning containing %q in:\n%s", s, text)
		}
	}
}

// decp.info tabular rows (real): 80 rows, 53 contracts of the Seine-Maritime.
// Some contract ids are reused with other dates and amounts: the earliest
// notification counts.
func TestRealCSV(t *testing.T) {
	r, w := countFiles(t, []string{"22760540900019"}, "departement-seine-maritime_22760540900019_2024H2_travaux-cpv4521.csv")
	y := r.Year(2024)
	if y.Read != 80 || y.Kept != 53 || y.Duplicates != 27 || !near(y.Amount, 24737616.04) || y.Social.Unknown(y) != 53 {
		t.Fatalf("2024 = %+v", y)
	}
	assertWarned(t, w, `marché "202201281150" : publié aussi ligne 4 avec une autre date`)
	r2, _ := countFiles(t, []string{"227605409"}, "departements_2024H2_travaux-cpv4521.csv")
	y2 := r2.Year(2024)
	if y2.Read != 710 || y2.Kept != 53 || y2.OtherBuyers != 630 || !near(y2.Amount, y.Amount) {
		t.Fatalf("every Département, SIREN of one: %+v", y2)
	}
}

// synth is a SYNTHETIC contract, written in each of the three formats.
type synth struct {
	buyer, id, date string
	amount          float64
	social, env     []string
	innovant        bool
	titulaires      int
}

// Known answers (SYNTHETIC): 2025 keeps A, B, C, D (A republished; E is
// another buyer); 2023 keeps F.
var synthetic = []synth{
	{"21940028800010", "A", "2025-03-01", 100000, []string{"Clause sociale"}, []string{"Pas de considération environnementale"}, true, 1},
	{"21940028800010", "B", "2025-04-01", 50000, []string{"Marché réservé", "Critère social"}, []string{"Clause environnementale"}, false, 2},
	{"21940028800010", "C", "2025-05-01", 30000, nil, []string{"Critère environnemental"}, false, 1},
	{"21940028800028", "D", "2025-06-01", 20000, []string{"Pas de considération sociale"}, nil, false, 3},
	{"21750001600019", "E", "2025-06-01", 99000, []string{"Clause sociale"}, nil, false, 1},
	{"21940028800010", "F", "2023-06-01", 40000, []string{"Pas de considération sociale"}, []string{"Pas de considération environnementale"}, false, 1},
	{"21940028800010", "A", "2025-03-01", 100000, []string{"Clause sociale"}, []string{"Pas de considération environnementale"}, true, 1},
}

func jsonList201(key string, vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = fmt.Sprintf("%q", v)
	}
	return fmt.Sprintf(`{%q:[%s]}`, key, strings.Join(q, ","))
}

func writeJSON(list []synth, wrapped bool) []byte {
	var b bytes.Buffer
	if wrapped {
		b.WriteString(`{"marches":{"marche":[`)
	} else {
		b.WriteString(`{"marches":[`)
	}
	for i, c := range list {
		if i > 0 {
			b.WriteString(",\n")
		}
		soc, env := jsonList201("considerationSociale", c.social), jsonList201("considerationEnvironnementale", c.env)
		tit := `{"titulaire":{"typeIdentifiant":"SIRET","id":"11111111100011"}}`
		if !wrapped {
			soc, env = soc[len(`{"considerationSociale":`):len(soc)-1], env[len(`{"considerationEnvironnementale":`):len(env)-1]
			tit = `{"typeIdentifiant":"SIRET","id":"11111111100011"}`
		}
		fmt.Fprintf(&b, `{"id":%q,"acheteur":{"id":%q},"nature":"Marché","dateNotification":%q,"montant":%v,"marcheInnovant":%v,"titulaires":[%s],"considerationsSociales":%s,"considerationsEnvironnementales":%s}`,
			c.id, c.buyer, c.date, c.amount, c.innovant, tit, soc, env)
	}
	if wrapped {
		b.WriteString("]}}")
	} else {
		b.WriteString("]}")
	}
	return b.Bytes()
}

func csvList(vals []string) string {
	out := make([]string, len(vals))
	for i, v := range vals {
		if strings.HasPrefix(v, "Pas de") {
			v = "Sans objet"
		}
		out[i] = v
	}
	return `"` + strings.Join(out, ", ") + `"`
}

func writeCSV(list []synth) []byte {
	var b bytes.Buffer
	b.WriteString("uid,id,acheteur_id,titulaire_id,montant,dateNotification,considerationsSociales,considerationsEnvironnementales,marcheInnovant\n")
	for _, c := range list {
		for t := 0; t < c.titulaires; t++ {
			fmt.Fprintf(&b, "%s%s,%s,%s,1111111110%04d,%v,%s,%s,%s,%v\n", c.buyer, c.id, c.id, c.buyer, t, c.amount, c.date, csvList(c.social), csvList(c.env), c.innovant)
		}
	}
	return b.Bytes()
}

func gz(b []byte) []byte {
	var out bytes.Buffer
	z := gzip.NewWriter(&out)
	z.Write(b)
	z.Close()
	return out.Bytes()
}

func TestThreeFormatsSameFigures(t *testing.T) {
	buyers := []string{"219400288"}
	sets := map[string]fstest.MapFS{
		"2.0.1+": {Dir + "/a.json": {Data: writeJSON(synthetic[:6], true)}, Dir + "/b.json.gz": {Data: gz(writeJSON(synthetic[6:], true))}},
		"2.0.0":  {Dir + "/a.json": {Data: writeJSON(synthetic, false)}},
		"csv":    {Dir + "/a.csv.gz": {Data: gz(writeCSV(synthetic))}},
	}
	var first []*Year
	for name, fsys := range sets {
		r, w := countFS(t, fsys, buyers)
		if items := w.List.Items(); len(items) > 0 {
			t.Errorf("%s: unexpected warnings %v", name, items)
		}
		y := r.Year(2025)
		want := map[string]Figure{
			Marches: {Value: 4}, Montant: {Value: 200000}, Reserves: {Value: 1}, Innovants: {Value: 1},
			Sociales: {Count: 2, Total: 3, Share: true}, SocialesMontant: {Count: 150000, Total: 170000, Share: true},
			Environnementales: {Count: 2, Total: 3, Share: true}, EnvironnementMontant: {Count: 80000, Total: 180000, Share: true},
		}
		for m, f := range want {
			if got, ok := y.Measure(m); !ok || got != f {
				t.Errorf("%s %s = %+v; want %+v", name, m, got, f)
			}
		}
		if y.OtherBuyers == 0 || y.Social.Unknown(y) != 1 || y.Env.Unknown(y) != 1 {
			t.Errorf("%s: %+v", name, y)
		}
		if _, ok := r.Year(2023).Measure(Sociales); ok {
			t.Errorf("%s: share computed for 2023", name)
		}
		if f, _ := r.Year(2023).Measure(Montant); f.Value != 40000 {
			t.Errorf("%s: 2023 amount %v", name, f.Value)
		}
		// Reads and duplicates differ by format (one CSV row per
		// titulaire); the figures counted do not.
		for _, y := range r.Years {
			y.Read, y.Duplicates, y.OtherBuyers = 0, 0, 0
		}
		if first == nil {
			first = r.Years
		} else if !reflect.DeepEqual(first, r.Years) {
			t.Errorf("%s gives other figures", name)
		}
	}
}

// Real-shaped records with the defects of published files (SYNTHETIC
// values, real field names).
const defects = `{"marches":{"marche":[
{"id":"NC1","acheteur":{"id":"21940028800010"},"dateNotification":"2025-01-10","montant":"NC","marcheInnovant":"oui","considerationsSociales":{"considerationSociale":["Clause sociale"]},"considerationsEnvironnementales":{"considerationEnvironnementale":["oui"]}},
{"id":"TXT2","acheteur":{"id":"21940028800010"},"dateNotification":"2025-02-10","montant":"30 000,50","considerationsSociales":{"considerationSociale":["Pas de considération sociale"]},"champLibre":1},
{"id":"TEN3","acheteur":{"id":"2194002880"},"dateNotification":"2025-02-10","montant":1000},
{"id":"OLD4","acheteur":{"id":"21940028800010"},"dateNotification":"0222-03-01","montant":1000},
{"id":"FUT5","acheteur":{"id":"21940028800010"},"dateNotification":"2099-01-01","montant":1000},
{"id":"BIG6","acheteur":{"id":"21940028800010"},"dateNotification":"2025-03-01","montant":1.0e17,"considerationsSociales":{"considerationSociale":["Clause sociale"]}},
{"id":"ONE7","acheteur":{"id":"21940028800010"},"dateNotification":"2025-03-01","montant":1},
{"id":"ZERO8","acheteur":{"id":"21940028800010"},"dateNotification":"2025-03-01","montant":0.0},
{"id":"OK9","acheteur":{"id":21940028800010},"dateNotification":"2025-04-01+02:00","montant":50000,"considerationsSociales":{"considerationSociale":["Critère social"]}}
]}}`

func TestDefects(t *testing.T) {
	r, w := countFS(t, fstest.MapFS{Dir + "/defauts.json": {Data: []byte(defects)}}, []string{"21940028800010"})
	y := r.Year(2025)
	if y.Kept != 6 || y.Doubtful != 4 || !near(y.Amount, 80000.5) || y.Innovative != 1 || y.Excluded["identifiant d’acheteur mal formé"] != 1 {
		t.Errorf("2025 = %+v", y)
	}
	// Value share: only OK9 and TXT2 have a reliable amount and a list.
	if f, _ := y.Measure(SocialesMontant); f.Count != 50000 || !near(f.Total, 80000.5) {
		t.Errorf("sociales-montant = %+v", f)
	}
	if f, _ := y.Measure(Sociales); f.Count != 3 || f.Total != 4 {
		t.Errorf("sociales = %+v", f)
	}
	if r.Year(0) != nil || r.Year(222).Excluded["date de notification impossible"] != 1 || r.Year(2099).Excluded["date de notification après la fin du schéma"] != 1 {
		t.Errorf("exclusions: %+v %+v", r.Year(222), r.Year(2099))
	}
	assertWarned(t, w, "data/decp/defauts.json:2:", `marché "NC1" : montant écrit en texte ("NC")`, `marché "NC1" : marcheInnovant vaut "oui"`,
		`considerationsEnvironnementales : valeur inconnue "oui"`, `marché "TXT2" : montant écrit en texte`, `champ "champLibre" hors du format DECP`,
		`marché "TEN3" : identifiant d’acheteur "2194002880" de 10 caractères`, `marché "OLD4" : non compté : date de notification impossible "0222-03-01"`,
		`marché "FUT5" : non compté : date de notification 2099-01-01 après la fin du schéma (31/12/2028)`, `marché "BIG6" : montant 1e+17 € non retenu`, `marché "ONE7" : montant 1 € non retenu`)
}

func TestMalformed(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"comma.json", "{\"marches\":{\"marche\":[\n{\"id\":\"a\",}\n]}}", 2, 11, "caractère inattendu"},
		{"cut.json", "{\"marches\":{\"marche\":[\n{\"id\":\"a\"}", 2, 0, "incomplet"},
		{"other.json", `{"data":[]}`, 0, 0, "aucune clé « marches »"},
		{"array.json", ` [1]`, 1, 2, "commence par"},
		{"trail.json", `{"marches":[]} x`, 1, 16, "caractère inattendu"},
		{"a.csv", "x,y\n1,2\n", 1, 0, "colonnes"},
	} {
		f, gzipped, _ := FormatOf(tc.name)
		err := Read(strings.NewReader(tc.src), tc.name, f, gzipped, &Warnings{}, func(*Contract) {})
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Msg, tc.msg) || tc.line != 0 && e.Line != tc.line || tc.col != 0 && e.Col != tc.col {
			t.Errorf("%s: %v (%+v)", tc.name, err, e)
		}
	}
	// The NaN of a consolidation (SEMI-SYNTHETIC file): line and column.
	b, _ := os.ReadFile("testdata/SEMI-SYNTHETIC_decp-processing_decp_test_2022.json")
	err := Read(bytes.NewReader(b), "x.json", JSON, false, nil, func(*Contract) {})
	if err == nil || !strings.Contains(err.Error(), "x.json:351:29 : JSON mal formé : NaN") {
		t.Errorf("NaN: %v", err)
	}
}

// A value too big for a contract stops the read instead of filling memory.
func TestHugeValue(t *testing.T) {
	src := io_multi(`{"marches":[{"id":"`, strings.Repeat("x", maxValue+1<<20), `"}]}`)
	err := Read(src, "big.json", JSON, false, nil, func(*Contract) {})
	if err == nil || !strings.Contains(err.Error(), "16 Mo") {
		t.Errorf("huge value: %v", err)
	}
}

func io_multi(parts ...string) *strings.Reader { return strings.NewReader(strings.Join(parts, "")) }

func FuzzJSON(f *testing.F) {
	f.Add([]byte(defects))
	f.Add(writeJSON(synthetic, false))
	f.Add([]byte(`{"marches":{"contrat-concession":[{"autoriteConcedante":{"id":1},"dateSignature":"2024-01-01","valeurGlobale":"3"}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		k := NewCounter(Buyers{siret: map[string]bool{"21940028800010": true}, siren: map[string]bool{}}, today, &Warnings{})
		if err := Read(bytes.NewReader(b), "f.json", JSON, false, &Warnings{}, k.Add); err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("not an *Error: %v", err)
			}
		}
		k.Report()
	})
}

func FuzzCSV(f *testing.F) {
	f.Add(writeCSV(synthetic))
	f.Add([]byte("id;acheteur_id;montant\n1;21940028800010;NC\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		k := NewCounter(Buyers{siret: map[string]bool{"21940028800010": true}, siren: map[string]bool{}}, today, &Warnings{})
		if err := Read(bytes.NewReader(b), "f.csv", CSV, false, &Warnings{}, k.Add); err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("not an *Error: %v", err)
			}
		}
		k.Report()
	})
}

// Extract keeps the buyer's records, in a file that counts the same.
func TestExtract(t *testing.T) {
	buyers, _ := NewBuyers([]string{"21750001630066"})
	for _, name := range []string{"SYNTHETIC_official-example_marches_concessions.json", "departements_2024H2_travaux-cpv4521.csv"} {
		src, _ := os.ReadFile("testdata/" + name)
		if strings.HasSuffix(name, ".csv") {
			buyers, _ = NewBuyers([]string{"22760540900019"})
		}
		f, _, _ := FormatOf(name)
		var out bytes.Buffer
		st, err := Extract(bytes.NewReader(gz(src)), name+".gz", f, true, buyers, &out, nil)
		if err != nil {
			t.Fatal(err)
		}
		full, _ := countFS(t, fstest.MapFS{Dir + "/" + name: {Data: src}}, buyersIDs(buyers))
		part, w := countFS(t, fstest.MapFS{Dir + "/" + name: {Data: out.Bytes()}}, buyersIDs(buyers))
		if st.Kept == 0 || st.Read <= st.Kept || full.Year(2024).Kept != part.Year(2024).Kept || part.Year(2024).OtherBuyers != 0 {
			t.Errorf("%s: %+v; full %+v, extract %+v %v", name, st, full.Year(2024), part.Year(2024), w.List.Items())
		}
	}
}

func buyersIDs(b Buyers) []string {
	var out []string
	for id := range b.siret {
		out = append(out, id)
	}
	return out
}

// Keys and values with JSON escapes read like plain ones.
func TestEscapes(t *testing.T) {
	src := `{"marches":[{"\u0069d":"A\"1","acheteur":{"id":"21940028800010"},"dateNotification":"2025-01-02","montant":5000,"considerationsSociales":["Crit\u00e8re social"]}]}`
	var got []*Contract
	if err := Read(strings.NewReader(src), "e.json", JSON, false, nil, func(c *Contract) { got = append(got, c) }); err != nil || len(got) != 1 {
		t.Fatalf("%v %v", err, got)
	}
	if c := got[0]; c.ID != `A"1` || c.Social != Present || c.Amount != 5000 {
		t.Errorf("%+v", c)
	}
}

// A concession extracted stays a concession, in its own list.
func TestExtractConcession(t *testing.T) {
	src, _ := os.ReadFile("testdata/SYNTHETIC_official-example_marches_concessions.json")
	buyers, _ := NewBuyers([]string{"12345678901234", "21750001630066"})
	var out bytes.Buffer
	st, err := Extract(bytes.NewReader(src), "c.json", JSON, false, buyers, &out, nil)
	if err != nil || st.Read != 4 || st.Kept != 2 {
		t.Fatalf("%+v %v", st, err)
	}
	r, _ := countFS(t, fstest.MapFS{Dir + "/x.json": {Data: out.Bytes()}}, []string{"12345678901234", "21750001630066"})
	if y := r.Year(2024); y.Kept != 2 || y.Concessions != 1 {
		t.Errorf("%+v\n%s", y, out.String())
	}
}
