package extract

import (
	"strings"
	"testing"
	"time"
)

// TestEventsFromParse checks event shapes whose arguments come from the dependency parse: voice,
// relative and participial clauses, shared subjects, frames, possession by the actor, conditions
// and modals, light verbs, negation of a governing verb.
func TestEventsFromParse(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
		derivation string // a part of the first wanted event's Derivation
	}{
		{"passive with agent", "Two Canadian diplomats were expelled by Beijing on Friday.", []string{"SANCTION China>Canada"}, []string{"SANCTION Canada>China"}, "actor obl:agent"},
		{"participle with agent and target", "The sanctions imposed by the European Union on Iran took effect on Monday.", []string{"SANCTION European Union>Iran"}, nil, ""},
		{"shared subject of a conjunct", "Norway condemned the strike and urged Israel to stop the offensive.", []string{"REQUEST Norway>Israel"}, nil, "of the conj head"},
		{"the actor's own is no target", "Chile withdrew its ambassador from Nicaragua on Tuesday.", []string{"SANCTION Chile>Nicaragua"}, []string{"SANCTION Chile>Chile"}, ""},
		{"a condition", "If Serbia attacks Kosovo, NATO will respond.", nil, []string{"ASSAULT Serbia>Kosovo"}, ""},
		{"a modal", "Turkey could block Sweden's bid to join the alliance.", nil, []string{"REJECT Turkey>Sweden"}, ""},
		{"relative clause between subject and verb", "The foreign minister of Peru, who arrived in Quito on Sunday, met Ecuadorean President Daniel Noboa.", []string{"CONSULT Peru>Daniel Noboa+Ecuador"}, nil, ""},
		{"light verb with coordinated nationalities", "Indian and Chinese commanders held talks on the border dispute.", []string{"CONSULT India+China>"}, nil, ""},
		{"apposition after the subject", "Kenya, a close ally of the United States, signed a security pact with Somalia.", []string{"SUPPORT Kenya>Somalia"}, []string{"SUPPORT United States>Somalia"}, ""},
		{"said it would: decided", "Japan said it would impose sanctions on Russian banks.", []string{"SANCTION Japan>Russia"}, nil, ""},
		{"a denied condemnation does not deny what it condemns", "Brazil did not condemn Russia's invasion of Ukraine.", []string{"NOT ACCUSE Brazil>Russia", "ASSAULT Russia>Ukraine"}, []string{"NOT ASSAULT Russia>Ukraine"}, ""},
		{"called it unjustified", "Mexico's president called Peru's decision to expel the ambassador \"unjustified\".", []string{"ACCUSE Mexico>Peru"}, nil, ""},
		{"a dateline is no part of the lead", "DUBAI, June 5 (Reuters) - Kenya and Uganda severed ties with Qatar on Monday, accusing it of backing militants.", []string{"SANCTION Kenya+Uganda>Qatar", "ACCUSE Kenya+Uganda>Qatar"}, nil, ""},
		{"a condemned act is its doer's", "Chile expelled two Peruvian diplomats on Monday. On Tuesday Bolivian troops raided a camp in Peru. Argentina condemned the expulsions.", []string{"ACCUSE Argentina>Chile"}, []string{"ACCUSE Argentina>Bolivia"}, ""},
		{"a condemned act aimed at the speaker", "Chile expelled two Peruvian diplomats on Monday. On Tuesday Bolivia expelled an Argentine envoy. Peru called the expulsions unacceptable.", []string{"ACCUSE Peru>Chile"}, []string{"ACCUSE Peru>Bolivia"}, ""},
		{"the speaker is the pronoun's", "Russia, which accuses Ukraine of shelling its towns, said it would expel five Polish diplomats.", []string{"SANCTION Russia>Poland"}, []string{"SANCTION Ukraine>Poland"}, ""},
		{"expected by others", "Sheikh Sabah of Kuwait is expected to travel to Saudi Arabia on Tuesday to meet King Salman.", nil, []string{"CONSULT Sabah>Saudi Arabia", "CONSULT Kuwait>Salman of Saudi Arabia"}, ""},
		{"also: the same act against the same", "Saudi Arabia and Egypt cut ties with Qatar on Monday. The Maldives later said it was also cutting ties.", []string{"SANCTION Maldives>Qatar"}, nil, "(also)"},
		{"also, with an object of its own", "Japan sent aid to Ukraine. Canada also sent aid to Moldova.", []string{"AID Canada>Moldova"}, []string{"AID Canada>Ukraine"}, ""},
		{"a phrase of the trigger's own", "Kuwait's emir spoke by telephone with Qatar's ruler on Monday.", []string{"CONSULT Kuwait>Qatar"}, nil, ""},
		{"a family name after a known one", "Kuwait's emir spoke with Qatar's ruler, Sheikh Tamim bin Hamad al-Thani, and urged him to release the prisoners.", []string{"REQUEST Kuwait>Tamim bin Hamad Al Thani"}, nil, ""},
		{"gapped pledges for whom the aid is", "Donors pledged $9 billion on Monday to help Pakistan rebuild. Japan pledged $2 billion, the World Bank $1 billion and Canada $50 million.", []string{"AGREE Japan>Pakistan", "AGREE World Bank>Pakistan", "AGREE Canada>Pakistan"}, []string{"AGREE Japan>World Bank"}, ""},
		{"acts before another speaker's 'must'", "Chile condemned the raid by Bolivian troops and called on Bolivia to withdraw, while Peru said Argentina must act and urged both sides to talk.", []string{"ACCUSE Chile>Bolivia", "REQUEST Chile>Bolivia", "REQUEST Peru>Argentina"}, nil, ""},
		{"the doer of a burning is who burned", "Lars Holm, a far-right activist, burned a flag outside the Danish embassy in Oslo. Norway's foreign minister called the burning \"repugnant\".", []string{"ACCUSE Norway>Lars Holm"}, nil, ""},
		{"a decision aimed at the speaker", "Japan dropped South Korea from its list of trusted trade partners. Seoul called the decision \"reckless\".", []string{"ACCUSE South Korea>Japan"}, nil, ""},
		{"dismayed by is no passive", "Saudi Arabia arrested three activists on Monday. Canada said it was deeply dismayed by the arrests.", []string{"ACCUSE Canada>Saudi Arabia"}, []string{"ACCUSE Saudi Arabia>Canada"}, ""},
		{"an act's agent in its phrase", "The African Union condemned the bombardments carried out by the Sudanese air force in South Sudan.", []string{"ACCUSE African Union>Sudan"}, []string{"ACCUSE African Union>South Sudan"}, ""},
		{"a participle inside a noun phrase is no act", "Yemen's internationally recognised government cut ties with Qatar on Monday.", []string{"SANCTION Yemen>Qatar"}, []string{"SUPPORT Yemen>Qatar"}, ""},
		{"a recall answers the act aimed at its actor", "Chile expelled the Peruvian ambassador on Monday. In Lima, the foreign ministry said Peru was recalling its ambassador.", []string{"SANCTION Peru>Chile"}, nil, ""},
		{"the one asked is no requester", "The Kremlin, asked about the decision, said it was not following events in Mali closely. Macron, who was asked about the report during a visit by Olaf Scholz, said nothing.", nil, []string{"REQUEST Russia>Mali", "REQUEST Emmanuel Macron>Olaf Scholz+Germany", "REQUEST Emmanuel Macron>Olaf Scholz"}, ""},
		{"a decision welcomed is the last cooperation's", "Bolivia severed ties with Israel on Tuesday. Chile recalled its ambassador. Iran signed a trade pact with Bolivia on Wednesday. Hamas welcomed the decision.", []string{"SUPPORT Hamas>Iran"}, nil, ""},
		{"in an article, conflict aimed at the actor alone is a target missed", "The Philippines removed a floating barrier on Monday. China seized Scarborough Shoal in 2012 after a standoff. Manila protested. Beijing said it would respond.", nil, []string{"COERCE China>China", "PROTEST Philippines>Philippines"}, ""},
		{"in an article, any act aimed at its actor alone", "Xi Jinping met Shinzo Abe in Beijing on Monday. The talks lasted 25 minutes. Xinhua said the meeting had been held at Japan's request. Both sides said little.", nil, []string{"REQUEST Japan>Japan"}, ""},
		{"a description of the country named before", "Bahrain and Egypt cut ties with Qatar, accusing the Gulf state of backing militants.", []string{"ACCUSE Bahrain+Egypt>Qatar"}, []string{"ACCUSE Bahrain+Egypt>Egypt"}, ""},
		{"the kingdom said", "Iran's ambassador met Saudi Arabia's foreign minister. The kingdom then condemned the strikes by Israel.", []string{"ACCUSE Saudi Arabia>Israel"}, nil, ""},
		{"a country's adjective names it", "Hezbollah said it stood behind the Lebanese state's position on Israel.", nil, []string{"SUPPORT Hezbollah>Israel"}, ""},
		{"the two countries of the lead", "Mexico cut ties with Ecuador on Friday. On Saturday Nicaragua expelled Ecuador's ambassador. The United States urged the two countries to resolve their differences.", []string{"REQUEST United States>Mexico+Ecuador"}, []string{"REQUEST United States>Nicaragua+Ecuador"}, ""},
		{"both sides of a mutual act", "Israel and Lebanon agreed to a deal on their maritime border. The United States thanked France for its help. The United Nations urged both sides to implement the deal.", []string{"REQUEST United Nations>Israel+Lebanon"}, []string{"REQUEST United Nations>United States+France"}, ""},
		{"a place opens the sentence", "In Kabul, U.S. Defense Secretary Mark Esper and NATO Secretary-General Jens Stoltenberg urged the Taliban to reduce violence.", []string{"REQUEST Mark Esper+Jens Stoltenberg+United States+North Atlantic Treaty Organization>Taliban"}, []string{"REQUEST Afghanistan+Mark Esper+Jens Stoltenberg+United States+North Atlantic Treaty Organization>Taliban"}, "actor nsubj"},
		{"the decision aimed at the speaker", "Bolivia cut diplomatic ties with Israel on Tuesday. Israel's foreign ministry condemned the decision.", []string{"ACCUSE Israel>Bolivia"}, nil, ""},
		{"the decision of no one aimed at the speaker", "Bolivia cut diplomatic ties with Israel on Tuesday. Chile condemned the decision.", nil, []string{"ACCUSE Chile>Bolivia"}, ""},
		{"the two men named last", "Ecuadorean President Rafael Correa recalled his ambassador from Bogota. He said Colombian President Alvaro Uribe had lied to him when the two men spoke by telephone on Saturday.", []string{"CONSULT Álvaro Uribe+Rafael Correa>"}, nil, ""},
		{"talks by telephone", "British Prime Minister Theresa May spoke by telephone with U.S. President Donald Trump, who agreed that Russia must answer, Downing Street said.", []string{"CONSULT Theresa May+United Kingdom>Donald Trump+United States"}, nil, "obl(by)"},
		{"talks between", "The talks between Armenia and Azerbaijan ended without agreement.", []string{"CONSULT Armenia+Azerbaijan>"}, nil, "actor nmod"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ents := extractText(t, tc.text)
			checkStrings(t, tc.text, "events", eventStrings(r, ents), tc.want, tc.not)
			if tc.derivation == "" {
				return
			}
			found := false
			for _, ev := range r.Events {
				found = found || strings.Contains(ev.Derivation, tc.derivation)
			}
			if !found {
				var ds []string
				for _, ev := range r.Events {
					ds = append(ds, ev.Derivation)
				}
				t.Errorf("Extract(%q) derivations = %q, want one holding %q", tc.text, ds, tc.derivation)
			}
		})
	}
}

// TestMinConfidence checks that MinConfidence drops the events below it and keeps the rest.
func TestMinConfidence(t *testing.T) {
	text := "Ardern and Kishida met in Tokyo on Thursday. They agreed to negotiate a pact."
	doc := Document{ID: "t", Text: text, Published: time.Date(2022, 4, 21, 0, 0, 0, 0, time.UTC)}
	x := testExtractor(t)
	all := x.Extract(doc).Events
	if len(all) < 2 {
		t.Fatalf("Extract(%q) = %d events, want at least 2", text, len(all))
	}
	lo, hi := 1.0, 0.0
	for _, ev := range all {
		lo, hi = min(lo, ev.Confidence), max(hi, ev.Confidence)
	}
	if lo == hi {
		t.Fatalf("Extract(%q): every event has confidence %v; the test needs two levels", text, lo)
	}
	strict := New(x.lx, x.syntax, MinConfidence(hi)).Extract(doc).Events
	for _, ev := range strict {
		if ev.Confidence < hi {
			t.Errorf("MinConfidence(%v) kept %s of confidence %v", hi, ev.Type, ev.Confidence)
		}
	}
	if len(strict) == 0 || len(strict) >= len(all) {
		t.Errorf("MinConfidence(%v) kept %d of %d events, want some but not all", hi, len(strict), len(all))
	}
}

// TestActNounsRefer checks that "the launch", "the expulsions" name the actor of the last act
// of conflict the article reported.
func TestActNounsRefer(t *testing.T) {
	text := "North Korea launched a missile over Japan on Tuesday. South Korea condemned the launch. " +
		"Tokyo called the launch \"reckless\"."
	r, ents := extractText(t, text)
	checkStrings(t, text, "events", eventStrings(r, ents),
		[]string{"MOBILIZE North Korea>Japan", "ACCUSE South Korea>North Korea", "ACCUSE Japan>North Korea"}, nil)
}

// TestEvaluations checks criticism said as a judgement of an act.
func TestEvaluations(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"reported judgement of an act", "Britain expelled 23 Chinese diplomats on Monday. China said the expulsions were totally unacceptable.", []string{"ACCUSE China>United Kingdom"}, nil},
		{"called it so, without quotation marks", "Mexico called Peru's decision reckless.", []string{"ACCUSE Mexico>Peru"}, nil},
		{"a judgement of no one's act", "China said the weather was unacceptable.", nil, []string{"ACCUSE China>China"}},
		{"a denied judgement", "Britain expelled 23 Chinese diplomats. China did not say the expulsions were unacceptable.", nil, []string{"ACCUSE China>United Kingdom"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ents := extractText(t, tc.text)
			checkStrings(t, tc.text, "events", eventStrings(r, ents), tc.want, tc.not)
		})
	}
}
