package main

import (
	"os"
	"testing"
)

func TestQuietLogsUnlessAsked(t *testing.T) {
	for _, name := range append([]string{"TF_LOG"}, quietableLogs...) {
		t.Setenv(name, "")
		os.Unsetenv(name)
	}
	quietLogsUnlessAsked([]string{"PATH=/bin", "TF_LOG=DEBUG"})
	for _, name := range quietableLogs {
		if v, ok := os.LookupEnv(name); ok {
			t.Errorf("with TF_LOG set, %s = %q; want it left unset", name, v)
		}
	}
	quietLogsUnlessAsked([]string{"PATH=/bin", "TF_CLI_CONFIG_FILE=/dev/null"})
	for _, name := range quietableLogs {
		if v := os.Getenv(name); v != "OFF" {
			t.Errorf("without TF_LOG*, %s = %q; want OFF", name, v)
		}
	}
}
