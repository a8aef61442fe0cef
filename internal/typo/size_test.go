package typo

import "testing"

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{850: "850\u00a0octets", 120_400: "120\u00a0Ko", 2_345_678: "2,3\u00a0Mo"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
