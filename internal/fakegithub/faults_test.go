package fakegithub_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func TestFaultsOnReads(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed(), fakegithub.WithRandSeed(7))
	s.SetFaultRate(1)
	kinds := map[int]int{}
	for range 30 {
		r := get(t, s, "/orgs/acme/packages/container/web", fullToken)
		kinds[r.status]++
		switch r.status {
		case 502:
			if !strings.Contains(r.header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.body), "502 Bad Gateway") {
				t.Errorf("502 = %q %q", r.header.Get("Content-Type"), r.body)
			}
		case 503:
			r.expect(t, 503, "")
			if string(r.body) != `{"message":"Service Unavailable"}` {
				t.Errorf("503 body %s", r.body)
			}
		case 500:
			if len(r.body) != 0 {
				t.Errorf("500 body %q", r.body)
			}
		default:
			t.Errorf("status %d with fault rate 1", r.status)
		}
	}
	if kinds[502] == 0 || kinds[503] == 0 || kinds[500] == 0 {
		t.Errorf("fault mix %v, want all three", kinds)
	}
	s.SetFaultRate(0)
	get(t, s, "/orgs/acme/packages/container/web", fullToken).expect(t, 200, "")
}

// Half of the failed writes happen anyway, and the same seed fails the same
// requests.
func TestFaultsOnWrites(t *testing.T) {
	run := func() (applied []bool) {
		seed := fakegithub.DefaultSeed()
		seed.Owners[0].Packages = append(seed.Owners[0].Packages,
			fakegithub.SeedPackage{Name: "many", Type: "npm", GenerateVersions: 41})
		s := fakegithub.Start(t, seed, fakegithub.WithRandSeed(42))
		ps, _ := s.Package("acme", "npm", "many")
		s.SetFaultRate(1)
		for _, id := range ps.ActiveVersionIDs[:40] {
			r := send(t, s.URL(), "DELETE", fmt.Sprintf("/orgs/acme/packages/npm/many/versions/%d", id), fullToken)
			if r.status < 500 {
				t.Fatalf("status %d with fault rate 1", r.status)
			}
			v, _ := s.Version("acme", "npm", "many", id)
			applied = append(applied, v.Deleted)
		}
		return applied
	}
	first := run()
	n := 0
	for _, a := range first {
		if a {
			n++
		}
	}
	if n < 10 || n > 30 {
		t.Errorf("%d of 40 failed deletes applied, want about half", n)
	}
	if fmt.Sprint(run()) != fmt.Sprint(first) {
		t.Error("same seed, different faults")
	}
}

func TestLatency(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	s.SetLatency(50 * time.Millisecond)
	start := time.Now()
	get(t, s, "/orgs/acme/packages/container/web", fullToken).expect(t, 200, "")
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("answered in %v despite 50ms latency", d)
	}

	// A client that gives up is let go, and the request recorded as such.
	s.ResetRequests()
	s.SetLatency(time.Minute)
	client := &http.Client{Timeout: 50 * time.Millisecond}
	req, _ := http.NewRequest("GET", s.URL()+"/orgs/acme/packages/container/web", nil)
	req.Header.Set("Authorization", "Bearer "+fullToken)
	if _, err := client.Do(req); err == nil {
		t.Fatal("no timeout")
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.Requests()[0].Status != 499 {
		if time.Now().After(deadline) {
			t.Fatalf("record = %+v, want status 499", s.Requests()[0])
		}
		time.Sleep(5 * time.Millisecond)
	}
	s.SetLatency(0)
}
