package ghclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-github/v92/github"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
)

// ListPackages returns every package of one type of the owner, in the API's
// order (GET /{owner}/packages?package_type=...). visibility ("" for all)
// filters the result set.
//
// GitHub API docs (organization, authenticated user, user):
//   - https://docs.github.com/rest/packages/packages#list-packages-for-an-organization
//   - https://docs.github.com/rest/packages/packages#list-packages-for-the-authenticated-users-namespace
//   - https://docs.github.com/rest/packages/packages#list-packages-for-a-user
func (c *Client) ListPackages(ctx context.Context, owner address.Owner, packageType, visibility string) ([]Package, error) {
	query := url.Values{"package_type": {packageType}}
	if visibility != "" {
		query.Set("visibility", visibility)
	}
	list, err := listAll(ctx, c, owner.PathPrefix()+"/packages", query, perPage, (*github.Package).GetID)
	if err != nil {
		return nil, err
	}
	return packagesFrom(list), nil
}

// EachPackagePage is ListPackages page by page: yield gets each page as it
// arrives, and stops the listing by returning false.
func (c *Client) EachPackagePage(ctx context.Context, owner address.Owner, packageType, visibility string, yield func([]Package) bool) error {
	query := url.Values{"package_type": {packageType}}
	if visibility != "" {
		query.Set("visibility", visibility)
	}
	return eachPage(ctx, c, owner.PathPrefix()+"/packages", query, perPage, func(batch []*github.Package) bool {
		return yield(packagesFrom(batch))
	})
}

// ListDockerConflicts returns the owner's packages whose migration from the
// old Docker registry to ghcr.io conflicts with an existing package
// (GET /{owner}/docker/conflicts). The route takes no paging parameters;
// further pages are followed all the same if the server announces any.
//
// GitHub API docs (organization, authenticated user, user):
//   - https://docs.github.com/rest/packages/packages#get-list-of-conflicting-packages-during-docker-migration-for-organization
//   - https://docs.github.com/rest/packages/packages#get-list-of-conflicting-packages-during-docker-migration-for-authenticated-user
//   - https://docs.github.com/rest/packages/packages#get-list-of-conflicting-packages-during-docker-migration-for-user
func (c *Client) ListDockerConflicts(ctx context.Context, owner address.Owner) ([]Package, error) {
	list, err := listAll(ctx, c, owner.PathPrefix()+"/docker/conflicts", nil, 0, (*github.Package).GetID)
	if err != nil {
		return nil, err
	}
	return packagesFrom(list), nil
}

// GetPackage returns one package; ErrNotFound when it does not exist or is
// deleted.
//
// GitHub API docs (organization, authenticated user, user):
//   - https://docs.github.com/rest/packages/packages#get-a-package-for-an-organization
//   - https://docs.github.com/rest/packages/packages#get-a-package-for-the-authenticated-user
//   - https://docs.github.com/rest/packages/packages#get-a-package-for-a-user
func (c *Client) GetPackage(ctx context.Context, p address.Package) (Package, error) {
	var pkg github.Package
	resp, err := c.call(ctx, http.MethodGet, p.Path(), &pkg)
	if err != nil {
		return Package{}, err
	}
	// Names compare without case: GitHub stores container names in lower
	// case and answers for a name in any case.
	if pkg.GetID() == 0 || !strings.EqualFold(pkg.GetName(), p.Name) {
		return Package{}, wrongObject(resp, http.MethodGet, p.Path(), fmt.Sprintf("package %q", p.Name),
			fmt.Sprintf("%s named %q", idOf(pkg.ID), pkg.GetName()))
	}
	return packageFrom(&pkg), nil
}

// DeletePackage deletes a package and all its versions. ErrNotFound means it
// was already gone before this call; a 404 answering a retry means the first
// attempt deleted it, and counts as success.
//
// GitHub API docs (organization, authenticated user, user):
//   - https://docs.github.com/rest/packages/packages#delete-a-package-for-an-organization
//   - https://docs.github.com/rest/packages/packages#delete-a-package-for-the-authenticated-user
//   - https://docs.github.com/rest/packages/packages#delete-a-package-for-a-user
func (c *Client) DeletePackage(ctx context.Context, p address.Package) error {
	c.forgetSnapshots(p)
	defer c.forgetSnapshots(p)
	_, err := c.call(ctx, http.MethodDelete, p.Path(), nil)
	if retriedNotFound(err) {
		return nil
	}
	return err
}

// RestorePackage restores a deleted package (within 30 days of its deletion,
// and only while no new package has taken its name). A 404 answering a retry
// is success when the package is active now: the first attempt restored it.
//
// GitHub API docs (organization, authenticated user, user):
//   - https://docs.github.com/rest/packages/packages#restore-a-package-for-an-organization
//   - https://docs.github.com/rest/packages/packages#restore-a-package-for-the-authenticated-user
//   - https://docs.github.com/rest/packages/packages#restore-a-package-for-a-user
func (c *Client) RestorePackage(ctx context.Context, p address.Package) error {
	c.forgetSnapshots(p)
	defer c.forgetSnapshots(p)
	_, err := c.call(ctx, http.MethodPost, p.Path()+"/restore", nil)
	if retriedNotFound(err) {
		if _, getErr := c.GetPackage(ctx, p); getErr == nil {
			return nil
		}
	}
	return err
}

func packagesFrom(list []*github.Package) []Package {
	out := make([]Package, 0, len(list))
	for _, p := range list {
		if p != nil {
			out = append(out, packageFrom(p))
		}
	}
	return out
}

// retriedNotFound tells a 404 that answered a retry: the request reached
// GitHub more than once, so an earlier attempt may have done the work (its
// answer was lost to a 5xx from a proxy, a reset connection or a timeout).
func retriedNotFound(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.Kind() == ErrNotFound && apiErr.Attempts > 1
}
