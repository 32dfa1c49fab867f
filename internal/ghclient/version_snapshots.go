package ghclient

import (
	"context"
	"sync"
	"time"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
)

// Refreshing a retention policy that keeps N versions reads N versions of
// one package: N GET requests on every plan. versionSnapshots serves such
// bursts from one listing of the package's active versions instead (N/100
// requests): once a package's versions are read more than a few times within
// a short window, the next read lists them all, and reads in the window are
// answered from that list. A version missing from the list is still fetched
// with its own GET, so a deletion is never inferred from a list; and any
// write through this client to the package drops its snapshot.
type versionSnapshots struct {
	// threshold is how many reads of one package's versions within ttl
	// make a listing worth it: 0 lists on the first read; a negative
	// value turns snapshots off.
	threshold int
	ttl       time.Duration

	mu      sync.Mutex
	entries map[string]*snapshotEntry // by package path
}

type snapshotEntry struct {
	reads     int
	firstRead time.Time

	// listing is closed when the listing below is done; nil while no
	// listing was started.
	listing  chan struct{}
	listedAt time.Time
	versions map[int64]Version
	err      error
}

// DefaultSnapshotThreshold and DefaultSnapshotTTL: after 3 reads of one
// package's versions within 30 s, list them. 30 s is well under the time a
// plan takes to be applied by a person, and a snapshot only ever answers
// "this version is active".
const (
	DefaultSnapshotThreshold = 3
	DefaultSnapshotTTL       = 30 * time.Second
)

func newVersionSnapshots(threshold int, ttl time.Duration) *versionSnapshots {
	return &versionSnapshots{threshold: threshold, ttl: ttl, entries: map[string]*snapshotEntry{}}
}

// lookup answers a read of v from a snapshot when it can. list is called, at
// most once per window and package, to take the snapshot.
func (s *versionSnapshots) lookup(ctx context.Context, v address.Version, list func(context.Context) ([]Version, error)) (Version, bool) {
	if s == nil || s.threshold < 0 {
		return Version{}, false
	}
	key := v.Package.Path()
	now := time.Now()

	s.mu.Lock()
	e := s.entries[key]
	if e == nil || now.Sub(e.firstRead) > s.ttl || (e.listing != nil && isClosed(e.listing) && now.Sub(e.listedAt) > s.ttl) {
		e = &snapshotEntry{firstRead: now}
		s.entries[key] = e
	}
	e.reads++
	start := e.listing == nil && e.reads > s.threshold
	if start {
		e.listing = make(chan struct{})
	}
	listing := e.listing
	s.mu.Unlock()

	if listing == nil {
		return Version{}, false
	}
	if start {
		versions, err := list(ctx)
		s.mu.Lock()
		e.listedAt, e.err = time.Now(), err
		e.versions = make(map[int64]Version, len(versions))
		for _, ver := range versions {
			e.versions[ver.ID] = ver
		}
		close(listing)
		s.mu.Unlock()
	}
	select {
	case <-listing:
	case <-ctx.Done():
		return Version{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e.err != nil || s.entries[key] != e {
		// A write forgot this snapshot while it was being taken or
		// waited for: the listing may predate the write.
		return Version{}, false
	}
	ver, ok := e.versions[v.ID]
	return ver, ok
}

// forget drops the snapshot of a package after a write to it.
func (s *versionSnapshots) forget(p address.Package) {
	if s == nil {
		return
	}
	s.mu.Lock()
	delete(s.entries, p.Path())
	s.mu.Unlock()
}

// inFlight tells whether a listing of p is being taken (for tests).
func (s *versionSnapshots) inFlight(p address.Package) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.entries[p.Path()]
	return e != nil && e.listing != nil && !isClosed(e.listing)
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}
