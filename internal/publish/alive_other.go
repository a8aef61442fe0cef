//go:build !unix

package publish

import (
	"os"
	"time"
)

// alive cannot ask the system whether process pid runs: the temporary
// folder dir is deemed alive until staleAge after it was last changed.
func alive(pid int, dir string) bool {
	st, err := os.Stat(dir)
	return err == nil && time.Since(st.ModTime()) < staleAge
}
