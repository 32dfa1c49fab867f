package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/provider"
)

// version is set by goreleaser: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.Parse()
	if !debug {
		quietLogsUnlessAsked(os.Environ())
	}

	stopProfiling := startProfiling()
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/ghpackages/ghpackages",
		Debug:           debug,
		ProtocolVersion: 6,
	})
	stopProfiling()
	if err != nil {
		log.Fatal(err.Error())
	}
}
