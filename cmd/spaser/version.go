package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"spaser/internal/echarts"
)

// version is the release's, set by `make release` (-ldflags "-X
// main.version=…"). Left empty, it is read from the build information Go
// records: the module version of `go install spaser@v…`, or the commit.
var version string

// versionText is the one line `spaser version` prints.
func versionText() string {
	v := version
	if v == "" {
		v = "développement"
		if bi, ok := debug.ReadBuildInfo(); ok {
			v = buildVersion(bi)
		}
	}
	return fmt.Sprintf("spaser %s (Apache ECharts %s, %s, %s/%s)", v, echarts.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// buildVersion is the module version, or the commit the binary was built
// from (marked when the working tree had changes).
func buildVersion(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+modifié"
			}
		}
	}
	if rev == "" {
		return "développement"
	}
	return "commit " + rev[:min(12, len(rev))] + modified
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "spaser version : argument inattendu « %s »\n", args[0])
		return 2
	}
	fmt.Fprintln(stdout, versionText())
	return 0
}
