package followup

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"spaser/internal/config"
	"spaser/internal/diag"
	"spaser/internal/indicator"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// cfg is the schéma of the fixtures: 2023-2028, figures from 2021.
var cfg = &config.Config{PeriodStart: 2023, PeriodEnd: 2028, DataFrom: 2021}

func years() []int {
	var out []int
	for y := cfg.DataFrom; y <= cfg.PeriodEnd; y++ {
		out = append(out, y)
	}
	return out
}

// archive is a txtar file: a comment, then "-- name --" sections.
type archive struct {
	comment string
	files   []string // names, in order
	data    map[string]string
}

func readArchive(t *testing.T, path string) archive {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := archive{data: map[string]string{}}
	name := ""
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(line, " --\n") {
			name = strings.TrimSuffix(strings.TrimPrefix(line, "-- "), " --\n")
			a.files = append(a.files, name)
			continue
		}
		if name == "" {
			a.comment += line
		} else {
			a.data[name] += line
		}
	}
	return a
}

func (a archive) format() string {
	var b strings.Builder
	b.WriteString(a.comment)
	for _, n := range a.files {
		fmt.Fprintf(&b, "-- %s --\n%s", n, a.data[n])
	}
	return b.String()
}

// load reads the archive's data files as a site's, and follows them.
func load(t *testing.T, a archive) *Result {
	t.Helper()
	fsys := fstest.MapFS{}
	for n, d := range a.data {
		if strings.HasPrefix(n, "data/") {
			fsys[n] = &fstest.MapFile{Data: []byte(d)}
		}
	}
	var l diag.List
	cat := indicator.Load(fsys, cfg, &l)
	if l.HasErrors() { // warnings (a synthetic figure without source) do not matter here
		t.Fatalf("diagnostics: %v", l.Items())
	}
	return Compute(cat, years())
}

// dump writes what the site shows of each indicator: its targets, and for
// each year with a figure or a target, the state, the sentence, the change,
// then its open-data rows.
func dump(r *Result) string {
	var b strings.Builder
	for _, e := range r.List {
		fmt.Fprintf(&b, "# %s\n", e.Ind.ID)
		for _, g := range e.Goals {
			fmt.Fprintf(&b, "objectif : %s %s\n", g.Text, g.When)
		}
		for _, d := range e.Departures {
			fmt.Fprintf(&b, "départ : %s\n", d)
		}
		for _, y := range e.Years {
			if !y.Known() && y.M == nil {
				continue
			}
			fmt.Fprintf(&b, "%d %s | %s", y.Year, y.State.Label(), y.Sentence)
			if y.Change != "" {
				fmt.Fprintf(&b, " | %s", y.Change)
			}
			if y.Since != "" {
				fmt.Fprintf(&b, " | %s", y.Since)
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "carte : %s | %s\n", e.Current().Short, e.Current().State.Label())
		for _, s := range e.Series {
			kind := s.Kind
			if s.Subset {
				kind += " (sous-ensemble)"
			}
			fmt.Fprintf(&b, "série %s %s :", kind, s.Name)
			for i, v := range s.Values {
				switch {
				case v == nil:
					b.WriteString(" -")
				case i < len(s.Provisional) && s.Provisional[i]:
					fmt.Fprintf(&b, " %g*", *v) // provisional or approximate: drawn with a pattern
				default:
					fmt.Fprintf(&b, " %g", *v)
				}
			}
			b.WriteString("\n")
		}
		for _, row := range e.Rows {
			if row.Value == nil && row.Text == "" && row.Target == nil && row.TargetText == "" {
				continue // empty years
			}
			fmt.Fprintf(&b, "ligne %d %q : valeur %s, objectif %s (%s), %s, %s", row.Year, row.Breakdown, num(row.Value), num(row.Target), row.TargetText, row.Status, row.ValueStatus)
			if row.Text != "" {
				fmt.Fprintf(&b, ", texte %q", row.Text)
			}
			b.WriteString("\n")
		}
	}
	return strings.ReplaceAll(strings.ReplaceAll(b.String(), "\u00a0", " "), "\u202f", " ")
}

func num(v *float64) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprintf("%g", *v)
}

// TestKinds: a fixture per target kind, with the statuses, sentences,
// chart series and open-data rows it gives (the want section; go test
// -update rewrites it).
func TestKinds(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) < 8 {
		t.Fatalf("%d fixtures", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			a := readArchive(t, f)
			got := dump(load(t, a))
			if *update {
				a.data["want"] = got
				if err := os.WriteFile(f, []byte(a.format()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got != a.data["want"] {
				t.Errorf("got:\n%s\nwant:\n%s", got, a.data["want"])
			}
		})
	}
}

// TestStatusesOnceWrong: the statuses a real city's schéma got wrong.
func TestStatusesOnceWrong(t *testing.T) {
	cases := []struct {
		fixture, id string
		year        int
		want        State
		why         string
	}{
		{"floor", "plancher", 2024, FloorMet, "the floor is met: not « en retard »"},
		{"relative", "baisse", 2024, RelativePending, "a relative target has a target: not « sans objectif chiffré »"},
		{"relative", "doubler", 2024, OnTrack, "12 → 24 by 2026: 20 in 2024 is ahead of the path (18)"},
		{"deadline", "echeance", 2025, Missed, "the deadline's year, not reached"},
		{"deadline", "echeance", 2026, Met, "past the deadline, judged on the year's figure"},
		{"deadline", "echeance", 2024, Late, "75 in 2024 is behind the path (85)"},
		{"deadline", "echeance", 2023, OnTrack, "75 in 2023 is ahead of the path (70)"},
		{"deadline", "sans-annee", 2026, OnTrack, "60 before 2028: reached early, not « atteint » yet"},
		{"deadline", "sans-annee", 2023, InProgress, "no dated baseline: « en cours »"},
		{"steps", "palier-futur", 2021, OnTrack, "a step to come, reached early, is not « atteint »"},
		{"steps", "paliers", 2025, Missed, "the step of 2025 in force, not reached"},
		{"milestone", "label", 2023, NotYet, "a label not obtained is not « en bonne voie »"},
		{"milestone", "label", 2026, Met, "a milestone reached stays reached"},
		{"milestone", "charte", 2025, Missed, "its deadline (2024) passed"},
		{"bounds", "au-plus", 2024, Missed, "7 is above « au plus 5 »"},
		{"bounds", "fourchette", 2023, Missed, "25 is out of 10-20"},
		{"bounds", "fourchette", 2024, Met, "15 is in 10-20"},
		{"qualitative", "sourcing", 2023, Reported, "reported"},
		{"qualitative", "sourcing", 2024, None, "not reported"},
	}
	for _, c := range cases {
		r := load(t, readArchive(t, "testdata/"+c.fixture+".txtar"))
		var e *Entry
		for _, x := range r.List {
			if x.Ind.ID == c.id {
				e = x
			}
		}
		if got := e.At(c.year).State; got != c.want {
			t.Errorf("%s %d: %s, want %s (%s)", c.id, c.year, got.Label(), c.want.Label(), c.why)
		}
	}
}

// TestRule: the rule on one figure and one target, case by case.
func TestRule(t *testing.T) {
	ind := &indicator.Indicator{ID: "x", Kind: indicator.Count, Unit: indicator.Units["marches"], Direction: "up"}
	start := &indicator.Measure{Year: 2020, Value: ptr(0)}
	cases := []struct {
		name string
		t    indicator.Target
		year int
		v    float64
		base bool
		want State
	}{
		{"step reached", indicator.Target{Year: 2022, Value: 10}, 2022, 10, false, Met},
		{"step reached to the tenth", indicator.Target{Year: 2022, Value: 10}, 2023, 9.96, false, Met},
		{"step not reached", indicator.Target{Year: 2022, Value: 10}, 2022, 9, false, Missed},
		{"step to come, reached early", indicator.Target{Year: 2024, Value: 10}, 2022, 20, false, OnTrack},
		{"step to come, no start", indicator.Target{Year: 2024, Value: 10}, 2022, 5, false, InProgress},
		{"deadline, on the path", indicator.Target{By: 2030, Value: 100}, 2025, 50, true, OnTrack},
		{"deadline, behind the path", indicator.Target{By: 2030, Value: 100}, 2025, 49, true, Late},
		{"deadline year, reached", indicator.Target{By: 2030, Value: 100}, 2030, 100, true, Met},
		{"deadline year, not reached", indicator.Target{By: 2030, Value: 100}, 2030, 99, true, Missed},
		{"at most, reached", indicator.Target{Year: 2022, Value: 5, AtMost: true}, 2022, 5, false, Met},
		{"at most, above", indicator.Target{Year: 2022, Value: 5, AtMost: true}, 2022, 6, false, Missed},
		{"at most, before the deadline, falling fast enough", indicator.Target{By: 2030, Value: 0, AtMost: true}, 2025, 0, true, OnTrack},
		{"range, in", indicator.Target{Year: 2022, Form: indicator.Range, Low: 10, Value: 20}, 2022, 10, false, Met},
		{"range, below", indicator.Target{Year: 2022, Form: indicator.Range, Low: 10, Value: 20}, 2022, 9, false, Missed},
		{"range before its year, in", indicator.Target{By: 2030, Form: indicator.Range, Low: 10, Value: 20}, 2022, 15, false, OnTrack},
		{"floor and aim, aim", indicator.Target{Year: 2022, Form: indicator.FloorAim, Low: 80, Value: 150}, 2022, 150, false, AimMet},
		{"floor and aim, floor", indicator.Target{Year: 2022, Form: indicator.FloorAim, Low: 80, Value: 150}, 2022, 80, false, FloorMet},
		{"floor and aim, below", indicator.Target{Year: 2022, Form: indicator.FloorAim, Low: 80, Value: 150}, 2022, 79, false, BelowFloor},
		{"floor and aim to come, aim reached early", indicator.Target{Year: 2024, Form: indicator.FloorAim, Low: 80, Value: 150}, 2022, 160, false, OnTrack},
		{"floor and aim to come, no start", indicator.Target{Year: 2024, Form: indicator.FloorAim, Low: 80, Value: 150}, 2022, 100, false, InProgress},
		{"relative, no start", indicator.Target{By: 2026, Form: indicator.Relative, Factor: 2, BaseYear: 2019}, 2022, 5, false, RelativePending},
	}
	for _, c := range cases {
		i := *ind
		i.Targets = []indicator.Target{c.t}
		i.Values = []*indicator.Measure{{Year: c.year, Value: ptr(c.v)}}
		if c.base {
			i.Baselines = []*indicator.Measure{start}
		}
		e := Compute(&indicator.Catalogue{List: []*indicator.Indicator{&i}}, []int{c.year})
		if got := e.List[0].Years[0].State; got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got.Label(), c.want.Label())
		}
	}
}

// TestStates: one slug, label, rule and icon per state, all different.
func TestStates(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range States() {
		info := states[s]
		if info.Slug == "" || info.Label == "" || info.Rule == "" || info.Icon == "" || seen[info.Slug] || seen[info.Label] {
			t.Errorf("state %d: %+v", s, info)
		}
		seen[info.Slug], seen[info.Label] = true, true
	}
	if len(States()) != len(states) {
		t.Errorf("States lists %d of %d states", len(States()), len(states))
	}
}

// TestREADME: the README's table gives every state with its rule, in the
// words of the site.
func TestREADME(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range States() {
		row := "| " + s.Label() + " | " + s.Rule() + " |"
		if !strings.Contains(string(b), row) {
			t.Errorf("README lacks the row %q", row)
		}
	}
}

// FuzzCompute follows whatever a values file and a target block say:
// diagnostics perhaps, never a panic, and every year a state and a
// sentence.
func FuzzCompute(f *testing.F) {
	f.Add("by = 2025\nvalue = 100\n", "[x]\nvalue = 75\n")
	f.Add("factor = 2\nbaseline_year = 2022\n", "[x]\nvalue = 0\n")
	f.Add("change = -30\nbaseline_year = 2024\n", "[x]\nvalue = 1e308\n")
	f.Add("min = 10\nmax = 20\n", "[x]\n[[x.detail]]\nlabel = \"A\"\nvalue = 15\n")
	f.Add("value = 150\nfloor = 80\nyear = 2024\n", "[x]\nvalue = 90\napprox = true\n[[x.subset]]\nlabel = \"dont\"\nvalue = 3\n")
	f.Fuzz(func(t *testing.T, target, values string) {
		fsys := fstest.MapFS{
			"data/indicateurs.toml":  {Data: []byte("[[indicator]]\nid = \"x\"\nlabel = \"X\"\nkind = \"count\"\nunit = \"marches\"\n[[indicator.baseline]]\nyear = 2021\nvalue = 3\n[[indicator.target]]\n" + target)},
			"data/valeurs/2024.toml": {Data: []byte(values)},
		}
		var l diag.List
		r := Compute(indicator.Load(fsys, cfg, &l), years())
		for _, e := range r.List {
			for _, y := range e.Years {
				if y.Sentence == "" || y.State.Label() == "" {
					t.Fatalf("%d: %+v", y.Year, y)
				}
			}
		}
	})
}

// TestStepToComeWaits: a year with a step in force is judged on it, not on
// another series' step that applies later (VFE in force, VTFE from 2026).
func TestStepToComeWaits(t *testing.T) {
	ind := &indicator.Indicator{ID: "vfe", Kind: indicator.Share, Unit: indicator.Units["vehicules"], Direction: "up",
		Targets: []indicator.Target{{Year: 2022, Value: 30, Label: "VFE"}, {Year: 2026, Value: 37.4, Label: "VTFE"}},
		Values:  []*indicator.Measure{{Year: 2021, Count: ptr(30), Total: ptr(100)}, {Year: 2022, Count: ptr(35), Total: ptr(100)}}}
	r := Compute(&indicator.Catalogue{List: []*indicator.Indicator{ind}}, []int{2021, 2022, 2026})
	e := r.List[0]
	if y := e.At(2022); y.State != Met || len(y.Goals) != 1 || y.Goals[0].T.Label != "VFE" {
		t.Errorf("2022: %s, goals %v", y.State.Label(), y.Goals)
	}
	if y := e.At(2021); y.State != InProgress || len(y.Goals) != 2 { // VFE reached early, VTFE without a start
		t.Errorf("2021, before any step: %s, %d goals", y.State.Label(), len(y.Goals))
	}
	if y := e.At(2026); len(y.Goals) != 2 {
		t.Errorf("2026: both series apply, got %d", len(y.Goals))
	}
}

// BenchmarkComputeDefault is the follow-up of the default site, once per
// build.
func BenchmarkComputeDefault(b *testing.B) {
	root := os.DirFS("../..")
	var l diag.List
	site := config.Load(root, &l)
	cat := indicator.Load(root, site, &l)
	if l.HasErrors() {
		b.Fatal(l.Items())
	}
	var yrs []int
	for y := site.DataFrom; y <= site.PeriodEnd; y++ {
		yrs = append(yrs, y)
	}
	b.ResetTimer()
	for range b.N {
		Compute(cat, yrs)
	}
}
