//go:build unix

package cachefile

import (
	"path/filepath"
	"syscall"
	"testing"
)

// A pipe in the cache would block a plain read for ever.
func TestReadPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no pipe here:", err)
	}
	if got := Read(fifo, 10); got != nil {
		t.Errorf("a pipe gave %q", got)
	}
}
