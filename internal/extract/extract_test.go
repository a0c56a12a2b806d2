package extract

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var (
	xOnce sync.Once
	xVal  *Extractor
	xErr  error
)

// testExtractor returns the Extractor of the embedded lexicons and syntax model, loaded once.
func testExtractor(tb testing.TB) *Extractor {
	tb.Helper()
	xOnce.Do(func() { xVal, xErr = Load() })
	if xErr != nil {
		tb.Fatalf("Load: %v", xErr)
	}
	return xVal
}

func extractText(tb testing.TB, text string) (Result, map[Ref]*Entity) {
	tb.Helper()
	pub := time.Date(2022, 4, 21, 0, 0, 0, 0, time.UTC) // a Thursday
	r := testExtractor(tb).Extract(Document{ID: "t", Text: text, Published: pub})
	byRef := map[Ref]*Entity{}
	for i := range r.Entities {
		e := &r.Entities[i]
		byRef[Ref{Type: e.Type, Key: e.Key}] = e
	}
	return r, byRef
}

func label(ents map[Ref]*Entity, r Ref) string {
	if e := ents[r]; e != nil {
		return e.Label
	}
	return r.Key
}

// events renders the non-negated events as "TYPE actor1+actor2>recipient", sorted by position.
func eventStrings(r Result, ents map[Ref]*Entity) []string {
	var out []string
	for _, e := range r.Events {
		var a, t []string
		for _, x := range e.Actors {
			a = append(a, label(ents, x))
		}
		for _, x := range e.Recipients {
			t = append(t, label(ents, x))
		}
		s := e.Type + " " + strings.Join(a, "+") + ">" + strings.Join(t, "+")
		if e.Negated {
			s = "NOT " + s
		}
		out = append(out, s)
	}
	return out
}

// relationStrings renders relations as "subject predicate object" with labels, the role for
// holdsRole, "NOT " before a denied one.
func relationStrings(r Result, ents map[Ref]*Entity) []string {
	var out []string
	for _, rel := range r.Relations {
		obj := rel.Role
		if rel.Predicate != "holdsRole" {
			obj = label(ents, rel.Object)
		}
		s := label(ents, rel.Subject) + " " + rel.Predicate + " " + obj
		if rel.Negated {
			s = "NOT " + s
		}
		out = append(out, s)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestEntities(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "Type:Label"
		not        []string // labels that must not be entities
	}{
		{"gazetteer country and alias", "The U.K. and Britain's allies met.", []string{"Country:United Kingdom"}, nil},
		{"person with title", "Foreign Minister Marise Payne visited Jakarta.", []string{"Person:Marise Payne", "Location:Jakarta"}, []string{"Foreign Minister"}},
		{"person by said", "The talks were useful, Capie said on Monday.", []string{"Person:Capie"}, nil},
		{"a month that is a given name", "Interior Minister Jan Novak said so on Jan. 5.", []string{"Person:Jan Novak"}, []string{"Novak"}},
		{"'The' before a longer known name", "The National Unity Government urged the bloc to act.", []string{"Organization:National Unity Government"}, []string{"The National"}},
		{"hyphenated past title", "Then-President Mauricio Macri signed it.", []string{"Person:Mauricio Macri"}, []string{"Then-President Mauricio Macri"}},
		{"a regional adjective", "West African leaders imposed sanctions on Niger.", []string{"Country:Niger"}, []string{"West African"}},
		{"a party named after an honorific word", "Ivica Dacic leads the Socialist Party of Serbia.", []string{"Organization:Socialist Party of Serbia"}, []string{"Party of Serbia"}},
		{"time zones are no names", "The truce took effect at 7 a.m. (0500 GMT) in Gaza.", []string{"Location:Gaza Strip"}, []string{"GMT"}},
		{"a venue", "Xi welcomed Lula at the Great Hall of the People.", []string{"Location:Great Hall of the People"}, []string{"Great Hall"}},
		{"initials and a surname", "The motion was backed by K.V. Raman on Monday.", []string{"Person:K.V. Raman"}, nil},
		{"a name before 'province'", "Fighting spread in Hatay province.", []string{"Location:Hatay"}, nil},
		{"organization by head word", "He heads the Centre for Strategic Studies in Wellington.", []string{"Organization:Centre for Strategic Studies"}, nil},
		{"sentence-initial common word", "Earlier in the day the minister spoke. Like China, Japan wants influence.", []string{"Country:China", "Country:Japan"}, []string{"Earlier", "Like"}},
		{"headline in capitals", "LEADERS MEET IN TOKYO\n\nThe leaders of Japan and India met in Tokyo.", []string{"Country:Japan", "Country:India"}, []string{"LEADERS", "LEADERS MEET"}},
		{"read more boilerplate", "Japan and India met.\nREAD MORE\n- Ghana's president resigns over scandal\n", []string{"Country:Japan"}, []string{"Ghana"}},
		{"surname that is a place", "Trevor Holland, a 52-year-old, escaped.", []string{"Person:Trevor Holland"}, []string{"Netherlands"}},
		{"party before a name", "Democrat Walter Mondale lost.", []string{"Person:Walter Mondale"}, []string{"Democrat Walter Mondale"}},
		{"byline then dateline", "Sombre mood after the crash. Rolf Soderlind LONGYEAR, Norway 1996-08-30 The wind blew.", []string{"Person:Rolf Soderlind"}, []string{"Rolf Soderlind Longyear", "Rolf Soderlind LONGYEAR"}},
		{"person of an organization", "\"It is slower,\" said economist Lynn Reaser of Barnett Banks Inc.", []string{"Person:Lynn Reaser", "Organization:Barnett Banks Inc"}, nil},
		{"british spelling", "The Organisation for Security and Co-operation in Europe sent monitors.", []string{"Organization:Organization for Security and Co-operation in Europe"}, nil},
		{"byline and credits", "By Jane Doerr, Political Reporter\nJapan and India met.\nReporting by Mark Ellison; Editing by Tom Hogue\n", []string{"Country:Japan"}, []string{"Jane Doerr", "Mark Ellison", "Tom Hogue"}},
		{"photo caption", "Ghana's president arrives in Accra. Photo: Kwame Asante/Reuters\nJapan and India met.", []string{"Country:Japan"}, []string{"Kwame Asante", "Ghana"}},
		{"acronym in parentheses", "The World Food Programme (WFP) sent food to Liberia. WFP said more would come.", []string{"Organization:World Food Programme"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := extractText(t, tc.text)
			got := map[string]bool{}
			labels := map[string]bool{}
			for _, e := range r.Entities {
				got[string(e.Type)+":"+e.Label] = true
				labels[e.Label] = true
				for _, a := range e.Aliases {
					labels[a] = true
				}
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("Extract(%q) entities = %v, want %s", tc.text, keys(got), w)
				}
			}
			for _, n := range tc.not {
				if labels[n] {
					t.Errorf("Extract(%q) has entity %q, want none", tc.text, n)
				}
			}
		})
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestSurnameCoreference(t *testing.T) {
	r, _ := extractText(t, "Prime Minister Jacinda Ardern arrived on Thursday. Ardern met business leaders.")
	n := 0
	for _, e := range r.Entities {
		if e.Type == Person {
			n++
			if e.Label != "Jacinda Ardern" || !contains(e.Aliases, "Ardern") {
				t.Errorf("person %q aliases %v, want Jacinda Ardern with alias Ardern", e.Label, e.Aliases)
			}
		}
	}
	if n != 1 {
		t.Errorf("got %d people, want 1", n)
	}
}

func TestRelations(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "subject predicate object" with labels; holdsRole with the role
		not        []string
	}{
		{"country's title", "Japan's Prime Minister Fumio Kishida spoke.", []string{"Fumio Kishida holdsRole Prime Minister", "Fumio Kishida leaderOf Japan"}, nil},
		{"adjective title", "British Defence Secretary Tom King has promised aid.", []string{"Tom King represents United Kingdom"}, []string{"Tom King leaderOf United Kingdom"}},
		{"apposition", "David Capie, Director of Victoria University's Centre for Strategic Studies, said so.", []string{"David Capie holdsRole Director", "David Capie affiliatedWith Centre for Strategic Studies"}, nil},
		{"membership", "New Zealand is a member of the Five Eyes network.", []string{"New Zealand memberOf Five Eyes"}, nil},
		{"relative membership", "The Five Eyes network, which Canada is a member of, met.", []string{"Canada memberOf Five Eyes"}, nil},
		{"negated membership", "Japan is not part of the Five Eyes.", []string{"NOT Japan memberOf Five Eyes"}, []string{"Japan memberOf Five Eyes"}},
		{"former title", "Former president Carlos Mesa of Bolivia criticised the plan.", []string{"Carlos Mesa holdsRole Former President"}, []string{"Carlos Mesa leaderOf Bolivia"}},
		{"only country of the article", "President Amara Konneh spoke in Malabo. Equatorial Guinea will vote in May.", []string{"Amara Konneh leaderOf Equatorial Guinea"}, nil},
		{"next person's title is not an apposition", "Talks between Shell chairman Wael Sawan, Gazprom chairman Alexei Miller and others went on.",
			[]string{"Alexei Miller leaderOf Gazprom"}, []string{"Wael Sawan leaderOf Gazprom"}},
		{"lowercase portfolio after a possessive", "India's petroleum minister Mani Shankar Aiyar flew to Moscow.", []string{"Mani Shankar Aiyar holdsRole Petroleum Minister", "Mani Shankar Aiyar represents India"}, nil},
		{"member before the names", "Diplomats said NATO members Poland and Lithuania would protest.", []string{"Poland memberOf North Atlantic Treaty Organization", "Lithuania memberOf North Atlantic Treaty Organization"}, nil},
		{"place, country", "Protesters gathered in Kirkuk, Iraq, on Sunday.", []string{"Kirkuk locatedIn Iraq"}, nil},
		{"list of places is no location", "Leaders met in Paris, Germany and Italy.", nil, []string{"Paris locatedIn Germany"}},
		{"words between country and title", "Chinese foreign ministry spokesman Wang Wenbin said so.", []string{"Wang Wenbin represents China", "Wang Wenbin holdsRole Spokesman"}, nil},
		{"title after the country and organization", "Russia's U.N. ambassador, Vassily Nebenzia, rejected it.", []string{"Vasily Nebenzya represents Russia"}, []string{"Vasily Nebenzya represents United Nations"}},
		{"members of a body are no membership", "Washington sanctioned Russian officials, including members of the Duma.", nil, []string{"Russia memberOf State Duma"}},
		{"joined the bloc", "ASEAN leaders met in Jakarta. East Timor joined the bloc in 2025.", []string{"East Timor memberOf Association of Southeast Asian Nations"}, nil},
		{"a bid to join is no membership", "Turkey has blocked Sweden's bid to join NATO for a year.", nil, []string{"Sweden memberOf North Atlantic Treaty Organization"}},
		{"a hyphenated past title", "Beijing protested at a visit by then-Chilean President Michelle Bachelet.", []string{"Michelle Bachelet holdsRole Former President"}, []string{"Michelle Bachelet leaderOf Chile"}},
		{"joined", "Finland joined NATO in April.", []string{"Finland memberOf North Atlantic Treaty Organization"}, nil},
		{"caretaker title", "Thailand's caretaker Prime Minister Somchai Wongsawat flew home.", []string{"Somchai Wongsawat holdsRole Prime Minister", "Somchai Wongsawat leaderOf Thailand"}, nil},
		{"deputy of an office", "Juan Perez, the deputy governor of Chiapas, said so.", []string{"Juan Perez holdsRole Deputy Governor"}, []string{"Juan Perez holdsRole Deputy"}},
		{"current chairman", "Senegalese President Macky Sall, the current chairman of the African Union, spoke.", []string{"Macky Sall leaderOf African Union", "Macky Sall leaderOf Senegal"}, nil},
		{"lawmakers do not speak for the country", "German lawmaker Anna Weber spoke.", []string{"Anna Weber holdsRole Lawmaker"}, []string{"Anna Weber represents Germany"}},
		{"ambassador to a country before the name", "Officials summoned Canada's ambassador to Iran, John Mundy, on Friday.", []string{"John Mundy holdsRole Ambassador", "John Mundy represents Canada"}, []string{"John Mundy represents Iran"}},
		{"as head of", "Ngozi Okonjo-Iweala was confirmed as head of the World Trade Organization.", []string{"Ngozi Okonjo-Iweala leaderOf World Trade Organization"}, nil},
		{"who commands", "The clashes pit Khalifa Haftar, who commands the Libyan National Army, against rivals.", []string{"Khalifa Haftar leaderOf Libyan National Army"}, nil},
		{"of a party", "Voters chose between Mark Rutte of the People's Party for Freedom and Democracy and others.", []string{"Mark Rutte affiliatedWith People's Party for Freedom and Democracy"}, nil},
		{"member of a legislature", "Marta Ruiz, a Spanish member of the European Parliament, objected.", []string{"Marta Ruiz affiliatedWith European Parliament"}, []string{"Marta Ruiz represents Spain"}},
		{"group of countries", "It was founded by the Mercosur group of Argentina, Brazil, Paraguay and Uruguay.", []string{"Argentina memberOf Southern Common Market", "Uruguay memberOf Southern Common Market"}, nil},
		{"which includes", "The Quad, which includes the United States, Japan, India and Australia, met.", []string{"Japan memberOf Quadrilateral Security Dialogue", "Australia memberOf Quadrilateral Security Dialogue"}, nil},
		{"a bloc member", "Estonia, a NATO member since 2004, protested.", []string{"Estonia memberOf North Atlantic Treaty Organization"}, nil},
		{"not a bloc member", "Mexico is not an OECD member, he wrote.", []string{"NOT Mexico memberOf Organisation for Economic Co-operation and Development"}, nil},
		{"a known leader titled without a country", "President Cyril Ramaphosa spoke in Nairobi about Kenya and South Africa. Kenya hosted the talks. Kenya signed deals.", []string{"Cyril Ramaphosa leaderOf South Africa"}, []string{"Cyril Ramaphosa leaderOf Kenya"}},
		{"title, honorific, name with particles", "Kuwait's Emir Sheikh Nawaf al-Ahmad al-Sabah spoke.", []string{"Nawaf Al-Ahmad Al-Jaber Al-Sabah leaderOf Kuwait"}, nil},
		{"a known name going on with a particle", "Saudi Foreign Minister Prince Faisal bin Farhan Al Saud arrived.", []string{"Faisal bin Farhan represents Saudi Arabia"}, nil},
		{"a country's province", "Troops moved into Turkey's Hatay province.", []string{"Hatay locatedIn Turkey"}, nil},
		{"a place as a modifier", "Ships left Ukraine's Black Sea ports on Monday.", nil, []string{"Black Sea locatedIn Ukraine"}},
		{"town, state", "The senator spoke in Hilo, Hawaii, on Monday.", []string{"Hilo partOf Hawaii"}, nil},
		{"a ministry's spokesperson", "Cuba denounced the measures, foreign ministry spokesman Pedro Ruiz said.", []string{"Pedro Ruiz represents Cuba"}, nil},
		{"a ministry's spokesperson in a capital", "\"We oppose it,\" foreign ministry spokeswoman Ana Diaz said in Caracas.", []string{"Ana Diaz represents Venezuela"}, nil},
		{"a counterpart holds the same office", "Prime Minister Anthony Albanese and his Fijian counterpart, Sitiveni Rabuka, met.", []string{"Sitiveni Rabuka holdsRole Prime Minister", "Sitiveni Rabuka leaderOf Fiji"}, []string{"Sitiveni Rabuka holdsRole Counterpart"}},
		{"a dateline capital's minister", "PRAGUE, April 18 - Prime Minister Andrej Babis said Russia was behind the blasts. The Czech Republic expelled 18 Russians. Russia denied it. Russia said Russia would respond. Interior Minister Jan Novak said the staff had to leave.", []string{"Jan Novak represents Czech Republic"}, []string{"Jan Novak represents Russia"}},
		{"the Adj city of X", "The leaders met in the Kazakh city of Shymkent on Friday.", []string{"Shymkent locatedIn Kazakhstan"}, nil},
		{"an ambassador titled without a country", "SEOUL, June 21 - South Korea summoned the envoy. Vice Foreign Minister Park Jin told Ambassador Ivan Petrov that South Korea objected. South Korea and South Korea.", nil, []string{"Ivan Petrov represents South Korea"}},
		{"holds the presidency of", "Fiji's Sitiveni Rabuka, who holds the rotating presidency of the Pacific Islands Forum, spoke.", []string{"Sitiveni Rabuka leaderOf Pacific Islands Forum"}, nil},
		{"director of a government office", "Li Wei, director of the Yunnan Public Security Bureau, was named.", []string{"Li Wei leaderOf Yunnan Public Security Bureau"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ents := extractText(t, tc.text)
			checkStrings(t, tc.text, "relations", relationStrings(r, ents), tc.want, tc.not)
		})
	}
}

// checkStrings reports the wanted facts missing from got and the unwanted ones in it.
func checkStrings(t *testing.T, text, what string, got, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !contains(got, w) {
			t.Errorf("Extract(%q) %s = %q, want %q", text, what, got, w)
		}
	}
	for _, n := range not {
		if contains(got, n) {
			t.Errorf("Extract(%q) %s = %q, must not hold %q", text, what, got, n)
		}
	}
}

func TestEvents(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "TYPE actors>recipients", "NOT ..." for negated
		not        []string
	}{
		{"verbal meeting", "Ardern and Kishida met in Tokyo on Thursday.", []string{"CONSULT Jacinda Ardern+Fumio Kishida>"}, nil},
		{"a known person's surname opening a sentence", "Luis Arce spoke on Monday. Arce met Joe Biden in La Paz.", []string{"CONSULT Luis Arce>Joe Biden"}, nil},
		{"people no gazetteer knows", "Foreign Minister Mateo Rivas of Chile met Ilse Brandt, a Dutch envoy, in Vienna.", []string{"CONSULT Mateo Rivas>Ilse Brandt"}, nil},
		{"met with object", "Indian Prime Minister Narendra Modi met Joe Biden in Washington.", []string{"CONSULT Narendra Modi+India>Joe Biden"}, nil},
		{"an act in an 'after' clause", "Serbia recalled its ambassador after Montenegro expelled two Serbian diplomats.", []string{"SANCTION Montenegro>Serbia"}, nil},
		{"agreeing an opinion is no agreement", "Ghana and Togo agreed that dialogue was the only way forward.", nil, []string{"AGREE Ghana+Togo>"}},
		{"a proposal is no act", "Macron has proposed that a group of countries, including Turkey, mediate between Armenia and Azerbaijan.", nil, []string{"CONSULT Turkey>Armenia+Azerbaijan"}},
		{"a quoted question", "\"Why can't a lender like the African Development Bank have a fund to finance trade between Kenya and Uganda?\" Ruto asked.", nil, []string{"AID African Development Bank>Kenya+Uganda"}},
		{"travel bans on named people", "EU ministers approved travel bans and asset freezes on the five, among them Ivan Petrov, a police chief.", []string{"SANCTION European Union>Ivan Petrov"}, nil},
		{"two acts in a 'when' clause", "Taiwan suffered a blow when the island nation of Tuvalu said it would cut ties with Taipei and recognise China.", []string{"SUPPORT Tuvalu>China"}, nil},
		{"a participle describing the noun before", "The 20 Ukrainians freed, most of them soldiers, were handed to the International Committee of the Red Cross.", nil, []string{"RETREAT Ukraine>Ukraine"}},
		{"a participle after a comma", "The Mercosur, negotiated under the World Trade Organization for years, aims to cut tariffs.", nil, []string{"CONSULT Mercosur>World Trade Organization", "CONSULT Southern Common Market>World Trade Organization"}},
		{"a trigger word as a noun after a preposition", "The prisoners were freed from Turkish jails on Friday.", nil, []string{"COERCE Turkey>Turkey"}},
		{"one of those who signed", "Ghanaian President John Mahama was among the leaders who signed the charter in Accra.", []string{"SUPPORT John Mahama+Ghana>"}, nil},
		{"became a member", "Montenegro became the 29th member of NATO in 2017.", []string{"AGREE Montenegro>North Atlantic Treaty Organization"}, nil},
		{"a charge d'affaires is no charge", "Serbia summoned Croatia's charge d'affaires in Belgrade.", []string{"ACCUSE Serbia>Croatia"}, []string{"ACCUSE Croatia>Serbia"}},
		{"a long list of titled names", "Joe Biden thanked Qatar's Emir Sheikh Tamim bin Hamad Al Thani and Egyptian President Abdel Fattah al-Sisi for their role.", []string{"SUPPORT Joe Biden>Tamim bin Hamad Al Thani+Abdel Fattah el-Sisi+Qatar+Egypt"}, nil},
		{"we in an attributed quotation", "Chinese Foreign Minister Wang Yi spoke on Monday. \"We call on Israel to halt the strikes,\" Wang said.", []string{"REQUEST Wang Yi+China>Israel"}, nil},
		{"not let meet", "The junta's refusal to let the bloc's envoy, Thai diplomat Somsak Chan, meet detained leader Win Myint angered members.", nil, []string{"CONSULT Somsak Chan+Thailand>Win Myint"}},
		{"yet to ratify", "Austria has yet to ratify Serbia's application.", []string{"NOT SUPPORT Austria>Serbia"}, []string{"SUPPORT Austria>Serbia"}},
		{"only planned", "Foreign Minister Karel Novak had been due to travel to Moscow on Monday for talks, but he called off the trip.", nil, []string{"CONSULT Karel Novak>Russia"}},
		{"a measure said to be coming is decided", "Moscow said it would expel 10 Polish diplomats.", []string{"SANCTION Russia>Poland"}, []string{"THREATEN Russia>Poland"}},
		{"ordered to leave", "Estonia ordered two Russian embassy staff to leave within a week.", []string{"SANCTION Estonia>Russia"}, []string{"REQUEST Estonia>Russia"}},
		{"what X called", "Israeli jets struck what Damascus called a research centre inside Syria on Monday.", nil, []string{"ASSAULT Israel>Israel"}},
		{"a future measure has no domestic target", "Russia would be forced to take countermeasures, he said.", nil, []string{"COERCE Russia>Russia"}},
		{"called a pejorative name", "The Venezuelan envoy called the U.S. decision \"reckless and illegal\".", []string{"ACCUSE Venezuela>United States"}, nil},
		{"calling after a comma", "Moscow said it would respond, calling NATO's expansion \"an encroachment on our security\".", []string{"ACCUSE Russia>North Atlantic Treaty Organization"}, nil},
		{"a neutral name is no criticism", "Germany called the talks \"a step forward\".", nil, []string{"ACCUSE Germany>"}},
		{"we with no one named", "\"We will work with the mission,\" Mali's ambassador, Issa Konfourou, said.", nil, []string{"AGREE Issa Konfourou+Mali>"}},
		{"hours of talks between", "The deal came after 12 hours of talks between Armenian Prime Minister Nikol Pashinyan and Ilham Aliyev in Brussels.", []string{"CONSULT Nikol Pashinyan+Ilham Aliyev+Armenia>"}, nil},
		{"fought alongside", "Chadian troops fought alongside Malian forces in the north.", []string{"COOPERATE Chad>Mali"}, []string{"ASSAULT Chad>Mali"}},
		{"a long relative clause after the subject", "Armenian Prime Minister Nikol Pashinyan and his Azerbaijani counterpart Ali Asadov, who were both attending a summit of the Commonwealth of Independent States in the Kazakh city of Astana, discussed the clashes on Friday.", []string{"CONSULT Nikol Pashinyan+Ali Asadov+Armenia+Azerbaijan>"}, []string{"CONSULT Kazakhstan>"}},
		{"pull back", "Indian troops began to pull back from the disputed area on Monday.", nil, []string{"SUPPORT India>"}},
		{"a deal brokered by a named mediator", "Eritrea and Ethiopia agreed on Monday to reopen their border, in a deal brokered by Saudi Arabia.", []string{"CONSULT Saudi Arabia>Eritrea+Ethiopia"}, nil},
		{"brokered with the help of", "Hamas freed 24 hostages and Israel released 39 prisoners. The truce was brokered by Qatar with the help of Egypt.", []string{"CONSULT Qatar>Hamas+Israel"}, []string{"CONSULT Qatar>Egypt"}},
		{"similar measures", "Washington imposed sanctions on Belarus on Friday. Japan and Australia announced similar measures.", []string{"SANCTION United States>Belarus", "SANCTION Japan+Australia>Belarus"}, nil},
		{"followed suit", "Lithuania expelled two Russian diplomats. Latvia followed suit on Monday.", []string{"SANCTION Latvia>Russia"}, nil},
		{"no act to follow", "Latvia followed suit on Monday.", nil, []string{"SANCTION Latvia>"}},
		{"stormed", "Troops of Azerbaijan stormed Armenia's border posts on Tuesday.", []string{"ASSAULT Azerbaijan>Armenia"}, nil},
		{"purpose is no target", "Moscow would take countermeasures to ensure Russia's security.", nil, []string{"THREATEN Russia>Russia"}},
		{"talks between", "Talks between Iran and Saudi Arabia resumed in Baghdad.", []string{"CONSULT Iran+Saudi Arabia>"}, nil},
		{"visit", "The Chinese foreign minister visited Fiji on Monday.", []string{"CONSULT China>Fiji"}, nil},
		{"agree to negotiate", "France and Germany agreed to negotiate a new treaty.", []string{"AGREE France+Germany>"}, nil},
		{"sign agreement", "China signed a security pact with the Solomon Islands.", []string{"SUPPORT China>Solomon Islands"}, nil},
		{"nominal aggression", "Russia's aggression against Ukraine continued.", []string{"ASSAULT Russia>Ukraine"}, nil},
		{"passive sanctions", "Sanctions were imposed on Iran by the United States.", []string{"SANCTION United States>Iran"}, nil},
		{"accuse", "Zimbabwe accused the United States of blackmail.", []string{"ACCUSE Zimbabwe>United States"}, nil},
		{"condemn", "Canada condemned North Korea's missile test.", []string{"ACCUSE Canada>North Korea"}, nil},
		{"demand", "The United States demanded that North Korea abandon its nuclear programme.", []string{"REQUEST United States>North Korea"}, nil},
		{"reject", "Serbia flatly rejected an Australian ultimatum.", []string{"REJECT Serbia>Australia"}, nil},
		{"refuse to", "Pakistan has refused to deploy troops in Iraq.", []string{"REJECT Pakistan>Iraq"}, nil},
		{"threaten to", "Iran threatened to attack Iraq.", []string{"THREATEN Iran>Iraq"}, nil},
		{"will give: intent", "Finland will give Tanzania a grant of $60 million.", []string{"AGREE Finland>Tanzania"}, nil},
		{"expel diplomats", "Switzerland expelled two Russian diplomats.", []string{"SANCTION Switzerland>Russia"}, nil},
		{"adjective actors", "Senior Hungarian and Romanian officials agreed on Wednesday to cooperate.", []string{"AGREE Hungary+Romania>"}, nil},
		{"capital as actor", "Beijing criticised Washington over the visit.", []string{"ACCUSE China>United States"}, nil},
		{"negated meeting", "Putin did not meet Zelensky.", []string{"NOT CONSULT Vladimir Putin>Volodymyr Zelenskyy"}, []string{"CONSULT Vladimir Putin>Volodymyr Zelenskyy"}},
		{"hypothetical", "If Russia invades Finland, NATO will respond.", nil, []string{"ASSAULT Russia>Finland"}},
		{"question", "Will China attack Taiwan?", nil, []string{"ASSAULT China>Taiwan"}},
		{"multilateral host", "Prime Minister Fumio Kishida hosted US President Joe Biden, Indian Prime Minister Narendra Modi and Australian Prime Minister Anthony Albanese in Tokyo.",
			[]string{"CONSULT Fumio Kishida>Joe Biden+Narendra Modi+Anthony Albanese+United States+India+Australia"}, nil},
		{"the leaders after a multilateral meeting", "Kishida hosted Joe Biden, Narendra Modi and Anthony Albanese. The leaders condemned Russia's invasion of Ukraine.",
			[]string{"ACCUSE Fumio Kishida+Joe Biden+Narendra Modi+Anthony Albanese>Russia", "ASSAULT Russia>Ukraine"}, nil},
		{"announced a suspension", "Norway announced a suspension of flights to Belarus on Monday.", []string{"SANCTION Norway>Belarus"}, nil},
		{"ethnic group in a country", "Hundreds of ethnic Hungarians demonstrated in Slovakia on Sunday.", []string{"PROTEST Slovakia>Slovakia"}, []string{"PROTEST Hungary>Slovakia"}},
		{"riots against", "Bolivian riots against Chilean security forces spread.", []string{"PROTEST Bolivia>Chile"}, nil},
		{"is committed to: no passive", "Vietnam is committed to opening talks with Laos.", []string{"AGREE Vietnam>Laos"}, nil},
		{"noun after a determiner", "Chile rejected a Bolivian offer to negotiate.", []string{"REJECT Chile>Bolivia"}, []string{"AGREE Bolivia>"}},
		{"negated intent is a rejection", "Syria said it would not accept any more refugees from Iraq.", []string{"REJECT Syria>Iraq"}, []string{"NOT AGREE Syria>Iraq"}},
		{"ordered, long object", "A Chilean court ordered former dictator Augusto Pinochet to stand trial.", []string{"REQUEST Chile>Augusto Pinochet"}, nil},
		{"reported that: the news", "Russian media reported that India and Russia signed a memorandum during a meeting in Moscow.", []string{"SUPPORT India+Russia>"}, nil},
		{"declined to comment is no rejection", "Turkey declined to comment on the report.", nil, []string{"REJECT Turkey>"}},
		{"opening participle clause", "By signing the accord on Tuesday, the presidents of Peru and Ecuador ended the dispute.", []string{"SUPPORT Peru+Ecuador>"}, nil},
		{"verbal attack", "Senator Kerry attacked President Bush's economic record.", []string{"ACCUSE Kerry>Bush"}, []string{"ASSAULT Kerry>Bush"}},
		{"went back on a pledge", "Britain went back on a pledge to France.", nil, []string{"SUPPORT United Kingdom>France"}},
		{"finance spokesman", "Germany's finance spokesman Jens Weber criticised Italy.", []string{"ACCUSE Jens Weber+Germany>Italy"}, []string{"AID Germany>"}},
		{"relative clause subject", "Mr Hague, who stepped down in 2001, criticised France.", []string{"ACCUSE Hague>France"}, nil},
		{"sports report", "Serena Williams beat Russia's Maria Sharapova in the semi-final. The seed had won the championship twice and the tournament final is on Sunday. Her coach praised the match.",
			nil, []string{"ASSAULT Serena Williams>Maria Sharapova+Russia"}},
		{"coordinated negated verb", "Iran refuses to recognise Israel and does not allow its citizens to travel there.", []string{"REJECT Iran>Israel", "NOT CONCEDE Iran>Iran"}, nil},
		{"sealed a deal", "Egypt and Sudan sealed a water deal in Cairo.", []string{"SUPPORT Egypt+Sudan>"}, nil},
		{"lashed out at", "Venezuela lashed out at Colombia over the border closure.", []string{"ACCUSE Venezuela>Colombia"}, nil},
		{"called off talks", "Pakistan called off talks with India after the attack.", []string{"SANCTION Pakistan>India"}, nil},
		{"annexed", "Russia annexed Crimea from Ukraine in 2014.", []string{"COERCE Russia>Ukraine"}, nil},
		{"each other", "Armenia and Azerbaijan accused each other of shelling.", []string{"ACCUSE Armenia+Azerbaijan>Armenia+Azerbaijan"}, []string{"ASSAULT Armenia+Azerbaijan>"}},
		{"said and urged", "Ambassador Linda Thomas-Greenfield said Moscow had crossed a line and urged the General Assembly to act.", []string{"REQUEST Linda Thomas-Greenfield>United Nations General Assembly"}, []string{"REQUEST Russia>United Nations General Assembly"}},
		{"counterfactual", "A resolution that would have condemned Syria failed.", nil, []string{"ACCUSE >Syria"}},
		{"organization subject after 'the'", "On Monday, the Treasury Department imposed sanctions on Iran.", []string{"SANCTION United States Department of the Treasury>Iran"}, nil},
		{"condemned the invasion", "Russia invaded Georgia in August. The European Union condemned the invasion.", []string{"ASSAULT Russia>Georgia", "ACCUSE European Union>Russia"}, nil},
		{"met a reception", "The speech by President Bush met a cool reception from Jacques Chirac.", nil, []string{"CONSULT George W. Bush>Jacques Chirac", "CONSULT Bush>Jacques Chirac"}},
		{"determiner, modifier, noun", "Britain and France cannot prevent all terror attacks.", nil, []string{"ASSAULT United Kingdom+France>"}},
		{"joined an alliance", "Finland joined NATO in April.", []string{"AGREE Finland>North Atlantic Treaty Organization"}, nil},
		{"joined a person", "Sweden's king joined President Sauli Niinistö in Helsinki.", nil, []string{"AGREE Sweden>Sauli Niinistö"}},
		{"left an organization", "Burkina Faso quit ECOWAS in January.", []string{"SANCTION Burkina Faso>Economic Community of West African States"}, nil},
		{"left a city", "Blinken left Tokyo on Friday.", nil, []string{"SANCTION Antony Blinken>Japan"}},
		{"comma participle", "Colombia expelled two Venezuelan diplomats on Friday, accusing Caracas of interference.", []string{"SANCTION Colombia>Venezuela", "ACCUSE Colombia>Venezuela"}, nil},
		{"the bloc", "Mercosur leaders met in Montevideo. Bolivia joined the bloc in 2024.", []string{"AGREE Bolivia>Southern Common Market"}, nil},
		{"venue is no target", "Brazil and Argentina signed an accord at a Mercosur summit.", []string{"SUPPORT Brazil+Argentina>"}, []string{"SUPPORT Brazil+Argentina>Southern Common Market"}},
		{"ministers of a list", "The foreign ministers of Armenia and Azerbaijan agreed on Thursday to resume talks.", []string{"AGREE Armenia+Azerbaijan>"}, nil},
		{"said ... and would: the complement's subject", "Costa said the two sides had turned a page and would meet again in June, after France and Italy met.", nil, []string{"AGREE Costa>"}},
		{"ordered to", "The Kenyan government ordered Uganda to return the cattle.", []string{"REQUEST Kenya>Uganda"}, nil},
		{"domestic target named", "Angry Greek farmers said they would blockade Athens next week.", []string{"THREATEN Greece>Greece"}, nil},
		{"oppose the pact", "China signed a pact with the Solomon Islands. Australia strongly opposes the pact.", []string{"REJECT Australia>China+Solomon Islands"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ents := extractText(t, tc.text)
			checkStrings(t, tc.text, "events", eventStrings(r, ents), tc.want, tc.not)
		})
	}
}

func TestEventDates(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Ardern and Kishida met late on Thursday.", "2022-04-21"},
		{"Ardern and Kishida met on Tuesday.", "2022-04-19"},
		{"Ardern and Kishida met yesterday.", "2022-04-20"},
		{"Ardern and Kishida met on March 3.", "2022-03-03"},
		{"Ardern and Kishida met on 3 March 2019.", "2019-03-03"},
		{"Ardern and Kishida will meet on Saturday.", "2022-04-23"},
	}
	for _, tc := range tests {
		r, _ := extractText(t, tc.text)
		if len(r.Events) == 0 {
			t.Errorf("Extract(%q): no event", tc.text)
			continue
		}
		if got := r.Events[0].Date; got != tc.want {
			t.Errorf("Extract(%q) date = %s, want %s", tc.text, got, tc.want)
		}
	}
}

// TestWeekdayDates resolves every weekday against a publication date on every weekday, in the
// past and in the future tense. The wanted day is found by walking the calendar one day at a
// time: back from the publication day (itself included) in the past tense, forward from the
// day after it in the future.
func TestWeekdayDates(t *testing.T) {
	days := []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	x := testExtractor(t)
	for p := 0; p < 7; p++ {
		pub := time.Date(2024, 11, 10+p, 0, 0, 0, 0, time.UTC) // 2024-11-10 is a Sunday
		for _, day := range days {
			past, future := pub, pub.AddDate(0, 0, 1)
			for past.Weekday().String() != day {
				past = past.AddDate(0, 0, -1)
			}
			for future.Weekday().String() != day {
				future = future.AddDate(0, 0, 1)
			}
			for _, tc := range []struct {
				text string
				want time.Time
			}{
				{"Ardern and Kishida met on " + day + ".", past},
				{"Ardern and Kishida met on " + day + " ahead of the summit.", past},
				{"Ardern said on " + day + " that she met Kishida.", past},
				{"Ardern and Kishida will meet on " + day + ".", future},
			} {
				name := pub.Weekday().String() + "/" + tc.text
				t.Run(name, func(t *testing.T) {
					r := x.Extract(Document{Text: tc.text, Published: pub})
					if len(r.Events) == 0 {
						t.Fatalf("Extract(%q): no event", tc.text)
					}
					if got, want := r.Events[0].Date, tc.want.Format("2006-01-02"); got != want {
						t.Errorf("Extract(%q) published %s %s: date = %s, want %s", tc.text, pub.Weekday(), pub.Format("2006-01-02"), got, want)
					}
				})
			}
		}
	}
}

func TestRelativeWeekdays(t *testing.T) {
	pub := time.Date(2024, 11, 16, 0, 0, 0, 0, time.UTC) // a Saturday
	tests := []struct{ text, want string }{
		{"Putin met Xi in Moscow on Saturday.", "2024-11-16"},
		{"Putin met Xi last Saturday.", "2024-11-09"},
		{"Putin met Xi last Friday.", "2024-11-15"},
		{"Putin will meet Xi next Saturday.", "2024-11-23"},
		{"Putin is set to meet Xi on Monday.", "2024-11-18"},
		{"Putin met Xi on Thursday before flying home.", "2024-11-14"},
	}
	for _, tc := range tests {
		r := testExtractor(t).Extract(Document{Text: tc.text, Published: pub})
		if len(r.Events) == 0 {
			t.Errorf("Extract(%q): no event", tc.text)
			continue
		}
		if got := r.Events[0].Date; got != tc.want {
			t.Errorf("Extract(%q) date = %s, want %s", tc.text, got, tc.want)
		}
	}
}

func TestQuotes(t *testing.T) {
	text := "\u201cWe want to work closely with New Zealand,\u201d Kishida said.\n" +
		"Ardern said: \u201cThe region needs stability.\u201d\n" +
		"\u201cWe also support de-escalation. Let's continue the dialogue.\u201d\n" +
		"David Capie, a professor, said the meeting mattered.\n" +
		"\u201cIt is the third-largest economy in the world.\u201d\n" +
		"Trade Minister Ana Lopes, who met Ardern, said the talks were \"useful\". \"We are ready to sign,\" Senegalese President Macky Sall, the current chairman of the African Union, told reporters in Dakar.\n" +
		"\"Talks are the only way,\" said India's envoy, K.V. Raman.\n" +
		"The ministry said Ana Diaz had \"seriously erred\" in Lima.\n" +
		"\"We have a deal,\" Josep Borrell told reporters. \"Both sides have agreed on the annex.\"\n" +
		"Foreign ministry spokeswoman Ana Diaz spoke on Monday. \"We advise President William Ruto to read more books,\" she said.\n"
	r, ents := extractText(t, text)
	want := map[string]string{
		"We want to work closely":   "Kishida",
		"The region needs":          "Ardern",
		"We also support":           "Ardern",
		"It is the third-largest e": "David Capie",
		"useful":                    "Ana Lopes",
		"We are ready to sign":      "Macky Sall",
		"Talks are the only way":    "K.V. Raman",
		"We advise President":       "Ana Diaz",
		"Both sides have agreed":    "Josep Borrell",
	}
	for prefix, speaker := range want {
		found := false
		for _, st := range r.Statements {
			if strings.HasPrefix(st.Quote, prefix) {
				found = true
				if got := label(ents, st.Speaker); !strings.Contains(got, speaker) {
					t.Errorf("quote %q speaker = %q, want %q", prefix, got, speaker)
				}
				if text[st.Span.Start:st.Span.End] == "" || !strings.Contains(text[st.Span.Start:st.Span.End], prefix) {
					t.Errorf("quote %q span %v does not hold it", prefix, st.Span)
				}
			}
		}
		if !found {
			t.Errorf("no quote starting %q in %d statements", prefix, len(r.Statements))
		}
	}
	for _, st := range r.Statements {
		if strings.HasPrefix(st.Quote, "seriously erred") {
			t.Errorf("what the ministry said of Ana Diaz is attributed to %q", label(ents, st.Speaker))
		}
	}
}

// FuzzExtract checks that any text extracts without panics, with spans in range and valid UTF-8.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{"", "Ardern met Kishida.", "\u201c\u201d\"", "U.S. U.N. (WFP) 's '", "A\nREAD MORE\n- x",
		"Japan's Prime Minister Fumio Kishida, Director of X's Y, said \"hi\"", "\xff\xfe Japan"} {
		f.Add(s)
	}
	x := testExtractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		r := x.Extract(Document{Text: text, Published: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)})
		in := func(sp Span) bool { return sp.Start >= 0 && sp.End <= len(text) && sp.Start <= sp.End }
		for _, e := range r.Entities {
			for _, m := range e.Mentions {
				if !in(m) {
					t.Fatalf("mention %v out of range", m)
				}
			}
			if utf8.ValidString(text) && !utf8.ValidString(e.Label) {
				t.Fatalf("label %q not UTF-8", e.Label)
			}
		}
		for _, e := range r.Events {
			if !in(e.Evidence) || len(e.Actors) == 0 {
				t.Fatalf("event %+v: evidence out of range or no actor", e)
			}
		}
		for _, s := range r.Statements {
			if !in(s.Span) || !in(s.Evidence) {
				t.Fatalf("statement %+v out of range", s)
			}
		}
	})
}

func TestClaimsAndModality(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // "TYPE actor>recipient claimed-by" or "" for no event
	}{
		{"reported speech", "Syria said Israel attacked Syrian air defences.", "ASSAULT Israel>Syria by Syria"},
		{"reported by a third party", "Britain said Russia attacked Ukrainian ports.", "ASSAULT Russia>Ukraine by United Kingdom"},
		{"trailing attribution", "Israel attacked Syrian air defences, the Syrian army said.", "ASSAULT Israel>Syria by Syria"},
		{"according to", "Russia shelled Kharkiv overnight, according to Ukraine.", "ASSAULT Russia>Ukraine by Ukraine"},
		{"could", "China could attack Taiwan within five years.", ""},
		{"might", "Iran might expel the inspectors.", ""},
		{"a hope overtaken", "Peru had hoped to sign a trade pact with Chile before the election.", ""},
		{"a plan overtaken", "Egypt had long planned to restore ties with Turkey.", ""},
		{"expected", "Kenya is expected to expel the Somali ambassador.", ""},
		{"a hope", "Peru hopes to sign a trade pact with Chile.", "AGREE Peru>Chile"},
		{"a plan to visit", "Tsai Ing-wen said she would keep to her plan to visit Paraguay next week.", ""},
		{"ready to host", "Qatar is ready to host a meeting between Kenya and Somalia.", "AGREE Qatar>Kenya+Somalia"},
		{"a meeting that did not take place", "A meeting between Andrzej Duda and Joe Biden did not take place.", "NOT CONSULT Andrzej Duda+Joe Biden>"},
		{"a summit cancelled", "A planned summit between Chile and Peru was cancelled.", ""},
		{"agreed to refrain from", "In return, Chile agreed to refrain from criticising Peru at the United Nations.", "NOT ACCUSE Chile>Peru"},
		{"a request not to is a request", "Chile urged Peru not to expel the envoys.", "REQUEST Chile>Peru"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ents := extractText(t, tc.text)
			var got []string
			for _, e := range r.Events {
				s := eventStrings(Result{Events: []Event{e}}, ents)[0]
				if e.Claimant != nil {
					s += " by " + label(ents, *e.Claimant)
				}
				got = append(got, s)
			}
			if tc.want == "" {
				if len(got) > 0 {
					t.Errorf("Extract(%q) events = %q, want none", tc.text, got)
				}
				return
			}
			if !contains(got, tc.want) {
				t.Errorf("Extract(%q) events = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestDeterministic extracts the same articles twice: the results must be identical, since
// node IRIs are numbered in the order facts are found.
func TestDeterministic(t *testing.T) {
	texts := []string{
		"President Emmanuel Macron met Prime Minister Rishi Sunak. Macron said France and Britain would cooperate. " +
			"Prime Minister Fumio Kishida and President Yoon Suk Yeol spoke. France, Britain and France again.",
		"The two leaders met. Prime Minister Jacinda Ardern flew home to New Zealand. New Zealand, Japan, Japan, New Zealand.",
	}
	x := testExtractor(t)
	for _, text := range texts {
		first := x.Extract(Document{Text: text})
		for i := 0; i < 20; i++ {
			if again := x.Extract(Document{Text: text}); !cmp.Equal(first, again) {
				t.Fatalf("Extract(%q) differs between runs:\n%s", text, cmp.Diff(first, again))
			}
		}
	}
}

// TestTitleCoreference: "the prime minister" is the person named before with that title, and
// nobody when two people hold it.
func TestTitleCoreference(t *testing.T) {
	r, ents := extractText(t, "Prime Minister Mette Frederiksen arrived in Oslo on Monday. "+
		"The prime minister met Norwegian business leaders. \"We are partners,\" the prime minister said.")
	got := eventStrings(r, ents)
	if !contains(got, "CONSULT Mette Frederiksen>Norway") {
		t.Errorf("events = %q, want the prime minister (Frederiksen) meeting Norway", got)
	}
	if len(r.Statements) != 1 || label(ents, r.Statements[0].Speaker) != "Mette Frederiksen" {
		t.Errorf("statements = %+v, want one by Mette Frederiksen", r.Statements)
	}
	r, ents = extractText(t, "Prime Minister Mette Frederiksen met Prime Minister Jonas Gahr Store. The prime minister criticised Russia.")
	for _, e := range eventStrings(r, ents) {
		if strings.HasPrefix(e, "ACCUSE") {
			t.Errorf("events = %q: 'the prime minister' after two prime ministers is nobody", e)
		}
	}
}

// TestStrayQuoteMark: an inch mark does not open a quotation that swallows the paragraph.
func TestStrayQuoteMark(t *testing.T) {
	r, ents := extractText(t, "The navy's 12\" guns were old. \"We will win,\" Admiral Karl Dönitz said.")
	if len(r.Statements) != 1 || r.Statements[0].Quote != "We will win" || label(ents, r.Statements[0].Speaker) != "Karl Dönitz" {
		t.Errorf("statements = %+v, want one: \"We will win\" by Karl Dönitz", r.Statements)
	}
}

// TestWholeArticle reads an article written for this test and checks the facts an analyst would
// want from it, and that the denied membership is denied.
func TestWholeArticle(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "leaders-meeting.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	text = text[strings.Index(text, "\n\n")+2:] // the comment line
	r, ents := extractText(t, text)
	rels := relationStrings(r, ents)
	for _, want := range []string{"Christopher Luxon leaderOf New Zealand", "Anthony Albanese leaderOf Australia",
		"Winston Peters represents New Zealand", "Robert Patman affiliatedWith University of Otago", "NOT New Zealand memberOf AUKUS"} {
		if !contains(rels, want) {
			t.Errorf("relations = %q, want %q", rels, want)
		}
	}
	if contains(rels, "New Zealand memberOf AUKUS") {
		t.Errorf("relations = %q: New Zealand is not a member of AUKUS", rels)
	}
	evs := eventStrings(r, ents)
	for _, want := range []string{"CONSULT Christopher Luxon+Anthony Albanese>", "ACCUSE China>New Zealand"} {
		if !contains(evs, want) {
			t.Errorf("events = %q, want %q", evs, want)
		}
	}
	if len(r.Statements) != 3 {
		t.Errorf("%d statements, want 3 (Albanese, Luxon, Patman)", len(r.Statements))
	}
}

// TestWireReport reads a wire-style conflict report written for this test.
func TestWireReport(t *testing.T) {
	text := articleBody(t, "border-shelling.txt")
	pub := time.Date(2022, 9, 13, 0, 0, 0, 0, time.UTC)
	r := testExtractor(t).Extract(Document{Text: text, Published: pub})
	ents := map[Ref]*Entity{}
	for i := range r.Entities {
		ents[Ref{Type: r.Entities[i].Type, Key: r.Entities[i].Key}] = &r.Entities[i]
	}
	var got []string
	for _, e := range r.Events {
		s := eventStrings(Result{Events: []Event{e}}, ents)[0]
		if e.Claimant != nil {
			s += " by " + label(ents, *e.Claimant)
		}
		got = append(got, s+" on "+e.Date)
	}
	for _, want := range []string{
		"ASSAULT Azerbaijan>Armenia by Armenia on 2022-09-13",
		"ACCUSE Azerbaijan>Armenia on 2022-09-13",
		"REQUEST Russia>Azerbaijan+Armenia on 2022-09-13",
		"REQUEST Antony Blinken+United States>Azerbaijan on 2022-09-13",
		"ACCUSE Turkey>Armenia on 2022-09-13",
	} {
		if !contains(got, want) {
			t.Errorf("events = %q, want %q", got, want)
		}
	}
	for _, rel := range r.Relations {
		if rel.Predicate == "memberOf" && rel.Subject.Key == "AZE" && !rel.Negated {
			t.Errorf("Azerbaijan is not said to be a member of anything: %+v", rel)
		}
	}
}

// TestPronounGender: "he" does not stand for a woman a title names.
func TestPronounGender(t *testing.T) {
	r, ents := extractText(t, "Mr Straw praised Mrs Thatcher. \"We have a veto,\" he said.")
	if len(r.Statements) != 1 || label(ents, r.Statements[0].Speaker) != "Jack Straw" && label(ents, r.Statements[0].Speaker) != "Straw" {
		var who []string
		for _, s := range r.Statements {
			who = append(who, label(ents, s.Speaker))
		}
		t.Errorf("speakers = %q, want Straw", who)
	}
}

// TestPronounSalience resolves "he" and "she" to the most salient person, not the nearest name:
// the subject of a report over a name inside one of its phrases, a given name's gender, and
// never the subject of the verb whose object the pronoun is.
func TestPronounSalience(t *testing.T) {
	text := "President Luis Ortega said on Friday that he had asked the court to review the detention of Pablo Reyes, a journalist held since May.\n\n" +
		"\"Nobody is above the law,\" he told reporters in the capital.\n\n" +
		"Foreign Minister Helena Marsh, who spoke with Tomas Berger on Monday, said the talks had gone well. \"We are closer than ever,\" she said.\n\n" +
		"Prime Minister Karl Vidal telephoned Omar Haddad and urged him to release the prisoners.\n"
	r, ents := extractText(t, text)
	want := map[string]string{"Nobody is above": "Luis Ortega", "We are closer": "Helena Marsh"}
	for prefix, speaker := range want {
		found := false
		for _, st := range r.Statements {
			if strings.HasPrefix(st.Quote, prefix) {
				found = true
				if got := label(ents, st.Speaker); got != speaker {
					t.Errorf("quote %q speaker = %q, want %q", prefix, got, speaker)
				}
			}
		}
		if !found {
			t.Errorf("no quote starting %q", prefix)
		}
	}
	found := false
	for _, e := range r.Events {
		if e.Type != "REQUEST" || !strings.Contains(text[e.Evidence.Start:e.Evidence.End], "urged him") {
			continue
		}
		found = true
		for _, rc := range e.Recipients {
			if got := label(ents, rc); got != "Omar Haddad" {
				t.Errorf("REQUEST recipient %q, want Omar Haddad (him is not the one who urged)", got)
			}
		}
	}
	if !found {
		t.Errorf("no REQUEST for \"urged him\" in %d events", len(r.Events))
	}
}

// articleBody reads a test article of testdata: the text after its comment line and headline
// (which ingest takes as the title).
func articleBody(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	text = text[strings.Index(text, "\n\n")+2:]
	return text[strings.Index(text, "\n\n")+2:]
}

// TestUNReport reads a report of a Security Council veto written for this test.
func TestUNReport(t *testing.T) {
	text := articleBody(t, "un-veto.txt")
	r, ents := extractText(t, text)
	checkStrings(t, "un-veto.txt", "events", eventStrings(r, ents), []string{
		"REJECT Russia>United Nations Security Council",
		"REQUEST Linda Thomas-Greenfield+United States>United Nations General Assembly",
		"SANCTION United States Department of the Treasury>Russia",
	}, nil)
	checkStrings(t, "un-veto.txt", "relations", relationStrings(r, ents),
		[]string{"Vasily Nebenzya represents Russia", "Linda Thomas-Greenfield represents United States",
			"Jens Stoltenberg leaderOf North Atlantic Treaty Organization", "Volodymyr Zelenskyy leaderOf Ukraine"},
		[]string{"Russia memberOf State Duma", "Vasily Nebenzya represents United Nations"})
}

// TestMediationReport reads a report on mediation written for this test: mediators act on the
// mediated, titles with a nationality find their holder.
func TestMediationReport(t *testing.T) {
	text := articleBody(t, "mediation.txt")
	r, ents := extractText(t, text)
	evs := eventStrings(r, ents)
	for _, want := range []string{
		"CONSULT Qatar+Egypt>Israel+Hamas",
		"CONSULT Mohammed bin Abdulrahman Al Thani+Qatar>Hamas",
		"CONSULT Hassan Rashad+Egypt>Israel",
		"ACCUSE Hamas>Israel",
		"REQUEST United Nations>Hamas+Israel",
	} {
		if !contains(evs, want) {
			t.Errorf("events = %q, want %q", evs, want)
		}
	}
	if len(r.Statements) != 1 || label(ents, r.Statements[0].Speaker) != "Mohammed bin Abdulrahman Al Thani" {
		t.Errorf("statements = %+v, want one by the Qatari prime minister", r.Statements)
	}
	if !contains(relationStrings(r, ents), "Hassan Rashad represents Egypt") {
		t.Errorf("relations = %q, want Hassan Rashad represents Egypt", relationStrings(r, ents))
	}
}

// TestMissionReport reads a report on a security mission written for this test: announced
// deployments are mobilizations, lists across a comma and "and" start new clauses.
func TestMissionReport(t *testing.T) {
	text := articleBody(t, "haiti-mission.txt")
	r, ents := extractText(t, text)
	evs := eventStrings(r, ents)
	for _, want := range []string{"MOBILIZE Kenya>Haiti", "SUPPORT Ariel Henry+Haiti>Kenya", "AGREE Jamaica+Bahamas>"} {
		if !contains(evs, want) {
			t.Errorf("events = %q, want %q", evs, want)
		}
	}
	for _, e := range evs {
		if strings.HasPrefix(e, "THREATEN") || strings.HasPrefix(e, "AGREE United States>") && strings.Contains(e, "Jamaica") {
			t.Errorf("events = %q: %q is wrong", evs, e)
		}
	}
	if contains(relationStrings(r, ents), "Raila Odinga represents Kenya") {
		t.Errorf("an opposition leader does not represent the country: %q", relationStrings(r, ents))
	}
}

// TestQuotedFragments attributes words quoted inside reported speech to the subject of the verb
// that reports or judges them, and leaves a quoted part of a noun phrase alone.
func TestQuotedFragments(t *testing.T) {
	tests := []struct{ name, text, quote, speaker string }{
		{"called it", "Swedish Foreign Minister Tobias Berg called the attack \"completely unacceptable\" on Monday.", "completely unacceptable", "Tobias Berg"},
		{"hailed as", "President Anna Weiss hailed the agreement as \"a great day for peace\" and left.", "a great day for peace", "Anna Weiss"},
		{"said, in a clause", "Spokeswoman Lena Park said Seoul would respond to the measures \"very soon\".", "very soon", "Lena Park"},
		{"part of a noun phrase", "The statement noted the leaders' \"grave concerns\" about the strikes.", "grave concerns", ""},
		{"a word alone", "Officials called the move \"unfriendly\" on Monday.", "unfriendly", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ents := extractText(t, tc.text)
			got := ""
			for _, st := range r.Statements {
				if strings.HasPrefix(st.Quote, tc.quote) {
					got = label(ents, st.Speaker)
				}
			}
			if got != tc.speaker {
				t.Errorf("Extract(%q): speaker of %q = %q, want %q", tc.text, tc.quote, got, tc.speaker)
			}
		})
	}
}
