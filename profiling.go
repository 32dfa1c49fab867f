//go:build !pprof

package main

// startProfiling does nothing in a release build; `go build -tags pprof`
// builds the provider with profiling (profiling_pprof.go), for scripts/bench.sh.
func startProfiling() (stop func()) { return func() {} }
