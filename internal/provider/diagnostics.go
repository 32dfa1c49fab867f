package provider

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// operation is what the provider was doing when GitHub answered with an
// error; it decides the scopes a 403 message asks for.
type operation int

const (
	opRead operation = iota
	opDelete
	opRestore
)

func (o operation) verb() string {
	switch o {
	case opDelete:
		return "delete"
	case opRestore:
		return "restore"
	default:
		return "read"
	}
}

// repositoryScopedTypes are the registries whose permissions come from the
// linked repository: writing to them also needs the repo scope.
var repositoryScopedTypes = []string{"maven", "nuget", "rubygems", "docker"}

// neededScopes lists the classic token scopes an operation needs.
func (o operation) neededScopes(packageType string) []string {
	scopes := []string{"read:packages"}
	switch o {
	case opDelete:
		scopes = append(scopes, "delete:packages")
	case opRestore:
		scopes = append(scopes, "write:packages")
	}
	if o != opRead && slices.Contains(repositoryScopedTypes, packageType) {
		scopes = append(scopes, "repo")
	}
	return scopes
}

// subject is what a diagnostic talks about: an address.Owner,
// address.Package or address.Version, or what a list reads (listSubject).
// Each says what it is, so that messages never guess it from a type.
type subject interface {
	fmt.Stringer
	// Noun names the kind of thing: "organization", "package", ...
	Noun() string
	// PackageType is the package type concerned ("" for none): it decides
	// the scopes a write needs.
	PackageType() string
	// OtherRegistryType is the type users confuse with PackageType
	// (container / docker), for the hint of a 404; "" for none.
	OtherRegistryType() string
}

// notFoundRedirector is a subject whose 404 means that another thing is
// missing: GitHub answers 404 to a list when the owner does not exist.
type notFoundRedirector interface {
	missingOnNotFound() subject
}

// addAPIError turns an error of the GitHub client into a diagnostic that
// names what was being done to what, quotes GitHub and says what to do.
func addAPIError(diags *diag.Diagnostics, op operation, subject subject, err error) {
	summary, detail := explainAPIError(op, subject, err)
	diags.AddError(summary, detail)
}

func explainAPIError(op operation, subject subject, err error) (summary, detail string) {
	var redirect *ghclient.RedirectError
	if errors.As(err, &redirect) {
		return fmt.Sprintf("Cannot %s %s: the request was redirected", op.verb(), subject),
			fmt.Sprintf("%v.\n\n%s Nothing was sent to the redirect's address.", redirect, redirect.Hint())
	}
	var apiErr *ghclient.APIError
	if !errors.As(err, &apiErr) {
		return fmt.Sprintf("Cannot %s %s", op.verb(), subject),
			fmt.Sprintf("The request to GitHub failed: %v", err)
	}
	pkgType := subject.PackageType()
	quoted := fmt.Sprintf("GitHub answered %d: %q", apiErr.StatusCode, apiErr.Message)
	switch apiErr.Kind() {
	case ghclient.ErrNotFound:
		if r, ok := subject.(notFoundRedirector); ok {
			subject = r.missingOnNotFound()
		}
		detail = fmt.Sprintf("GitHub did not find %s (%s).", subject, quoted)
		// The registry hint only helps when the package itself is missing.
		if other := subject.OtherRegistryType(); other != "" && !versionMissing(err) {
			detail += fmt.Sprintf("\n\nImages pushed to ghcr.io have package_type = \"container\"; images of the old "+
				"docker.pkg.github.com registry have package_type = \"docker\". Did you mean package_type = %q?", other)
		}
		detail += "\n\nCheck the owner (org / user) and the name, and that the token may see the owner's private packages."
		return fmt.Sprintf("%s not found", capitalize(subject.Noun())), detail
	case ghclient.ErrUnauthorized:
		return "GitHub rejected the token", fmt.Sprintf("%s.\n\nThe token (provider attribute `token`, GITHUB_TOKEN, GH_TOKEN or "+
			"`gh auth token`) is missing, mistyped, expired or revoked. To %s %s it needs the scopes %s.",
			quoted, op.verb(), subject, strings.Join(op.neededScopes(pkgType), ", "))
	case ghclient.ErrForbidden:
		detail = fmt.Sprintf("%s.\n\nTo %s %s the token needs the scopes: %s.\nThe token has: %s.",
			quoted, op.verb(), subject, strings.Join(op.neededScopes(pkgType), ", "), scopeList(apiErr.TokenScopes))
		if len(apiErr.AcceptedScopes) > 0 {
			detail += fmt.Sprintf("\nGitHub accepts for this call: %s.", strings.Join(apiErr.AcceptedScopes, ", "))
		}
		if strings.Contains(strings.ToLower(apiErr.Message), "integration") {
			detail += "\n\nThe packages API does not accept GitHub App installation tokens: use a personal access token (classic)."
		}
		return fmt.Sprintf("Not allowed to %s %s", op.verb(), subject), detail
	case ghclient.ErrRateLimited:
		return "GitHub rate limit", rateLimitDetail(apiErr)
	case ghclient.ErrRefused:
		return explainRefusal(op, subject, apiErr, quoted)
	case ghclient.ErrServer:
		if apiErr.RefusedWait > 0 {
			return fmt.Sprintf("GitHub failed to %s %s", op.verb(), subject),
				fmt.Sprintf("%s, and asked to retry after %s (Retry-After). That is longer than max_rate_limit_wait allows "+
					"the provider to wait, so it stopped at once. Run again later, or raise max_rate_limit_wait.",
					quoted, apiErr.RefusedWait)
		}
		return fmt.Sprintf("GitHub failed to %s %s", op.verb(), subject),
			fmt.Sprintf("%s after %d attempt(s).\n\nThis is GitHub's side (or a proxy in between). Try again later; "+
				"raise the provider's max_retries to ride through longer outages.", quoted, apiErr.Attempts)
	default:
		return fmt.Sprintf("Unexpected answer while trying to %s %s", op.verb(), subject), apiErr.Error()
	}
}

// addReadBackError reports a failed read of what Create has just restored:
// the restore stands, and the next apply adopts it.
func addReadBackError(diags *diag.Diagnostics, subject subject, err error) {
	summary, detail := explainAPIError(opRead, subject, err)
	diags.AddError(summary, detail+fmt.Sprintf("\n\nThe %s was restored before this failure: it stays restored, and the next apply adopts it.", subject.Noun()))
}

// addAlreadyDeletedWarning reports a destroy that found nothing to delete:
// Terraform forgets the resource, which is what destroying it asked for.
func addAlreadyDeletedWarning(diags *diag.Diagnostics, subject subject, err error) {
	diags.AddWarning(fmt.Sprintf("%s was already deleted", capitalize(subject.String())),
		fmt.Sprintf("GitHub found nothing to delete (%v): the %s was deleted outside Terraform (or, for a version, its package was). "+
			"Terraform forgets it.", err, subject.Noun()))
}

// addPackageReplacedWarning reports that the package a resource manages
// (recorded) is gone and another package (current) has taken its name:
// GitHub addresses packages by name, so only the id tells them apart.
func addPackageReplacedWarning(diags *diag.Diagnostics, p address.Package, recorded, current int64, consequence string) {
	diags.AddWarning(fmt.Sprintf("%s is another package now", capitalize(p.String())),
		fmt.Sprintf("This resource manages the package with id %d, but GitHub's package of that name has id %d: the managed "+
			"package was deleted and a new one was published under its name (or the token belongs to another account). %s",
			recorded, current, consequence))
}

// addCannotRestorePackageError reports a package restore that GitHub
// answered with 404, which it does for every restore it cannot do, without
// saying why.
func addCannotRestorePackageError(diags *diag.Diagnostics, p address.Package, err error) {
	diags.AddError(fmt.Sprintf("Cannot restore %s", p), fmt.Sprintf(
		"GitHub has no active package of that name and did not restore a deleted one (%v).\n\n"+
			"GitHub restores a deleted package only within 30 days of its deletion, and only while no new package has "+
			"taken its name. So the package does not exist, was deleted more than 30 days ago, or its name was taken by a "+
			"new package. Check the owner (org / user), package_type and package_name, and that the token may see the "+
			"owner's packages. Nothing was changed on GitHub and nothing was recorded in the state.", err))
}

// addCannotRestoreVersionError reports a version restore that GitHub
// answered with 404. packageGone (GitHub found no package either) tells a
// deleted package, whose versions cannot be restored on their own, from a
// version past restoring.
func addCannotRestoreVersionError(diags *diag.Diagnostics, v address.Version, err error, packageGone bool) {
	summary := fmt.Sprintf("Cannot restore %s", v)
	if packageGone {
		diags.AddError(summary, fmt.Sprintf("The version is not active and GitHub found no %s (%v).\n\n"+
			"If the package was deleted (deleting its last version deletes it too), restore the package first: manage it with a "+
			"ghpackages_package_retention resource and add it to this resource's depends_on. Otherwise check the owner "+
			"(org / user), package_type and package_name, and that the token may see the owner's packages.", v.Package, err))
		return
	}
	diags.AddError(summary, fmt.Sprintf("The version is not active and GitHub did not restore it (%v).\n\n", err)+cannotRestoreVersionReasons(v))
}

// addNotRestorableVersionError is the plan's side of
// addCannotRestoreVersionError: the version is neither active nor among the
// deleted versions GitHub lists as restorable.
func addNotRestorableVersionError(diags *diag.Diagnostics, v address.Version, err error) {
	diags.AddError(fmt.Sprintf("Cannot restore %s", v), fmt.Sprintf(
		"The version is not active and is not among the deleted versions GitHub can restore (%v).\n\n", err)+
		cannotRestoreVersionReasons(v))
}

// cannotRestoreVersionReasons explains why GitHub cannot restore v, for the
// plan that finds it among no restorable versions and for the restore that
// GitHub refuses.
func cannotRestoreVersionReasons(v address.Version) string {
	return fmt.Sprintf("GitHub restores a deleted version only within 30 days of its deletion, and only while no active version of the "+
		"package has the same name (for images, the same digest). So the version was deleted more than 30 days ago, its "+
		"name was reused by a newer version, or package_version_id %d never belonged to this package. "+
		"Nothing was changed on GitHub and nothing was recorded in the state.", v.ID)
}

// addDeletesStoppedWarning reports, on the destroy that met it, that
// GitHub's rate limit stopped this run's version deletes, and how far they
// got: the resources not deleted stay in the state for the next apply.
func addDeletesStoppedWarning(diags *diag.Diagnostics, deleted, started int) {
	diags.AddWarning("GitHub's rate limit stopped deletions",
		fmt.Sprintf("%d of the %d version deletes this run started succeeded before GitHub's rate limit (which throttles "+
			"deletions, about 1,000 per 30 minutes) asked for a longer wait than max_rate_limit_wait. The versions not "+
			"deleted stay in the state; run the apply again after the wait, and it goes on with them.", deleted, started))
}

// versionMissing tells GitHub's "Package version not found." (the package
// exists, the version does not, or no longer) from "Package not found.".
// GitHub tells the two apart only in its message.
func versionMissing(err error) bool {
	var apiErr *ghclient.APIError
	return errors.As(err, &apiErr) && apiErr.Kind() == ghclient.ErrNotFound &&
		strings.Contains(strings.ToLower(apiErr.Message), "version")
}

func explainRefusal(op operation, subject subject, apiErr *ghclient.APIError, quoted string) (string, string) {
	switch {
	case apiErr.IsLastVersionRefusal():
		return fmt.Sprintf("GitHub refuses to delete %s", subject),
			quoted + ".\n\nGitHub never deletes the last version of a package. Either delete the whole package " +
				"(a ghpackages_package_retention resource for it, then destroy that), or keep this version: " +
				"put it back in the configuration (or add lifecycle { prevent_destroy = true })."
	case apiErr.IsDownloadsRefusal():
		return fmt.Sprintf("GitHub refuses to delete %s", subject),
			quoted + ".\n\nThere is no API to delete public packages or versions with more than 5,000 downloads: " +
				"only GitHub Support can. Keep it in the configuration, or stop managing it with `terraform state rm`."
	case apiErr.IsInvalidArgument():
		return fmt.Sprintf("GitHub refused to %s %s", op.verb(), subject),
			quoted + ".\n\nGitHub answers this when an organization's packages are listed with a GitHub Actions " +
				"GITHUB_TOKEN. Use a personal access token (classic) with read:packages; GitHub App installation " +
				"tokens cannot use the packages API either."
	default:
		return fmt.Sprintf("GitHub refused to %s %s", op.verb(), subject), quoted + "."
	}
}

func rateLimitDetail(apiErr *ghclient.APIError) string {
	if apiErr.Secondary {
		return fmt.Sprintf("GitHub's secondary rate limit stopped the requests (%q) and asked for a wait longer than "+
			"max_rate_limit_wait allows (Retry-After: %s). Lower max_concurrent_requests, raise max_rate_limit_wait, or run again later.",
			apiErr.Message, apiErr.RetryAfter)
	}
	reset := "at an unknown time"
	if !apiErr.ResetAt.IsZero() {
		in := time.Until(apiErr.ResetAt)
		if apiErr.RefusedWait > 0 {
			in = apiErr.RefusedWait // measured on GitHub's clock
		}
		reset = fmt.Sprintf("at %s (in %s)", apiErr.ResetAt.UTC().Format(time.RFC3339), in.Round(time.Second))
	}
	return fmt.Sprintf("The token's primary rate limit is exhausted (%q); the quota resets %s. That is later than "+
		"max_rate_limit_wait allows the provider to wait: run again after the reset, or raise max_rate_limit_wait.",
		apiErr.Message, reset)
}

func scopeList(scopes []string) string {
	if scopes == nil {
		return "no scopes listed by GitHub (fine-grained tokens and app tokens list none)"
	}
	if len(scopes) == 0 {
		return "no scopes"
	}
	return strings.Join(scopes, ", ")
}

// listSubject names what a list call reads, for messages such as "Not
// allowed to read the container packages of organization "acme"".
type listSubject struct {
	what  string // "container packages", "Docker-migration conflicts"
	owner address.Owner
	// packageType is the type listed, "" when the list has no one type.
	packageType string
}

func (l listSubject) String() string            { return fmt.Sprintf("the %s of %s", l.what, l.owner) }
func (l listSubject) Noun() string              { return "list" }
func (l listSubject) PackageType() string       { return l.packageType }
func (l listSubject) OtherRegistryType() string { return "" }

// missingOnNotFound: a list answers 404 when its owner does not exist (or
// the token may not see it).
func (l listSubject) missingOnNotFound() subject { return l.owner }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
