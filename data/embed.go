// Package data holds diplograph's embedded gazetteers and lexicons. Every file names its
// sources in its header comments; see data/README.md for the formats.
package data

import (
	"embed"
	"io/fs"
)

//go:embed gazetteer lexicon samples syntax
var files embed.FS

// FS returns the embedded data files, rooted at this directory
// (gazetteer/…, lexicon/…, samples/…, syntax/…).
func FS() fs.FS { return files }
