package provider

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// TestAccDeletePackageVersionsInvoke drives `terraform plan -invoke` and
// `terraform apply -invoke` through the CLI (terraform-plugin-testing has no
// invoke step): the plan warns with the versions to go, the apply reports
// each deletion as progress (or, with dry_run, what it would delete), and a
// saved plan whose deletions grew past max_deletions before the apply
// deletes nothing.
func TestAccDeletePackageVersionsInvoke(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	terraformBin := terraformCLI(t)
	requireTerraformCLI(t, terraformBin, tfversion.Version1_14_0)
	fake := startFake(t)
	config := providerConfig(fake, tokenFull) + `
action "ghpackages_delete_package_versions" "prune" {
  config {
    org           = "acme"
    package_type  = "container"
    package_name  = "web"
    keep_newest   = 1
    max_deletions = 3
  }
}
`
	w := newCLIWorkdir(t, terraformBin, map[string]string{"main.tf": config})
	terraform, run := w.output, w.run
	expect := func(what, out string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("%s lacks %q:\n%s", what, w, out)
			}
		}
	}
	const invoke = "-invoke=action.ghpackages_delete_package_versions.prune"
	run("init", "-no-color")

	// A saved plan: 2 versions to go. Then 2 more are pushed, so that the
	// apply would delete 4, more than max_deletions = 3: it deletes nothing.
	plan := run("plan", "-no-color", invoke, "-out=prune.tfplan")
	expect("plan -invoke", plan, "would delete 2 of 3 versions of container package", "(tags 1.9.0; id 3200000003", "(untagged; id 3200000002")
	for i, tag := range []string{"3.0.0", "3.1.0"} {
		fake.PushVersion("acme", "container", "web", fakegithub.SeedVersion{Name: fmt.Sprintf("sha256:%064x", i+1), Tags: []string{tag}})
	}
	pastCap := openRequestWindow(fake)
	out, err := terraform("apply", "-no-color", "prune.tfplan")
	if err == nil {
		t.Fatalf("apply of the saved plan deleted past max_deletions:\n%s", out)
	}
	expect("apply past the cap", out, "More versions to delete than max_deletions", "would delete 4 of the 5 active versions")
	if err := pastCap.writes()(); err != nil {
		t.Errorf("apply past the cap: %v", err)
	}

	// Within the cap (keep_newest keeps the newest push), dry_run reports
	// what would go and deletes nothing.
	setConfig := func(old, new string) {
		t.Helper()
		w.write("main.tf", strings.Replace(config, old, new, 1))
	}
	dryRun := openRequestWindow(fake)
	setConfig("max_deletions = 3", "max_deletions = 4\n    dry_run = true")
	out = run("apply", "-no-color", "-auto-approve", invoke)
	expect("apply -invoke with dry_run", out, "dry run: would delete sha256:", "(untagged; id 3200000002",
		"dry run: 4 of 5 versions of container package \"web\" of organization \"acme\" would be deleted; nothing was deleted")
	if err := dryRun.writes()(); err != nil {
		t.Errorf("dry run: %v", err)
	}

	// Then for real: progress per deletion and a final count.
	forReal := openRequestWindow(fake)
	setConfig("max_deletions = 3", "max_deletions = 4")
	out = run("apply", "-no-color", "-auto-approve", invoke)
	expect("apply -invoke", out, "(tags latest, 2.0.0; id 3200000004", "(tags 3.0.0; id ", "(untagged; id 3200000002",
		"deleted 4 of 4 versions of container package", "(1 kept, 0 failed, 0 not attempted)")
	for _, id := range []int64{fakegithub.AcmeWebV4, fakegithub.AcmeWebV3, fakegithub.AcmeWebV2} {
		if v, _ := fake.Version("acme", "container", "web", id); !v.Deleted {
			t.Errorf("version %d is still active", id)
		}
	}
	del := ownerAcme.route("DELETE", versionRoute)
	if err := forReal.writes(del, del, del, del)(); err != nil {
		t.Error(err)
	}
	t.Logf("apply -invoke:\n%s", out)
}
