package retention

import (
	"strings"
	"testing"
	"time"
)

func TestParseAge(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Duration
	}{
		{"720h", 720 * time.Hour},
		{"30d", 30 * 24 * time.Hour},
		{"1d12h", 36 * time.Hour},
		{"1.5d", 36 * time.Hour},
		{"2d30m", 48*time.Hour + 30*time.Minute},
		{"90s", 90 * time.Second},
		{"1h30m", 90 * time.Minute},
		{"0d", 0},
		{"500ms", 500 * time.Millisecond},
	} {
		got, err := ParseAge(tt.in)
		if err != nil || got.Duration != tt.want || got.String() != tt.in {
			t.Errorf("ParseAge(%q) = %v (%q), %v; want %v", tt.in, got.Duration, got.String(), err, tt.want)
		}
	}
	for _, in := range []string{"", "30", "-1d", "+1h", "1w", "d", "1 d", "1D", "1d-2h", "30 days", "1e3h", "99999999999d", "9999999999999h"} {
		if got, err := ParseAge(in); err == nil {
			t.Errorf("ParseAge(%q) = %v, want an error", in, got.Duration)
		} else if !strings.Contains(err.Error(), `"30d"`) || !strings.Contains(err.Error(), "got: ") {
			t.Errorf("ParseAge(%q): error %q does not say what is allowed", in, err)
		}
	}
}
