package fakegithub

import "net/http"

// RequestRecord is one request the fake received, for test assertions.
type RequestRecord struct {
	Method string
	// Route is the contract's template the request matched, such as
	// "GET /orgs/{org}/packages/{package_type}/{package_name}/versions";
	// requests through the GHES prefix or a Link alias count for the route
	// they stand for. It is "" when no route matched.
	Route string
	// Path is the escaped path as sent, so "%2F" in names shows.
	Path     string
	RawQuery string
	// Status is the answer's status: 0 while in flight, 499 when the client
	// gave up during SetLatency.
	Status int
	// Header holds the request's headers (Accept, User-Agent, ...).
	Header http.Header
}

func (s *Server) setStatus(rec *RequestRecord, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec.Status = status
}

// Requests lists the requests received since the start or ResetRequests, in
// arrival order.
func (s *Server) Requests() []RequestRecord {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]RequestRecord, len(s.requests))
	for i, rec := range s.requests {
		out[i] = *rec
	}
	return out
}

// Count is how many requests matched route, a template from Routes.
func (s *Server) Count(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, rec := range s.requests {
		if rec.Route == route {
			n++
		}
	}
	return n
}

// WriteCount is how many DELETE and POST requests were received.
func (s *Server) WriteCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, rec := range s.requests {
		if rec.Method == http.MethodDelete || rec.Method == http.MethodPost {
			n++
		}
	}
	return n
}

// ResetRequests forgets the requests received so far.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}
