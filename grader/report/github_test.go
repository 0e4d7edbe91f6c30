package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteGitHubAnnotations(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteGitHubAnnotations(&buf, sample()))
	golden(t, "sample.github.txt", buf.Bytes())
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		assert.Regexp(t, `^::(error|warning|notice)( [a-z]+=[^,:]*(,[a-z]+=[^,:]*)*)?::`, line)
	}
}

func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ in, data, property string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"x: 1, y: 2", "x: 1, y: 2", "x%3A 1%2C y%3A 2"},
		{"%0A", "%250A", "%250A"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.data, githubData(tt.in))
			assert.Equal(t, tt.property, githubProperty(tt.in))
		})
	}
}

// TestGitHubNoInjection checks that a learner's text cannot start a workflow command of its own.
func TestGitHubNoInjection(t *testing.T) {
	r := sample()
	c := &r.Exercises[1].Checks[1]
	c.Got = "0.25\n::add-mask::secret\n::error file=x.go::fake"
	c.Name = "name, with: commas\n::warning::x"
	var clean, buf bytes.Buffer
	require.NoError(t, WriteGitHubAnnotations(&clean, sample()))
	require.NoError(t, WriteGitHubAnnotations(&buf, r))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	assert.Len(t, lines, strings.Count(clean.String(), "\n"), "no line was added")
	for _, line := range lines {
		assert.Regexp(t, `^::(error|notice) `, line, "GitHub reads commands only at the start of a line")
	}
	assert.Contains(t, buf.String(), "title=Exercise 2 (classification-metrics)%3A name%2C with%3A commas%0A%3A%3Awarning%3A%3Ax::")
}

func TestSplitLocation(t *testing.T) {
	tests := []struct {
		in, file, line, col string
		ok                  bool
	}{
		{"a/b.go:41", "a/b.go", "41", "", true},
		{"a/b.go:41:7", "a/b.go", "41", "7", true},
		{`C:\x\b.go:41`, `C:\x\b.go`, "41", "", true},
		{"a/b.go", "", "", "", false},
		{"", "", "", "", false},
	}
	for _, tt := range tests {
		file, line, col, ok := splitLocation(tt.in)
		assert.Equal(t, []any{tt.file, tt.line, tt.col, tt.ok}, []any{file, line, col, ok}, tt.in)
	}
}

func TestWriteGitHubSummary(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteGitHubSummary(&buf, sample(), "https://example.org/run 7/"))
	golden(t, "sample.github-summary.md", buf.Bytes())
	assert.Contains(t, buf.String(), "[Residuals](https://example.org/run%207/.grade/regression-metrics/residuals.png)")

	buf.Reset()
	require.NoError(t, WriteGitHubSummary(&buf, sample(), ""))
	assert.Contains(t, buf.String(), "Residuals `.grade/regression-metrics/residuals.png`")
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct{ in, text, code string }{
		{"plain", "plain", "`plain`"},
		{"a|b", `a\|b`, "`a|b`"},
		{"<script>x</script>", `\<script\>x\</script\>`, "`<script>x</script>`"},
		{"*bold* _it_ [l](u)", `\*bold\* \_it\_ \[l\](u)`, "`*bold* _it_ [l](u)`"},
		{"two\nlines", "two lines", "`two lines`"},
		{"a `tick`", "a \\`tick\\`", "`` a `tick` ``"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.text, markdownText(tt.in))
			assert.Equal(t, tt.code, markdownCode(tt.in))
		})
	}
}

func TestGitHubSummaryHostileText(t *testing.T) {
	r := sample()
	r.Exercises[1].Title = "Evil | title\n<img src=x onerror=alert(1)>"
	var buf bytes.Buffer
	require.NoError(t, WriteGitHubSummary(&buf, r, ""))
	assert.NotRegexp(t, `(^|[^\\])<img`, buf.String(), "every < is escaped")
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(line, "| 02 ") {
			assert.Equal(t, 5, strings.Count(line, "|")-strings.Count(line, `\|`), "the table row keeps its four cells: %s", line)
		}
	}
}
