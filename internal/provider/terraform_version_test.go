package provider

import (
	"encoding/json"
	"os"
	"os/exec"
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

// terraformCLI is the terraform that the acceptance tests run, for tests
// that drive the CLI themselves: TF_ACC_TERRAFORM_PATH, as
// terraform-plugin-testing takes it, else the terraform on PATH.
func terraformCLI(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("TF_ACC_TERRAFORM_PATH"); bin != "" {
		return bin
	}
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("no terraform: set TF_ACC_TERRAFORM_PATH or put terraform on PATH (%v)", err)
	}
	return bin
}

// requireTerraformCLI is terraformAtLeast for tests that drive the CLI
// themselves: it skips the test when bin is older than minimum, or fails it
// under GHPACKAGES_REQUIRE_NO_VERSION_SKIPS=1.
func requireTerraformCLI(t *testing.T, bin string, minimum *version.Version) {
	t.Helper()
	out, err := exec.Command(bin, "version", "-json").Output()
	if err != nil {
		t.Fatalf("%s version -json: %v", bin, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s version -json: %v in %s", bin, err, out)
	}
	got, err := version.NewVersion(v.Version)
	if err != nil {
		t.Fatal(err)
	}
	if got.Core().LessThan(minimum) {
		if os.Getenv(requireNoVersionSkipsEnv) == "1" {
			t.Fatalf("terraform %s is older than %s, which this test needs (%s=1)", got, minimum, requireNoVersionSkipsEnv)
		}
		t.Skipf("needs terraform %s or later; %s is %s", minimum, bin, got)
	}
}
