package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

var (
	_ datasource.DataSource              = &dockerConflictsDataSource{}
	_ datasource.DataSourceWithConfigure = &dockerConflictsDataSource{}
)

// NewDockerConflictsDataSource is ghpackages_docker_conflicts: the packages
// whose move from docker.pkg.github.com to ghcr.io is blocked.
func NewDockerConflictsDataSource() datasource.DataSource {
	return &dockerConflictsDataSource{}
}

type dockerConflictsDataSource struct {
	configuredDataSource
}

type dockerConflictsDataSourceModel struct {
	ownerModel
	Packages []packageModel `tfsdk:"packages"`
}

func (d *dockerConflictsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_docker_conflicts"
}

func (d *dockerConflictsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := dataSourceOwnerAttributes()
	attrs["packages"] = packagesAttribute("The conflicting packages, in the order GitHub lists them.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the packages of an organization, a user or the token's own account whose migration from " +
			"the old Docker registry (docker.pkg.github.com) to the Container registry (ghcr.io) conflicts with an existing " +
			"package (`GET /orgs/{org}/docker/conflicts`, `/users/{username}/docker/conflicts` or `/user/docker/conflicts`).",
		Attributes: attrs,
	}
}

func (d *dockerConflictsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var data dockerConflictsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &data)...)
	if resp.Diagnostics.HasError() || !requireClient(d.client, &resp.Diagnostics) {
		return
	}

	owner := data.owner()
	list, err := d.client.ListDockerConflicts(ctx, owner)
	if err != nil {
		addAPIError(&resp.Diagnostics, opRead, listSubject{what: "Docker-migration conflicts", owner: owner}, err)
		return
	}
	data.Packages = packageModelsFrom(list)
	resp.Diagnostics.Append(resp.State.Set(ctx, &data)...)
}
