package provider

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestAccQueryGenerateConfigAdopts is the adoption flow of the retention
// guide: `terraform query -generate-config-out` writes import and resource
// blocks for what the list blocks find, and applying them adopts every
// version and package without a single write on GitHub.
//
// terraform-plugin-testing's Query steps cannot generate configuration, so
// this test drives the terraform CLI itself, with the provider served
// in-process (TF_REATTACH_PROVIDERS), as TestAccInterruptedApply does.
func TestAccQueryGenerateConfigAdopts(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	terraformBin := terraformCLI(t)
	requireTerraformCLI(t, terraformBin, tfversion.Version1_14_0)
	fake := startFake(t)
	w := newCLIWorkdir(t, terraformBin, map[string]string{
		"main.tf": providerConfig(fake, tokenFull),
		"adopt.tfquery.hcl": `
list "ghpackages_package_version_retention" "web" {
  provider = ghpackages
  config {
    org          = "acme"
    package_type = "container"
    package_name = "web"
  }
}

list "ghpackages_package_retention" "npm" {
  provider = ghpackages
  config {
    org          = "acme"
    package_type = "npm"
  }
}
`,
	})
	terraform, run := w.output, w.run

	run("init", "-no-color")
	out := run("query", "-no-color", "-generate-config-out=generated.tf")
	generated, err := os.ReadFile(w.path("generated.tf"))
	if err != nil {
		t.Fatalf("terraform query wrote no generated.tf: %v\n%s", err, out)
	}
	// The 3 active versions of web, the 2 active npm packages of acme
	// (client-lib, popular; old-tool is deleted).
	if n := strings.Count(string(generated), "\nimport {"); n != 5 {
		t.Errorf("generated.tf has %d import blocks, want 5:\n%s", n, generated)
	}
	for _, want := range []string{
		`resource "ghpackages_package_version_retention"`, `package_version_id = 3200000004`, `package_version_id = 3200000002`,
		`resource "ghpackages_package_retention"`, `package_name = "client-lib"`,
	} {
		if !strings.Contains(string(generated), want) {
			t.Errorf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	for _, deleted := range []string{"3200000001", "old-tool"} {
		if strings.Contains(string(generated), deleted) {
			t.Errorf("generated.tf adopts %s, which is deleted:\n%s", deleted, generated)
		}
	}

	t.Logf("generated.tf:\n%s", generated)

	adoption := openRequestWindow(fake)
	plan, err := terraform("plan", "-no-color", "-detailed-exitcode")
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 2 ||
		!strings.Contains(plan, "Plan: 5 to import, 0 to add, 0 to change, 0 to destroy.") {
		t.Fatalf("plan of the generated configuration: %v, want 5 imports and nothing else:\n%s", err, plan)
	}
	run("apply", "-no-color", "-auto-approve")
	if err := adoption.writes()(); err != nil {
		t.Errorf("adopting changed GitHub: %v", err)
	}
	if reqs, err := adoption.requests(); err != nil || len(reqs) == 0 {
		t.Errorf("the plan and apply sent no request (%v): nothing was read from GitHub", err)
	}
	if out, err := terraform("plan", "-no-color", "-detailed-exitcode"); err != nil {
		t.Errorf("a plan after adopting is not empty: %v\n%s", err, out)
	}
	state := run("state", "list")
	if n := len(strings.Fields(state)); n != 5 {
		t.Errorf("state holds %d resources after the apply, want 5:\n%s", n, state)
	}
}
