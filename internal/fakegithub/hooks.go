package fakegithub

import "net/http"

// OnRequest makes the fake call f with every request that matches route (a
// contract template such as "GET /orgs/{org}/packages/{package_type}/{package_name}/versions",
// the form RequestRecord.Route has), before the fake answers it, and without
// holding the fake's lock: f may change the fake (PushVersion) so that a
// request sees the state of the world after it, or wait to order concurrent
// requests. A later call for the same route replaces f; nil removes it.
func (s *Server) OnRequest(route string, f func(r *http.Request)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hooks == nil {
		s.hooks = map[string]func(*http.Request){}
	}
	if f == nil {
		delete(s.hooks, route)
		return
	}
	s.hooks[route] = f
}
