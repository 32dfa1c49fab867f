//go:build pprof

package main

import (
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"syscall"
	"time"
)

// startProfiling writes a CPU profile of the whole provider process to
// $GHPACKAGES_CPUPROFILE and a heap profile (allocations) to
// $GHPACKAGES_MEMPROFILE when they are set; the files get the process id
// appended, as Terraform starts the provider more than once per command.
// $GHPACKAGES_STATS gets a line appended per process: its CPU time and
// allocations, "cpu_ms N allocs N bytes N". Only in builds with -tags pprof.
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
	if path := os.Getenv("GHPACKAGES_STATS"); path != "" {
		stops = append(stops, func() { appendStats(path) })
	}
	return func() {
		for _, s := range stops {
			s()
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func appendStats(path string) {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = fmt.Fprintf(f, "cpu_ms %d allocs %d bytes %d\n", cpu.Milliseconds(), m.Mallocs, m.TotalAlloc)
}
