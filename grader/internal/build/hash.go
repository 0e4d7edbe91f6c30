package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// hashEnv are the environment variables that change what the go command builds.
var hashEnv = []string{"GOFLAGS", "GOEXPERIMENT", "GOOS", "GOARCH", "GOAMD64", "GOARM64", "GODEBUG"}

// sourceHash returns target i's TargetResult.SourceHash. It reads the files of every
// package the target's code is built from, once per build (packages shared by several
// targets are hashed once).
func (b *builder) sourceHash(i int) (string, error) {
	p := b.pkgOf[i]
	if p == nil {
		return "", nil
	}
	h := sha256.New()
	if err := b.hashSettings(h); err != nil {
		return "", err
	}
	for _, imp := range append([]string{p.ImportPath}, p.Deps...) {
		dp := b.pkgs[imp]
		if dp == nil || dp.Standard {
			continue
		}
		if m := dp.Module; m != nil && m.Version != "" {
			// A versioned module's files are immutable; go.sum pins its content.
			fmt.Fprintf(h, "module %s@%s\n", m.Path, m.Version)
			continue
		}
		sum, err := b.packageHash(dp)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "package %s %s\n", imp, sum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashSettings writes what every target's code depends on besides its files: the go
// command, the build environment, and the workspace module's go.mod and go.sum.
func (b *builder) hashSettings(h io.Writer) error {
	if b.settingsHash == "" {
		s := sha256.New()
		fi, err := os.Stat(b.goCmd)
		if err != nil {
			return fmt.Errorf("build: %w", err)
		}
		fmt.Fprintf(s, "go %s %d %d\n", b.goCmd, fi.Size(), fi.ModTime().UnixNano())
		for _, k := range hashEnv {
			fmt.Fprintf(s, "%s=%s\n", k, os.Getenv(k))
		}
		for _, kv := range b.opt.Env {
			fmt.Fprintf(s, "env %s\n", kv)
		}
		for _, f := range []string{"go.mod", "go.sum"} {
			if err := hashFile(s, f, filepath.Join(b.modDir, f)); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("build: %w", err)
			}
		}
		b.settingsHash = hex.EncodeToString(s.Sum(nil))
	}
	_, err := fmt.Fprintf(h, "settings %s\n", b.settingsHash)
	return err
}

// packageHash returns a hash of the names and contents of a package's Go and embedded
// files, read through the overlay.
func (b *builder) packageHash(p *listPackage) (string, error) {
	if sum, ok := b.pkgHashes[p.ImportPath]; ok {
		return sum, nil
	}
	h := sha256.New()
	files := slices.Concat(p.GoFiles, p.EmbedFiles)
	for _, name := range files {
		file := filepath.Join(p.Dir, name)
		if real, ok := b.overlay[file]; ok {
			file = real
		}
		if err := hashFile(h, name, file); err != nil {
			return "", fmt.Errorf("build: %w", err)
		}
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if b.pkgHashes == nil {
		b.pkgHashes = make(map[string]string)
	}
	b.pkgHashes[p.ImportPath] = sum
	return sum, nil
}

// hashFile writes name, the length of file's content and the content to h.
func hashFile(h hash.Hash, name, file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "file %q %d\n", name, fi.Size())
	_, err = io.Copy(h, f)
	return err
}
