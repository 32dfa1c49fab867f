package ghclient

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// maskToken makes every tflog call below ctx replace the token with "***",
// in messages and in field values alike, so that a header or URL logged by
// mistake still cannot leak it.
func maskToken(ctx context.Context, token string) context.Context {
	if token == "" {
		return ctx
	}
	ctx = tflog.MaskMessageStrings(ctx, token)
	return tflog.MaskAllFieldValuesStrings(ctx, token)
}

// logWait tells a user running with TF_LOG=WARN why a plan pauses.
func logWait(ctx context.Context, d time.Duration, reason string) {
	tflog.Warn(ctx, fmt.Sprintf("GitHub API: waiting %s before the next request: %s", d.Round(time.Millisecond), reason), map[string]any{
		"wait_seconds": d.Seconds(),
		"reason":       reason,
	})
}
