package fakegithub

import (
	"fmt"
	"slices"
	"time"
)

// These methods change the fake behind the client's back, the way a CI
// pipeline pushing images or a person clicking in the web UI would.

// PushVersion publishes v as the newest version of a package and returns its
// id. It creates a missing owner (as a user) or package (private, or a new
// one in place of a deleted package, as a real push does). For images, the
// new version takes its tags away from older versions. It panics on an
// invalid package type or a reused id, which are mistakes in the test.
func (s *Server) PushVersion(owner, pkgType, pkgName string, v SeedVersion) int64 {
	if !validPackageType(pkgType) {
		panic(fmt.Sprintf("fakegithub: PushVersion: invalid package type %q", pkgType))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v.ID != 0 && s.st.versionIDs[v.ID] {
		panic(fmt.Sprintf("fakegithub: PushVersion: version id %d already used", v.ID))
	}
	now := s.clock()
	o := s.st.ownerByLogin(owner)
	if o == nil {
		o = s.st.addOwner(owner, 0, false)
	}
	p := s.st.activePackage(o, pkgType, pkgName)
	if p == nil {
		p = s.st.addPackage(o, pkgType, pkgName, 0, daysAgo(now, v.CreatedDaysAgo))
	}
	if pkgType == "container" || pkgType == "docker" {
		for _, old := range p.versions {
			old.tags = slices.DeleteFunc(old.tags, func(t string) bool { return slices.Contains(v.Tags, t) })
		}
	}
	return s.st.addVersion(p, v, now).id
}

// DeleteVersionOutOfBand deletes a version without GitHub's API rules.
// Deleting the last active version deletes the package with it, as can
// happen on GitHub.
func (s *Server) DeleteVersionOutOfBand(owner, pkgType, pkgName string, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.activePackage(owner, pkgType, pkgName)
	if err != nil {
		return err
	}
	v := p.version(id)
	if v == nil || v.deleted() {
		return fmt.Errorf("fakegithub: %s/%s/%s has no active version %d", owner, pkgType, pkgName, id)
	}
	now := s.clock().UTC().Truncate(time.Second)
	v.deletedAt = now
	if p.activeVersionCount() == 0 {
		p.deletedAt = now
	}
	return nil
}

// DeletePackageOutOfBand deletes a package without GitHub's API rules.
func (s *Server) DeletePackageOutOfBand(owner, pkgType, pkgName string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.activePackage(owner, pkgType, pkgName)
	if err != nil {
		return err
	}
	p.deletedAt = s.clock().UTC().Truncate(time.Second)
	return nil
}

// SetVersionDeletedDaysAgo marks a version, deleted or not, as deleted that
// many days ago: past 30 days it can no longer be listed or restored.
func (s *Server) SetVersionDeletedDaysAgo(owner, pkgType, pkgName string, id int64, days float64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.anyVersion(owner, pkgType, pkgName, id)
	if err != nil {
		return err
	}
	v.deletedAt = daysAgo(s.clock(), days)
	return nil
}

// SetPackageDeletedDaysAgo marks the package of that name (the active one,
// else the most recently deleted) as deleted that many days ago.
func (s *Server) SetPackageDeletedDaysAgo(owner, pkgType, pkgName string, days float64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.anyPackage(owner, pkgType, pkgName)
	if err != nil {
		return err
	}
	p.deletedAt = daysAgo(s.clock(), days)
	return nil
}

// SetVersionTags replaces a version's tags, as a retag in the registry would.
func (s *Server) SetVersionTags(owner, pkgType, pkgName string, id int64, tags []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.anyVersion(owner, pkgType, pkgName, id)
	if err != nil {
		return err
	}
	v.tags = slices.Clone(tags)
	return nil
}

// activePackage finds a live package; the caller holds s.mu.
func (s *Server) activePackage(owner, pkgType, pkgName string) (*pkg, error) {
	if o := s.st.ownerByLogin(owner); o != nil {
		if p := s.st.activePackage(o, pkgType, pkgName); p != nil {
			return p, nil
		}
	}
	return nil, fmt.Errorf("fakegithub: no active package %s/%s/%s", owner, pkgType, pkgName)
}

// anyVersion finds a version, deleted or not, of the package anyPackage
// finds.
func (s *Server) anyVersion(owner, pkgType, pkgName string, id int64) (*version, error) {
	p, err := s.anyPackage(owner, pkgType, pkgName)
	if err != nil {
		return nil, err
	}
	v := p.version(id)
	if v == nil {
		return nil, fmt.Errorf("fakegithub: %s/%s/%s has no version %d", owner, pkgType, pkgName, id)
	}
	return v, nil
}

// anyPackage finds the live package of that name, else the most recently
// deleted one; the caller holds s.mu.
func (s *Server) anyPackage(owner, pkgType, pkgName string) (*pkg, error) {
	if o := s.st.ownerByLogin(owner); o != nil {
		if p := s.st.activePackage(o, pkgType, pkgName); p != nil {
			return p, nil
		}
		if p := s.st.latestDeletedPackage(o, pkgType, pkgName); p != nil {
			return p, nil
		}
	}
	return nil, fmt.Errorf("fakegithub: no package %s/%s/%s", owner, pkgType, pkgName)
}
