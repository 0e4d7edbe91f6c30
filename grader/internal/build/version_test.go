package build

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDriverGoVersionMatchesGoMod(t *testing.T) {
	mod, err := os.ReadFile("../../../go.mod")
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^go (\d+)\.(\d+)`).FindSubmatch(mod)
	require.NotNil(t, m, "go directive in go.mod")
	assert.Equal(t, "go"+string(m[1])+"."+string(m[2]), DriverGoVersion)
}

func TestWithGoVersion(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"no constraint", "// Package d does x.\npackage d\n", "//go:build go1.26\n\n// Package d does x.\npackage d\n"},
		{"constraint", "//go:build unix\n\npackage d\n", "//go:build go1.26 && unix\n\npackage d\n"},
		{"or constraint", "// Copyright.\n\n//go:build linux || darwin\n\npackage d\n",
			"// Copyright.\n\n//go:build go1.26 && (linux || darwin)\n\npackage d\n"},
		{"constraint-like text after package", "package d\n\n//go:build unix\n", "//go:build go1.26\n\npackage d\n\n//go:build unix\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := withGoVersion([]byte(tc.src), "go1.26")
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
		})
	}
	_, err := withGoVersion([]byte("//go:build (unix\n\npackage d\n"), "go1.26")
	assert.Error(t, err)
}
