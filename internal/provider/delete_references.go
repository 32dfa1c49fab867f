package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
)

// Deleting a platform image, an attestation manifest or a nested index that
// an active tagged index still references breaks `docker pull` of that
// index's tags. ghpackages_package_version_retention therefore refuses it,
// unless the index is being deleted in the same apply.
//
// Ordering when an index and its children are destroyed in one apply:
// Terraform calls Delete for independent resources concurrently, in one
// provider process, in no particular order. Each Delete of a version
// registers itself in the process's deleteTracker before it sends anything.
// A child's Delete that finds a referencing tagged index waits:
//
//  1. for that index's delete to start in this process, for at most
//     referencedDeleteGrace (Terraform starts independent deletes within
//     milliseconds of each other; a wait that runs out means the index is not
//     being deleted in this apply);
//  2. then for it to finish. When it succeeded, the child is no longer
//     referenced by it and is deleted; when it failed, the child is refused.
//
// The index's own delete never waits. So the end state is both deleted,
// with the state matching the server. When more referenced children than
// Terraform's -parallelism wait at once, the index's delete may be queued
// behind them and they are refused after the grace period: nothing is
// deleted wrongly, and the next apply (the index then gone) deletes them.
//
// The checks of one process share a listing of the package and its
// manifest graph for referenceGraphTTL. Before a delete trusts it, the check
// reads the package's newest page (one request): a version pushed or retagged
// since the listing, or a version missing from it, gets a fresh listing, so
// that no delete decides on stale data.

// referencedDeleteGrace is how long a child's delete waits for the delete
// of its index to start in the same apply.
var referencedDeleteGrace = 10 * time.Second

// deleteTracker records the version deletes of one provider process.
type deleteTracker struct {
	mu      sync.Mutex
	entries map[string]*deleteEntry // address.Version.ImportID() -> delete
	changed chan struct{}           // closed and replaced whenever a delete starts
	deleted int                     // deletes that succeeded, for progress logs
}

// progress counts a finished delete and says how many of the deletes
// started in this process succeeded so far: a destroy of thousands of
// versions under GitHub's deletion throttle logs where it is at INFO.
func (t *deleteTracker) progress(err error) (deleted, started int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err == nil {
		t.deleted++
	}
	return t.deleted, len(t.entries)
}

type deleteEntry struct {
	done chan struct{}
	err  error
}

func newDeleteTracker() *deleteTracker {
	return &deleteTracker{entries: map[string]*deleteEntry{}, changed: make(chan struct{})}
}

// start records that v is being deleted; finish it with the outcome.
func (t *deleteTracker) start(v address.Version) *deleteEntry {
	t.mu.Lock()
	defer t.mu.Unlock()
	e := &deleteEntry{done: make(chan struct{})}
	t.entries[v.ImportID()] = e
	close(t.changed)
	t.changed = make(chan struct{})
	return e
}

func (e *deleteEntry) finish(err error) {
	e.err = err
	close(e.done)
}

// await waits for the delete of v: for it to start (at most grace), then to
// end. It returns whether v was deleted in this process.
func (t *deleteTracker) await(ctx context.Context, v address.Version, grace time.Duration) bool {
	deadline := time.NewTimer(grace)
	defer deadline.Stop()
	for {
		t.mu.Lock()
		e, changed := t.entries[v.ImportID()], t.changed
		t.mu.Unlock()
		if e != nil {
			select {
			case <-e.done:
				return e.err == nil
			case <-ctx.Done():
				return false
			}
		}
		select {
		case <-changed:
		case <-deadline.C:
			return false
		case <-ctx.Done():
			return false
		}
	}
}

// referrer is an active tagged index that references a version.
type referrer struct {
	id       int64
	name     string
	tags     []string
	platform string // of the version, as the index lists it
	kind     registry.Kind
}

// references are the active tagged indexes of v's package that reference
// v. gone is set when v (or its package) is no longer active; err is a
// failure to read the versions or the manifests.
type references struct {
	name     string // v's digest
	platform string
	refs     []referrer
	gone     bool
}

// beforeDelete is set when a delete decides on the answer: the shared
// listing is then checked against the package's newest page first. The
// plan's warning, which decides nothing, trusts the shared listing.
func findReferences(ctx context.Context, gh *ghclient.Client, reg *registry.Client, graphs *referenceGraphs, v address.Version, beforeDelete bool) (references, diag.Diagnostics) {
	e := graphs.get(ctx, gh, reg, v.Package, false)
	if e.ok && (!slices.ContainsFunc(e.list, func(x ghclient.Version) bool { return x.ID == v.ID }) ||
		(beforeDelete && headMoved(ctx, gh, v.Package, e.list))) {
		// Not in a shared listing: it may be newer than the listing. Only a
		// fresh one can say the version is gone. Or the package changed
		// since the shared listing: an index pushed or retagged meanwhile
		// may reference v, and a delete decides on fresh data.
		e = graphs.get(ctx, gh, reg, v.Package, true)
	}
	if e.notFound {
		return references{gone: true}, nil // the package is gone, and the version with it
	}
	if !e.ok {
		return references{}, e.diags
	}
	byID := map[int64]ghclient.Version{}
	for _, x := range e.list {
		byID[x.ID] = x
	}
	if _, ok := byID[v.ID]; !ok {
		return references{gone: true}, nil
	}
	g := e.graph
	self := g.Facts[v.ID]
	out := references{name: byID[v.ID].Name, platform: self.Platform}
	for _, pid := range self.ParentIDs {
		p := byID[pid]
		if len(p.Tags) == 0 {
			continue // an untagged index pulls by digest only; nested ones are covered by their tagged ancestor
		}
		out.refs = append(out.refs, referrer{id: pid, name: p.Name, tags: p.Tags, platform: self.Platform, kind: self.Kind})
	}
	return out, nil
}

// headMoved tells whether the newest page of the package's versions differs
// from a shared listing: a version pushed since then (GitHub lists the
// newest first, so it is on that page) or a tag moved among the newest. It
// costs one request per check, and lets the checks of a large retention
// window share one listing without deciding a delete on stale data. A
// failure to read counts as moved, so that a fresh listing decides.
func headMoved(ctx context.Context, gh *ghclient.Client, pkg address.Package, shared []ghclient.Version) bool {
	known := make(map[int64][]string, len(shared))
	for _, x := range shared {
		known[x.ID] = x.Tags
	}
	moved := false
	err := gh.EachVersionPage(ctx, pkg, func(page []ghclient.Version) bool {
		for _, x := range page {
			tags, ok := known[x.ID]
			if !ok || !slices.Equal(tags, x.Tags) {
				moved = true
			}
		}
		return false // the newest page only
	})
	return moved || err != nil
}

// referenceGraphTTL is how long one listing of a package's versions and
// its manifest graph answer the reference checks of the process: a
// retention window that deletes 500 versions of a package lists them once,
// not 500 times. A version missing from the listing gets a fresh one.
const referenceGraphTTL = 15 * time.Second

// referenceGraphs shares listings and manifest graphs between the reference
// checks of one provider process.
type referenceGraphs struct {
	mu      sync.Mutex
	entries map[string]*graphEntry // address.Package.ImportID()
}

type graphEntry struct {
	done     chan struct{}
	at       time.Time
	list     []ghclient.Version
	graph    *registry.Graph
	ok       bool
	notFound bool
	diags    diag.Diagnostics
}

func newReferenceGraphs() *referenceGraphs {
	return &referenceGraphs{entries: map[string]*graphEntry{}}
}

// get returns the package's listing and graph, shared when one younger
// than referenceGraphTTL exists (or is being made) and fresh is false.
func (rg *referenceGraphs) get(ctx context.Context, gh *ghclient.Client, reg *registry.Client, pkg address.Package, fresh bool) *graphEntry {
	if rg == nil {
		rg = newReferenceGraphs()
	}
	key := pkg.ImportID()
	rg.mu.Lock()
	e := rg.entries[key]
	if e == nil || fresh || (isDone(e.done) && time.Since(e.at) > referenceGraphTTL) {
		e = &graphEntry{done: make(chan struct{}), at: time.Now()}
		rg.entries[key] = e
		rg.mu.Unlock()
		e.load(ctx, gh, reg, pkg)
		if ctx.Err() != nil {
			rg.mu.Lock()
			if rg.entries[key] == e {
				delete(rg.entries, key) // a cancelled load is no answer for others
			}
			rg.mu.Unlock()
		}
		close(e.done)
		return e
	}
	rg.mu.Unlock()
	select {
	case <-e.done:
		return e
	case <-ctx.Done():
		return &graphEntry{diags: diag.Diagnostics{diag.NewErrorDiagnostic("Cancelled", ctx.Err().Error())}}
	}
}

func (e *graphEntry) load(ctx context.Context, gh *ghclient.Client, reg *registry.Client, pkg address.Package) {
	list, err := gh.ListVersions(ctx, pkg, "active")
	if errors.Is(err, ghclient.ErrNotFound) {
		e.notFound = true
		return
	}
	if err != nil {
		addAPIError(&e.diags, opRead, pkg, err)
		return
	}
	var graphDiags diag.Diagnostics // ghost images are not a delete's business
	g, ok := readManifestGraph(ctx, gh, reg, pkg, list, &graphDiags)
	if !ok {
		e.diags = graphDiags.Errors()
		return
	}
	e.list, e.graph, e.ok = list, g, true
}

func isDone(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// describe lists refs, one line each: "the linux/arm64 image of index ID
// (DIGEST, tags 1.2.0, latest)".
func describeReferrers(refs []referrer) string {
	var lines []string
	for _, ref := range refs {
		what := "the image"
		switch {
		case ref.kind == registry.KindAttestation:
			what = "the attestation manifest"
		case ref.kind == registry.KindIndex:
			what = "a nested index"
		case ref.platform != "":
			what = "the " + ref.platform + " image"
		}
		lines = append(lines, fmt.Sprintf("  - %s of index %d (%s, tags %s)", what, ref.id, ref.name, strings.Join(ref.tags, ", ")))
	}
	return strings.Join(lines, "\n")
}

// checkReferences decides whether the container version v may be deleted:
// it reads the package's manifests and waits, as described above, for the
// deletes of the tagged indexes that reference v. It returns false with an
// error in diags when v must be kept.
func checkReferences(ctx context.Context, gh *ghclient.Client, reg *registry.Client, graphs *referenceGraphs, tracker *deleteTracker,
	v address.Version, diags *diag.Diagnostics) bool {
	found, errs := findReferences(ctx, gh, reg, graphs, v, true)
	if errs.HasError() {
		for _, d := range errs {
			diags.AddError("Cannot check what references "+v.String()+" before deleting it",
				d.Detail()+"\n\nNothing was deleted. To delete the version without the check, set allow_delete_referenced = true "+
					"(apply that first, then destroy).")
		}
		return false
	}
	if found.gone {
		return true // Delete reports it
	}
	var blocking []referrer
	for _, ref := range found.refs {
		parent := address.Version{Package: v.Package, ID: ref.id}
		if tracker.await(ctx, parent, referencedDeleteGrace) {
			tflog.Info(ctx, "the index referencing this version was deleted in the same apply", map[string]any{
				"version": v.ImportID(), "index": ref.id})
			continue
		}
		blocking = append(blocking, ref)
	}
	if len(blocking) == 0 {
		return true
	}
	platform := found.platform
	if platform == "" {
		platform = "its platform"
	}
	diags.AddError(fmt.Sprintf("Refusing to delete %s: an active tagged image still uses it", v),
		fmt.Sprintf("Version %d (%s) is\n%s\nDeleting it would break `docker pull` of those tags for %s.\n\n"+
			"Nothing was deleted. Either keep this version (keep its ghpackages_package_version_retention resource), or delete "+
			"the index too, in the same apply (the child's delete waits for the index's), or set allow_delete_referenced = true "+
			"on this resource, apply that, and then destroy it.",
			v.ID, found.name, describeReferrers(blocking), platform))
	return false
}

// warnReferencedDestroy is the plan's view of the same check: destroying a
// version that an active tagged index references gets a warning naming
// the index, as the apply will refuse it unless the index goes too.
func warnReferencedDestroy(ctx context.Context, gh *ghclient.Client, reg *registry.Client, graphs *referenceGraphs, v address.Version, diags *diag.Diagnostics) {
	found, errs := findReferences(ctx, gh, reg, graphs, v, false)
	if errs.HasError() {
		diags.AddWarning("Cannot check what references "+v.String(),
			errs[0].Detail()+"\n\nThe apply checks again before deleting, and refuses the delete if it still cannot read the "+
				"registry (unless allow_delete_referenced = true).")
		return
	}
	if found.gone || len(found.refs) == 0 {
		return
	}
	diags.AddWarning(fmt.Sprintf("Destroying %s deletes part of a tagged image", v),
		fmt.Sprintf("Version %d (%s) is\n%s\nThe apply deletes it only after the index, when the index is destroyed in the "+
			"same apply; otherwise it refuses, and nothing is deleted for this resource. Set allow_delete_referenced = true "+
			"(and apply) to delete it anyway.", v.ID, found.name, describeReferrers(found.refs)))
}
