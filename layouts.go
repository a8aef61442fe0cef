// Package spaser holds the default layouts of the generator. A site's own
// layouts/ folder overrides them file by file, so a collectivité can publish
// its SPASER with only content/ and data/.
package spaser

import "embed"

// Layouts is the default layouts/ folder.
//
//go:embed layouts
var Layouts embed.FS
