package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// xmllint validates doc against testdata/junit-10.xsd with xmllint, or skips the test when
// xmllint is not installed. It returns xmllint's combined output and whether it accepted doc.
func xmllint(t *testing.T, doc []byte) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not found: install libxml2-utils (apt-get install -y libxml2-utils) to validate JUnit XML against the schema")
	}
	path := filepath.Join(t.TempDir(), "junit.xml")
	require.NoError(t, os.WriteFile(path, doc, 0o644))
	out, err := exec.Command(bin, "--noout", "--schema", filepath.Join("testdata", "junit-10.xsd"), path).CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errorsAs(err, &exit) {
		t.Fatalf("run xmllint: %v", err)
	}
	return string(out), err == nil
}

func errorsAs(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	if ok {
		*target = e
	}
	return ok
}

func TestWriteJUnit(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteJUnit(&buf, sample()))
	golden(t, "sample.junit.xml", buf.Bytes())

	var doc junitSuites
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &doc))
	assert.Equal(t, 7, doc.Tests, "one test case per check")
	assert.Equal(t, 1, doc.Failures)
	assert.Equal(t, 2, doc.Errors, "the panic and the build error")
	require.Len(t, doc.Suites, 4)
	s := doc.Suites[1]
	assert.Equal(t, "classification-metrics", s.Name)
	assert.Equal(t, "0.300", s.Time)
	assert.Equal(t, []int{3, 1, 1, 0}, []int{s.Tests, s.Failures, s.Errors, s.Skipped})
	fail := s.Cases[1]
	assert.Equal(t, "classification-metrics", fail.Classname)
	assert.Equal(t, "Precision on imbalanced labels", fail.Name)
	require.NotNil(t, fail.Failure)
	assert.Contains(t, fail.Failure.Body, "mistake: precision-recall-swapped")
	assert.Contains(t, fail.SystemOut, "debug line\n")
	require.NotNil(t, doc.Suites[2].Cases[0].Error)
	assert.Contains(t, doc.Suites[2].Cases[0].Error.Body, "split.go:12:5: undefined: rng")
	require.NotNil(t, doc.Suites[3].Cases[0].Skipped)

	out, ok := xmllint(t, buf.Bytes())
	assert.True(t, ok, "xmllint rejected the JUnit XML:\n%s", out)
}

// TestJUnitSchemaRejects proves the schema test can fail: documents the common schema does not
// allow are rejected.
func TestJUnitSchemaRejects(t *testing.T) {
	tests := []struct{ name, doc string }{
		{"suite without counts", `<testsuites><testsuite name="a"/></testsuites>`},
		{"case without name", `<testsuites><testsuite name="a" tests="1" failures="0" errors="0"><testcase/></testsuite></testsuites>`},
		{"output before failure", `<testsuites><testsuite name="a" tests="1" failures="1" errors="0"><testcase name="x"><system-out>o</system-out><failure/></testcase></testsuite></testsuites>`},
		{"time not seconds", `<testsuites><testsuite name="a" tests="0" failures="0" errors="0" time="1m"/></testsuites>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, ok := xmllint(t, []byte(tt.doc))
			assert.False(t, ok, "xmllint accepted it:\n%s", out)
		})
	}
}

func TestWriteJUnitHostileText(t *testing.T) {
	r := sample()
	c := &r.Exercises[1].Checks[1]
	c.Output = "]]></system-out><evil/>\x1b[31m\x00 & <tag>"
	c.Message = `"quoted" <b>bold</b>` + "\nsecond line"
	var buf bytes.Buffer
	require.NoError(t, WriteJUnit(&buf, r))
	var doc junitSuites
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &doc), buf.String())
	got := doc.Suites[1].Cases[1]
	assert.Equal(t, "]]></system-out><evil/>\uFFFD[31m\uFFFD & <tag>", got.SystemOut, "control characters XML cannot hold become U+FFFD")
	assert.Equal(t, `"quoted" <b>bold</b>`, got.Failure.Message)
	out, ok := xmllint(t, buf.Bytes())
	assert.True(t, ok, out)
}
