package ghclient

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

const versionsRoute = "GET /orgs/{org}/packages/{package_type}/{package_name}/versions"
const versionRoute = "GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"

var bigPackage = address.Package{Owner: acme, Type: "npm", Name: "big"}

func TestSnapshotsAnswerBurstsOfReadsFromOneListing(t *testing.T) {
	fake := fakegithub.Start(t, bigSeed())
	plain := newTestClient(t, fake, fakegithub.TokenFull, func(c *Config) { c.SnapshotThreshold = -1 })
	snap := newTestClient(t, fake, fakegithub.TokenFull)
	ctx := context.Background()
	all, err := plain.ListVersions(ctx, bigPackage, "")
	if err != nil {
		t.Fatal(err)
	}
	fake.ResetRequests()
	for _, v := range all[:50] {
		addr := address.Version{Package: bigPackage, ID: v.ID}
		want, err := plain.GetVersion(ctx, addr)
		if err != nil {
			t.Fatal(err)
		}
		got, err := snap.RefreshVersion(ctx, addr)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("snapshot answer %+v differs from GET %+v", got, want)
		}
	}
	// plain: 50 GETs; snap: 3 GETs, then one listing of 250 versions (3 pages).
	if gets, lists := fake.Count(versionRoute), fake.Count(versionsRoute); gets != 53 || lists != 3 {
		t.Errorf("%d GETs and %d list pages, want 50+3 and 3", gets, lists)
	}
}

func TestSnapshotsNeverHideDeletions(t *testing.T) {
	fake := fakegithub.Start(t, bigSeed())
	c := newTestClient(t, fake, fakegithub.TokenFull)
	ctx := context.Background()
	all, err := c.ListVersions(ctx, bigPackage, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range all[:5] {
		if _, err := c.RefreshVersion(ctx, address.Version{Package: bigPackage, ID: v.ID}); err != nil {
			t.Fatal(err)
		}
	}
	// Deleted through the client: the snapshot is dropped.
	gone := address.Version{Package: bigPackage, ID: all[1].ID}
	if err := c.DeleteVersion(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RefreshVersion(ctx, gone); !errors.Is(err, ErrNotFound) {
		t.Errorf("after DeleteVersion: %v, want ErrNotFound", err)
	}
	// A version no listing holds is fetched on its own: 404 for a deleted one.
	for _, v := range all[2:6] {
		if _, err := c.RefreshVersion(ctx, address.Version{Package: bigPackage, ID: v.ID}); err != nil {
			t.Fatal(err)
		}
	}
	fake.ResetRequests()
	if _, err := c.RefreshVersion(ctx, gone); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted version: %v, want ErrNotFound", err)
	}
	if fake.Count(versionRoute) != 1 {
		t.Errorf("a version missing from the snapshot was not fetched with its own GET")
	}
}

func TestSnapshotsListOnceUnderConcurrency(t *testing.T) {
	fake := fakegithub.Start(t, bigSeed())
	c := newTestClient(t, fake, fakegithub.TokenFull)
	ctx := context.Background()
	all, err := c.ListVersions(ctx, bigPackage, "")
	if err != nil {
		t.Fatal(err)
	}
	fake.ResetRequests()
	var wg sync.WaitGroup
	errs := make(chan error, len(all))
	for _, v := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := c.RefreshVersion(ctx, address.Version{Package: bigPackage, ID: v.ID})
			if err == nil && got.ID != v.ID {
				err = fmt.Errorf("asked for %d, got %d", v.ID, got.ID)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if lists := fake.Count(versionsRoute); lists != 3 {
		t.Errorf("%d list pages, want one listing of 3 pages", lists)
	}
	if gets := fake.Count(versionRoute); gets > DefaultSnapshotThreshold {
		t.Errorf("%d single GETs, want at most %d", gets, DefaultSnapshotThreshold)
	}
}

// Create and Delete decide on GetVersion, which never answers from a
// snapshot: a version deleted out of band within the snapshot's lifetime
// is not found, so Create restores it instead of "adopting" it.
func TestGetVersionIsAlwaysFresh(t *testing.T) {
	fake := fakegithub.Start(t, bigSeed())
	c := newTestClient(t, fake, fakegithub.TokenFull)
	ctx := context.Background()
	all, err := c.ListVersions(ctx, bigPackage, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range all[:5] { // enough refreshes to take a snapshot
		if _, err := c.RefreshVersion(ctx, address.Version{Package: bigPackage, ID: v.ID}); err != nil {
			t.Fatal(err)
		}
	}
	gone := address.Version{Package: bigPackage, ID: all[1].ID}
	if err := fake.DeleteVersionOutOfBand("acme", "npm", "big", gone.ID); err != nil {
		t.Fatal(err)
	}
	// A refresh may still see it (the snapshot is at most DefaultSnapshotTTL
	// old); a decision before a write may not.
	if _, err := c.RefreshVersion(ctx, gone); err != nil {
		t.Fatalf("refresh within the snapshot's lifetime: %v", err)
	}
	fake.ResetRequests()
	if _, err := c.GetVersion(ctx, gone); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetVersion of a version deleted out of band: %v, want ErrNotFound", err)
	}
	if fake.Count(versionRoute) != 1 {
		t.Error("GetVersion did not send its own GET")
	}
}

// A write forgets the package's snapshot. A listing that was in flight
// during the write may predate it: neither the caller that took it nor
// those waiting for it are answered from it.
func TestForgottenSnapshotAnswersNobody(t *testing.T) {
	s := newVersionSnapshots(1, time.Minute)
	v := address.Version{Package: bigPackage, ID: 7}
	release := make(chan struct{})
	listing := func(context.Context) ([]Version, error) {
		<-release
		return []Version{{ID: 7}}, nil
	}
	ctx := context.Background()
	if _, ok := s.lookup(ctx, v, listing); ok { // first read: below the threshold
		t.Fatal("answered before any listing")
	}
	results := make(chan bool, 2)
	for i := 0; i < 2; i++ { // the second read takes the listing, the third waits for it
		go func() {
			_, ok := s.lookup(ctx, v, listing)
			results <- ok
		}()
	}
	for !s.inFlight(v.Package) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(10 * time.Millisecond) // let the third read reach its wait
	s.forget(v.Package)               // a write to the package
	close(release)
	for i := 0; i < 2; i++ {
		if <-results {
			t.Error("a read was answered from a snapshot forgotten by a write")
		}
	}
}

// Deleted versions have no GET of their own: FindDeletedVersion reads the
// package's deleted listing, once for many lookups, and a write forgets it.
func TestFindDeletedVersionListsOnce(t *testing.T) {
	fake := fakegithub.Start(t, fakegithub.DefaultSeed())
	c := newTestClient(t, fake, fakegithub.TokenFull)
	ctx := context.Background()
	web1 := address.Version{Package: acmeWeb, ID: fakegithub.AcmeWebV1} // deleted 5 days ago
	for i := 0; i < 5; i++ {
		v, err := c.FindDeletedVersion(ctx, web1)
		if err != nil || v.ID != web1.ID || v.DeletedAt == "" {
			t.Fatalf("FindDeletedVersion = %+v, %v", v, err)
		}
	}
	if lists := fake.Count(versionsRoute); lists != 1 {
		t.Errorf("%d listings for 5 lookups, want 1", lists)
	}
	if _, err := c.FindDeletedVersion(ctx, address.Version{Package: acmeWeb, ID: fakegithub.AcmeWebV4}); !errors.Is(err, ErrNotFound) {
		t.Errorf("an active version among the deleted ones: %v, want ErrNotFound", err)
	}
	if err := c.RestoreVersion(ctx, web1); err != nil {
		t.Fatal(err)
	}
	if _, err := c.FindDeletedVersion(ctx, web1); !errors.Is(err, ErrNotFound) {
		t.Errorf("after its restore: %v, want ErrNotFound", err)
	}
}
