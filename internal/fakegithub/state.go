package fakegithub

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// restoreWindow is how long GitHub keeps a deleted package or version
// restorable (and lists deleted versions with state=deleted).
const restoreWindow = 30 * 24 * time.Hour

// First automatic ids. Version ids start above 2^31 because real ones
// already do, and clients that squeeze them into 32 bits must fail here.
const (
	firstOwnerID   = 10_000
	firstPackageID = 4_000_000_000
	firstVersionID = 3_000_000_000
)

// packageTypes are the registries of the contract's package_type enum.
var packageTypes = []string{"npm", "maven", "rubygems", "docker", "nuget", "container"}

func validPackageType(t string) bool { return slices.Contains(packageTypes, t) }

// repoScopedTypes are the registries whose permissions come from a
// repository, so writing to them also needs the repo scope.
var repoScopedTypes = []string{"maven", "nuget", "rubygems", "docker"}

type owner struct {
	login   string
	id      int64
	org     bool
	members map[string]bool // lower-cased user logins
}

type pkg struct {
	id             int64
	owner          *owner
	name           string
	typ            string
	visibility     string
	repository     string
	dockerConflict bool
	createdAt      time.Time
	deletedAt      time.Time // zero while active
	versions       []*version
}

func (p *pkg) deleted() bool { return !p.deletedAt.IsZero() }

type version struct {
	id          int64
	name        string
	tags        []string
	downloads   int64
	license     string
	description string
	createdAt   time.Time
	deletedAt   time.Time // zero while active
	// mediaType and manifest are what the registry serves for the version;
	// manifest is nil when the registry has none.
	mediaType string
	manifest  []byte
}

func (v *version) deleted() bool { return !v.deletedAt.IsZero() }

// state is everything the fake knows. It is not goroutine-safe: the Server
// guards it with its mutex.
type state struct {
	owners   []*owner
	packages []*pkg // every package ever created, deleted ones included
	// versionIDs and packageIDs keep ids unique across the whole fake.
	versionIDs map[int64]bool
	packageIDs map[int64]bool
	nextOwner  int64
	nextPkg    int64
	nextVer    int64
}

// newState builds the state a seed describes, with times relative to now.
func newState(seed Seed, now time.Time) (*state, error) {
	st := &state{
		versionIDs: map[int64]bool{},
		packageIDs: map[int64]bool{},
		nextOwner:  firstOwnerID,
		nextPkg:    firstPackageID,
		nextVer:    firstVersionID,
	}
	// Automatic ids start after every explicit one so they never collide.
	for _, o := range seed.Owners {
		st.nextOwner = max(st.nextOwner, o.ID+1)
		for _, p := range o.Packages {
			st.nextPkg = max(st.nextPkg, p.ID+1)
			for _, v := range p.Versions {
				st.nextVer = max(st.nextVer, v.ID+1)
			}
		}
	}
	for _, so := range seed.Owners {
		if err := st.seedOwner(so, now); err != nil {
			return nil, err
		}
	}
	return st, nil
}

func (st *state) seedOwner(so SeedOwner, now time.Time) error {
	if so.Login == "" {
		return fmt.Errorf("fakegithub: seed owner without login")
	}
	if st.ownerByLogin(so.Login) != nil {
		return fmt.Errorf("fakegithub: seed owner %q listed twice", so.Login)
	}
	if so.ID != 0 && st.ownerByID(so.ID) != nil {
		return fmt.Errorf("fakegithub: seed owner %q reuses id %d", so.Login, so.ID)
	}
	var org bool
	switch so.Type {
	case "", "User":
	case "Organization":
		org = true
	default:
		return fmt.Errorf("fakegithub: seed owner %q has type %q, want Organization or User", so.Login, so.Type)
	}
	o := st.addOwner(so.Login, so.ID, org)
	for _, m := range so.Members {
		o.members[strings.ToLower(m)] = true
	}
	for _, sp := range so.Packages {
		if err := st.seedPackage(o, sp, now); err != nil {
			return err
		}
	}
	return nil
}

func (st *state) seedPackage(o *owner, sp SeedPackage, now time.Time) error {
	where := fmt.Sprintf("seed package %s/%s/%s", o.login, sp.Type, sp.Name)
	if sp.Name == "" {
		return fmt.Errorf("fakegithub: %s: empty name", where)
	}
	if !validPackageType(sp.Type) {
		return fmt.Errorf("fakegithub: %s: type must be one of %s", where, strings.Join(packageTypes, ", "))
	}
	switch sp.Visibility {
	case "", "private", "public":
	default:
		return fmt.Errorf("fakegithub: %s: visibility %q, want public or private", where, sp.Visibility)
	}
	if sp.ID != 0 && st.packageIDs[sp.ID] {
		return fmt.Errorf("fakegithub: %s: package id %d used twice", where, sp.ID)
	}
	if sp.DeletedDaysAgo == nil && st.activePackage(o, sp.Type, sp.Name) != nil {
		return fmt.Errorf("fakegithub: %s: two active packages with that name", where)
	}
	p := st.addPackage(o, sp.Type, sp.Name, sp.ID, daysAgo(now, sp.CreatedDaysAgo))
	if sp.Visibility != "" {
		p.visibility = sp.Visibility
	}
	p.repository = sp.Repository
	p.dockerConflict = sp.DockerConflict
	if sp.DeletedDaysAgo != nil {
		p.deletedAt = daysAgo(now, *sp.DeletedDaysAgo)
	}
	built, err := buildManifests(where, sp)
	if err != nil {
		return err
	}
	oldest := 0.0
	for _, sv := range sp.Versions {
		if sv.ID != 0 && st.versionIDs[sv.ID] {
			return fmt.Errorf("fakegithub: %s: version id %d used twice", where, sv.ID)
		}
		var b *builtManifest
		if sv.Manifest != nil {
			b = built[sv.Key]
			if sv.Name != "" && sv.Name != b.digest {
				return fmt.Errorf("fakegithub: %s: version %q: the name of a version with a manifest is its digest %s", where, sv.Key, b.digest)
			}
			sv.Name = b.digest
			if b.kind == "signature" && b.subject != "" && !sv.Manifest.SubjectField {
				sv.Tags = append(slices.Clone(sv.Tags), "sha256-"+strings.TrimPrefix(b.subject, "sha256:")+".sig")
			}
		}
		v := st.addVersion(p, sv, now)
		if b != nil {
			v.mediaType, v.manifest = b.mediaType, b.body
		}
		oldest = max(oldest, sv.CreatedDaysAgo)
	}
	// Generated versions are older than the listed ones, an hour apart, so
	// the listed ones stay at the top of the newest-first lists.
	for i := range sp.GenerateVersions {
		st.addVersion(p, SeedVersion{CreatedDaysAgo: oldest + float64(i+1)/24}, now)
	}
	// A package is at least as old as its oldest version, whatever the seed says.
	for _, v := range p.versions {
		if v.createdAt.Before(p.createdAt) {
			p.createdAt = v.createdAt
		}
	}
	return nil
}

func daysAgo(now time.Time, days float64) time.Time {
	return now.Add(-time.Duration(days * float64(24*time.Hour))).UTC().Truncate(time.Second)
}

func (st *state) addOwner(login string, id int64, org bool) *owner {
	if id == 0 {
		id = st.nextOwner
	}
	st.nextOwner = max(st.nextOwner, id+1)
	o := &owner{login: login, id: id, org: org, members: map[string]bool{}}
	st.owners = append(st.owners, o)
	return o
}

// ownerByLogin ignores case, as GitHub does for logins.
func (st *state) ownerByLogin(login string) *owner {
	for _, o := range st.owners {
		if strings.EqualFold(o.login, login) {
			return o
		}
	}
	return nil
}

func (st *state) ownerByID(id int64) *owner {
	for _, o := range st.owners {
		if o.id == id {
			return o
		}
	}
	return nil
}

// addPackage creates an active private package.
func (st *state) addPackage(o *owner, typ, name string, id int64, created time.Time) *pkg {
	if id == 0 {
		id = st.nextPkg
	}
	st.nextPkg = max(st.nextPkg, id+1)
	st.packageIDs[id] = true
	p := &pkg{id: id, owner: o, name: name, typ: typ, visibility: "private", createdAt: created}
	st.packages = append(st.packages, p)
	return p
}

// addVersion adds sv to p, picking an id and a name when sv has none.
func (st *state) addVersion(p *pkg, sv SeedVersion, now time.Time) *version {
	id := sv.ID
	if id == 0 {
		id = st.nextVer
	}
	st.nextVer = max(st.nextVer, id+1)
	st.versionIDs[id] = true
	v := &version{
		id:          id,
		name:        sv.Name,
		tags:        slices.Clone(sv.Tags),
		downloads:   sv.Downloads,
		license:     sv.License,
		description: sv.Description,
		createdAt:   daysAgo(now, sv.CreatedDaysAgo),
	}
	if v.name == "" {
		v.name = generatedVersionName(p, id)
	}
	if sv.DeletedDaysAgo != nil {
		v.deletedAt = daysAgo(now, *sv.DeletedDaysAgo)
	}
	p.versions = append(p.versions, v)
	return v
}

// generatedVersionName is a digest for images (their versions are manifests)
// and a semantic version for the other registries.
func generatedVersionName(p *pkg, id int64) string {
	if p.typ == "container" || p.typ == "docker" {
		return digest(fmt.Sprintf("%s/%d", p.name, id))
	}
	return fmt.Sprintf("0.0.%d", id-firstVersionID)
}

// activePackage is the live package of that name, or nil.
func (st *state) activePackage(o *owner, typ, name string) *pkg {
	for _, p := range st.packages {
		if p.owner == o && p.typ == typ && p.name == name && !p.deleted() {
			return p
		}
	}
	return nil
}

// latestDeletedPackage is the most recently deleted package of that name, or nil.
func (st *state) latestDeletedPackage(o *owner, typ, name string) *pkg {
	var found *pkg
	for _, p := range st.packages {
		if p.owner == o && p.typ == typ && p.name == name && p.deleted() &&
			(found == nil || p.deletedAt.After(found.deletedAt)) {
			found = p
		}
	}
	return found
}

// ownerPackages lists o's active packages, by id as GitHub orders them.
func (st *state) ownerPackages(o *owner) []*pkg {
	var out []*pkg
	for _, p := range st.packages {
		if p.owner == o && !p.deleted() {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *pkg) int { return cmp.Compare(a.id, b.id) })
	return out
}

// listVersions returns p's active versions, or with deleted its versions
// deleted within the restore window, newest first.
func (p *pkg) listVersions(deleted bool, now time.Time) []*version {
	var out []*version
	for _, v := range p.versions {
		switch {
		case !deleted && !v.deleted():
			out = append(out, v)
		case deleted && v.deleted() && now.Sub(v.deletedAt) <= restoreWindow:
			out = append(out, v)
		}
	}
	sortNewestFirst(out)
	return out
}

// allVersionsNewestFirst includes every deleted version, however old.
func (p *pkg) allVersionsNewestFirst() []*version {
	out := slices.Clone(p.versions)
	sortNewestFirst(out)
	return out
}

func (p *pkg) version(id int64) *version {
	for _, v := range p.versions {
		if v.id == id {
			return v
		}
	}
	return nil
}

func (p *pkg) activeVersionCount() int {
	n := 0
	for _, v := range p.versions {
		if !v.deleted() {
			n++
		}
	}
	return n
}

// updatedAt is when the package last changed: its newest version's birth.
func (p *pkg) updatedAt() time.Time {
	t := p.createdAt
	for _, v := range p.versions {
		if !v.deleted() && v.createdAt.After(t) {
			t = v.createdAt
		}
	}
	return t
}

// sortNewestFirst orders versions as GitHub lists them: by creation time,
// newest first, ties broken by the higher id.
func sortNewestFirst(vs []*version) {
	slices.SortFunc(vs, func(a, b *version) int {
		if c := b.createdAt.Compare(a.createdAt); c != 0 {
			return c
		}
		return cmp.Compare(b.id, a.id)
	})
}
