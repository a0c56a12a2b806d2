// Package version tells which build of diplograph is running, from the module and VCS
// information the Go toolchain stamps into every binary.
package version

import (
	"runtime/debug"
	"strings"
)

// String returns "NAME VERSION (REVISION[, modified], GOVERSION)" for the running binary, e.g.
// "query v0.3.0 (1a2b3c4d5e6f, go1.26.8)"; a build from a working tree says "(devel)".
func String(name string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return name + " (unknown build)"
	}
	return format(name, info)
}

func format(name string, info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var extra []string
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if settings["vcs.modified"] == "true" {
			rev += ", modified"
		}
		extra = append(extra, rev)
	}
	if info.GoVersion != "" {
		extra = append(extra, info.GoVersion)
	}
	if len(extra) == 0 {
		return name + " " + v
	}
	return name + " " + v + " (" + strings.Join(extra, ", ") + ")"
}
