package provider

import "testing"

// packageNamePattern is the one rule for package names in configuration,
// import IDs and identities.
func TestPackageNamePattern(t *testing.T) {
	for name, want := range map[string]bool{
		"app": true, "team/app": true, "a/b/c": true, ".npmrc": true, "..a": true, "...": true, "a.": true, "a..b": true,
		"v1.2.3": true, "@scope/pkg": true,
		"": false, ".": false, "..": false, "team/..": false, "../app": false, "team/./app": false,
		"/app": false, "app/": false, "a//b": false, "a b": false, "a\tb": false,
	} {
		if got := packageNamePattern.MatchString(name); got != want {
			t.Errorf("packageNamePattern.MatchString(%q) = %v, want %v", name, got, want)
		}
	}
}
