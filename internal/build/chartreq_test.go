package build

import (
	"bytes"
	"os"
	"testing"

	"spaser"
	"spaser/internal/figures"
)

// chartRequests is the input of internal/echarts' tests and benchmarks:
// the ECharts requests of the default site, both drawings of every chart.
const chartRequests = "../echarts/testdata/requests.jsonl"

// TestChartRequestsTestdata: internal/echarts benchmarks the default
// site's charts as they are today (-update rewrites the file).
func TestChartRequestsTestdata(t *testing.T) {
	ld, l, err := Load(Options{Source: "../..", Defaults: spaser.Layouts})
	if err != nil || ld == nil || l.HasErrors() {
		t.Fatal(err, l.Items())
	}
	_, _, reqs, err := figures.Requests(ld.Site, ld.Built.Follow)
	if err != nil || len(reqs) == 0 {
		t.Fatal("no chart request:", err)
	}
	want := append(bytes.Join(reqs, []byte("\n")), '\n')
	if *update {
		if err := os.WriteFile(chartRequests, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := os.ReadFile(chartRequests); err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s is not the default site's %d chart requests (%v): go test ./internal/build -run ChartRequestsTestdata -update", chartRequests, len(reqs), err)
	}
}
