package ghclient

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestOperationsLinkTheirDocs keeps the promise of the client's comments:
// each of the nine operations links GitHub's REST documentation for its three
// owners, as go-github's methods do, so a reader can check the client
// against the source of truth in one click.
func TestOperationsLinkTheirDocs(t *testing.T) {
	operations := map[string]bool{
		"ListPackages": false, "ListDockerConflicts": false, "GetPackage": false,
		"DeletePackage": false, "RestorePackage": false, "ListVersions": false,
		"GetVersion": false, "DeleteVersion": false, "RestoreVersion": false,
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil {
				continue
			}
			if _, isOperation := operations[fn.Name.Name]; !isOperation {
				continue
			}
			operations[fn.Name.Name] = true
			links := strings.Count(fn.Doc.Text(), "https://docs.github.com/rest/packages/packages#")
			if links != 3 {
				t.Errorf("%s (%s) links %d GitHub docs pages; want 3, one per owner", fn.Name.Name, name, links)
			}
		}
	}
	for op, found := range operations {
		if !found {
			t.Errorf("operation %s not found in package ghclient", op)
		}
	}
}
