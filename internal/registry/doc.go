// Package registry reads image manifests from GitHub's container registry
// (ghcr.io, containers.HOSTNAME on GitHub Enterprise Server, the matching
// host on *.ghe.com), so that the provider can tell which untagged versions
// of a container package belong to a tagged multi-arch image.
//
// # Library
//
// It uses google/go-containerregistry (pkg/v1/remote, pkg/authn,
// pkg/v1/remote/transport) rather than oras-go v2:
//
//   - Auth flow: transport.NewWithContext pings /v2/, follows the
//     registry's WWW-Authenticate challenge (its realm and service, whatever
//     path the realm has) and exchanges basic credentials for a bearer token
//     of the scope asked for; it refreshes the token on a 401. oras-go's
//     auth.Client does the same, so this did not decide it.
//   - Transport control: a transport.Wrapper turns off go-containerregistry's
//     own retries, logging and User-Agent, so every request (ping, token,
//     manifest) goes through the provider's own retry and concurrency stack
//     (ghclient.Client.SharedTransport). Retries therefore follow the REST
//     client's policy and count against the same max_concurrent_requests.
//   - Plain HTTP: loopback hosts are spoken to over http:// without asking,
//     and name.Insecure covers any other http:// registry_url (tests, local
//     mirrors).
//   - Weight: pkg/authn links docker/cli's config file reader and
//     docker-credential-helpers (for its default keychain, which this
//     package never uses), plus opencontainers' digest and image-spec types
//     and klauspost/compress. oras-go would be lighter; it was not chosen
//     because the provider would then also have to hand-keep the manifest
//     types, while go-containerregistry's v1.IndexManifest and v1.Manifest
//     decode OCI and Docker manifests alike, and its transport.Wrapper gives
//     the provider's transport stack full control of retries.
//
// # Requests
//
// One ping and one token request per repository and run, then one GET per
// manifest digest and run (an in-memory map), and none for a digest already
// in the on-disk cache: manifests are immutable by digest, so the cache under
// os.UserCacheDir()/ghpackages-provider/manifests is content-addressed and
// never expires; each entry is checked against its digest when read.
package registry
