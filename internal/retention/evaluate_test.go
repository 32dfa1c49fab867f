package retention

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// ver is a version created hoursAgo before now.
func ver(id int64, hoursAgo float64, name string, tags ...string) Version {
	created := now.Add(-time.Duration(hoursAgo * float64(time.Hour)))
	if tags == nil {
		tags = []string{}
	}
	return Version{ID: id, Name: name, Tags: tags, CreatedAt: created, UpdatedAt: created}
}

func count(n int) *int { return &n }

func age(t *testing.T, s string) *Age {
	t.Helper()
	a, err := ParseAge(s)
	if err != nil {
		t.Fatal(err)
	}
	return &a
}

func res(exprs ...string) []*regexp.Regexp {
	out := make([]*regexp.Regexp, 0, len(exprs))
	for _, e := range exprs {
		out = append(out, regexp.MustCompile(e))
	}
	return out
}

// registry is a container package as GitHub lists it, newest first: tagged
// releases, untagged manifests, a prerelease.
func registry() []Version {
	return []Version{
		ver(10, 1, "sha256:10", "latest", "v1.3.0"),
		ver(9, 2, "sha256:9"),
		ver(8, 24, "sha256:8", "v1.3.0-rc.1"),
		ver(7, 48, "sha256:7", "prod-2026-05"),
		ver(6, 72, "sha256:6"),
		ver(5, 24*10, "sha256:5", "v1.2.0", "stable"),
		ver(4, 24*20, "sha256:4"),
		ver(3, 24*40, "sha256:3", "prod-2026-01"),
		ver(2, 24*60, "sha256:2", "v1"),
		ver(1, 24*90, "sha256:1", "v1.0.0"),
	}
}

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name     string
		versions []Version
		rules    func(t *testing.T) Rules
		keep     []int64
		reasons  map[int64]string // checked exactly for every kept id when set
		unknown  []int64
	}{
		{
			name:     "keep_newest",
			versions: registry(),
			rules:    func(*testing.T) Rules { return Rules{KeepNewest: count(3)} },
			keep:     []int64{10, 9, 8},
			reasons:  map[int64]string{10: "newest 3", 9: "newest 3", 8: "newest 3"},
		},
		{
			name:     "keep_newest more than there are",
			versions: registry()[:2],
			rules:    func(*testing.T) Rules { return Rules{KeepNewest: count(50)} },
			keep:     []int64{10, 9},
		},
		{
			name:     "keep_newest_tagged",
			versions: registry(),
			rules:    func(*testing.T) Rules { return Rules{KeepNewestTagged: count(3)} },
			keep:     []int64{10, 8, 7},
			reasons:  map[int64]string{10: "newest 3 tagged", 8: "newest 3 tagged", 7: "newest 3 tagged"},
		},
		{
			name:     "keep_newest_untagged",
			versions: registry(),
			rules:    func(*testing.T) Rules { return Rules{KeepNewestUntagged: count(2)} },
			keep:     []int64{9, 6},
			reasons:  map[int64]string{9: "newest 2 untagged", 6: "newest 2 untagged"},
		},
		{
			name:     "keep_newer_than in days",
			versions: registry(),
			rules:    func(t *testing.T) Rules { return Rules{KeepNewerThan: age(t, "2d")} },
			keep:     []int64{10, 9, 8, 7},
			reasons:  map[int64]string{10: "younger than 2d", 9: "younger than 2d", 8: "younger than 2d", 7: "younger than 2d"},
		},
		{
			name:     "keep_newer_than in hours",
			versions: registry(),
			rules:    func(t *testing.T) Rules { return Rules{KeepNewerThan: age(t, "36h")} },
			keep:     []int64{10, 9, 8},
		},
		{
			name:     "keep_newer_than keeps a version created in the future of now",
			versions: []Version{ver(2, -5, "b"), ver(1, 100, "a")},
			rules:    func(t *testing.T) Rules { return Rules{KeepNewerThan: age(t, "1h")} },
			keep:     []int64{2},
		},
		{
			name:     "keep_tags unanchored, each tag on its own",
			versions: registry(),
			rules:    func(*testing.T) Rules { return Rules{KeepTags: res(`^prod-`)} },
			keep:     []int64{7, 3},
			reasons:  map[int64]string{7: "tag prod-2026-05 matches ^prod-", 3: "tag prod-2026-01 matches ^prod-"},
		},
		{
			name:     "keep_tags anchored at both ends",
			versions: registry(),
			rules:    func(*testing.T) Rules { return Rules{KeepTags: res(`^v1$`)} },
			keep:     []int64{2},
			reasons:  map[int64]string{2: "tag v1 matches ^v1$"},
		},
		{
			name:     "keep_tags semver, several expressions",
			versions: registry(),
			rules: func(*testing.T) Rules {
				return Rules{KeepTags: res(`^v?\d+\.\d+\.\d+$`, `^(latest|stable)$`)}
			},
			keep: []int64{10, 5, 1},
			reasons: map[int64]string{
				10: `tag v1.3.0 matches ^v?\d+\.\d+\.\d+$; tag latest matches ^(latest|stable)$`,
				5:  `tag v1.2.0 matches ^v?\d+\.\d+\.\d+$; tag stable matches ^(latest|stable)$`,
				1:  `tag v1.0.0 matches ^v?\d+\.\d+\.\d+$`,
			},
		},
		{
			name:     "keep_tags never matches untagged versions, not even with an empty expression",
			versions: []Version{ver(3, 1, "c"), ver(2, 2, "b", "x"), ver(1, 3, "a")},
			rules:    func(*testing.T) Rules { return Rules{KeepTags: res(``)} },
			keep:     []int64{2},
		},
		{
			name:     "keep_names",
			versions: []Version{ver(4, 1, "2.0.0"), ver(3, 2, "1.10.0"), ver(2, 3, "1.9.0"), ver(1, 4, "0.1.0")},
			rules:    func(*testing.T) Rules { return Rules{KeepNames: res(`^1\.`)} },
			keep:     []int64{3, 2},
			reasons:  map[int64]string{3: `name 1.10.0 matches ^1\.`, 2: `name 1.9.0 matches ^1\.`},
		},
		{
			name:     "KeepIDs, unknown and repeated ids",
			versions: registry(),
			rules:    func(*testing.T) Rules { return Rules{KeepIDs: []int64{4, 99, 1, 4}} },
			keep:     []int64{4, 1},
			reasons:  map[int64]string{4: "kept by id", 1: "kept by id"},
			unknown:  []int64{99},
		},
		{
			name:     "combination: every rule, reasons in rule order",
			versions: registry(),
			rules: func(t *testing.T) Rules {
				return Rules{
					KeepIDs:            []int64{10},
					KeepNewest:         count(1),
					KeepNewestTagged:   count(2),
					KeepNewestUntagged: count(1),
					KeepNewerThan:      age(t, "1d12h"),
					KeepTags:           res(`^latest$`, `^v1\.2`),
					KeepNames:          res(`:1$`),
				}
			},
			keep: []int64{10, 9, 8, 5, 1},
			reasons: map[int64]string{
				10: "kept by id; newest 1; newest 2 tagged; younger than 1d12h; tag latest matches ^latest$",
				9:  "newest 1 untagged; younger than 1d12h",
				8:  "newest 2 tagged; younger than 1d12h",
				5:  `tag v1.2.0 matches ^v1\.2`,
				1:  "name sha256:1 matches :1$",
			},
		},
		{
			name:     "combination: tagged and untagged windows of a multi-registry package",
			versions: registry(),
			rules: func(*testing.T) Rules {
				return Rules{KeepNewestTagged: count(1), KeepNewestUntagged: count(1), KeepTags: res(`^v1$`)}
			},
			keep: []int64{10, 9, 2},
		},
		{
			name: "ties in created_at keep GitHub's order",
			versions: []Version{
				ver(30, 1, "c"), ver(10, 1, "a"), ver(20, 1, "b"), ver(5, 2, "old"),
			},
			rules: func(*testing.T) Rules { return Rules{KeepNewest: count(2)} },
			keep:  []int64{30, 10},
		},
		{
			name: "out-of-order listing is sorted by created_at",
			versions: []Version{
				ver(1, 30, "a"), ver(3, 10, "c"), ver(2, 20, "b"),
			},
			rules: func(*testing.T) Rules { return Rules{KeepNewest: count(1)} },
			keep:  []int64{3},
		},
		{
			name:     "no tags at all: the tag rules keep nothing, the last version stays",
			versions: []Version{ver(3, 1, "3.0.0"), ver(2, 2, "2.0.0"), ver(1, 3, "1.0.0")},
			rules: func(*testing.T) Rules {
				return Rules{KeepNewestTagged: count(5), KeepTags: res(`.*`)}
			},
			keep:    []int64{3},
			reasons: map[int64]string{3: ReasonLastVersion},
		},
		{
			name:     "many tags: each expression names the first tag it matches",
			versions: []Version{ver(2, 1, "b", manyTags(200)...), ver(1, 2, "a", "other")},
			rules:    func(*testing.T) Rules { return Rules{KeepTags: res(`^t-1\d\d$`, `^t-042$`)} },
			keep:     []int64{2},
			reasons:  map[int64]string{2: `tag t-100 matches ^t-1\d\d$; tag t-042 matches ^t-042$`},
		},
		{
			name:     "a rule keeping nothing keeps the last version",
			versions: registry(),
			rules:    func(*testing.T) Rules { return Rules{KeepNewest: count(0)} },
			keep:     []int64{10},
			reasons:  map[int64]string{10: ReasonLastVersion},
		},
		{
			name:     "the only version is kept",
			versions: []Version{ver(1, 24*365, "old")},
			rules:    func(t *testing.T) Rules { return Rules{KeepNewerThan: age(t, "1d")} },
			keep:     []int64{1},
			reasons:  map[int64]string{1: ReasonLastVersion},
		},
		{
			name:     "no versions",
			versions: nil,
			rules:    func(*testing.T) Rules { return Rules{KeepNewest: count(3)} },
			keep:     []int64{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := slices.Clone(tt.versions)
			got := Evaluate(tt.versions, tt.rules(t), now)
			if !slices.Equal(got.Keep, tt.keep) {
				t.Errorf("keep = %v, want %v", got.Keep, tt.keep)
			}
			checkPartition(t, tt.versions, got)
			for id, want := range tt.reasons {
				if r := got.Reason(id); r != want {
					t.Errorf("reason of %d = %q, want %q", id, r, want)
				}
			}
			if tt.reasons != nil && len(tt.reasons) != len(got.Keep) {
				t.Errorf("%d reasons checked for %d kept versions", len(tt.reasons), len(got.Keep))
			}
			if !slices.Equal(got.UnknownIDs, tt.unknown) {
				t.Errorf("unknown ids = %v, want %v", got.UnknownIDs, tt.unknown)
			}
			if !slices.EqualFunc(input, tt.versions, func(a, b Version) bool { return a.ID == b.ID }) {
				t.Error("Evaluate reordered its input")
			}
		})
	}
}

// checkPartition: every version is in keep or delete, once; both are newest
// first; every kept id has a reason and no deleted id has one.
func checkPartition(t *testing.T, versions []Version, got Result) {
	t.Helper()
	if len(got.Keep)+len(got.Delete) != len(versions) {
		t.Fatalf("%d kept + %d deleted != %d versions", len(got.Keep), len(got.Delete), len(versions))
	}
	pos := map[int64]int{}
	for i, v := range newestFirst(versions) {
		pos[v.ID] = i
	}
	for _, list := range [][]int64{got.Keep, got.Delete} {
		for i := 1; i < len(list); i++ {
			if pos[list[i-1]] >= pos[list[i]] {
				t.Errorf("not newest first: %v", list)
			}
		}
	}
	for _, id := range got.Keep {
		if len(got.Reasons[id]) == 0 {
			t.Errorf("kept %d without a reason", id)
		}
	}
	for _, id := range got.Delete {
		if slices.Contains(got.Keep, id) || len(got.Reasons[id]) > 0 {
			t.Errorf("%d is both kept and deleted", id)
		}
	}
	if len(versions) > 0 && len(got.Keep) == 0 {
		t.Error("every version deleted: GitHub refuses to delete the last one")
	}
}

func manyTags(n int) []string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = fmt.Sprintf("t-%03d", i)
	}
	return tags
}

// indexCompanions keeps, with a kept version, the ids listed for it:
// an image index and its platform manifests, as issue 13 will find them.
type indexCompanions map[int64][]int64

func (c indexCompanions) CompanionsOf(kept Version, _ []Version) []Companion {
	var out []Companion
	for _, id := range c[kept.ID] {
		out = append(out, Companion{ID: id, Reason: fmt.Sprintf("platform manifest of %s", kept.Name)})
	}
	return out
}

func TestEvaluateCompanions(t *testing.T) {
	versions := []Version{
		ver(6, 1, "index-b", "v2"), ver(5, 1, "amd64-b"), ver(4, 1, "arm64-b"),
		ver(3, 2, "index-a", "v1"), ver(2, 2, "amd64-a"), ver(1, 2, "arm64-a"),
	}
	// A companion of a companion is kept too; an unlisted id is ignored.
	comps := indexCompanions{3: {2, 1, 999}, 2: {4}}
	got := Evaluator{Rules: Rules{KeepTags: res(`^v1$`)}, Companions: comps}.Evaluate(versions, now)
	if want := []int64{4, 3, 2, 1}; !slices.Equal(got.Keep, want) {
		t.Fatalf("keep = %v, want %v", got.Keep, want)
	}
	checkPartition(t, versions, got)
	for id, want := range map[int64]string{
		3: "tag v1 matches ^v1$", 2: "platform manifest of index-a", 1: "platform manifest of index-a", 4: "platform manifest of amd64-a",
	} {
		if r := got.Reason(id); r != want {
			t.Errorf("reason of %d = %q, want %q", id, r, want)
		}
	}
	// The default asks nothing.
	if got := (Evaluator{Rules: Rules{KeepTags: res(`^v1$`)}, Companions: NoCompanions{}}).Evaluate(versions, now); !slices.Equal(got.Keep, []int64{3}) {
		t.Errorf("NoCompanions: keep = %v, want [3]", got.Keep)
	}
}

// TestEvaluateTenThousand: a CI cache of 10,000 versions, one every 10
// minutes, every 10th tagged, some at the same second.
func TestEvaluateTenThousand(t *testing.T) {
	const n = 10000
	versions := make([]Version, 0, n)
	for i := range n {
		id := int64(n - i)
		var tags []string
		if id%10 == 0 {
			tags = []string{fmt.Sprintf("build-%d", id)}
			if id%1000 == 0 {
				tags = append(tags, fmt.Sprintf("v%d.0.0", id/1000))
			}
		}
		// Pairs share a created_at: ties in GitHub's order.
		versions = append(versions, ver(id, float64(i/2)/6, "sha256:"+fmt.Sprint(id), tags...))
	}
	rules := Rules{
		KeepNewest:         count(5),
		KeepNewestTagged:   count(20),
		KeepNewestUntagged: count(3),
		KeepNewerThan:      age(t, "1d"),
		KeepTags:           res(`^v\d+\.0\.0$`),
		KeepIDs:            []int64{1},
	}
	start := time.Now()
	got := Evaluate(versions, rules, now)
	elapsed := time.Since(start)
	checkPartition(t, versions, got)

	// younger than 1d: created at i/2 * 10 min <= 24h, so i/2 <= 144: i < 290.
	want := map[int64]bool{1: true}
	for i := range 290 {
		want[int64(n-i)] = true
	}
	for id := int64(n); len(want) > 0 && id > 0; id-- {
		if id%1000 == 0 {
			want[id] = true
		}
	}
	tagged := 0
	for id := int64(n); tagged < 20; id-- {
		if id%10 == 0 {
			want[id] = true
			tagged++
		}
	}
	if len(got.Keep) != len(want) {
		t.Errorf("kept %d, want %d", len(got.Keep), len(want))
	}
	for _, id := range got.Keep {
		if !want[id] {
			t.Errorf("kept %d (%s)", id, got.Reason(id))
		}
	}
	if r := got.Reason(n); r != "newest 5; newest 20 tagged; younger than 1d; tag v10.0.0 matches ^v\\d+\\.0\\.0$" {
		t.Errorf("reason of the newest: %q", r)
	}
	if elapsed > 2*time.Second {
		t.Errorf("10,000 versions took %s", elapsed)
	}
}

func BenchmarkEvaluateTenThousand(b *testing.B) {
	versions := make([]Version, 0, 10000)
	for i := range 10000 {
		versions = append(versions, ver(int64(10000-i), float64(i), "x", strings.Repeat("t", i%3)))
	}
	rules := Rules{KeepNewest: count(10), KeepTags: res(`^v`), KeepNewerThan: &Age{Duration: 30 * 24 * time.Hour, Text: "30d"}}
	for b.Loop() {
		Evaluate(versions, rules, now)
	}
}

func TestRulesEmpty(t *testing.T) {
	if !(Rules{}).Empty() {
		t.Error("zero Rules not empty")
	}
	for _, r := range []Rules{
		{KeepNewest: count(0)}, {KeepNewestTagged: count(1)}, {KeepNewestUntagged: count(1)},
		{KeepNewerThan: &Age{}}, {KeepTags: res()}, {KeepNames: res()}, {KeepIDs: []int64{}},
	} {
		if r.Empty() {
			t.Errorf("%+v is empty", r)
		}
	}
}
