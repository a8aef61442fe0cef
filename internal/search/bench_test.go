package search

import (
	"maps"
	"slices"
	"testing"
)

// BenchmarkPlainText strips the whole site's content, as a rebuild does,
// with the scanner and with the regular expressions it replaces.
func BenchmarkPlainText(b *testing.B) {
	files := contentFiles(b)
	var bodies []string
	size := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		bodies = append(bodies, files[name])
		size += len(files[name])
	}
	for _, impl := range []struct {
		name string
		fn   func(string) string
	}{{"scanner", PlainText}, {"regexp", referencePlainText}} {
		b.Run("impl="+impl.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for range b.N {
				for _, md := range bodies {
					_ = impl.fn(md)
				}
			}
		})
	}
}
