package fakegithub_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// Clients, out-of-band changes and assertions may run at once (run with -race).
func TestConcurrentUse(t *testing.T) {
	s := fakegithub.Start(t, bigSeed())
	ps, _ := s.Package("acme", "container", "many")
	// status sends a request from any goroutine (t.Fatal is not allowed there).
	status := func(method, path string) int {
		req, _ := http.NewRequest(method, s.URL()+path, nil)
		req.Header.Set("Authorization", "Bearer "+fullToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 10 {
				id := ps.ActiveVersionIDs[i*10+j]
				if got := status("DELETE", fmt.Sprintf("/orgs/acme/packages/container/many/versions/%d", id)); got != 204 {
					t.Errorf("DELETE %d: %d", id, got)
				}
				if got := status("GET", "/orgs/acme/packages/container/many/versions?per_page=5"); got != 200 {
					t.Errorf("GET: %d", got)
				}
			}
		})
	}
	wg.Go(func() {
		for range 20 {
			s.PushVersion("acme", "container", "many", fakegithub.SeedVersion{})
			s.Requests()
			s.Count("GET /orgs/{org}/packages/{package_type}/{package_name}/versions")
		}
	})
	wg.Wait()
	after, _ := s.Package("acme", "container", "many")
	if len(after.ActiveVersionIDs) != 250-80+20 || s.WriteCount() != 80 {
		t.Errorf("%d active versions, %d writes", len(after.ActiveVersionIDs), s.WriteCount())
	}
}
