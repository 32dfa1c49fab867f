package fakegithub

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

type token struct {
	value  string
	user   *owner // the account the token acts as
	scopes []string
	kind   string
}

// buildTokens indexes the seed's tokens, creating a user account for any
// login the seed does not list.
func buildTokens(seeds []SeedToken, st *state) (map[string]*token, error) {
	tokens := map[string]*token{}
	for _, sk := range seeds {
		if sk.Token == "" || sk.Login == "" {
			return nil, fmt.Errorf("fakegithub: seed token needs both token and login")
		}
		if tokens[sk.Token] != nil {
			return nil, fmt.Errorf("fakegithub: seed token %q listed twice", sk.Token)
		}
		kind := sk.Kind
		switch kind {
		case "":
			kind = KindClassic
		case KindClassic, KindApp, KindActions:
		default:
			return nil, fmt.Errorf("fakegithub: seed token %q has kind %q, want classic, app or actions", sk.Token, sk.Kind)
		}
		user := st.ownerByLogin(sk.Login)
		if user == nil {
			user = st.addOwner(sk.Login, 0, false)
		}
		tokens[sk.Token] = &token{value: sk.Token, user: user, scopes: slices.Clone(sk.Scopes), kind: kind}
	}
	return tokens, nil
}

// credentials extracts the token of an Authorization header in either of
// the forms GitHub accepts: "Bearer <t>" and "token <t>".
func credentials(r *http.Request) (string, bool) {
	scheme, value, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || value == "" {
		return "", false
	}
	if !strings.EqualFold(scheme, "Bearer") && !strings.EqualFold(scheme, "token") {
		return "", false
	}
	return strings.TrimSpace(value), true
}

// requiredScopes are the classic-token scopes a route checks. Registries
// whose permissions come from a repository also need repo to change anything.
func requiredScopes(method, pkgType string) []string {
	switch method {
	case http.MethodDelete:
		return withRepo([]string{"read:packages", "delete:packages"}, pkgType)
	case http.MethodPost:
		return withRepo([]string{"read:packages", "write:packages"}, pkgType)
	}
	return []string{"read:packages"}
}

func withRepo(scopes []string, pkgType string) []string {
	if slices.Contains(repoScopedTypes, pkgType) {
		return append(scopes, "repo")
	}
	return scopes
}

// missingScopeMessage names the scopes the token lacks, or returns "".
func missingScopeMessage(have, need []string) string {
	var missing []string
	for _, s := range need {
		if !slices.Contains(have, s) {
			missing = append(missing, s)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return fmt.Sprintf("Your token has not been granted the required scopes to execute this request: missing %s (this endpoint needs %s).",
		strings.Join(missing, ", "), strings.Join(need, ", "))
}
