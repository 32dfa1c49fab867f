package main

import (
	"os"
	"strings"
)

// Loggers that terraform-plugin-go and the framework open at TRACE when no
// environment variable sets their level, and the provider's own (tflog).
var quietableLogs = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_GHPACKAGES"}

// quietLogsUnlessAsked turns the provider's logs off when nobody asked for
// logs: no TF_LOG* variable in the environment, which the provider inherits
// from terraform. terraform-plugin-go's loggers default to TRACE, so every
// RPC otherwise writes dozens of JSON lines to stderr that terraform parses
// and then drops (it keeps provider logs only with TF_LOG or TF_LOG_PROVIDER
// set). That was 40% of the provider's CPU time adopting 300 versions.
// With any TF_LOG* variable set, nothing changes.
func quietLogsUnlessAsked(environ []string) {
	for _, kv := range environ {
		if strings.HasPrefix(kv, "TF_LOG") {
			return
		}
	}
	for _, name := range quietableLogs {
		_ = os.Setenv(name, "OFF")
	}
}
