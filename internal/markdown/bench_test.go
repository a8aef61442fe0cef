package markdown

import (
	"os"
	"testing"
)

// testdata/corpus-page.md is the body of a page of the benchmark corpus
// (../shared/tools/bench/gen-corpus.go -n 1000, s001/p00001.md): ~600 words
// with headings, emphasis, lists, a table, a blockquote and links.
func BenchmarkConvert(b *testing.B) {
	body, err := os.ReadFile("testdata/corpus-page.md")
	if err != nil {
		b.Fatal(err)
	}
	c := New()
	resolve := resolver(nil)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for range b.N {
		if _, err := c.Convert(body, resolve, nil); err != nil {
			b.Fatal(err)
		}
	}
}
