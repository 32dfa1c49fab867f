package retention

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// Age is a duration as the user wrote it: "720h", "30d", "1d12h". Text is
// kept for reasons ("younger than 30d"), in the user's own words.
type Age struct {
	Duration time.Duration
	Text     string
}

// AgeSyntax says what ParseAge accepts, for diagnostics.
const AgeSyntax = `a duration such as "720h", "30d" or "1d12h": numbers with the units d (24 hours), h, m, s, ms, us or ns, no sign`

var (
	agePattern   = regexp.MustCompile(`^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h|d))+$`)
	ageComponent = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h|d)`)
)

// ParseAge reads a Go duration (time.ParseDuration's units, without a sign)
// that may also use "d" for days of 24 hours: "30d", "1d12h", "1.5d".
func ParseAge(s string) (Age, error) {
	if !agePattern.MatchString(s) {
		return Age{}, fmt.Errorf("must be %s, got: %q", AgeSyntax, s)
	}
	var total time.Duration
	for _, m := range ageComponent.FindAllStringSubmatch(s, -1) {
		var d time.Duration
		if m[2] == "d" {
			days, err := strconv.ParseFloat(m[1], 64)
			if err != nil || days*24 > float64(1<<63-1)/float64(time.Hour) {
				return Age{}, fmt.Errorf("must be %s, got: %q (too long)", AgeSyntax, s)
			}
			d = time.Duration(days * 24 * float64(time.Hour))
		} else {
			var err error
			if d, err = time.ParseDuration(m[0]); err != nil {
				return Age{}, fmt.Errorf("must be %s, got: %q (%v)", AgeSyntax, s, err)
			}
		}
		if total+d < total {
			return Age{}, fmt.Errorf("must be %s, got: %q (too long)", AgeSyntax, s)
		}
		total += d
	}
	return Age{Duration: total, Text: s}, nil
}

// String is the age as the user wrote it.
func (a Age) String() string {
	if a.Text != "" {
		return a.Text
	}
	return a.Duration.String()
}
