package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// multiArchPolicyHCL is a ghpackages_retention_policy of imagesmith/app.
func multiArchPolicyHCL(label string, lines ...string) string {
	return fmt.Sprintf(`
data "ghpackages_retention_policy" %q {
  org          = "imagesmith"
  package_type = "container"
  package_name = "app"
  %s
}
`, label, strings.Join(lines, "\n  "))
}

// TestAccRetentionPolicy_multiArch: the policy reads the manifests (by
// default for container packages) and keeps whole images: keep_newest_tagged
// = 1 keeps release 1.2.0 with its platforms, attestations and signatures
// (a cosign signature's tag does not make it the newest tagged version), and
// deletes the other releases and the orphans. A nested index keeps its
// children under the outer index's name. manifests = false goes back to
// tag-only rules; an unreadable registry fails the read.
func TestAccRetentionPolicy_multiArch(t *testing.T) {
	fake := startFake(t)
	const (
		idx120, amd, arm, attAmd, attArm, sig, ref = fakegithub.MultiArchIndex120, fakegithub.MultiArchAmd64, fakegithub.MultiArchArm64,
			fakegithub.MultiArchAttAmd64, fakegithub.MultiArchAttArm64, fakegithub.MultiArchSignature, fakegithub.MultiArchReferrer
		idx110, nested, amd110                   = fakegithub.MultiArchIndex110, fakegithub.MultiArchNested, fakegithub.MultiArchAmd64V110
		ghost, amd100, orphan, older, noManifest = fakegithub.MultiArchGhostIndex, fakegithub.MultiArchAmd64V100, fakegithub.MultiArchOrphanOld,
			fakegithub.MultiArchOrphanOlder, fakegithub.MultiArchNoManifest
	)
	var checks = policyChecks("release", []int64{ref, sig, idx120, amd, arm, attAmd, attArm},
		[]int64{idx110, nested, amd110, ghost, amd100, orphan, older, noManifest},
		map[int64]string{
			ref:    "signature of 1.2.0",
			sig:    "signature of 1.2.0",
			idx120: "newest 1 tagged",
			amd:    "platform linux/amd64 of 1.2.0",
			arm:    "platform linux/arm64/v8 of 1.2.0",
			attAmd: "attestation of 1.2.0",
			attArm: "attestation of 1.2.0",
		})
	checks = append(checks, policyChecks("v110", []int64{idx110, nested, amd110},
		[]int64{ref, sig, idx120, amd, arm, attAmd, attArm, ghost, amd100, orphan, older, noManifest},
		map[int64]string{
			idx110: `tag 1.1.0 matches ^1\.1\.0$`,
			nested: "index inside 1.1.0",
			amd110: "platform linux/amd64 of 1.1.0",
		})...)
	checks = append(checks, policyChecks("tags_only", []int64{sig},
		[]int64{ref, idx120, amd, arm, attAmd, attArm, idx110, nested, amd110, ghost, amd100, orphan, older, noManifest},
		map[int64]string{sig: "newest 1 tagged"})...)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{
			{
				Config: providerConfig(fake, tokenReadOnly) +
					multiArchPolicyHCL("release", "keep_newest_tagged = 1") +
					multiArchPolicyHCL("v110", `keep_tags = ["^1\\.1\\.0$"]`) +
					multiArchPolicyHCL("tags_only", "keep_newest_tagged = 1", "manifests = false"),
				ConfigStateChecks: checks,
			},
			{
				Config: providerConfig(fake, tokenReadOnly, `registry_url = "http://127.0.0.1:1"`) +
					multiArchPolicyHCL("release", "keep_newest_tagged = 1"),
				ExpectError: expectError(`Cannot read the manifests of .*did not answer.*manifests = false`),
			},
		},
	})
}

// TestAccDeletePackageVersionsAction_multiArch: the action keeps whole
// images too: keep_newest_tagged = 1 deletes the other releases and the
// orphans, and none of the platforms, attestations or signatures of 1.2.0.
func TestAccDeletePackageVersionsAction_multiArch(t *testing.T) {
	fake := startFake(t)
	kept := []int64{fakegithub.MultiArchIndex120, fakegithub.MultiArchAmd64, fakegithub.MultiArchArm64, fakegithub.MultiArchAttAmd64,
		fakegithub.MultiArchAttArm64, fakegithub.MultiArchSignature, fakegithub.MultiArchReferrer}
	gone := []int64{fakegithub.MultiArchIndex110, fakegithub.MultiArchNested, fakegithub.MultiArchAmd64V110, fakegithub.MultiArchGhostIndex,
		fakegithub.MultiArchAmd64V100, fakegithub.MultiArchOrphanOld, fakegithub.MultiArchOrphanOlder, fakegithub.MultiArchNoManifest}
	var checks []statecheck.StateCheck
	for _, id := range kept {
		checks = append(checks, appOnServer(fake, id, false))
	}
	for _, id := range gone {
		checks = append(checks, appOnServer(fake, id, true))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{terraformAtLeast(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: testProviderFactories(),
		Steps: []resource.TestStep{{
			Config: providerConfig(fake, tokenFull) + deleteActionHCL(`
    org                = "imagesmith"
    package_type       = "container"
    package_name       = "app"
    keep_newest_tagged = 1
    max_deletions      = 8`),
			ConfigStateChecks: checks,
		}},
	})
}
