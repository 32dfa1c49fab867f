package retention

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ReasonLastVersion is why the newest version is kept when the rules keep
// nothing: GitHub refuses to delete a package's last version.
const ReasonLastVersion = "last version of the package"

// ReasonKeptByID is why a version that Rules.KeepIDs names is kept.
const ReasonKeptByID = "kept by id"

// Result is the split of a package's versions.
type Result struct {
	// Keep and Delete are version ids, newest first (by created_at, ties in
	// the order GitHub listed them). Every listed version is in exactly one.
	Keep   []int64
	Delete []int64
	// Reasons lists, for each kept id, every rule that keeps it, in a fixed
	// order: id, newest, newest tagged, newest untagged, age, tags, names,
	// companions, last version.
	Reasons map[int64][]string
	// UnknownIDs are KeepIDs that are not among the versions, in the order
	// given; they keep nothing.
	UnknownIDs []int64
}

// Reason is the reasons of a kept id joined by "; ", or "" for an id that is
// not kept.
func (r Result) Reason(id int64) string {
	return strings.Join(r.Reasons[id], "; ")
}

// Evaluator evaluates rules, with a Companions seam (nil: NoCompanions).
type Evaluator struct {
	Rules      Rules
	Companions Companions
}

// Evaluate splits versions with rules, at the reference time now, with no
// companions.
func Evaluate(versions []Version, rules Rules, now time.Time) Result {
	return Evaluator{Rules: rules}.Evaluate(versions, now)
}

// Evaluate splits versions into keep and delete. versions is GitHub's
// listing (newest first); it is not modified.
func (e Evaluator) Evaluate(versions []Version, now time.Time) Result {
	ordered := newestFirst(versions)
	reasons := make(map[int64][]string, len(ordered))
	keep := func(id int64, reason string) { reasons[id] = append(reasons[id], reason) }
	r := e.Rules
	res := Result{}

	// KeepIDs: remember those that are not listed.
	if len(r.KeepIDs) > 0 {
		present := make(map[int64]bool, len(ordered))
		for _, v := range ordered {
			present[v.ID] = true
		}
		wanted := make(map[int64]bool, len(r.KeepIDs))
		for _, id := range r.KeepIDs {
			if wanted[id] {
				continue
			}
			wanted[id] = true
			if !present[id] {
				res.UnknownIDs = append(res.UnknownIDs, id)
			}
		}
		for _, v := range ordered {
			if wanted[v.ID] {
				keep(v.ID, ReasonKeptByID)
			}
		}
	}

	newestN(ordered, r.KeepNewest, func(Version) bool { return true }, "newest %d", keep)
	newestN(ordered, r.KeepNewestTagged, func(v Version) bool { return len(v.Tags) > 0 }, "newest %d tagged", keep)
	newestN(ordered, r.KeepNewestUntagged, func(v Version) bool { return len(v.Tags) == 0 }, "newest %d untagged", keep)

	if r.KeepNewerThan != nil {
		cutoff := now.Add(-r.KeepNewerThan.Duration)
		reason := "younger than " + r.KeepNewerThan.String()
		for _, v := range ordered {
			if !v.CreatedAt.Before(cutoff) {
				keep(v.ID, reason)
			}
		}
	}

	if len(r.KeepTags) > 0 {
		for _, v := range ordered {
			for _, re := range r.KeepTags {
				for _, tag := range v.Tags {
					if re.MatchString(tag) {
						keep(v.ID, fmt.Sprintf("tag %s matches %s", tag, re))
						break // one tag per expression is reason enough
					}
				}
			}
		}
	}

	if len(r.KeepNames) > 0 {
		for _, v := range ordered {
			for _, re := range r.KeepNames {
				if re.MatchString(v.Name) {
					keep(v.ID, fmt.Sprintf("name %s matches %s", v.Name, re))
				}
			}
		}
	}

	e.addCompanions(ordered, reasons)

	if len(reasons) == 0 && len(ordered) > 0 {
		keep(ordered[0].ID, ReasonLastVersion)
	}

	res.Reasons = reasons
	res.Keep = make([]int64, 0, len(reasons))
	res.Delete = make([]int64, 0, len(ordered)-len(reasons))
	for _, v := range ordered {
		if _, ok := reasons[v.ID]; ok {
			res.Keep = append(res.Keep, v.ID)
		} else {
			res.Delete = append(res.Delete, v.ID)
		}
	}
	return res
}

// addCompanions keeps what every kept version needs, and what that needs in
// turn, once each.
func (e Evaluator) addCompanions(ordered []Version, reasons map[int64][]string) {
	c := e.Companions
	if c == nil {
		return
	}
	if _, none := c.(NoCompanions); none {
		return
	}
	byID := make(map[int64]Version, len(ordered))
	var queue []int64
	for _, v := range ordered {
		byID[v.ID] = v
		if _, ok := reasons[v.ID]; ok {
			queue = append(queue, v.ID)
		}
	}
	asked := make(map[int64]bool, len(queue))
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if asked[id] {
			continue
		}
		asked[id] = true
		for _, comp := range c.CompanionsOf(byID[id], ordered) {
			if _, listed := byID[comp.ID]; !listed || comp.ID == id {
				continue
			}
			if !slices.Contains(reasons[comp.ID], comp.Reason) {
				reasons[comp.ID] = append(reasons[comp.ID], comp.Reason)
			}
			if !asked[comp.ID] {
				queue = append(queue, comp.ID)
			}
		}
	}
}

// newestN keeps the first n versions (of ordered, newest first) that match.
func newestN(ordered []Version, n *int, match func(Version) bool, format string, keep func(int64, string)) {
	if n == nil || *n <= 0 {
		return
	}
	reason := fmt.Sprintf(format, *n)
	left := *n
	for _, v := range ordered {
		if left == 0 {
			return
		}
		if match(v) {
			keep(v.ID, reason)
			left--
		}
	}
}

// newestFirst orders versions by created_at, newest first; versions created
// at the same time stay in the order GitHub listed them.
func newestFirst(versions []Version) []Version {
	ordered := slices.Clone(versions)
	slices.SortStableFunc(ordered, func(a, b Version) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return ordered
}
