package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
)

// The two retention resources name their object the same way in state, in
// their resource identity and in their import ID: owner, package type,
// package name (and version id). What they share is here.

// versionIdentityModel is the resource identity of
// ghpackages_package_version_retention; ghpackages_package_retention's is a
// packageAddressModel.
type versionIdentityModel struct {
	packageAddressModel
	PackageVersionID types.Int64 `tfsdk:"package_version_id"`
}

func (m versionIdentityModel) version() address.Version {
	return address.Version{Package: m.pkg(), ID: m.PackageVersionID.ValueInt64()}
}

func versionIdentityOf(v address.Version) versionIdentityModel {
	return versionIdentityModel{packageAddressModel: packageAddressModelOf(v.Package), PackageVersionID: types.Int64Value(v.ID)}
}

// packageIdentityAttributes are the identity attributes of a package. The
// owner is optional as in configuration: neither org nor user means the
// token's own account.
func packageIdentityAttributes() map[string]identityschema.Attribute {
	return map[string]identityschema.Attribute{
		"org":          identityschema.StringAttribute{Description: orgDescription, OptionalForImport: true},
		"user":         identityschema.StringAttribute{Description: userDescription, OptionalForImport: true},
		"package_type": identityschema.StringAttribute{Description: packageTypeDescription, RequiredForImport: true},
		"package_name": identityschema.StringAttribute{Description: packageNameDescription, RequiredForImport: true},
	}
}

func packageIdentitySchema() identityschema.Schema {
	return identityschema.Schema{Attributes: packageIdentityAttributes()}
}

func versionIdentitySchema() identityschema.Schema {
	attrs := packageIdentityAttributes()
	attrs["package_version_id"] = identityschema.Int64Attribute{Description: versionIDDescription, RequiredForImport: true}
	return identityschema.Schema{Attributes: attrs}
}

// imported reads what to import from the import ID (terraform import,
// import blocks with id) or else from the identity (import blocks with
// identity, Terraform 1.12+). Neither passes through the configuration's
// validators, so parseID and fromIdentity apply their rules. It returns
// false when it added an error to diags.
func imported[A, I any](ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics,
	parseID func(string) (A, error), fromIdentity func(I) (A, error)) (A, bool) {
	var none A
	if req.ID != "" {
		a, err := parseID(req.ID)
		if err != nil {
			diags.AddError("Invalid import ID", err.Error())
			return none, false
		}
		return a, true
	}
	var id I
	if diags.Append(req.Identity.Get(ctx, &id)...); diags.HasError() {
		return none, false
	}
	a, err := fromIdentity(id)
	if err != nil {
		diags.AddError("Invalid import identity", err.Error())
		return none, false
	}
	return a, true
}

// importedVersion is imported for a version.
func importedVersion(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (address.Version, bool) {
	return imported(ctx, req, diags,
		func(id string) (address.Version, error) {
			v, err := address.ParseVersionID(id)
			if err != nil {
				return v, err
			}
			return v, checkImportedPackage(v.Package)
		},
		func(id versionIdentityModel) (address.Version, error) {
			if err := checkIdentity(id.packageAddressModel); err != nil {
				return address.Version{}, err
			}
			if id.PackageVersionID.ValueInt64() < 1 {
				return address.Version{}, fmt.Errorf("package_version_id must be at least 1, got %d", id.PackageVersionID.ValueInt64())
			}
			return id.version(), nil
		})
}

// importedPackage is imported for a package.
func importedPackage(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (address.Package, bool) {
	return imported(ctx, req, diags,
		func(id string) (address.Package, error) {
			p, err := address.ParsePackageID(id)
			if err != nil {
				return p, err
			}
			return p, checkImportedPackage(p)
		},
		func(id packageAddressModel) (address.Package, error) {
			return id.pkg(), checkIdentity(id)
		})
}

// checkIdentity applies the configuration's rules to an identity's package
// address.
func checkIdentity(m packageAddressModel) error {
	if err := checkIdentityOwner(m); err != nil {
		return err
	}
	return checkImportedPackage(m.pkg())
}

// checkIdentityOwner refuses an identity naming both an organization and a
// user, which configuration validators refuse too.
func checkIdentityOwner(m packageAddressModel) error {
	if m.Org.ValueString() != "" && m.User.ValueString() != "" {
		return fmt.Errorf("set at most one of org and user (neither means the token's own account), got org = %q and user = %q",
			m.Org.ValueString(), m.User.ValueString())
	}
	return nil
}

// checkImportedPackage applies to an imported address the rules that
// configuration validators apply to the arguments: import IDs and
// identities do not pass through those validators, and an owner or name
// they would reject must not reach an API path or the state.
func checkImportedPackage(p address.Package) error {
	if p.Owner.Login != "" && !loginPattern.MatchString(p.Owner.Login) {
		return fmt.Errorf("%q is not a GitHub login: letters, digits, '-', '_' or '.', starting with a letter or digit", p.Owner.Login)
	}
	if !slices.Contains(address.PackageTypes, p.Type) {
		return fmt.Errorf("package_type %q is not one of %s", p.Type, strings.Join(address.PackageTypes, ", "))
	}
	if !packageNamePattern.MatchString(p.Name) {
		return fmt.Errorf("package_name %q is not %s", p.Name, packageNameRule)
	}
	return nil
}
