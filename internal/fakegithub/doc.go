// Package fakegithub is a stateful, in-process fake of GitHub's Packages
// REST API: the 27 operations of GitHub's OpenAPI description (9 operations
// for each of /orgs/{org}, /user and /users/{username}), served at "/" and
// under the GitHub Enterprise Server prefix "/api/v3".
//
// It reproduces the behaviours the provider has to cope with (see
// API-NOTES.md in this directory): scopes and token kinds, visibility of
// private packages, %2F in package names, pagination with Link headers that point at
// /organizations/{id} and /user/{id} aliases, the delete and restore rules,
// ETags, primary and secondary rate limits, and injected 5xx faults. Every
// request and answer is checked against the OpenAPI description (contract.go),
// so a client that passes its tests here also speaks GitHub's documented API.
//
// Tests use Start; the standalone server in cmd/fakegithub serves the same
// fake for scripts and demos.
package fakegithub
