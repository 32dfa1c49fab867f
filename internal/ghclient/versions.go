package ghclient

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/google/go-github/v92/github"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
)

// ListVersions returns every version of a package, newest first as the API
// returns them. state is "active" (the API's default when "") or "deleted".
// GitHub's description lists no paging parameters for
// /users/{username}/.../versions, but the live API honours them and longer
// lists exist, so every owner's list is paged the same way.
//
// GitHub API docs (organization, authenticated user, user):
//   - https://docs.github.com/rest/packages/packages#list-package-versions-for-a-package-owned-by-an-organization
//   - https://docs.github.com/rest/packages/packages#list-package-versions-for-a-package-owned-by-the-authenticated-user
//   - https://docs.github.com/rest/packages/packages#list-package-versions-for-a-package-owned-by-a-user
func (c *Client) ListVersions(ctx context.Context, p address.Package, state string) ([]Version, error) {
	query := url.Values{}
	if state != "" {
		query.Set("state", state)
	}
	list, err := listAll(ctx, c, p.Path()+"/versions", query, perPage, (*github.PackageVersion).GetID)
	if err != nil {
		return nil, err
	}
	return versionsFrom(list), nil
}

// EachVersionPage is ListVersions page by page: yield gets each page of
// active versions (newest first) as it arrives, and stops the listing by
// returning false; no further page is requested then.
func (c *Client) EachVersionPage(ctx context.Context, p address.Package, yield func([]Version) bool) error {
	return eachPage(ctx, c, p.Path()+"/versions", nil, perPage, func(batch []*github.PackageVersion) bool {
		return yield(versionsFrom(batch))
	})
}

// GetVersion returns one version with its own GET; ErrNotFound when it does
// not exist or is deleted (GitHub lists deleted versions only with
// state=deleted). Writes and the decisions before them (adopt or restore,
// delete) use this: never a snapshot, which may be up to
// DefaultSnapshotTTL old.
//
// GitHub API docs (organization, authenticated user, user):
//   - https://docs.github.com/rest/packages/packages#get-a-package-version-for-an-organization
//   - https://docs.github.com/rest/packages/packages#get-a-package-version-for-the-authenticated-user
//   - https://docs.github.com/rest/packages/packages#get-a-package-version-for-a-user
func (c *Client) GetVersion(ctx context.Context, v address.Version) (Version, error) {
	var pv github.PackageVersion
	resp, err := c.call(ctx, http.MethodGet, v.Path(), &pv)
	if err != nil {
		return Version{}, err
	}
	if pv.GetID() != v.ID {
		return Version{}, wrongObject(resp, http.MethodGet, v.Path(), fmt.Sprintf("version %d", v.ID), idOf(pv.ID))
	}
	return versionFrom(&pv), nil
}

// RefreshVersion is GetVersion for a refresh (a resource's Read during
// plan or refresh): many reads of one package's versions in a short time
// are answered from one listing of the package (see versionSnapshots). A
// version the listing does not hold is always fetched on its own, so a
// deletion is never inferred from a list.
func (c *Client) RefreshVersion(ctx context.Context, v address.Version) (Version, error) {
	listActive := func(ctx context.Context) ([]Version, error) { return c.ListVersions(ctx, v.Package, "active") }
	if ver, ok := c.snapshots.lookup(ctx, v, listActive); ok {
		return ver, nil
	}
	return c.GetVersion(ctx, v)
}

// FindDeletedVersion finds a deleted, still restorable version of a package
// in the listing of its deleted versions (GitHub has no GET for a deleted
// version): ErrNotFound-kind error when the listing does not hold it. Many
// lookups of one package within DefaultSnapshotTTL share one listing. For
// planning only; a restore decides on its own request.
func (c *Client) FindDeletedVersion(ctx context.Context, v address.Version) (Version, error) {
	listDeleted := func(ctx context.Context) ([]Version, error) { return c.ListVersions(ctx, v.Package, "deleted") }
	if ver, ok := c.deletedSnapshots.lookup(ctx, v, listDeleted); ok {
		return ver, nil
	}
	deleted, err := listDeleted(ctx)
	if err != nil {
		return Version{}, err
	}
	for _, ver := range deleted {
		if ver.ID == v.ID {
			return ver, nil
		}
	}
	return Version{}, &APIError{kind: ErrNotFound, StatusCode: http.StatusNotFound, Method: http.MethodGet,
		Path: v.Package.Path() + "/versions?state=deleted", Message: fmt.Sprintf("version %d is not among the deleted versions GitHub can restore", v.ID)}
}

// DeleteVersion deletes a version. ErrNotFound means it was already gone
// before this call; a 404 answering a retry counts as success. GitHub's
// refusals (last version, 5,000 downloads) are ErrRefused.
//
// GitHub API docs (organization, authenticated user, user):
//   - https://docs.github.com/rest/packages/packages#delete-package-version-for-an-organization
//   - https://docs.github.com/rest/packages/packages#delete-a-package-version-for-the-authenticated-user
//   - https://docs.github.com/rest/packages/packages#delete-package-version-for-a-user
func (c *Client) DeleteVersion(ctx context.Context, v address.Version) error {
	c.forgetSnapshots(v.Package)
	defer c.forgetSnapshots(v.Package)
	_, err := c.call(ctx, http.MethodDelete, v.Path(), nil)
	if retriedNotFound(err) {
		return nil
	}
	return err
}

// RestoreVersion restores a deleted version (within 30 days, and only while
// its name has not been reused). A 404 answering a retry is success when the
// version is active now: the first attempt restored it.
//
// GitHub API docs (organization, authenticated user, user):
//   - https://docs.github.com/rest/packages/packages#restore-package-version-for-an-organization
//   - https://docs.github.com/rest/packages/packages#restore-a-package-version-for-the-authenticated-user
//   - https://docs.github.com/rest/packages/packages#restore-package-version-for-a-user
func (c *Client) RestoreVersion(ctx context.Context, v address.Version) error {
	c.forgetSnapshots(v.Package)
	defer c.forgetSnapshots(v.Package)
	_, err := c.call(ctx, http.MethodPost, v.Path()+"/restore", nil)
	if retriedNotFound(err) {
		if _, getErr := c.GetVersion(ctx, v); getErr == nil {
			return nil
		}
	}
	return err
}
