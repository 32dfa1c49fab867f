package fakegithub

import (
	"slices"
	"time"
)

// VersionState is what the fake holds about a version, for assertions.
type VersionState struct {
	ID        int64
	Name      string
	Tags      []string
	Deleted   bool
	DeletedAt time.Time
}

// PackageState is what the fake holds about a package, for assertions.
type PackageState struct {
	ID         int64
	Name       string
	Type       string
	Visibility string
	Deleted    bool
	// ActiveVersionIDs are newest first, as GitHub lists them.
	ActiveVersionIDs []int64
	// DeletedVersionIDs are newest first and include versions deleted
	// longer ago than the 30-day restore window.
	DeletedVersionIDs []int64
}

// Package describes the package of that name: the active one, else the most
// recently deleted one. Owner logins are matched ignoring case.
func (s *Server) Package(owner, pkgType, pkgName string) (PackageState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.anyPackage(owner, pkgType, pkgName)
	if err != nil {
		return PackageState{}, false
	}
	ps := PackageState{ID: p.id, Name: p.name, Type: p.typ, Visibility: p.visibility, Deleted: p.deleted()}
	for _, v := range p.allVersionsNewestFirst() {
		if v.deleted() {
			ps.DeletedVersionIDs = append(ps.DeletedVersionIDs, v.id)
		} else {
			ps.ActiveVersionIDs = append(ps.ActiveVersionIDs, v.id)
		}
	}
	return ps, true
}

// Version describes a version, deleted or not, of the package Package
// would describe.
func (s *Server) Version(owner, pkgType, pkgName string, id int64) (VersionState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.anyVersion(owner, pkgType, pkgName, id)
	if err != nil {
		return VersionState{}, false
	}
	return VersionState{ID: v.id, Name: v.name, Tags: slices.Clone(v.tags), Deleted: v.deleted(), DeletedAt: v.deletedAt}, true
}
