package names

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzKey feeds Key arbitrary names: it must not panic, must give the same key twice, and the key
// must be valid UTF-8, without spaces (a slug), and empty only for a name with no letter or digit.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"Recep Tayyip Erdoğan", "Kim Jong-un", "J. K. Rowling", "the U.S. State Department",
		"Al-Sisi", "PCs", "Mr. George W. Bush", "", "---", "\xff\xfe", "ad-Din", "Ð¾Ð»ÑŒ", "محمد", "文章一"} {
		f.Add("Person", s)
		f.Add("Organization", s)
	}
	f.Fuzz(func(t *testing.T, class, name string) {
		k := Key(class, name)
		if k2 := Key(class, name); k2 != k {
			t.Fatalf("Key(%q, %q) = %q, then %q", class, name, k, k2)
		}
		if !utf8.ValidString(k) {
			t.Fatalf("Key(%q, %q) = %q: not valid UTF-8", class, name, k)
		}
		if strings.ContainsAny(k, " \t\n") {
			t.Fatalf("Key(%q, %q) = %q: holds white space", class, name, k)
		}
	})
}
