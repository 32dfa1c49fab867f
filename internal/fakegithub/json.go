package fakegithub

import (
	"encoding/base64"
	"fmt"
	"hash/fnv"
	"net/url"
	"strings"
	"time"
)

// The JSON shapes below are the contract's schemas with every required
// field, so that strict decoders in clients meet what GitHub sends. API
// URLs point at the fake itself (base), web URLs at https://github.com.

const webBase = "https://github.com"

func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// simpleUser is the contract's simple-user.
type simpleUser struct {
	Login             string `json:"login"`
	ID                int64  `json:"id"`
	NodeID            string `json:"node_id"`
	AvatarURL         string `json:"avatar_url"`
	GravatarID        string `json:"gravatar_id"`
	URL               string `json:"url"`
	HTMLURL           string `json:"html_url"`
	FollowersURL      string `json:"followers_url"`
	FollowingURL      string `json:"following_url"`
	GistsURL          string `json:"gists_url"`
	StarredURL        string `json:"starred_url"`
	SubscriptionsURL  string `json:"subscriptions_url"`
	OrganizationsURL  string `json:"organizations_url"`
	ReposURL          string `json:"repos_url"`
	EventsURL         string `json:"events_url"`
	ReceivedEventsURL string `json:"received_events_url"`
	Type              string `json:"type"`
	UserViewType      string `json:"user_view_type"`
	SiteAdmin         bool   `json:"site_admin"`
}

// accountJSON describes an account; a repository owner the seed does not
// list is described from its login alone.
func accountJSON(base, login string, id int64, org bool) simpleUser {
	typ, node := "User", "04:User"
	if org {
		typ, node = "Organization", "012:Organization"
	}
	u := base + "/users/" + login
	return simpleUser{
		Login:             login,
		ID:                id,
		NodeID:            base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "%s%d", node, id)),
		AvatarURL:         fmt.Sprintf("https://avatars.githubusercontent.com/u/%d?v=4", id),
		GravatarID:        "",
		URL:               u,
		HTMLURL:           webBase + "/" + login,
		FollowersURL:      u + "/followers",
		FollowingURL:      u + "/following{/other_user}",
		GistsURL:          u + "/gists{/gist_id}",
		StarredURL:        u + "/starred{/owner}{/repo}",
		SubscriptionsURL:  u + "/subscriptions",
		OrganizationsURL:  u + "/orgs",
		ReposURL:          u + "/repos",
		EventsURL:         u + "/events{/privacy}",
		ReceivedEventsURL: u + "/received_events",
		Type:              typ,
		UserViewType:      "public",
	}
}

func ownerJSON(base string, o *owner) simpleUser { return accountJSON(base, o.login, o.id, o.org) }

// minimalRepository is the contract's minimal-repository, required fields
// only (plus description, which the schema requires without declaring).
type minimalRepository struct {
	ID               int64      `json:"id"`
	NodeID           string     `json:"node_id"`
	Name             string     `json:"name"`
	FullName         string     `json:"full_name"`
	Owner            simpleUser `json:"owner"`
	Private          bool       `json:"private"`
	HTMLURL          string     `json:"html_url"`
	Description      *string    `json:"description"`
	Fork             bool       `json:"fork"`
	URL              string     `json:"url"`
	ArchiveURL       string     `json:"archive_url"`
	AssigneesURL     string     `json:"assignees_url"`
	BlobsURL         string     `json:"blobs_url"`
	BranchesURL      string     `json:"branches_url"`
	CollaboratorsURL string     `json:"collaborators_url"`
	CommentsURL      string     `json:"comments_url"`
	CommitsURL       string     `json:"commits_url"`
	CompareURL       string     `json:"compare_url"`
	ContentsURL      string     `json:"contents_url"`
	ContributorsURL  string     `json:"contributors_url"`
	DeploymentsURL   string     `json:"deployments_url"`
	DownloadsURL     string     `json:"downloads_url"`
	EventsURL        string     `json:"events_url"`
	ForksURL         string     `json:"forks_url"`
	GitCommitsURL    string     `json:"git_commits_url"`
	GitRefsURL       string     `json:"git_refs_url"`
	GitTagsURL       string     `json:"git_tags_url"`
	HooksURL         string     `json:"hooks_url"`
	IssueCommentURL  string     `json:"issue_comment_url"`
	IssueEventsURL   string     `json:"issue_events_url"`
	IssuesURL        string     `json:"issues_url"`
	KeysURL          string     `json:"keys_url"`
	LabelsURL        string     `json:"labels_url"`
	LanguagesURL     string     `json:"languages_url"`
	MergesURL        string     `json:"merges_url"`
	MilestonesURL    string     `json:"milestones_url"`
	NotificationsURL string     `json:"notifications_url"`
	PullsURL         string     `json:"pulls_url"`
	ReleasesURL      string     `json:"releases_url"`
	StargazersURL    string     `json:"stargazers_url"`
	StatusesURL      string     `json:"statuses_url"`
	SubscribersURL   string     `json:"subscribers_url"`
	SubscriptionURL  string     `json:"subscription_url"`
	TagsURL          string     `json:"tags_url"`
	TeamsURL         string     `json:"teams_url"`
	TreesURL         string     `json:"trees_url"`
}

// repositoryJSON describes the repository "owner/name" a package is linked
// to. Its id is a hash of the name, so it is stable across runs.
func repositoryJSON(base string, st *state, fullName string, private bool) *minimalRepository {
	login, name, _ := strings.Cut(fullName, "/")
	var owner simpleUser
	if o := st.ownerByLogin(login); o != nil {
		owner = ownerJSON(base, o)
	} else {
		owner = accountJSON(base, login, stableID(login), false)
	}
	id := stableID(fullName)
	u := base + "/repos/" + fullName
	return &minimalRepository{
		ID:               id,
		NodeID:           base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "010:Repository%d", id)),
		Name:             name,
		FullName:         fullName,
		Owner:            owner,
		Private:          private,
		HTMLURL:          webBase + "/" + fullName,
		Fork:             false,
		URL:              u,
		ArchiveURL:       u + "/{archive_format}{/ref}",
		AssigneesURL:     u + "/assignees{/user}",
		BlobsURL:         u + "/git/blobs{/sha}",
		BranchesURL:      u + "/branches{/branch}",
		CollaboratorsURL: u + "/collaborators{/collaborator}",
		CommentsURL:      u + "/comments{/number}",
		CommitsURL:       u + "/commits{/sha}",
		CompareURL:       u + "/compare/{base}...{head}",
		ContentsURL:      u + "/contents/{+path}",
		ContributorsURL:  u + "/contributors",
		DeploymentsURL:   u + "/deployments",
		DownloadsURL:     u + "/downloads",
		EventsURL:        u + "/events",
		ForksURL:         u + "/forks",
		GitCommitsURL:    u + "/git/commits{/sha}",
		GitRefsURL:       u + "/git/refs{/sha}",
		GitTagsURL:       u + "/git/tags{/sha}",
		HooksURL:         u + "/hooks",
		IssueCommentURL:  u + "/issues/comments{/number}",
		IssueEventsURL:   u + "/issues/events{/number}",
		IssuesURL:        u + "/issues{/number}",
		KeysURL:          u + "/keys{/key_id}",
		LabelsURL:        u + "/labels{/name}",
		LanguagesURL:     u + "/languages",
		MergesURL:        u + "/merges",
		MilestonesURL:    u + "/milestones{/number}",
		NotificationsURL: u + "/notifications{?since,all,participating}",
		PullsURL:         u + "/pulls{/number}",
		ReleasesURL:      u + "/releases{/id}",
		StargazersURL:    u + "/stargazers",
		StatusesURL:      u + "/statuses/{sha}",
		SubscribersURL:   u + "/subscribers",
		SubscriptionURL:  u + "/subscription",
		TagsURL:          u + "/tags",
		TeamsURL:         u + "/teams",
		TreesURL:         u + "/git/trees{/sha}",
	}
}

func stableID(s string) int64 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return int64(h.Sum32())
}

// packageJSON is the contract's package.
type packageJSON struct {
	ID           int64              `json:"id"`
	Name         string             `json:"name"`
	PackageType  string             `json:"package_type"`
	Owner        simpleUser         `json:"owner"`
	VersionCount int                `json:"version_count"`
	Visibility   string             `json:"visibility"`
	URL          string             `json:"url"`
	CreatedAt    string             `json:"created_at"`
	UpdatedAt    string             `json:"updated_at"`
	Repository   *minimalRepository `json:"repository"` // null when linked to none
	HTMLURL      string             `json:"html_url"`
}

// packageAPIURL is the package's own URL, under its owner's canonical
// route whichever route it was read through.
func packageAPIURL(base string, p *pkg) string {
	kind := "/users/"
	if p.owner.org {
		kind = "/orgs/"
	}
	return base + kind + p.owner.login + "/packages/" + p.typ + "/" + url.PathEscape(p.name)
}

// packageWebURL follows GitHub's shapes: images under the owner's package
// page, other registries under their repository when they have one.
func packageWebURL(p *pkg) string {
	if p.repository != "" && p.typ != "container" && p.typ != "docker" {
		return fmt.Sprintf("%s/%s/packages/%d", webBase, p.repository, p.id)
	}
	return webBase + ownerWebPath(p.owner) + "/packages/" + p.typ + "/package/" + url.PathEscape(p.name)
}

func ownerWebPath(o *owner) string {
	if o.org {
		return "/orgs/" + o.login
	}
	return "/users/" + o.login
}

func packageToJSON(base string, st *state, p *pkg) packageJSON {
	out := packageJSON{
		ID:           p.id,
		Name:         p.name,
		PackageType:  p.typ,
		Owner:        ownerJSON(base, p.owner),
		VersionCount: p.activeVersionCount(),
		Visibility:   p.visibility,
		URL:          packageAPIURL(base, p),
		CreatedAt:    timestamp(p.createdAt),
		UpdatedAt:    timestamp(p.updatedAt()),
		HTMLURL:      packageWebURL(p),
	}
	if p.repository != "" {
		out.Repository = repositoryJSON(base, st, p.repository, p.visibility == "private")
	}
	return out
}

// versionJSON is the contract's package-version.
type versionJSON struct {
	ID             int64           `json:"id"`
	Name           string          `json:"name"`
	URL            string          `json:"url"`
	PackageHTMLURL string          `json:"package_html_url"`
	HTMLURL        string          `json:"html_url"`
	License        string          `json:"license,omitempty"`
	Description    string          `json:"description,omitempty"`
	CreatedAt      string          `json:"created_at"`
	UpdatedAt      string          `json:"updated_at"`
	DeletedAt      string          `json:"deleted_at,omitempty"`
	Metadata       versionMetadata `json:"metadata"`
}

type versionMetadata struct {
	PackageType string             `json:"package_type"`
	Container   *containerMetadata `json:"container,omitempty"`
	Docker      *dockerMetadata    `json:"docker,omitempty"`
}

// containerMetadata lists an image's tags; an empty list means untagged.
type containerMetadata struct {
	Tags []string `json:"tags"`
}

// dockerMetadata carries the tags twice: GitHub sends "tag", the contract
// requires "tags".
type dockerMetadata struct {
	Tag  []string `json:"tag"`
	Tags []string `json:"tags"`
}

func versionToJSON(base string, p *pkg, v *version) versionJSON {
	pkgWeb := packageWebURL(p)
	web := pkgWeb + "?version=" + url.QueryEscape(v.name)
	if p.typ == "container" || p.typ == "docker" {
		web = fmt.Sprintf("%s%s/packages/%s/%s/%d", webBase, ownerWebPath(p.owner), p.typ, url.PathEscape(p.name), v.id)
	}
	out := versionJSON{
		ID:             v.id,
		Name:           v.name,
		URL:            fmt.Sprintf("%s/versions/%d", packageAPIURL(base, p), v.id),
		PackageHTMLURL: pkgWeb,
		HTMLURL:        web,
		License:        v.license,
		Description:    v.description,
		CreatedAt:      timestamp(v.createdAt),
		UpdatedAt:      timestamp(v.createdAt),
		Metadata:       versionMetadata{PackageType: p.typ},
	}
	if v.deleted() {
		out.DeletedAt = timestamp(v.deletedAt)
	}
	tags := append([]string{}, v.tags...) // never null
	switch p.typ {
	case "container":
		out.Metadata.Container = &containerMetadata{Tags: tags}
	case "docker":
		out.Metadata.Docker = &dockerMetadata{Tag: tags, Tags: tags}
	}
	return out
}
