package fakegithub

import (
	"crypto/sha256"
	"encoding/hex"
)

// DefaultSeed is a small state that covers the cases clients must handle.
// Each call returns a fresh copy that the caller may change.
//
// Organization "acme" (id 50001, member octocat):
//   - container "web" (private, repo acme/web): versions 3200000004 tagged
//     latest and 2.0.0, 3200000003 tagged 1.9.0, 3200000002 untagged, and
//     3200000001 (tag 1.0.0) deleted 5 days ago
//   - container "team/app" (public, name with a slash): 3200000012 tagged
//     latest and v2, 3200000011 tagged v1
//   - npm "client-lib" (private): 2.0.0, 1.1.0, 1.0.0
//   - maven "com.acme.core" (private): 1.0.1, 1.0.0
//   - docker "legacy-image" (private, listed by docker/conflicts): two tagged versions
//   - container "orphan" (private, no repository): one version
//   - container "ci-cache" (private): one tagged version and 45 generated
//     untagged ones, more than a default page
//   - npm "popular" (public): 3.0.0 (100 downloads) and 2.0.0 (12000
//     downloads), so 2.0.0 and the package cannot be deleted
//   - npm "old-tool": deleted 3 days ago, restorable
//
// User "octocat" (id 583231): container "dotfiles" (private), npm
// "hello-npm" (public), rubygems "octo-gem" (private), nuget "Octo.Client"
// (private).
//
// User "hubot" (id 480938): container "hubot-image" (public) and
// "hubot-secret" (private, invisible to octocat).
//
// Organization "imagesmith" (id 50002, member octocat) has container "app"
// (private) whose versions have registry manifests (see MultiArchVersions):
// a multi-arch release 1.2.0 (an index of linux/amd64 and linux/arm64/v8
// images, their buildx attestations, a cosign signature and an OCI 1.1
// referrer), a release 1.1.0 whose index nests another index, an index 1.0.0
// with a ghost platform, two old untagged single-platform images, and a
// version whose manifest the registry does not have.
//
// Tokens: ghp_fulltoken (octocat: read:packages, write:packages,
// delete:packages, repo), ghp_readonly (octocat: read:packages),
// ghp_hubottoken (hubot: the full set), ghs_apptoken (a GitHub App
// installation token), ghp_actions (an Actions GITHUB_TOKEN acting as
// github-actions[bot], not an acme member).
func DefaultSeed() Seed {
	deleted := func(days float64) *float64 { return &days }
	full := []string{"read:packages", "write:packages", "delete:packages", "repo"}
	return Seed{
		Owners: []SeedOwner{
			{
				Login:   "acme",
				ID:      50001,
				Type:    "Organization",
				Members: []string{"octocat"},
				Packages: []SeedPackage{
					{
						ID: AcmeWebPackageID, Name: "web", Type: "container", Visibility: "private",
						Repository: "acme/web", CreatedDaysAgo: 120,
						Versions: []SeedVersion{
							{ID: AcmeWebV4, Name: digest("web-4"), Tags: []string{"latest", "2.0.0"}, CreatedDaysAgo: 1},
							{ID: AcmeWebV3, Name: digest("web-3"), Tags: []string{"1.9.0"}, CreatedDaysAgo: 10},
							{ID: AcmeWebV2, Name: digest("web-2"), CreatedDaysAgo: 11},
							{ID: AcmeWebV1, Name: digest("web-1"), Tags: []string{"1.0.0"}, CreatedDaysAgo: 60, DeletedDaysAgo: deleted(5)},
						},
					},
					{
						ID: AcmeTeamAppPackageID, Name: "team/app", Type: "container", Visibility: "public",
						Repository: "acme/team-app", CreatedDaysAgo: 90,
						Versions: []SeedVersion{
							{ID: AcmeTeamAppV2, Name: digest("team/app-2"), Tags: []string{"latest", "v2"}, CreatedDaysAgo: 2, Downloads: 120},
							{ID: AcmeTeamAppV1, Name: digest("team/app-1"), Tags: []string{"v1"}, CreatedDaysAgo: 30, Downloads: 80},
						},
					},
					{
						ID: AcmeClientLibPackageID, Name: "client-lib", Type: "npm", Visibility: "private",
						Repository: "acme/client-lib", CreatedDaysAgo: 200,
						Versions: []SeedVersion{
							{ID: AcmeClientLibV3, Name: "2.0.0", CreatedDaysAgo: 2, License: "MIT", Description: "Client library"},
							{ID: AcmeClientLibV2, Name: "1.1.0", CreatedDaysAgo: 20, License: "MIT"},
							{ID: AcmeClientLibV1, Name: "1.0.0", CreatedDaysAgo: 40, License: "MIT"},
						},
					},
					{
						ID: AcmeCorePackageID, Name: "com.acme.core", Type: "maven", Visibility: "private",
						Repository: "acme/core", CreatedDaysAgo: 300,
						Versions: []SeedVersion{
							{ID: AcmeCoreV2, Name: "1.0.1", CreatedDaysAgo: 3},
							{ID: AcmeCoreV1, Name: "1.0.0", CreatedDaysAgo: 30},
						},
					},
					{
						ID: AcmeLegacyImagePackageID, Name: "legacy-image", Type: "docker", Visibility: "private",
						Repository: "acme/legacy", DockerConflict: true, CreatedDaysAgo: 400,
						Versions: []SeedVersion{
							{ID: AcmeLegacyImageV2, Name: digest("legacy-2"), Tags: []string{"latest"}, CreatedDaysAgo: 90},
							{ID: AcmeLegacyImageV1, Name: digest("legacy-1"), Tags: []string{"0.9"}, CreatedDaysAgo: 100},
						},
					},
					{
						ID: AcmeOrphanPackageID, Name: "orphan", Type: "container", Visibility: "private", CreatedDaysAgo: 50,
						Versions: []SeedVersion{
							{ID: AcmeOrphanV1, Name: digest("orphan-1"), Tags: []string{"latest"}, CreatedDaysAgo: 50},
						},
					},
					{
						ID: AcmeCICachePackageID, Name: "ci-cache", Type: "container", Visibility: "private",
						Repository: "acme/ci", CreatedDaysAgo: 10, GenerateVersions: 45,
						Versions: []SeedVersion{
							{ID: AcmeCICacheMain, Name: digest("ci-cache-main"), Tags: []string{"main"}, CreatedDaysAgo: 0.5},
						},
					},
					{
						ID: AcmePopularPackageID, Name: "popular", Type: "npm", Visibility: "public",
						Repository: "acme/popular", CreatedDaysAgo: 500,
						Versions: []SeedVersion{
							{ID: AcmePopularV2, Name: "3.0.0", CreatedDaysAgo: 1, Downloads: 100},
							{ID: AcmePopularV1, Name: "2.0.0", CreatedDaysAgo: 100, Downloads: 12000},
						},
					},
					{
						ID: AcmeOldToolPackageID, Name: "old-tool", Type: "npm", Visibility: "private",
						Repository: "acme/old-tool", CreatedDaysAgo: 60, DeletedDaysAgo: deleted(3),
						Versions: []SeedVersion{
							{ID: AcmeOldToolV1, Name: "0.1.0", CreatedDaysAgo: 60},
						},
					},
				},
			},
			multiArchOwner(),
			{
				Login: "octocat",
				ID:    583231,
				Type:  "User",
				Packages: []SeedPackage{
					{
						ID: OctocatDotfilesPackageID, Name: "dotfiles", Type: "container", Visibility: "private",
						Repository: "octocat/dotfiles", CreatedDaysAgo: 30,
						Versions: []SeedVersion{
							{ID: OctocatDotfilesV2, Name: digest("dotfiles-2"), Tags: []string{"latest"}, CreatedDaysAgo: 1},
							{ID: OctocatDotfilesV1, Name: digest("dotfiles-1"), CreatedDaysAgo: 30},
						},
					},
					{
						ID: OctocatHelloNPMPackageID, Name: "hello-npm", Type: "npm", Visibility: "public",
						Repository: "octocat/hello-npm", CreatedDaysAgo: 30,
						Versions: []SeedVersion{
							{ID: OctocatHelloNPMV2, Name: "1.0.1", CreatedDaysAgo: 5, License: "MIT"},
							{ID: OctocatHelloNPMV1, Name: "1.0.0", CreatedDaysAgo: 30, License: "MIT"},
						},
					},
					{
						ID: OctocatGemPackageID, Name: "octo-gem", Type: "rubygems", Visibility: "private",
						Repository: "octocat/octo-gem", CreatedDaysAgo: 30,
						Versions: []SeedVersion{
							{ID: OctocatGemV2, Name: "0.2.0", CreatedDaysAgo: 4},
							{ID: OctocatGemV1, Name: "0.1.0", CreatedDaysAgo: 30},
						},
					},
					{
						ID: OctocatNuGetPackageID, Name: "Octo.Client", Type: "nuget", Visibility: "private",
						Repository: "octocat/octo-client", CreatedDaysAgo: 30,
						Versions: []SeedVersion{
							{ID: OctocatNuGetV2, Name: "1.1.0", CreatedDaysAgo: 6},
							{ID: OctocatNuGetV1, Name: "1.0.0", CreatedDaysAgo: 30},
						},
					},
				},
			},
			{
				Login: "hubot",
				ID:    480938,
				Type:  "User",
				Packages: []SeedPackage{
					{
						ID: HubotImagePackageID, Name: "hubot-image", Type: "container", Visibility: "public",
						Repository: "hubot/hubot-image", CreatedDaysAgo: 30,
						Versions: []SeedVersion{
							{ID: HubotImageV2, Name: digest("hubot-2"), Tags: []string{"latest"}, CreatedDaysAgo: 2},
							{ID: HubotImageV1, Name: digest("hubot-1"), Tags: []string{"1.0"}, CreatedDaysAgo: 30},
						},
					},
					{
						ID: HubotSecretPackageID, Name: "hubot-secret", Type: "container", Visibility: "private",
						Repository: "hubot/secret", CreatedDaysAgo: 30,
						Versions: []SeedVersion{
							{ID: HubotSecretV1, Name: digest("hubot-secret-1"), Tags: []string{"latest"}, CreatedDaysAgo: 3},
						},
					},
				},
			},
		},
		Tokens: []SeedToken{
			{Token: TokenFull, Login: "octocat", Scopes: full},
			{Token: TokenReadOnly, Login: "octocat", Scopes: []string{"read:packages"}},
			{Token: TokenHubot, Login: "hubot", Scopes: full},
			{Token: TokenApp, Login: "acme-app[bot]", Kind: KindApp},
			{Token: TokenActions, Login: "github-actions[bot]", Kind: KindActions,
				Scopes: []string{"read:packages", "write:packages", "delete:packages"}},
		},
	}
}

// digest makes a stable image digest for a seed version name.
func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Ids of imagesmith/container/app, the seeded multi-arch package.
const (
	MultiArchIndex120    = 3400000001 // index, tags 1.2.0 and latest
	MultiArchAmd64       = 3400000002 // linux/amd64 image of 1.2.0
	MultiArchArm64       = 3400000003 // linux/arm64/v8 image of 1.2.0
	MultiArchAttAmd64    = 3400000004 // buildx attestation of the amd64 image
	MultiArchAttArm64    = 3400000005 // buildx attestation of the arm64 image
	MultiArchSignature   = 3400000006 // cosign signature of 1.2.0 (tag sha256-HEX.sig)
	MultiArchReferrer    = 3400000007 // OCI 1.1 referrer (subject: 1.2.0)
	MultiArchIndex110    = 3400000008 // index, tag 1.1.0, holding MultiArchNested
	MultiArchNested      = 3400000009 // untagged index inside 1.1.0
	MultiArchAmd64V110   = 3400000010 // linux/amd64 image of the nested index
	MultiArchGhostIndex  = 3400000011 // index, tag 1.0.0: linux/amd64 present, linux/arm64 a ghost
	MultiArchAmd64V100   = 3400000012 // linux/amd64 image of 1.0.0
	MultiArchOrphanOld   = 3400000013 // untagged image no index references
	MultiArchOrphanOlder = 3400000014 // untagged image no index references
	MultiArchNoManifest  = 3400000015 // untagged; the registry has no manifest
)

func multiArchOwner() SeedOwner {
	m := func(kind, platform string, children ...string) *SeedManifest {
		return &SeedManifest{Kind: kind, Platform: platform, Children: children}
	}
	return SeedOwner{
		Login: "imagesmith", ID: 50002, Type: "Organization", Members: []string{"octocat"},
		Packages: []SeedPackage{{
			ID: 2500000401, Name: "app", Type: "container", Visibility: "private",
			Repository: "imagesmith/app", CreatedDaysAgo: 100,
			Versions: []SeedVersion{
				{ID: MultiArchIndex120, Key: "idx-1.2.0", Tags: []string{"1.2.0", "latest"}, CreatedDaysAgo: 1,
					Manifest: m("index", "", "amd64-1.2.0", "arm64-1.2.0", "att-amd64-1.2.0", "att-arm64-1.2.0")},
				{ID: MultiArchAmd64, Key: "amd64-1.2.0", CreatedDaysAgo: 1.01, Manifest: m("image", "linux/amd64")},
				{ID: MultiArchArm64, Key: "arm64-1.2.0", CreatedDaysAgo: 1.02, Manifest: m("image", "linux/arm64/v8")},
				{ID: MultiArchAttAmd64, Key: "att-amd64-1.2.0", CreatedDaysAgo: 1.03,
					Manifest: &SeedManifest{Kind: "attestation", Subject: "amd64-1.2.0"}},
				{ID: MultiArchAttArm64, Key: "att-arm64-1.2.0", CreatedDaysAgo: 1.04,
					Manifest: &SeedManifest{Kind: "attestation", Subject: "arm64-1.2.0"}},
				{ID: MultiArchSignature, Key: "sig-1.2.0", CreatedDaysAgo: 0.9,
					Manifest: &SeedManifest{Kind: "signature", Subject: "idx-1.2.0"}},
				{ID: MultiArchReferrer, Key: "ref-1.2.0", CreatedDaysAgo: 0.8,
					Manifest: &SeedManifest{Kind: "signature", Subject: "idx-1.2.0", SubjectField: true}},
				{ID: MultiArchIndex110, Key: "idx-1.1.0", Tags: []string{"1.1.0"}, CreatedDaysAgo: 10,
					Manifest: &SeedManifest{Kind: "index", Docker: true, Children: []string{"nested-1.1.0"}}},
				{ID: MultiArchNested, Key: "nested-1.1.0", CreatedDaysAgo: 10.01, Manifest: m("index", "", "amd64-1.1.0")},
				{ID: MultiArchAmd64V110, Key: "amd64-1.1.0", CreatedDaysAgo: 10.02,
					Manifest: &SeedManifest{Kind: "image", Docker: true, Platform: "linux/amd64"}},
				{ID: MultiArchGhostIndex, Key: "idx-1.0.0", Tags: []string{"1.0.0"}, CreatedDaysAgo: 20,
					Manifest: &SeedManifest{Kind: "index", Children: []string{"amd64-1.0.0"}, GhostChildren: []string{"linux/arm64"}}},
				{ID: MultiArchAmd64V100, Key: "amd64-1.0.0", CreatedDaysAgo: 20.01, Manifest: m("image", "linux/amd64")},
				{ID: MultiArchOrphanOld, Key: "orphan-old", CreatedDaysAgo: 30, Manifest: m("image", "linux/amd64")},
				{ID: MultiArchOrphanOlder, Key: "orphan-older", CreatedDaysAgo: 40, Manifest: m("image", "linux/arm64")},
				{ID: MultiArchNoManifest, Key: "no-manifest", CreatedDaysAgo: 50, Manifest: &SeedManifest{Kind: "image", Absent: true}},
			},
		}},
	}
}
