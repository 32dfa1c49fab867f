package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// Checks of what the fake GitHub holds, and of what it received (see
// request_window_test.go). There is one kind of check, serverCheck, used as
// a state check (ConfigStateChecks), a query check (QueryResultChecks) or,
// through onDestroy, as TestCase.CheckDestroy.

// serverCheck checks the fake GitHub. It is a state check rather than a
// legacy TestCheckFunc because the legacy state shim of
// terraform-plugin-testing fails on for_each instances.
type serverCheck func() error

var (
	_ statecheck.StateCheck       = serverCheck(nil)
	_ querycheck.QueryResultCheck = serverCheck(nil)
)

func (c serverCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c()
}

func (c serverCheck) CheckQuery(_ context.Context, _ querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	resp.Error = c()
}

// onDestroy adapts server checks to TestCase.CheckDestroy, which has no
// statecheck equivalent.
func onDestroy(checks ...serverCheck) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var errs []error
		for _, c := range checks {
			errs = append(errs, c())
		}
		return errors.Join(errs...)
	}
}

// versionOnServer checks whether the fake holds the version as active or as
// deleted.
func versionOnServer(fake *fakegithub.Server, o testOwner, pkgType, pkgName string, id int64, wantDeleted bool) serverCheck {
	return func() error {
		v, ok := fake.Version(o.login, pkgType, pkgName, id)
		if !ok {
			return fmt.Errorf("fake GitHub has no version %d of %s/%s/%s", id, o.login, pkgType, pkgName)
		}
		if v.Deleted != wantDeleted {
			return fmt.Errorf("version %d of %s/%s/%s: deleted = %v on the server, want %v", id, o.login, pkgType, pkgName, v.Deleted, wantDeleted)
		}
		return nil
	}
}

// packageOnServer is versionOnServer for a package.
func packageOnServer(fake *fakegithub.Server, o testOwner, pkgType, pkgName string, wantDeleted bool) serverCheck {
	return func() error {
		p, ok := fake.Package(o.login, pkgType, pkgName)
		if !ok {
			return fmt.Errorf("fake GitHub has no package %s/%s/%s", o.login, pkgType, pkgName)
		}
		if p.Deleted != wantDeleted {
			return fmt.Errorf("package %s/%s/%s: deleted = %v on the server, want %v", o.login, pkgType, pkgName, p.Deleted, wantDeleted)
		}
		return nil
	}
}

// versionsOnServer checks which versions of a package are active, exactly
// and newest first, and that each of deleted is deleted.
func versionsOnServer(fake *fakegithub.Server, o testOwner, pkgType, pkgName string, active, deleted []int64) serverCheck {
	return func() error {
		p, ok := fake.Package(o.login, pkgType, pkgName)
		if !ok {
			return fmt.Errorf("fake GitHub has no package %s/%s/%s", o.login, pkgType, pkgName)
		}
		if !slices.Equal(p.ActiveVersionIDs, active) {
			return fmt.Errorf("active versions of %s/%s/%s: %v on the server, want %v", o.login, pkgType, pkgName, p.ActiveVersionIDs, active)
		}
		var errs []error
		for _, id := range deleted {
			errs = append(errs, versionOnServer(fake, o, pkgType, pkgName, id, true)())
		}
		return errors.Join(errs...)
	}
}

// activeVersionCount checks how many active versions a package has.
func activeVersionCount(fake *fakegithub.Server, o testOwner, pkgType, pkgName string, want int) serverCheck {
	return func() error {
		p, ok := fake.Package(o.login, pkgType, pkgName)
		if !ok {
			return fmt.Errorf("fake GitHub has no package %s/%s/%s", o.login, pkgType, pkgName)
		}
		if len(p.ActiveVersionIDs) != want {
			return fmt.Errorf("%s/%s/%s has %d active versions (%v), want %d", o.login, pkgType, pkgName, len(p.ActiveVersionIDs), p.ActiveVersionIDs, want)
		}
		return nil
	}
}

// packageState is the package the fake holds, for a test's expectations;
// the test stops when there is none.
func packageState(t *testing.T, fake *fakegithub.Server, owner, pkgType, name string) fakegithub.PackageState {
	t.Helper()
	p, ok := fake.Package(owner, pkgType, name)
	if !ok {
		t.Fatalf("the fake has no package %s/%s/%s", owner, pkgType, name)
	}
	return p
}

// packageID is the id the fake holds for a package.
func packageID(t *testing.T, fake *fakegithub.Server, owner, pkgType, name string) int64 {
	t.Helper()
	return packageState(t, fake, owner, pkgType, name).ID
}
