package names

import (
	"sync"
	"testing"
)

func TestKey(t *testing.T) {
	p, o := "Person", "Organization"
	same := []struct {
		typ   string
		names []string
		want  string
	}{
		{p, []string{"Kim Jong-un", "Kim Jong Un", "KIM JONG UN", "Kim Jong–un"}, "kim-jong-un"},
		{p, []string{"Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"}, "recep-tayyip-erdogan"},
		{p, []string{"Muammar Gaddafi", "Muammar Qaddafi", "Moammar Gadhafi", "Muammar Kadhafi"}, "muammar-gaddafi"},
		{p, []string{"Abdel Fattah al-Sisi", "Abdel Fattah el-Sisi", "Abdul Fattah Al Sisi", "Abdel-Fattah El-Sisi"}, "abdul-fattah-al-sisi"},
		{p, []string{"J. K. Rowling", "J.K. Rowling", "JK Rowling"}, "jk-rowling"},
		{p, []string{"George W. Bush", "George Bush", "Mr George Bush"}, "george-bush"},
		{p, []string{"Lech Wałęsa", "Lech Walesa"}, "lech-walesa"},
		{p, []string{"Gen Musharraf", "Musharraf"}, "musharraf"},
		{p, []string{"Salah ad-Din", "Salah al Din"}, "salah-al-din"},
		{o, []string{"the U.S. State Department", "US State Department", "U.S. State Department's"}, "us-state-department"},
		{o, []string{"al-Qaeda", "Al Qaida", "al-Qa'ida"}, "al-qaeda"},
		{o, []string{"Hizbollah", "Hezbollah"}, "hezbollah"},
	}
	for _, tc := range same {
		for _, n := range tc.names {
			if got := Key(tc.typ, n); got != tc.want {
				t.Errorf("Key(%s, %q) = %q, want %q", tc.typ, n, got, tc.want)
			}
		}
	}
	// Names that must stay apart.
	for _, pair := range [][2]string{
		{"George Bush", "George Brush"},
		{"Kim Jong-un", "Kim Jong-il"},
		{"Hassan Rouhani", "Hussein Rouhani"},
		{"Ali Khan", "Ali Kahn"},
	} {
		if a, b := Key(p, pair[0]), Key(p, pair[1]); a == b {
			t.Errorf("Key(%q) = Key(%q) = %q, want them apart", pair[0], pair[1], a)
		}
	}
	// "The" stays part of a person's name; a name of punctuation has no key.
	if got := Key(p, "The Weeknd"); got != "the-weeknd" {
		t.Errorf("Key(Person, %q) = %q", "The Weeknd", got)
	}
	if got := Key(o, " - . "); got != "" {
		t.Errorf("Key(%q) = %q, want empty", " - . ", got)
	}
}

// TestKeyConcurrent calls Key from several goroutines, as ingest's extraction workers do (run
// with -race).
func TestKeyConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				if got := Key("Person", "Recep Tayyip Erdoğan"); got != "recep-tayyip-erdogan" {
					t.Errorf("Key = %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestKeyApart(t *testing.T) {
	for _, tc := range []struct {
		class, a, b string
	}{
		{"Organization", "PCs", "PCS"},   // personal computers; the civil service union
		{"Organization", "MEPs", "MEPS"}, // members of the European Parliament; a consultancy
	} {
		if ka, kb := Key(tc.class, tc.a), Key(tc.class, tc.b); ka == kb {
			t.Errorf("Key(%q) = Key(%q) = %q, want them apart", tc.a, tc.b, ka)
		}
	}
	for name, want := range map[string]string{
		"Ed Sullivan":               "ed-sullivan", // a given name, not the Arabic article
		"Ash Carter":                "ash-carter",
		"Baroness Kennedy":          "kennedy",
		"Professor Joni Lovenduski": "joni-lovenduski",
		"FIFA":                      "fifa",
	} {
		if got := Key("Person", name); got != want {
			t.Errorf("Key(Person, %q) = %q, want %q", name, got, want)
		}
	}
}

func TestGiven(t *testing.T) {
	for w, want := range map[string]bool{"Eric": true, "ernest": true, "José": true, "J": true, "JK": true,
		"Donkey": false, "St": false, "Sgt": false, "Metropolitan": false, "Interactive": false, "Bookmakers": false, "": false} {
		if got := Given(w); got != want {
			t.Errorf("Given(%q) = %t, want %t", w, got, want)
		}
	}
}

func TestStartsWithGiven(t *testing.T) {
	for name, want := range map[string]bool{"Eric Brewer": true, "Prof Joni Lovenduski": true, "L Cullen": true, "J.K. Rowling": true,
		"Donkey Kong": false, "Bookmakers Ladbrokes": false, "St Mary": false, "Mr Brown": false, "": false} {
		if got := StartsWithGiven(name); got != want {
			t.Errorf("StartsWithGiven(%q) = %t, want %t", name, got, want)
		}
	}
}
