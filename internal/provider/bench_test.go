package provider

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// BenchmarkVersionsDataSourceRead is the provider's whole share of reading
// ghpackages_versions of 10,000 versions, as Terraform asks for it over the
// plugin protocol: ReadDataSource, from the request's config to the
// response's msgpack state, against the fake on loopback. Terraform's own
// share is measured end to end by scripts/bench.sh.
func BenchmarkVersionsDataSourceRead(b *testing.B) {
	seed := fakegithub.DefaultSeed()
	for i := range seed.Owners {
		if seed.Owners[i].Login == "acme" {
			seed.Owners[i].Packages = append(seed.Owners[i].Packages, fakegithub.SeedPackage{
				Name: "big", Type: "npm", Visibility: "public", CreatedDaysAgo: 100, GenerateVersions: 10_000,
			})
		}
	}
	fake := fakegithub.Start(b, seed, fakegithub.WithContractValidation(false))
	fake.SetPrimaryRateLimit(1<<30, time.Hour)
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(New("bench")())()
	if err != nil {
		b.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	providerConfig := configValue(b, schemas.Provider, map[string]tftypes.Value{
		"base_url": tftypes.NewValue(tftypes.String, fake.URL()),
		"token":    tftypes.NewValue(tftypes.String, tokenFull),
	})
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: providerConfig})
	if err != nil || len(configured.Diagnostics) > 0 {
		b.Fatalf("configure: %v %v", err, configured.Diagnostics)
	}
	readConfig := configValue(b, schemas.DataSourceSchemas["ghpackages_versions"], map[string]tftypes.Value{
		"org":          tftypes.NewValue(tftypes.String, "acme"),
		"package_type": tftypes.NewValue(tftypes.String, "npm"),
		"package_name": tftypes.NewValue(tftypes.String, "big"),
	})
	b.ReportAllocs()
	for b.Loop() {
		resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: "ghpackages_versions", Config: readConfig})
		if err != nil || len(resp.Diagnostics) > 0 || resp.State == nil {
			b.Fatalf("read: %v %v", err, resp.Diagnostics)
		}
	}
}

// configValue encodes a configuration of schema: the given attributes, the
// others null.
func configValue(b *testing.B, schema *tfprotov6.Schema, attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
	b.Helper()
	typ := schema.ValueType().(tftypes.Object)
	values := map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		if v, ok := attrs[name]; ok {
			values[name] = v
		} else {
			values[name] = tftypes.NewValue(t, nil)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}
