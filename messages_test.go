package mlkata

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// learnerFacing are the folders whose string literals a learner or an instructor reads: the
// engine's messages, the reports, the command line, and every exercise's checks, hints and
// mistake catalogue (hidden files included).
var learnerFacing = []string{"grader", "cmd/grade", "exercises"}

// slips are the writing mistakes TestMessages looks for besides doubled words and articles,
// each a pattern and what it means.
var slips = []struct {
	re   *regexp.Regexp
	what string
}{
	{regexp.MustCompile(`[a-z,;:]  +[a-z]`), "two spaces between words"},
	{regexp.MustCompile(`[a-z] [,;]`), "a space before a comma or semicolon"},
	{regexp.MustCompile(`(?i)\b(it's|its') (own|input|inputs|result|results|value|values)\b`), `"it's" for "its"`},
}

// doubledOK are doubled words that are right where they are.
var doubledOK = map[string]bool{"that that": true}

var (
	word    = regexp.MustCompile(`[A-Za-z][A-Za-z'-]*`)
	article = regexp.MustCompile(`\b(a|an|A|An) ([A-Za-z][A-Za-z-]*)`)
)

// vowelSound reports whether w is said starting with a vowel sound, which takes "an": "an
// error", "an n×n matrix", "an MSE", but "a one-hot", "a unit", "a European".
func vowelSound(w string) bool {
	if len(w) == 1 || strings.ToUpper(w) == w {
		return strings.ContainsRune("AEFHILMNORSXaefhilmnorsx", rune(w[0])) // letters said by name
	}
	l := strings.ToLower(w)
	for _, p := range []string{"one", "once", "uni", "use", "usu", "uti", "eu", "ubi"} {
		if strings.HasPrefix(l, p) {
			return false
		}
	}
	for _, p := range []string{"hour", "honest", "mlkata"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return strings.ContainsRune("aeiou", rune(l[0]))
}

// TestMessages greps the message catalogue, every string literal of the learner-facing code,
// for slips of writing: a doubled word ("the the"), "a" or "an" before the wrong sound, two
// spaces between words, a space before a comma. Format verbs and code in backquotes are
// skipped; each finding names its file and line.
func TestMessages(t *testing.T) {
	var findings []string
	checked := 0
	for _, root := range learnerFacing {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil || !strings.Contains(s, " ") {
					return true
				}
				checked++
				for _, slip := range slipsIn(s) {
					findings = append(findings, fset.Position(lit.Pos()).String()+": "+slip)
				}
				return true
			})
			return nil
		})
		require.NoError(t, err)
	}
	assert.Greater(t, checked, 1000, "the walk found the messages")
	assert.Empty(t, findings, "slips of writing in messages")
}

// slipsIn returns the slips of writing in one message.
func slipsIn(s string) []string {
	if strings.HasPrefix(s, "func(") {
		return nil // a Go signature ("func(X *mat.Dense, fit Fit) Predict") is code, not prose
	}
	s = regexp.MustCompile("`[^`]*`").ReplaceAllString(s, "`code`")          // code is not prose
	s = regexp.MustCompile(`%[-+# 0-9.*]*[a-zA-Z]`).ReplaceAllString(s, "9") // nor are format verbs
	var out []string
	words := word.FindAllStringIndex(s, -1)
	for i := 1; i < len(words); i++ {
		a, b := s[words[i-1][0]:words[i-1][1]], s[words[i][0]:words[i][1]]
		// "out OUT" is a flag and its placeholder, not a doubled word.
		if s[words[i-1][1]:words[i][0]] == " " && strings.EqualFold(a, b) && (a == b || b != strings.ToUpper(b)) && !doubledOK[strings.ToLower(a+" "+b)] {
			out = append(out, "doubled word: "+strconv.Quote(a+" "+b))
		}
	}
	for _, ix := range article.FindAllStringSubmatchIndex(s, -1) {
		art, next := s[ix[2]:ix[3]], s[ix[4]:ix[5]]
		before := strings.TrimRight(s[:ix[0]], " ")
		if art[0] == 'A' && before != "" && !strings.HasSuffix(before, ".") && !strings.HasSuffix(before, ":") && !strings.HasSuffix(before, "\n") {
			continue // a capital A inside a sentence is a name (the matrix A), not an article
		}
		if an := strings.EqualFold(art, "an"); an != vowelSound(next) {
			out = append(out, fmt.Sprintf("%q before %q", art, next))
		}
	}
	for _, slip := range slips {
		for _, m := range slip.re.FindAllString(s, -1) {
			out = append(out, slip.what+": "+strconv.Quote(m))
		}
	}
	return out
}

// TestSlipsIn proves that each slip is found, and that correct prose passes.
func TestSlipsIn(t *testing.T) {
	for _, bad := range []string{
		"divide by the the count", "this is a error", "an bias column", "fit  the scaler",
		"the mean , then", "it's own inputs", "An Mistake", "x the the y", "a MSE", "The the", "Done. A error",
	} {
		assert.NotEmpty(t, slipsIn(bad), bad)
	}
	for _, good := range []string{
		"a mean divides the sum by n", "an error names the line", "a one-hot column", "an n×n matrix",
		"a unit vector", "a user", "the `a  b` code", "%s %s is %d", "values 1 1 2", "its own inputs",
		"a European dataset", "an MSE", "a QR factorisation", "an RMSE", "AᵀA its square", "[--out OUT]",
		"not an mlkata workspace", "func(X *mat.Dense, fit Fit) Predict",
	} {
		assert.Empty(t, slipsIn(good), good)
	}
}
