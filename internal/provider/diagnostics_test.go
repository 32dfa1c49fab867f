package provider

import (
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// Every message the provider builds from a GitHub error, pinned word for
// word: grammar is part of the contract, and these are what users read.

var (
	diagAcme    = address.Org("acme")
	diagHubot   = address.User("hubot")
	diagWeb     = address.Package{Owner: diagAcme, Type: "container", Name: "web"}
	diagGem     = address.Package{Owner: address.Me(), Type: "rubygems", Name: "octo-gem"}
	diagVersion = address.Version{Package: diagWeb, ID: fakegithub.AcmeWebV4}
	diagList    = listSubject{what: "container packages", owner: diagAcme, packageType: "container"}
)

// apiError builds the error the client makes of one answer.
func apiError(status int, body string, header ...string) *ghclient.APIError {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Add(header[i], header[i+1])
	}
	return ghclient.NewAPIError("GET", "/orgs/acme/packages/container/web", status, h, []byte(body))
}

func TestExplainAPIError(t *testing.T) {
	notFound := apiError(404, `{"message":"Package not found."}`)
	versionNotFound := apiError(404, `{"message":"Package version not found."}`)
	listNotFound := apiError(404, `{"message":"Not Found"}`)
	unauthorized := apiError(401, `{"message":"Bad credentials"}`)
	forbidden := apiError(403, `{"message":"You need at least delete:packages scope"}`,
		"X-OAuth-Scopes", "read:packages", "X-Accepted-OAuth-Scopes", "delete:packages, read:packages")
	forbiddenFineGrained := apiError(403, `{"message":"Forbidden"}`)
	integration := apiError(403, `{"message":"Resource not accessible by integration"}`)
	lastVersion := apiError(400, `{"message":"You cannot delete the last tagged version of a package. You must delete the package instead."}`)
	downloads := apiError(400, `{"message":"Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance."}`)
	invalidArgument := apiError(400, `{"message":"Invalid argument."}`)
	otherRefusal := apiError(422, `{"message":"Validation Failed"}`)
	secondary := apiError(403, `{"message":"You have exceeded a secondary rate limit."}`, "Retry-After", "3600")
	secondary.RetryAfter = time.Hour
	reset := time.Now().Add(time.Hour).Truncate(time.Second)
	primary := apiError(403, `{"message":"API rate limit exceeded for user ID 1."}`,
		"X-RateLimit-Remaining", "0", "X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	primary.RefusedWait = time.Hour
	serverError := apiError(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")
	serverError.Attempts = 6
	longRetryAfter := apiError(503, `{"message":"Service Unavailable"}`, "Retry-After", "86400")
	longRetryAfter.Attempts, longRetryAfter.RefusedWait = 1, 24*time.Hour
	teapot := apiError(418, `{"message":"I'm a teapot"}`)
	redirect := &ghclient.RedirectError{Method: "DELETE", Path: "/api/v3/orgs/acme/packages/container/web/versions/3200000004",
		Status: 301, Location: "https://ghe.example/api/v3/orgs/acme/packages/container/web/versions/3200000004",
		Reason: "a redirect in answer to a DELETE is never followed, so that a write is sent only where the plan said"}

	cases := []struct {
		name            string
		op              operation
		subject         subject
		err             error
		summary, detail string
	}{
		{"package not found, with the registry hint", opRead, diagWeb, notFound,
			`Package not found`,
			`GitHub did not find container package "web" of organization "acme" (GitHub answered 404: "Package not found.").` +
				"\n\nImages pushed to ghcr.io have package_type = \"container\"; images of the old docker.pkg.github.com registry have package_type = \"docker\". Did you mean package_type = \"docker\"?" +
				"\n\nCheck the owner (org / user) and the name, and that the token may see the owner's private packages."},
		{"package not found, no hint for npm", opRead, address.Package{Owner: diagHubot, Type: "npm", Name: "lib"}, notFound,
			`Package not found`,
			`GitHub did not find npm package "lib" of user "hubot" (GitHub answered 404: "Package not found.").` +
				"\n\nCheck the owner (org / user) and the name, and that the token may see the owner's private packages."},
		{"version not found: no registry hint", opRead, diagVersion, versionNotFound,
			`Package version not found`,
			`GitHub did not find version 3200000004 of container package "web" of organization "acme" (GitHub answered 404: "Package version not found.").` +
				"\n\nCheck the owner (org / user) and the name, and that the token may see the owner's private packages."},
		{"a list's 404 is its owner's", opRead, diagList, listNotFound,
			`Organization not found`,
			`GitHub did not find organization "acme" (GitHub answered 404: "Not Found").` +
				"\n\nCheck the owner (org / user) and the name, and that the token may see the owner's private packages."},
		{"the account's list", opRead, listSubject{what: "npm packages", owner: address.Me(), packageType: "npm"}, listNotFound,
			`Account not found`,
			`GitHub did not find the token's own account (GitHub answered 404: "Not Found").` +
				"\n\nCheck the owner (org / user) and the name, and that the token may see the owner's private packages."},
		{"401", opDelete, diagGem, unauthorized,
			`GitHub rejected the token`,
			`GitHub answered 401: "Bad credentials".` +
				"\n\nThe token (provider attribute `token`, GITHUB_TOKEN, GH_TOKEN or `gh auth token`) is missing, mistyped, expired or revoked. " +
				`To delete rubygems package "octo-gem" of the token's own account it needs the scopes read:packages, delete:packages, repo.`},
		{"403 with scopes", opDelete, diagVersion, forbidden,
			`Not allowed to delete version 3200000004 of container package "web" of organization "acme"`,
			`GitHub answered 403: "You need at least delete:packages scope".` +
				"\n\nTo delete version 3200000004 of container package \"web\" of organization \"acme\" the token needs the scopes: read:packages, delete:packages." +
				"\nThe token has: read:packages.\nGitHub accepts for this call: delete:packages, read:packages."},
		{"403 of a fine-grained token", opRestore, diagWeb, forbiddenFineGrained,
			`Not allowed to restore container package "web" of organization "acme"`,
			`GitHub answered 403: "Forbidden".` +
				"\n\nTo restore container package \"web\" of organization \"acme\" the token needs the scopes: read:packages, write:packages." +
				"\nThe token has: no scopes listed by GitHub (fine-grained tokens and app tokens list none)."},
		{"403 of an app token", opRead, diagList, integration,
			`Not allowed to read the container packages of organization "acme"`,
			`GitHub answered 403: "Resource not accessible by integration".` +
				"\n\nTo read the container packages of organization \"acme\" the token needs the scopes: read:packages." +
				"\nThe token has: no scopes listed by GitHub (fine-grained tokens and app tokens list none)." +
				"\n\nThe packages API does not accept GitHub App installation tokens: use a personal access token (classic)."},
		{"last version", opDelete, diagVersion, lastVersion,
			`GitHub refuses to delete version 3200000004 of container package "web" of organization "acme"`,
			`GitHub answered 400: "You cannot delete the last tagged version of a package. You must delete the package instead.".` +
				"\n\nGitHub never deletes the last version of a package. Either delete the whole package (a ghpackages_package_retention resource for it, then destroy that), " +
				"or keep this version: put it back in the configuration (or add lifecycle { prevent_destroy = true })."},
		{"5,000 downloads", opDelete, diagWeb, downloads,
			`GitHub refuses to delete container package "web" of organization "acme"`,
			`GitHub answered 400: "Publicly visible package versions with more than 5000 downloads cannot be deleted. Contact GitHub support for further assistance.".` +
				"\n\nThere is no API to delete public packages or versions with more than 5,000 downloads: only GitHub Support can. " +
				"Keep it in the configuration, or stop managing it with `terraform state rm`."},
		{"Actions token on an org list", opRead, diagList, invalidArgument,
			`GitHub refused to read the container packages of organization "acme"`,
			`GitHub answered 400: "Invalid argument.".` +
				"\n\nGitHub answers this when an organization's packages are listed with a GitHub Actions GITHUB_TOKEN. " +
				"Use a personal access token (classic) with read:packages; GitHub App installation tokens cannot use the packages API either."},
		{"other refusal", opRestore, diagVersion, otherRefusal,
			`GitHub refused to restore version 3200000004 of container package "web" of organization "acme"`,
			`GitHub answered 422: "Validation Failed".`},
		{"secondary rate limit beyond the wait", opRead, diagWeb, secondary,
			`GitHub rate limit`,
			`GitHub's secondary rate limit stopped the requests ("You have exceeded a secondary rate limit.") and asked for a wait longer than ` +
				"max_rate_limit_wait allows (Retry-After: 1h0m0s). Lower max_concurrent_requests, raise max_rate_limit_wait, or run again later."},
		{"primary rate limit beyond the wait", opRead, diagWeb, primary,
			`GitHub rate limit`,
			`The token's primary rate limit is exhausted ("API rate limit exceeded for user ID 1."); the quota resets at ` +
				reset.UTC().Format(time.RFC3339) + " (in 1h0m0s). That is later than max_rate_limit_wait allows the provider to wait: " +
				"run again after the reset, or raise max_rate_limit_wait."},
		{"retries exhausted", opDelete, diagVersion, serverError,
			`GitHub failed to delete version 3200000004 of container package "web" of organization "acme"`,
			`GitHub answered 502: "502 Bad Gateway" after 6 attempt(s).` +
				"\n\nThis is GitHub's side (or a proxy in between). Try again later; raise the provider's max_retries to ride through longer outages."},
		{"server error asking for too long a wait", opRead, diagWeb, longRetryAfter,
			`GitHub failed to read container package "web" of organization "acme"`,
			`GitHub answered 503: "Service Unavailable", and asked to retry after 24h0m0s (Retry-After). That is longer than ` +
				"max_rate_limit_wait allows the provider to wait, so it stopped at once. Run again later, or raise max_rate_limit_wait."},
		{"unexpected status", opRead, diagWeb, teapot,
			`Unexpected answer while trying to read container package "web" of organization "acme"`,
			`GET /orgs/acme/packages/container/web: 418 I'm a teapot: I'm a teapot`},
		{"refused redirect", opDelete, diagVersion, redirect,
			`Cannot delete version 3200000004 of container package "web" of organization "acme": the request was redirected`,
			"DELETE /api/v3/orgs/acme/packages/container/web/versions/3200000004: GitHub answered 301 Moved Permanently with Location " +
				"https://ghe.example/api/v3/orgs/acme/packages/container/web/versions/3200000004; the provider does not follow it: " +
				"a redirect in answer to a DELETE is never followed, so that a write is sent only where the plan said." +
				"\n\nIf the API lives at the redirect's address, set base_url (or GITHUB_BASE_URL) to it: for example https:// instead of " +
				"http://, or the host the server redirects to. Nothing was sent to the redirect's address."},
		{"no answer at all", opRead, diagWeb, errors.New("GET /orgs/acme/packages/container/web: dial tcp: connection refused"),
			`Cannot read container package "web" of organization "acme"`,
			`The request to GitHub failed: GET /orgs/acme/packages/container/web: dial tcp: connection refused`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			summary, detail := explainAPIError(c.op, c.subject, c.err)
			if summary != c.summary {
				t.Errorf("summary:\n got %q\nwant %q", summary, c.summary)
			}
			if detail != c.detail {
				t.Errorf("detail:\n got %q\nwant %q", detail, c.detail)
			}
		})
	}
}

func TestResourceWarningsAndReadBack(t *testing.T) {
	var diags diag.Diagnostics
	addAlreadyDeletedWarning(&diags, diagVersion, apiError(404, `{"message":"Package version not found."}`))
	addReadBackError(&diags, diagWeb, apiError(502, "bad gateway"))
	addPackageReplacedWarning(&diags, diagWeb, fakegithub.AcmeWebPackageID, 2500000999, "Terraform forgets the resource.")
	want := []struct{ summary, detail string }{
		{`Version 3200000004 of container package "web" of organization "acme" was already deleted`,
			`GitHub found nothing to delete (GET /orgs/acme/packages/container/web: 404 Not Found: Package version not found.): ` +
				"the package version was deleted outside Terraform (or, for a version, its package was). Terraform forgets it."},
		{`GitHub failed to read container package "web" of organization "acme"`,
			`GitHub answered 502: "bad gateway" after 0 attempt(s).` +
				"\n\nThis is GitHub's side (or a proxy in between). Try again later; raise the provider's max_retries to ride through longer outages." +
				"\n\nThe package was restored before this failure: it stays restored, and the next apply adopts it."},
		{`Container package "web" of organization "acme" is another package now`,
			"This resource manages the package with id 2500000101, but GitHub's package of that name has id 2500000999: the managed " +
				"package was deleted and a new one was published under its name (or the token belongs to another account). Terraform forgets the resource."},
	}
	if len(diags) != len(want) {
		t.Fatalf("%d diagnostics, want %d", len(diags), len(want))
	}
	for i, w := range want {
		if diags[i].Summary() != w.summary || diags[i].Detail() != w.detail {
			t.Errorf("diagnostic %d:\n got %q\n     %q\nwant %q\n     %q", i, diags[i].Summary(), diags[i].Detail(), w.summary, w.detail)
		}
	}
}

// TestRestoreAndThrottleMessages pins what the retention resources say when
// GitHub cannot restore, and when its rate limit stops deletions.
func TestRestoreAndThrottleMessages(t *testing.T) {
	notFound := apiError(404, `{"message":"Package not found."}`)
	var diags diag.Diagnostics
	addCannotRestorePackageError(&diags, diagWeb, notFound)
	addCannotRestoreVersionError(&diags, diagVersion, notFound, true)
	addCannotRestoreVersionError(&diags, diagVersion, notFound, false)
	addNotRestorableVersionError(&diags, diagVersion, notFound)
	addDeletesStoppedWarning(&diags, 1000, 1003)
	const seen = "(GET /orgs/acme/packages/container/web: 404 Not Found: Package not found.)"
	reasons := "GitHub restores a deleted version only within 30 days of its deletion, and only while no active version of the " +
		"package has the same name (for images, the same digest). So the version was deleted more than 30 days ago, its " +
		"name was reused by a newer version, or package_version_id 3200000004 never belonged to this package. " +
		"Nothing was changed on GitHub and nothing was recorded in the state."
	want := []struct{ summary, detail string }{
		{`Cannot restore container package "web" of organization "acme"`,
			"GitHub has no active package of that name and did not restore a deleted one " + seen + ".\n\n" +
				"GitHub restores a deleted package only within 30 days of its deletion, and only while no new package has " +
				"taken its name. So the package does not exist, was deleted more than 30 days ago, or its name was taken by a " +
				"new package. Check the owner (org / user), package_type and package_name, and that the token may see the " +
				"owner's packages. Nothing was changed on GitHub and nothing was recorded in the state."},
		{`Cannot restore version 3200000004 of container package "web" of organization "acme"`,
			`The version is not active and GitHub found no container package "web" of organization "acme" ` + seen + ".\n\n" +
				"If the package was deleted (deleting its last version deletes it too), restore the package first: manage it with a " +
				"ghpackages_package_retention resource and add it to this resource's depends_on. Otherwise check the owner " +
				"(org / user), package_type and package_name, and that the token may see the owner's packages."},
		{`Cannot restore version 3200000004 of container package "web" of organization "acme"`,
			"The version is not active and GitHub did not restore it " + seen + ".\n\n" + reasons},
		{`Cannot restore version 3200000004 of container package "web" of organization "acme"`,
			"The version is not active and is not among the deleted versions GitHub can restore " + seen + ".\n\n" + reasons},
		{"GitHub's rate limit stopped deletions",
			"1000 of the 1003 version deletes this run started succeeded before GitHub's rate limit (which throttles " +
				"deletions, about 1,000 per 30 minutes) asked for a longer wait than max_rate_limit_wait. The versions not " +
				"deleted stay in the state; run the apply again after the wait, and it goes on with them."},
	}
	if len(diags) != len(want) {
		t.Fatalf("%d diagnostics, want %d", len(diags), len(want))
	}
	for i, w := range want {
		if diags[i].Summary() != w.summary || diags[i].Detail() != w.detail {
			t.Errorf("diagnostic %d:\n got %q\n     %q\nwant %q\n     %q", i, diags[i].Summary(), diags[i].Detail(), w.summary, w.detail)
		}
	}
}
