package fakegithub

// Named fixtures of DefaultSeed, so that tests say which version they mean
// ("AcmeWebV3") instead of repeating raw ids. DefaultSeed is built from
// them.

// Tokens of DefaultSeed.
const (
	// TokenFull is octocat's token with read:packages, write:packages,
	// delete:packages and repo.
	TokenFull = "ghp_fulltoken"
	// TokenReadOnly is octocat's token with read:packages only.
	TokenReadOnly = "ghp_readonly"
	// TokenHubot is hubot's token with the full set of scopes.
	TokenHubot = "ghp_hubottoken"
	// TokenApp is a GitHub App installation token, which the packages API
	// refuses.
	TokenApp = "ghs_apptoken"
	// TokenActions is an Actions GITHUB_TOKEN acting as github-actions[bot],
	// not a member of acme.
	TokenActions = "ghp_actions"
)

// Package and version ids of DefaultSeed. Versions are numbered from the
// oldest (V1) up; the comments give their tags or names.
const (
	AcmeWebPackageID = 2500000101 // container "web", private
	AcmeWebV4        = 3200000004 // latest, 2.0.0
	AcmeWebV3        = 3200000003 // 1.9.0
	AcmeWebV2        = 3200000002 // untagged
	AcmeWebV1        = 3200000001 // 1.0.0, deleted 5 days ago

	AcmeTeamAppPackageID = 2500000102 // container "team/app", public
	AcmeTeamAppV2        = 3200000012 // latest, v2
	AcmeTeamAppV1        = 3200000011 // v1

	AcmeClientLibPackageID = 2500000103 // npm "client-lib", private
	AcmeClientLibV3        = 3200000023 // 2.0.0
	AcmeClientLibV2        = 3200000022 // 1.1.0
	AcmeClientLibV1        = 3200000021 // 1.0.0

	AcmeCorePackageID = 2500000104 // maven "com.acme.core", private
	AcmeCoreV2        = 3200000032 // 1.0.1
	AcmeCoreV1        = 3200000031 // 1.0.0

	AcmeLegacyImagePackageID = 2500000105 // docker "legacy-image", private
	AcmeLegacyImageV2        = 3200000042 // latest
	AcmeLegacyImageV1        = 3200000041 // 0.9

	AcmeOrphanPackageID = 2500000106 // container "orphan", no repository
	AcmeOrphanV1        = 3200000051 // latest, the only version

	AcmeCICachePackageID = 2500000107 // container "ci-cache"
	AcmeCICacheMain      = 3200000061 // main; 45 generated untagged versions follow

	AcmePopularPackageID = 2500000108 // npm "popular", public
	AcmePopularV2        = 3200000072 // 3.0.0, 100 downloads
	AcmePopularV1        = 3200000071 // 2.0.0, 12,000 downloads: cannot be deleted

	AcmeOldToolPackageID = 2500000109 // npm "old-tool", deleted 3 days ago
	AcmeOldToolV1        = 3200000081 // 0.1.0

	OctocatDotfilesPackageID = 2500000201 // container "dotfiles", private
	OctocatDotfilesV2        = 3200000102 // latest
	OctocatDotfilesV1        = 3200000101 // untagged

	OctocatHelloNPMPackageID = 2500000202 // npm "hello-npm", public
	OctocatHelloNPMV2        = 3200000112 // 1.0.1
	OctocatHelloNPMV1        = 3200000111 // 1.0.0

	OctocatGemPackageID = 2500000203 // rubygems "octo-gem", private
	OctocatGemV2        = 3200000122 // 0.2.0
	OctocatGemV1        = 3200000121 // 0.1.0

	OctocatNuGetPackageID = 2500000204 // nuget "Octo.Client", private
	OctocatNuGetV2        = 3200000132 // 1.1.0
	OctocatNuGetV1        = 3200000131 // 1.0.0

	HubotImagePackageID = 2500000301 // container "hubot-image", public
	HubotImageV2        = 3200000202 // latest
	HubotImageV1        = 3200000201 // 1.0

	HubotSecretPackageID = 2500000302 // container "hubot-secret", invisible to octocat
	HubotSecretV1        = 3200000211 // latest
)
