package fakegithub

import (
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// faultKind is one of the server errors GitHub's edge is known to produce.
type faultKind int

const (
	faultBadGateway  faultKind = iota // 502 with the proxy's HTML page
	faultUnavailable                  // 503 with a JSON message
	faultInternal                     // 500 with no body at all
	faultKinds
)

// outage answers the next requests with 503 and a Retry-After, as GitHub's
// edge does during maintenance.
type outage struct {
	remaining  int
	retryAfter time.Duration
}

// next counts a request against the outage and returns its answer.
func (o *outage) next() (*response, bool) {
	if o.remaining <= 0 {
		return nil, false
	}
	o.remaining--
	resp := jsonResponse(http.StatusServiceUnavailable, map[string]string{"message": "Service Unavailable"})
	resp.header.Set("Retry-After", strconv.Itoa(int(math.Ceil(o.retryAfter.Seconds()))))
	return resp, true
}

// fault is a decision to fail one request.
type fault struct {
	kind faultKind
	// afterMutation makes a DELETE or POST take effect before the error is
	// returned, so the client cannot tell from the status whether it did.
	afterMutation bool
}

// faultInjector decides, with its own seeded generator so that a test run
// is repeatable, which requests fail.
type faultInjector struct {
	rate float64
	rng  *rand.Rand
}

func newFaultInjector(seed int64) faultInjector {
	return faultInjector{rng: rand.New(rand.NewPCG(uint64(seed), uint64(seed)))}
}

// decide draws whether a request with method fails and how.
func (f *faultInjector) decide(method string) (fault, bool) {
	if f.rate <= 0 || f.rng.Float64() >= f.rate {
		return fault{}, false
	}
	ft := fault{kind: faultKind(f.rng.IntN(int(faultKinds)))}
	if method == http.MethodDelete || method == http.MethodPost {
		ft.afterMutation = f.rng.IntN(2) == 0
	}
	return ft, true
}

const badGatewayPage = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n" +
	"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"

func (ft fault) response() *response {
	switch ft.kind {
	case faultBadGateway:
		resp := newResponse(http.StatusBadGateway)
		resp.header.Set("Content-Type", "text/html")
		resp.body = []byte(badGatewayPage)
		return resp
	case faultUnavailable:
		return jsonResponse(http.StatusServiceUnavailable, map[string]string{"message": "Service Unavailable"})
	default:
		return newResponse(http.StatusInternalServerError)
	}
}
