package main

import (
	"bytes"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"version"}, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "spaser ") || !strings.Contains(out.String(), "Apache ECharts 6.1.0") {
		t.Errorf("version: %d %q %q", code, out.String(), errb.String())
	}
	if code := run([]string{"version", "x"}, &out, &errb); code != 2 {
		t.Errorf("version x: exit %d", code)
	}
	old := version
	version = "v1.2.3"
	defer func() { version = old }()
	if got := versionText(); !strings.HasPrefix(got, "spaser v1.2.3 (") {
		t.Errorf("release version: %q", got)
	}
}

func TestBuildVersion(t *testing.T) {
	for _, c := range []struct {
		bi   debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "v0.4.0"}}, "v0.4.0"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef"}, {Key: "vcs.modified", Value: "true"}}}, "commit 0123456789ab+modifié"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "développement"},
	} {
		if got := buildVersion(&c.bi); got != c.want {
			t.Errorf("%+v: %q, want %q", c.bi, got, c.want)
		}
	}
}
