package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
)

// How a list resource answers `terraform query`, written once for both:
// read the `config` block, then stream a paged listing of GitHub's, result
// by result, stopping at the query's limit or when Terraform stops reading,
// with a failed listing as a last result that carries the error.

// listConfigFrom reads a list resource's `config` block into C, after
// checking that the provider is configured. When it cannot, the stream
// carries the diagnostics and ok is false.
func listConfigFrom[C any](ctx context.Context, client *ghclient.Client, req list.ListRequest, stream *list.ListResultsStream) (cfg C, ok bool) {
	diags := req.Config.Get(ctx, &cfg)
	if diags.HasError() || !requireClient(client, &diags) {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return cfg, false
	}
	return cfg, true
}

// streamPages sets the stream to the results of a paged listing: each pages
// through GitHub's listing of s, handing each page to its callback until
// that returns false; toResult makes an item's result, or skips the item.
// No further page is fetched once the query's limit (0: none) is reached,
// when Terraform stops reading, or when ctx is cancelled. A cancelled
// listing is not reported as an error: Terraform cancelled it.
func streamPages[T any](ctx context.Context, req list.ListRequest, stream *list.ListResultsStream, s subject,
	each func(page func([]T) bool) error, toResult func(T) (list.ListResult, bool)) {
	stream.Results = func(push func(list.ListResult) bool) {
		var sent int64
		err := each(func(page []T) bool {
			for _, item := range page {
				if ctx.Err() != nil {
					return false
				}
				result, keep := toResult(item)
				if !keep {
					continue
				}
				if !push(result) {
					return false
				}
				sent++
				if req.Limit > 0 && sent >= req.Limit {
					return false
				}
			}
			return ctx.Err() == nil
		})
		if err == nil || ctx.Err() != nil {
			return
		}
		var diags diag.Diagnostics
		addAPIError(&diags, opRead, s, err)
		push(list.ListResult{Diagnostics: diags})
	}
}
