package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// versionValue builds the elements of `versions` directly; they must be what
// the framework makes of versionModelFrom, field for field, nulls included.
func TestVersionValue(t *testing.T) {
	ctx := context.Background()
	for _, v := range []ghclient.Version{
		{ID: 1<<40 + 3, Name: "sha256:abc", Tags: []string{"latest", "1.0"}, CreatedAt: "2024-01-01T00:00:00Z", UpdatedAt: "2024-01-02T00:00:00Z",
			HTMLURL: "https://github.com/h", PackageHTMLURL: "https://github.com/p", URL: "https://api.github.com/u", License: "MIT", Description: "d"},
		{ID: 7, Name: "1.0.0", Tags: []string{}, CreatedAt: "2024-01-01T00:00:00Z", UpdatedAt: "2024-01-01T00:00:00Z", DeletedAt: "2024-02-01T00:00:00Z"},
	} {
		obj, diags := types.ObjectValueFrom(ctx, versionType.(basetypes.ObjectType).AttrTypes, versionModelFrom(v))
		if diags.HasError() {
			t.Fatal(diags)
		}
		want, err := obj.ToTerraformValue(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := versionValue(v); !got.Equal(want) {
			t.Errorf("version %d:\n got %s\nwant %s", v.ID, got, want)
		}
	}
}

// TestVersionsElementAttributesAreDocumented: `versions` is a list of
// objects, whose elements tfplugindocs lists without descriptions, so the
// attribute's own description documents each of them.
func TestVersionsElementAttributesAreDocumented(t *testing.T) {
	var resp datasource.SchemaResponse
	NewVersionsDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	desc := resp.Schema.Attributes["versions"].GetMarkdownDescription()
	for name, a := range versionsItemAttributes() {
		want := fmt.Sprintf("\n  - `%s` (%s) %s", name, typeName(a.GetType()), a.GetMarkdownDescription())
		if !strings.Contains(desc, want) {
			t.Errorf("the description of versions does not document %s as %q", name, want)
		}
	}
	if got, want := typeName(types.ListType{ElemType: types.Int64Type}), "List of Number"; got != want {
		t.Errorf("typeName(list of int64) = %q, want %q", got, want)
	}
}
