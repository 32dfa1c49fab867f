package retention

import (
	"regexp"
	"time"
)

// Version is a package version as the rules see it: what GitHub lists.
type Version struct {
	ID        int64
	Name      string
	Tags      []string // container and docker tags; empty when untagged
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Rules are the keep rules of a policy. Each rule is optional: a nil count,
// a nil age or a nil list is a rule that is not set. A version is kept when
// at least one rule keeps it.
type Rules struct {
	// KeepNewest keeps the N newest versions.
	KeepNewest *int
	// KeepNewestTagged keeps the N newest versions with at least one tag.
	KeepNewestTagged *int
	// KeepNewestUntagged keeps the N newest versions without tags.
	KeepNewestUntagged *int
	// KeepNewerThan keeps versions created less than this long before now
	// (a version created exactly at the cut-off is kept).
	KeepNewerThan *Age
	// KeepTags keeps versions with a tag that one of the expressions
	// matches; each is tested against each tag on its own, unanchored
	// (regexp.MatchString).
	KeepTags []*regexp.Regexp
	// KeepNames keeps versions whose name one of the expressions matches,
	// unanchored.
	KeepNames []*regexp.Regexp
	// KeepIDs keeps the versions with these ids.
	KeepIDs []int64
}

// Empty says that no rule is set: such rules would delete every version
// but the last, and callers refuse them.
func (r Rules) Empty() bool {
	return r.KeepNewest == nil && r.KeepNewestTagged == nil && r.KeepNewestUntagged == nil &&
		r.KeepNewerThan == nil && r.KeepTags == nil && r.KeepNames == nil && r.KeepIDs == nil
}

// Companion is a version that must be kept because another one is.
type Companion struct {
	ID     int64
	Reason string // for example "platform manifest of image index sha256:..."
}

// Companions answers "what else must be kept with this version?". The
// evaluator asks it about every version the rules keep (and about every
// companion in turn), after the rules. Multi-arch container images plug in
// here: a kept image index keeps its platform manifests.
type Companions interface {
	CompanionsOf(kept Version, all []Version) []Companion
}

// NoCompanions is the default: a version needs nothing else.
type NoCompanions struct{}

// CompanionsOf returns nothing.
func (NoCompanions) CompanionsOf(Version, []Version) []Companion { return nil }
