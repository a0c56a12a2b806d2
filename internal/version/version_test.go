package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"release", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.3.0"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "1a2b3c4d5e6f7a8b9c0d"}}},
			"query v0.3.0 (1a2b3c4d5e6f, go1.26.8)"},
		{"working tree", debug.BuildInfo{GoVersion: "go1.26.8",
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"}}},
			"query (devel) (abc, modified, go1.26.8)"},
		{"bare", debug.BuildInfo{}, "query (devel)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := format("query", &tt.info); got != tt.want {
				t.Errorf("format(%+v) = %q, want %q", tt.info, got, tt.want)
			}
		})
	}
	if got := String("ingest"); !strings.HasPrefix(got, "ingest ") {
		t.Errorf("String(ingest) = %q", got)
	}
}
