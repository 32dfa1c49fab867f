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

// importedVersion reads the version to import from the import ID (terraform
// import, import blocks with id) or else from the identity (import blocks
// with identity, Terraform 1.12+). It returns false when it added an error
// to diags.
func importedVersion(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (address.Version, bool) {
	if req.ID != "" {
		v, err := address.ParseVersionID(req.ID)
		if err == nil {
			err = checkImportedPackage(v.Package)
		}
		if err != nil {
			diags.AddError("Invalid import ID", err.Error())
			return address.Version{}, false
		}
		return v, true
	}
	var id versionIdentityModel
	if diags.Append(req.Identity.Get(ctx, &id)...); diags.HasError() {
		return address.Version{}, false
	}
	err := checkIdentityOwner(id.packageAddressModel)
	if err == nil {
		err = checkImportedPackage(id.pkg())
	}
	if err == nil && id.PackageVersionID.ValueInt64() < 1 {
		err = fmt.Errorf("package_version_id must be at least 1, got %d", id.PackageVersionID.ValueInt64())
	}
	if err != nil {
		diags.AddError("Invalid import identity", err.Error())
		return address.Version{}, false
	}
	return id.version(), true
}

// importedPackage is importedVersion for a package.
func importedPackage(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (address.Package, bool) {
	if req.ID != "" {
		p, err := address.ParsePackageID(req.ID)
		if err == nil {
			err = checkImportedPackage(p)
		}
		if err != nil {
			diags.AddError("Invalid import ID", err.Error())
			return address.Package{}, false
		}
		return p, true
	}
	var id packageAddressModel
	if diags.Append(req.Identity.Get(ctx, &id)...); diags.HasError() {
		return address.Package{}, false
	}
	err := checkIdentityOwner(id)
	if err == nil {
		err = checkImportedPackage(id.pkg())
	}
	if err != nil {
		diags.AddError("Invalid import identity", err.Error())
		return address.Package{}, false
	}
	return id.pkg(), true
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
