package schema

import "strings"

var latin = strings.NewReplacer(
	"á", "a", "à", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "ā", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e", "ē", "e",
	"í", "i", "ì", "i", "î", "i", "ï", "i", "ī", "i",
	"ó", "o", "ò", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o", "ō", "o",
	"ú", "u", "ù", "u", "û", "u", "ü", "u", "ū", "u",
	"ý", "y", "ÿ", "y", "ñ", "n", "ç", "c", "ş", "s", "ș", "s", "ţ", "t", "ț", "t",
	"Á", "A", "À", "A", "Â", "A", "Ä", "A", "Å", "A", "É", "E", "È", "E", "Í", "I", "Ó", "O",
	"Ö", "O", "Ø", "O", "Ú", "U", "Ü", "U", "Ñ", "N", "Ç", "C", "Ş", "S", "ß", "ss", "æ", "ae", "œ", "oe",
)

func foldASCII(s string) string { return latin.Replace(s) }

// Fold replaces the accented Latin letters of s by their unaccented forms.
func Fold(s string) string { return latin.Replace(s) }
