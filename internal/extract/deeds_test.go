package extract

import "testing"

// TestDeedVerb pairs act nouns with the verbs that report the act, and keeps apart nouns and
// verbs that only look alike.
func TestDeedVerb(t *testing.T) {
	tests := []struct {
		noun, verb string
		want       bool
	}{
		{"burning", "burn", true},
		{"decision", "decide", true},
		{"occupation", "occupy", true},
		{"execution", "execute", true},
		{"seizure", "seize", true},
		{"expulsion", "expel", true},
		{"withdrawal", "withdraw", true},
		{"release", "release", true},
		{"annexation", "annex", true},
		{"decision", "decline", false},
		{"deportation", "deploy", false},
		{"attack", "attach", false},
		{"vote", "veto", false},
	}
	for _, tc := range tests {
		if got := deedVerb(tc.noun, tc.verb); got != tc.want {
			t.Errorf("deedVerb(%q, %q) = %v, want %v", tc.noun, tc.verb, got, tc.want)
		}
	}
	for _, n := range []string{"burning", "release", "decision", "raid"} {
		if !deedNoun(n) {
			t.Errorf("deedNoun(%q) = false, want true", n)
		}
	}
	for _, n := range []string{"minister", "country", "ship"} {
		if deedNoun(n) {
			t.Errorf("deedNoun(%q) = true, want false", n)
		}
	}
}
