//go:build unix

package publish

import (
	"errors"
	"syscall"
)

// alive reports whether process pid, which made the temporary folder dir,
// still runs.
func alive(pid int, dir string) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
