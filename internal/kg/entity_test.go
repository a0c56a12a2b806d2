package kg

import (
	"testing"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/schema"
)

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
