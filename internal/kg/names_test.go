package kg

import (
	"testing"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/schema"
)

func TestNameKey(t *testing.T) {
	p, o := extract.Person, extract.Organization
	same := []struct {
		typ   extract.EntityType
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
			if got := NameKey(tc.typ, n); got != tc.want {
				t.Errorf("NameKey(%s, %q) = %q, want %q", tc.typ, n, got, tc.want)
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
		if a, b := NameKey(p, pair[0]), NameKey(p, pair[1]); a == b {
			t.Errorf("NameKey(%q) = NameKey(%q) = %q, want them apart", pair[0], pair[1], a)
		}
	}
	// "The" stays part of a person's name; a name of punctuation has no key.
	if got := NameKey(p, "The Weeknd"); got != "the-weeknd" {
		t.Errorf("NameKey(Person, %q) = %q", "The Weeknd", got)
	}
	if got := NameKey(o, " - . "); got != "" {
		t.Errorf("NameKey(%q) = %q, want empty", " - . ", got)
	}
}

func TestEntityIRI(t *testing.T) {
	for _, tc := range []struct {
		e    extract.Entity
		want string
	}{
		{extract.Entity{Type: extract.Country, Key: "USA", Label: "United States", Wikidata: "Q30"}, schema.EntityIRI(schema.Country, "USA")},
		// A gazetteer person keeps the gazetteer's key whatever the label.
		{extract.Entity{Type: extract.Person, Key: "kim-jong-un", Label: "Kim Jong Un", Wikidata: "Q56226"}, schema.EntityIRI(schema.Person, "kim-jong-un")},
		// So does a gazetteer organization without a Wikidata identifier (its key is not its label's slug).
		{extract.Entity{Type: extract.Organization, Key: "quad", Label: "Quadrilateral Security Dialogue"}, schema.EntityIRI(schema.Organization, "quad")},
		{extract.Entity{Type: extract.Person, Key: "recep-tayyip-erdo-an", Label: "Recep Tayyip Erdoğan"}, schema.EntityIRI(schema.Person, "recep-tayyip-erdogan")},
		{extract.Entity{Type: extract.Organization, Key: "the-us-state-department", Label: "the US State Department"}, schema.EntityIRI(schema.Organization, "us-state-department")},
	} {
		if got := string(EntityIRI(tc.e)); got != tc.want {
			t.Errorf("EntityIRI(%+v) = %s, want %s", tc.e, got, tc.want)
		}
	}
}
