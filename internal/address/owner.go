// Package address names the things the GitHub Packages API acts on: an owner
// (an organization, a named user or the token's own account), a package of an
// owner and a version of a package. Every API path, import ID and error message
// of the provider is built from these types, so the org/user/authenticated-user
// distinction is written down exactly once.
package address

import "fmt"

// OwnerKind tells which of GitHub's three URL families an owner uses.
type OwnerKind int

const (
	// AuthenticatedUser is the account the token belongs to: /user/...
	AuthenticatedUser OwnerKind = iota
	// Organization is /orgs/{org}/...
	Organization
	// NamedUser is /users/{username}/...
	NamedUser
)

// Owner is whoever owns a package.
type Owner struct {
	Kind OwnerKind
	// Login is the organization or user name; empty for AuthenticatedUser.
	Login string
}

// Org returns the owner for an organization.
func Org(login string) Owner { return Owner{Kind: Organization, Login: login} }

// User returns the owner for a user named in the configuration.
func User(login string) Owner { return Owner{Kind: NamedUser, Login: login} }

// Me returns the owner for the token's own account.
func Me() Owner { return Owner{Kind: AuthenticatedUser} }

// OwnerFromAttributes maps the `org` / `user` attributes shared by every data
// source and resource to an owner: org set means an organization, user set a
// named user, neither the token's own account. Validators make sure that at most
// one of them is set before this is called.
func OwnerFromAttributes(org, user string) Owner {
	switch {
	case org != "":
		return Org(org)
	case user != "":
		return User(user)
	default:
		return Me()
	}
}

// PathPrefix is the owner's part of an API path, without slashes around it:
// "orgs/acme", "users/octocat" or "user". Import IDs start with the same words.
func (o Owner) PathPrefix() string {
	switch o.Kind {
	case Organization:
		return "orgs/" + o.Login
	case NamedUser:
		return "users/" + o.Login
	default:
		return "user"
	}
}

// OrgAttribute and UserAttribute give back the values of the `org` and `user`
// attributes for this owner (empty when not that kind), for writing state.
func (o Owner) OrgAttribute() string {
	if o.Kind == Organization {
		return o.Login
	}
	return ""
}

// UserAttribute: see OrgAttribute.
func (o Owner) UserAttribute() string {
	if o.Kind == NamedUser {
		return o.Login
	}
	return ""
}

// Noun names what the owner is, for diagnostics: "organization", "user" or
// "account".
func (o Owner) Noun() string {
	switch o.Kind {
	case Organization:
		return "organization"
	case NamedUser:
		return "user"
	default:
		return "account"
	}
}

// PackageType is empty: an owner has packages of every type. It makes
// Owner, Package and Version answer the same questions in diagnostics.
func (o Owner) PackageType() string { return "" }

// OtherRegistryType is empty for an owner; see Package.OtherRegistryType.
func (o Owner) OtherRegistryType() string { return "" }

// String describes the owner for people, as used in diagnostics.
func (o Owner) String() string {
	switch o.Kind {
	case Organization:
		return fmt.Sprintf("organization %q", o.Login)
	case NamedUser:
		return fmt.Sprintf("user %q", o.Login)
	default:
		return "the token's own account"
	}
}
