package safeurl

import "testing"

func TestCheck(t *testing.T) {
	for _, ok := range []string{"https://exemple.fr/", "http://a", "mailto:a@b.fr", "tel:+33100000000", "/axes/", "page.md#x", "#note", "a/b:c", "?q=1", ""} {
		if err := Check(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"javascript:alert(1)", " JavaScript:x", "data:text/html,<script>", "data:image/png;base64,AA", "vbscript:x", "file:///etc/passwd", "java\tscript:x", "http://a\nb"} {
		if err := Check(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
