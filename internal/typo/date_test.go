package typo

import "testing"

func TestIsDate(t *testing.T) {
	for s, want := range map[string]bool{
		"2023-12-11": true, "2024-02-29": true,
		"2023-02-29": false, "2023-13-01": false, "2023-1-01": false,
		"+123-01-01": false, "2023-12-11 ": false, "": false,
	} {
		if got := IsDate(s); got != want {
			t.Errorf("IsDate(%q) = %v, want %v", s, got, want)
		}
	}
}
