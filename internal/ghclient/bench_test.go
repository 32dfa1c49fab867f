package ghclient

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v92/github"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// Benchmarks compare the client with a baseline measured in the same run,
// against the in-repo fake GitHub; scripts/bench.sh prints the ratios.
// Besides time and allocations, each reports requests/op: what the rate limit
// pays. Contract validation is off here: it would dominate the timings.

// benchSeed has an organization package with n versions.
func benchSeed(n int) fakegithub.Seed {
	seed := fakegithub.DefaultSeed()
	for i := range seed.Owners {
		if seed.Owners[i].Login == "acme" {
			seed.Owners[i].Packages = append(seed.Owners[i].Packages, fakegithub.SeedPackage{
				Name: "big", Type: "npm", Visibility: "public", CreatedDaysAgo: 100, GenerateVersions: n,
			})
		}
	}
	return seed
}

func startBenchFake(b *testing.B, versions int) *fakegithub.Server {
	b.Helper()
	fake := fakegithub.Start(b, benchSeed(versions), fakegithub.WithContractValidation(false))
	// The baseline alone spends GitHub's 5,000 requests an hour in a few
	// iterations (which is the point); here the quota must not interfere.
	fake.SetPrimaryRateLimit(1<<30, time.Hour)
	// BENCH_LATENCY=50ms adds a network-like delay to every answer, so that
	// wall time shows what fewer requests are worth against real GitHub.
	if v := os.Getenv("BENCH_LATENCY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			b.Fatalf("BENCH_LATENCY: %v", err)
		}
		fake.SetLatency(d)
	}
	return fake
}

func reportRequests(b *testing.B, fake *fakegithub.Server) {
	b.ReportMetric(float64(len(fake.Requests()))/float64(b.N), "requests/op")
}

// BenchmarkListVersions lists 1,000 versions. Baseline: go-github's typed
// method paged by its Link header at GitHub's default page size, as most
// cleanup scripts do.
func BenchmarkListVersions(b *testing.B) {
	fake := startBenchFake(b, 1000)
	ctx := context.Background()
	b.Run("baseline=go-github-default-pages", func(b *testing.B) {
		base := fake.URL() + "/api/v3/"
		gh, err := github.NewClient(github.WithURLs(&base, &base), github.WithAuthToken(fakegithub.TokenFull))
		if err != nil {
			b.Fatal(err)
		}
		fake.ResetRequests()
		b.ReportAllocs()
		for b.Loop() {
			opts := &github.PackageListOptions{}
			n := 0
			for {
				vs, resp, err := gh.Organizations.PackageGetAllVersions(ctx, "acme", "npm", "big", opts)
				if err != nil {
					b.Fatal(err)
				}
				n += len(vs)
				if resp.NextPage == 0 {
					break
				}
				opts.Page = resp.NextPage
			}
			if n != 1000 {
				b.Fatalf("%d versions", n)
			}
		}
		reportRequests(b, fake)
	})
	b.Run("client", func(b *testing.B) {
		c := benchClient(b, fake, 0)
		fake.ResetRequests()
		b.ReportAllocs()
		for b.Loop() {
			vs, err := c.ListVersions(ctx, bigPackage, "")
			if err != nil || len(vs) != 1000 {
				b.Fatalf("%d versions, %v", len(vs), err)
			}
		}
		reportRequests(b, fake)
	})
}

// BenchmarkRefreshRetainedVersions reads 300 versions of one package, 10 at
// a time, as `terraform plan` refreshes a retention policy that keeps 300
// versions (Terraform's default parallelism is 10). Baseline: one GET per
// version (snapshots off).
func BenchmarkRefreshRetainedVersions(b *testing.B) {
	fake := startBenchFake(b, 300)
	ctx := context.Background()
	ids := func() []int64 {
		vs, err := benchClient(b, fake, -1).ListVersions(ctx, bigPackage, "")
		if err != nil {
			b.Fatal(err)
		}
		out := make([]int64, len(vs))
		for i, v := range vs {
			out[i] = v.ID
		}
		return out
	}()
	for _, bc := range []struct {
		name      string
		threshold int
	}{{"baseline=one-GET-per-version", -1}, {"client", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			fake.ResetRequests()
			b.ReportAllocs()
			for b.Loop() {
				// A new client per iteration: one plan, one provider process.
				c := benchClient(b, fake, bc.threshold)
				refresh(b, c, ids, 10)
			}
			reportRequests(b, fake)
		})
	}
}

func refresh(b *testing.B, c *Client, ids []int64, parallelism int) {
	work := make(chan int64)
	var wg sync.WaitGroup
	for range parallelism {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range work {
				if _, err := c.RefreshVersion(context.Background(), address.Version{Package: bigPackage, ID: id}); err != nil {
					b.Error(err)
				}
			}
		}()
	}
	for _, id := range ids {
		work <- id
	}
	close(work)
	wg.Wait()
}

func benchClient(b *testing.B, fake *fakegithub.Server, snapshotThreshold int) *Client {
	b.Helper()
	c, err := New(Config{
		BaseURL: fake.URL(), Token: fakegithub.TokenFull, Retry: fastRetries,
		MaxConcurrentRequests: 4, SnapshotThreshold: snapshotThreshold,
	})
	if err != nil {
		b.Fatal(err)
	}
	return c
}
