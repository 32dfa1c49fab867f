//go:build pprof

package main

import (
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
)

// startProfiling writes a CPU profile of the whole provider process to
// $GHPACKAGES_CPUPROFILE and a heap profile (allocations) to
// $GHPACKAGES_MEMPROFILE when they are set; the files get the process id
// appended, as Terraform starts the provider more than once per command.
// Only in builds with -tags pprof.
func startProfiling() (stop func()) {
	var stops []func()
	if path := os.Getenv("GHPACKAGES_CPUPROFILE"); path != "" {
		f, err := os.Create(path + "." + itoa(os.Getpid()))
		if err != nil {
			log.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			log.Fatal(err)
		}
		stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
	}
	if path := os.Getenv("GHPACKAGES_MEMPROFILE"); path != "" {
		runtime.MemProfileRate = 64 * 1024
		stops = append(stops, func() {
			f, err := os.Create(path + "." + itoa(os.Getpid()))
			if err != nil {
				return
			}
			defer f.Close()
			_ = pprof.Lookup("allocs").WriteTo(f, 0)
		})
	}
	return func() {
		for _, s := range stops {
			s()
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
