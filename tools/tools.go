//go:build tools

// Package tools pins the development tools of the provider in a module of
// their own, so that the provider's go.mod lists only what the provider
// itself uses. `make docs` runs them with `go -C tools run ...`.
package tools

import (
	// Linting: golangci-lint (make lint; configured in .golangci.yml).
	_ "github.com/golangci/golangci-lint/v2/cmd/golangci-lint"
	// Documentation generation: tfplugindocs.
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)
