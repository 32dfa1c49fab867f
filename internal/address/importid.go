package address

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// PackageIDForms and VersionIDForms list the accepted import ID shapes; error
// messages quote them so that a user sees at once what was expected.
const (
	PackageIDForms = "orgs/ORG/TYPE/NAME, users/USER/TYPE/NAME or user/TYPE/NAME"
	VersionIDForms = "orgs/ORG/TYPE/NAME/VERSION_ID, users/USER/TYPE/NAME/VERSION_ID or user/TYPE/NAME/VERSION_ID"
)

// ParsePackageID parses the import ID of a package. NAME may contain "/": the
// type is the segment after the owner and everything after the type is the name.
func ParsePackageID(id string) (Package, error) {
	p, err := parsePackageID(id)
	if err != nil {
		return Package{}, fmt.Errorf("invalid package import ID %q: %s; expected %s, where TYPE is one of %s",
			id, err, PackageIDForms, strings.Join(PackageTypes, ", "))
	}
	return p, nil
}

// ParseVersionID parses the import ID of a package version: a package ID
// followed by "/VERSION_ID", VERSION_ID a positive integer.
func ParseVersionID(id string) (Version, error) {
	fail := func(reason string) (Version, error) {
		return Version{}, fmt.Errorf("invalid package version import ID %q: %s; expected %s, where TYPE is one of %s and VERSION_ID is a positive integer",
			id, reason, VersionIDForms, strings.Join(PackageTypes, ", "))
	}
	cut := strings.LastIndexByte(id, '/')
	if cut < 0 {
		return fail("no VERSION_ID segment")
	}
	// Only the canonical decimal form is accepted ("7", not "+7" or "007"), so
	// that the ID written to state is exactly the one the user imported.
	digits := id[cut+1:]
	versionID, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || versionID < 1 || strconv.FormatInt(versionID, 10) != digits {
		return fail(fmt.Sprintf("VERSION_ID %q is not a positive integer", digits))
	}
	p, err := parsePackageID(id[:cut])
	if err != nil {
		return fail(err.Error())
	}
	return Version{Package: p, ID: versionID}, nil
}

func parsePackageID(id string) (Package, error) {
	segments := strings.Split(id, "/")
	var owner Owner
	var rest []string
	switch {
	case len(segments) >= 1 && segments[0] == "user":
		owner, rest = Me(), segments[1:]
	case len(segments) >= 2 && (segments[0] == "orgs" || segments[0] == "users"):
		if segments[1] == "" {
			return Package{}, fmt.Errorf("empty %s name", strings.TrimSuffix(segments[0], "s"))
		}
		owner, rest = Org(segments[1]), segments[2:]
		if segments[0] == "users" {
			owner = User(segments[1])
		}
	default:
		return Package{}, fmt.Errorf(`it must start with "orgs/", "users/" or "user/"`)
	}
	if len(rest) < 2 {
		return Package{}, fmt.Errorf("TYPE or NAME missing")
	}
	if !slices.Contains(PackageTypes, rest[0]) {
		return Package{}, fmt.Errorf("unknown TYPE %q", rest[0])
	}
	name := strings.Join(rest[1:], "/")
	if name == "" || slices.Contains(rest[1:], "") {
		return Package{}, fmt.Errorf("NAME %q is empty or has an empty segment", name)
	}
	return Package{Owner: owner, Type: rest[0], Name: name}, nil
}
