package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// Import by resource identity needs Terraform 1.12, newer than the CLI the
// acceptance tests may run with. These tests speak the plugin protocol to
// the provider server directly, as Terraform 1.12 does: ImportResourceState
// with an identity (or an ID), then the ReadResource that follows an import.

// protocolServer is a configured provider server and its schemas.
type protocolServer struct {
	tfprotov6.ProviderServer
	states     map[string]tftypes.Type // resource type -> state type
	identities map[string]tftypes.Type // resource type -> identity type
}

func newProtocolServer(t *testing.T, fake *fakegithub.Server, token string) *protocolServer {
	t.Helper()
	ctx := context.Background()
	server, err := testProviderFactories()["ghpackages"]()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasError(schemas.Diagnostics) {
		t.Fatalf("GetProviderSchema: %v %s", err, diagnosticsText(schemas.Diagnostics))
	}
	identities, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || hasError(identities.Diagnostics) {
		t.Fatalf("GetResourceIdentitySchemas: %v %s", err, diagnosticsText(identities.Diagnostics))
	}
	s := &protocolServer{ProviderServer: server, states: map[string]tftypes.Type{}, identities: map[string]tftypes.Type{}}
	for name, schema := range schemas.ResourceSchemas {
		s.states[name] = schema.ValueType()
	}
	for name, schema := range identities.IdentitySchemas {
		s.identities[name] = schema.ValueType()
	}

	config := dynamicValue(t, schemas.Provider.ValueType(), map[string]any{"token": token, "base_url": fake.URL()})
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: &config})
	if err != nil || hasError(configured.Diagnostics) {
		t.Fatalf("ConfigureProvider: %v %s", err, diagnosticsText(configured.Diagnostics))
	}
	return s
}

// importAndRead imports a resource by ID or identity (one of them empty)
// and reads it, as Terraform does; it returns the imported state and
// identity, and the state and identity after the read.
func (s *protocolServer) importAndRead(t *testing.T, typeName, id string, identity map[string]any) (imported, importedIdentity, read, readIdentity map[string]tftypes.Value) {
	t.Helper()
	ctx := context.Background()
	req := &tfprotov6.ImportResourceStateRequest{TypeName: typeName, ID: id}
	if identity != nil {
		data := dynamicValue(t, s.identities[typeName], identity)
		req.Identity = &tfprotov6.ResourceIdentityData{IdentityData: &data}
	}
	resp, err := s.ImportResourceState(ctx, req)
	if err != nil || hasError(resp.Diagnostics) || len(resp.ImportedResources) != 1 {
		t.Fatalf("ImportResourceState: %v %s, %d resources", err, diagnosticsText(resp.Diagnostics), len(resp.ImportedResources))
	}
	res := resp.ImportedResources[0]
	if res.Identity == nil {
		t.Fatal("ImportResourceState returned no identity")
	}
	readResp, err := s.ReadResource(ctx, &tfprotov6.ReadResourceRequest{
		TypeName:        typeName,
		CurrentState:    res.State,
		CurrentIdentity: res.Identity,
		Private:         res.Private,
	})
	if err != nil || hasError(readResp.Diagnostics) {
		t.Fatalf("ReadResource: %v %s", err, diagnosticsText(readResp.Diagnostics))
	}
	if readResp.NewIdentity == nil {
		t.Fatal("ReadResource returned no identity")
	}
	return attributes(t, res.State, s.states[typeName]), attributes(t, res.Identity.IdentityData, s.identities[typeName]),
		attributes(t, readResp.NewState, s.states[typeName]), attributes(t, readResp.NewIdentity.IdentityData, s.identities[typeName])
}

func TestRetentionImportByIdentity(t *testing.T) {
	fake := startFake(t)
	server := newProtocolServer(t, fake, tokenFull)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	null := tftypes.NewValue(tftypes.String, nil)

	cases := []struct {
		name, typeName string
		id             string         // import ID, or
		identity       map[string]any // import identity
		wantIdentity   map[string]tftypes.Value
		wantImported   map[string]tftypes.Value // besides the identity attributes
		wantRead       map[string]tftypes.Value
	}{
		{
			name:     "version of an organization, by identity",
			typeName: "ghpackages_package_version_retention",
			identity: map[string]any{"org": "acme", "package_type": "container", "package_name": "team/app", "package_version_id": teamAppV1},
			wantIdentity: map[string]tftypes.Value{
				"org": str("acme"), "user": null, "package_type": str("container"), "package_name": str("team/app"), "package_version_id": num(teamAppV1),
			},
			wantImported: map[string]tftypes.Value{"id": str("orgs/acme/container/team/app/3200000011")},
			wantRead: map[string]tftypes.Value{
				"id":   str("orgs/acme/container/team/app/3200000011"),
				"tags": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{str("v1")}),
			},
		},
		{
			name:     "package of the token's own account, by identity",
			typeName: "ghpackages_package_retention",
			identity: map[string]any{"package_type": "container", "package_name": "dotfiles"},
			wantIdentity: map[string]tftypes.Value{
				"org": null, "user": null, "package_type": str("container"), "package_name": str("dotfiles"),
			},
			wantImported: map[string]tftypes.Value{"id": str("user/container/dotfiles")},
			wantRead:     map[string]tftypes.Value{"package_id": num(fakegithub.OctocatDotfilesPackageID), "visibility": str("private")},
		},
		{
			// Terraform before 1.12 imports by ID; the identity is
			// written all the same, for when Terraform is upgraded.
			name:     "version of a named user, by ID",
			typeName: "ghpackages_package_version_retention",
			id:       "users/octocat/npm/hello-npm/3200000111",
			wantIdentity: map[string]tftypes.Value{
				"org": null, "user": str("octocat"), "package_type": str("npm"), "package_name": str("hello-npm"), "package_version_id": num(fakegithub.OctocatHelloNPMV1),
			},
			wantImported: map[string]tftypes.Value{"id": str("users/octocat/npm/hello-npm/3200000111")},
			wantRead:     map[string]tftypes.Value{"name": str("1.0.0")},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			imported, importedIdentity, read, readIdentity := server.importAndRead(t, c.typeName, c.id, c.identity)
			expectAttributes(t, "imported identity", importedIdentity, c.wantIdentity)
			expectAttributes(t, "identity after read", readIdentity, c.wantIdentity)
			expectAttributes(t, "imported state", imported, c.wantIdentity)
			expectAttributes(t, "imported state", imported, c.wantImported)
			expectAttributes(t, "state after read", read, c.wantIdentity)
			expectAttributes(t, "state after read", read, c.wantRead)
		})
	}
}

func TestRetentionImportByIdentityErrors(t *testing.T) {
	fake := startFake(t)
	server := newProtocolServer(t, fake, tokenFull)
	cases := []struct {
		name, typeName string
		identity       map[string]any
		want           string
	}{
		{"both owners", "ghpackages_package_retention",
			map[string]any{"org": "acme", "user": "hubot", "package_type": "npm", "package_name": "x"}, "set at most one of org and user"},
		{"unknown type", "ghpackages_package_retention",
			map[string]any{"org": "acme", "package_type": "gradle", "package_name": "x"}, `package_type "gradle" is not one of`},
		{"empty name segment", "ghpackages_package_version_retention",
			map[string]any{"org": "acme", "package_type": "container", "package_name": "team//app", "package_version_id": 1}, `package_name "team//app"`},
		{"login with a slash", "ghpackages_package_version_retention",
			map[string]any{"org": "acme/x", "package_type": "container", "package_name": "web", "package_version_id": 1}, `"acme/x" is not a GitHub login`},
		{"version id 0", "ghpackages_package_version_retention",
			map[string]any{"org": "acme", "package_type": "container", "package_name": "web", "package_version_id": 0}, "package_version_id must be at least 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := dynamicValue(t, server.identities[c.typeName], c.identity)
			resp, err := server.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{
				TypeName: c.typeName,
				Identity: &tfprotov6.ResourceIdentityData{IdentityData: &data},
			})
			if err != nil {
				t.Fatal(err)
			}
			text := diagnosticsText(resp.Diagnostics)
			if !hasError(resp.Diagnostics) || !strings.Contains(text, "Invalid import identity") || !strings.Contains(text, c.want) {
				t.Errorf("diagnostics %q, want an Invalid import identity error with %q", text, c.want)
			}
			if len(resp.ImportedResources) != 0 {
				t.Errorf("imported %d resources, want none", len(resp.ImportedResources))
			}
		})
	}
}

// dynamicValue makes an object of type typ with the attributes in set and
// null for the others.
func dynamicValue(t *testing.T, typ tftypes.Type, set map[string]any) tfprotov6.DynamicValue {
	t.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("type %s is not an object", typ)
	}
	values := map[string]tftypes.Value{}
	for name, attrType := range obj.AttributeTypes {
		values[name] = tftypes.NewValue(attrType, set[name])
	}
	for name := range set {
		if _, ok := obj.AttributeTypes[name]; !ok {
			t.Fatalf("type %s has no attribute %q", typ, name)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
	if err != nil {
		t.Fatal(err)
	}
	return dv
}

// attributes decodes an object value.
func attributes(t *testing.T, dv *tfprotov6.DynamicValue, typ tftypes.Type) map[string]tftypes.Value {
	t.Helper()
	if dv == nil {
		t.Fatal("no value")
	}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs
}

func expectAttributes(t *testing.T, what string, got, want map[string]tftypes.Value) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok || !g.Equal(w) {
			t.Errorf("%s: %s = %v, want %v", what, name, g, w)
		}
	}
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func diagnosticsText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Summary + ": " + d.Detail + "\n")
	}
	return b.String()
}
