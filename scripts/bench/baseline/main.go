// Command baseline is the bench's reference client (scripts/bench.sh): what
// cleanup scripts built on octokit or go-github do, with go-github. It lists
// a package's versions page after page (100 a page, the way
// octokit.paginate and actions/delete-package-versions read them), and
// reads or deletes versions one request after another.
//
//	baseline -url URL -token T -org acme -type npm -name big list
//	baseline ... get    < ids      # one GET per id, in order
//	baseline ... delete < ids      # one DELETE per id, in order
//
// It prints what it did and, on the last line, "allocs N bytes N" of its
// own process, for the bench's allocation ratios.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"

	"github.com/google/go-github/v92/github"
)

func main() {
	url := flag.String("url", "", "API root, e.g. the fake's URL")
	token := flag.String("token", "", "token")
	org := flag.String("org", "", "organization")
	typ := flag.String("type", "", "package type")
	name := flag.String("name", "", "package name")
	flag.Parse()
	if err := run(*url+"/", *token, *org, *typ, *name, flag.Arg(0)); err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("allocs %d bytes %d\n", m.Mallocs, m.TotalAlloc)
}

func run(base, token, org, typ, name, op string) error {
	ctx := context.Background()
	gh, err := github.NewClient(github.WithURLs(&base, &base), github.WithAuthToken(token))
	if err != nil {
		return err
	}
	switch op {
	case "list":
		opts := &github.PackageListOptions{ListOptions: github.ListOptions{PerPage: 100}}
		n := 0
		for {
			vs, resp, err := gh.Organizations.PackageGetAllVersions(ctx, org, typ, name, opts)
			if err != nil {
				return err
			}
			n += len(vs)
			if resp.NextPage == 0 {
				break
			}
			opts.Page = resp.NextPage
		}
		fmt.Printf("listed %d versions\n", n)
	case "get", "delete":
		n := 0
		ids := bufio.NewScanner(os.Stdin)
		for ids.Scan() {
			id, err := strconv.ParseInt(ids.Text(), 10, 64)
			if err != nil {
				return err
			}
			if op == "get" {
				_, _, err = gh.Organizations.PackageGetVersion(ctx, org, typ, name, id)
			} else {
				_, err = gh.Organizations.PackageDeleteVersion(ctx, org, typ, name, id)
			}
			if err != nil {
				return err
			}
			n++
		}
		fmt.Printf("%s: %d versions\n", op, n)
	default:
		return fmt.Errorf("unknown operation %q: list, get or delete", op)
	}
	return nil
}
