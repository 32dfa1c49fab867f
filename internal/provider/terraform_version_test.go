package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// requireNoVersionSkipsEnv makes every acceptance test that needs a newer
// terraform fail, instead of skip, when the terraform under test is older.
// .ci/run sets it for its pass with the newest terraform, so that a test
// meant to run there (identity import, query) cannot silently skip.
const requireNoVersionSkipsEnv = "GHPACKAGES_REQUIRE_NO_VERSION_SKIPS"

// terraformAtLeast is the TerraformVersionCheck of a test that needs
// terraform minimum or later: tfversion.SkipBelow, or tfversion.RequireAbove
// (a failure) when GHPACKAGES_REQUIRE_NO_VERSION_SKIPS=1. Tests use it, never
// tfversion.SkipBelow itself (TestVersionChecksUseTerraformAtLeast).
func terraformAtLeast(minimum *version.Version) tfversion.TerraformVersionCheck {
	if os.Getenv(requireNoVersionSkipsEnv) == "1" {
		return tfversion.RequireAbove(minimum)
	}
	return tfversion.SkipBelow(minimum)
}

// A direct tfversion.SkipBelow would escape GHPACKAGES_REQUIRE_NO_VERSION_SKIPS.
func TestVersionChecksUseTerraformAtLeast(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f == "terraform_version_test.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			for _, call := range []string{"tfversion.SkipBelow(", "tfversion.SkipBetween(", "tfversion.SkipIf("} {
				if strings.Contains(line, call) {
					t.Errorf("%s:%d: %s skips silently on the newest terraform in CI: use terraformAtLeast", f, i+1, call)
				}
			}
		}
	}
}
