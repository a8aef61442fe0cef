package sitetest

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Tool finds the program name on the PATH or in the sbin folders, where
// Debian puts servers. Without it the test is skipped, saying what is not
// tested and which packages to install, or fails under CI=true, where make
// deps installs them.
func Tool(t testing.TB, name, untested, packages string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, d := range []string{"/usr/sbin", "/usr/local/sbin", "/sbin"} {
		p := filepath.Join(d, name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	msg := name + " introuvable : " + untested + ". Installez-le avec « apt-get install -y " + packages + " » (ou make deps)."
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " En intégration continue, make deps aurait dû l'installer.")
	}
	t.Skip(msg)
	return ""
}

// FreePort returns a TCP port free on 127.0.0.1 when asked, for a server
// the test starts.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
