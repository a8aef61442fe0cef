// Command prepare installs the chart renderer (Apache ECharts, pinned by
// package-lock.json) in the cache folder, as the first build would. `make
// deps` runs it so that the tests find it ready.
package main

import (
	"context"
	"fmt"
	"os"

	"spaser/internal/echarts"
)

func main() {
	r := echarts.New()
	installed, err := r.Install(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	verb := "déjà installé"
	if installed {
		verb = "installé"
	}
	fmt.Printf("deps: moteur de rendu des graphiques %s (Apache ECharts %s) dans %s\n", verb, r.Echarts, r.Dir())
}
