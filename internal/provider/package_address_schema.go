package provider

import (
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	aschema "github.com/hashicorp/terraform-plugin-framework/action/schema"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	lschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
)

// The attributes that address an owner, a package and a version are the same
// in every data source, resource, list resource and action; they are
// declared here once. The framework has separate schema types for each kind
// of object, hence a flavour of each per kind, built from the same
// descriptions and validators.

const (
	orgDescription = "Organization that owns the package(s). At most one of `org` and `user`; " +
		"with neither, the owner is the account the token belongs to."
	userDescription = "User that owns the package(s), when it is not the token's own account. " +
		"At most one of `org` and `user`; with neither, the owner is the account the token belongs to."
	packageTypeDescription = "Package type: one of `npm`, `maven`, `rubygems`, `docker`, `nuget`, `container`. " +
		"Images on ghcr.io are `container`; `docker` is the old docker.pkg.github.com registry. Gradle packages are `maven`."
	packageNameDescription = "Package name, as GitHub shows it; may contain `/` (a container image such as `team/app`)."
	versionIDDescription   = "GitHub's numeric id of the package version (at least 1)."
)

// loginPattern accepts GitHub organization and user logins, including
// enterprise-managed users (octocat_acme), and rejects what would change the
// API path (slashes, spaces, "..").
var loginPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$`)

// packageNamePattern: one or more non-empty segments, no white space, and
// no segment that is "." or "..". Those two are path dot segments: the URL
// resolver would drop them, and a DELETE of package "." would go to
// /orgs/ORG/packages/TYPE, a route the plan never named. A segment matches
// when it starts with a character other than '.', or with one '.' and then
// another character, or with ".." and then at least one more.
var packageNamePattern = regexp.MustCompile(`^` + nameSegment + `(/` + nameSegment + `)*$`)

const nameSegment = `(?:[^/\s.][^/\s]*|\.[^/\s.][^/\s]*|\.\.[^/\s]+)`

// packageNameRule says what packageNamePattern allows, for diagnostics.
const packageNameRule = "a package name without white space, leading or trailing '/', '//', or a '.' or '..' segment"

func loginValidators(other string) []validator.String {
	return []validator.String{
		stringvalidator.LengthAtLeast(1),
		stringvalidator.RegexMatches(loginPattern, "must be a GitHub login: letters, digits, '-', '_' or '.', starting with a letter or digit"),
		stringvalidator.ConflictsWith(path.MatchRoot(other)),
	}
}

func packageTypeValidators() []validator.String {
	return []validator.String{stringvalidator.OneOf(address.PackageTypes...)}
}

func packageNameValidators() []validator.String {
	return []validator.String{
		stringvalidator.LengthAtLeast(1),
		stringvalidator.RegexMatches(packageNamePattern, "must be "+packageNameRule),
	}
}

func versionIDValidators() []validator.Int64 {
	return []validator.Int64{int64validator.AtLeast(1)}
}

// dataSourceOwnerAttributes are `org` and `user` for data sources.
func dataSourceOwnerAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"org":  dschema.StringAttribute{MarkdownDescription: orgDescription, Optional: true, Validators: loginValidators("user")},
		"user": dschema.StringAttribute{MarkdownDescription: userDescription, Optional: true, Validators: loginValidators("org")},
	}
}

// dataSourcePackageAttributes are the owner plus `package_type` and
// `package_name` for data sources.
func dataSourcePackageAttributes() map[string]dschema.Attribute {
	attrs := dataSourceOwnerAttributes()
	attrs["package_type"] = dschema.StringAttribute{MarkdownDescription: packageTypeDescription, Required: true, Validators: packageTypeValidators()}
	attrs["package_name"] = dschema.StringAttribute{MarkdownDescription: packageNameDescription, Required: true, Validators: packageNameValidators()}
	return attrs
}

// listOwnerAttributes are `org` and `user` for the `config` block of list
// resources (terraform query).
func listOwnerAttributes() map[string]lschema.Attribute {
	return map[string]lschema.Attribute{
		"org":  lschema.StringAttribute{MarkdownDescription: orgDescription, Optional: true, Validators: loginValidators("user")},
		"user": lschema.StringAttribute{MarkdownDescription: userDescription, Optional: true, Validators: loginValidators("org")},
	}
}

// actionPackageAttributes are the owner, `package_type` and `package_name`
// for actions.
func actionPackageAttributes() map[string]aschema.Attribute {
	return map[string]aschema.Attribute{
		"org":          aschema.StringAttribute{MarkdownDescription: orgDescription, Optional: true, Validators: loginValidators("user")},
		"user":         aschema.StringAttribute{MarkdownDescription: userDescription, Optional: true, Validators: loginValidators("org")},
		"package_type": aschema.StringAttribute{MarkdownDescription: packageTypeDescription, Required: true, Validators: packageTypeValidators()},
		"package_name": aschema.StringAttribute{MarkdownDescription: packageNameDescription, Required: true, Validators: packageNameValidators()},
	}
}

// resourcePackageAttributes are the owner, `package_type` and `package_name`
// for resources: all of them force replacement, since a retention resource
// stands for one package on GitHub.
func resourcePackageAttributes() map[string]rschema.Attribute {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return map[string]rschema.Attribute{
		"org":          rschema.StringAttribute{MarkdownDescription: orgDescription, Optional: true, Validators: loginValidators("user"), PlanModifiers: replace},
		"user":         rschema.StringAttribute{MarkdownDescription: userDescription, Optional: true, Validators: loginValidators("org"), PlanModifiers: replace},
		"package_type": rschema.StringAttribute{MarkdownDescription: packageTypeDescription, Required: true, Validators: packageTypeValidators(), PlanModifiers: replace},
		"package_name": rschema.StringAttribute{MarkdownDescription: packageNameDescription, Required: true, Validators: packageNameValidators(), PlanModifiers: replace},
	}
}

// resourceVersionIDAttribute is `package_version_id` for resources.
func resourceVersionIDAttribute() rschema.Int64Attribute {
	return rschema.Int64Attribute{
		MarkdownDescription: versionIDDescription,
		Required:            true,
		Validators:          versionIDValidators(),
		PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
	}
}

// ownerModel is `org` and `user`: the owner of the packages an object is
// about. Every model with those attributes embeds it (through
// packageAddressModel when it names a package), so that they are read and
// written by one piece of code.
type ownerModel struct {
	Org  types.String `tfsdk:"org"`
	User types.String `tfsdk:"user"`
}

// owner maps the attribute values to an owner: neither means the token's
// own account.
func (m ownerModel) owner() address.Owner {
	return address.OwnerFromAttributes(m.Org.ValueString(), m.User.ValueString())
}

// ownerModelOf gives the values to store for an owner: null for the
// attribute that does not apply.
func ownerModelOf(o address.Owner) ownerModel {
	m := ownerModel{Org: types.StringNull(), User: types.StringNull()}
	if v := o.OrgAttribute(); v != "" {
		m.Org = types.StringValue(v)
	}
	if v := o.UserAttribute(); v != "" {
		m.User = types.StringValue(v)
	}
	return m
}

// packageAddressModel is the part of state and of identity that names a
// package. The resource models, the identity models and the models of the
// data sources and the action that read one package embed it.
type packageAddressModel struct {
	ownerModel
	PackageType types.String `tfsdk:"package_type"`
	PackageName types.String `tfsdk:"package_name"`
}

func (m packageAddressModel) pkg() address.Package {
	return address.Package{Owner: m.owner(), Type: m.PackageType.ValueString(), Name: m.PackageName.ValueString()}
}

func packageAddressModelOf(p address.Package) packageAddressModel {
	return packageAddressModel{ownerModel: ownerModelOf(p.Owner), PackageType: types.StringValue(p.Type), PackageName: types.StringValue(p.Name)}
}

// stringOrNull maps GitHub's "absent" (empty) to null.
func stringOrNull(s string) types.String {
	if strings.TrimSpace(s) == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
