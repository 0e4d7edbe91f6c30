package platform

import (
	"archive/zip"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"text/template"
	"time"

	"github.com/mlkata/mlkata/grader"
	"github.com/mlkata/mlkata/grader/release"
)

// CourseDir is the folder of a Gradescope zip that holds the course snapshot; Gradescope
// unzips it to /autograder/source/course.
const CourseDir = "course"

// GoDownloads is where GoSHA256 looks up the checksums of Go's releases.
const GoDownloads = "https://go.dev/dl/?mode=json&include=all"

var (
	//go:embed scripts/setup.sh
	setupScript string
	//go:embed scripts/run_autograder
	runScript string

	scripts = template.Must(template.New("setup.sh").Parse(setupScript))
	_       = template.Must(scripts.New("run_autograder").Parse(runScript))

	goVersionRE = regexp.MustCompile(`^go[0-9]+\.[0-9]+(\.[0-9]+|rc[0-9]+|beta[0-9]+)?$`)
	sha256RE    = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// zipTime is the modification time of every file in the zip, so that the same course gives
// the same zip.
var zipTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// GradescopeOptions configures GradescopeZip.
type GradescopeOptions struct {
	// Source is the instructor's repository: the root of the mlkata module.
	Source string
	// Ref, when set, packages that git revision of Source instead of its work tree (see
	// release.Tracked).
	Ref string
	// Exercises is the course (exercises.All()): their solution folders are left out.
	Exercises []*grader.Exercise
	// Exclude lists more paths to leave out (see Course).
	Exclude []string
	// GoVersion is the Go setup.sh installs, such as "go1.26.0".
	GoVersion string
	// GoSHA256 is the SHA-256 of GoVersion's linux-amd64 tarball (see GoSHA256), in hex.
	GoSHA256 string
	// Seed is the seed run_autograder grades with unless MLKATA_SEED is set; it must not be 0.
	Seed uint64
	// Flags are more options for `grade autograde gradescope`, baked into run_autograder
	// (such as "--reveal-hidden" or "--time-limit=9m0s"); each must be one word without shell
	// syntax.
	Flags []string
}

// GradescopeResult says what GradescopeZip wrote.
type GradescopeResult struct {
	// Course are the files of the snapshot, relative to the course folder.
	Course []string
	// Dropped are the repository's files left out of it.
	Dropped []string
}

var flagRE = regexp.MustCompile(`^--[a-z-]+(=[0-9A-Za-z.-]+)?$`)

// GradescopeZip writes the Gradescope autograder of the course at opt.Source to w: setup.sh
// and run_autograder at the root (executable), and the course snapshot (Course) in
// CourseDir. It returns an error for options that would give a broken zip (a Go version or
// checksum that is not well formed, a zero seed) and when the files cannot be read.
func GradescopeZip(ctx context.Context, opt GradescopeOptions, w io.Writer) (*GradescopeResult, error) {
	if !goVersionRE.MatchString(opt.GoVersion) {
		return nil, fmt.Errorf("gradescope: Go version %q: want a release such as go1.26.0", opt.GoVersion)
	}
	if !sha256RE.MatchString(opt.GoSHA256) {
		return nil, fmt.Errorf("gradescope: SHA-256 %q of Go's tarball: want 64 lowercase hex digits", opt.GoSHA256)
	}
	if opt.Seed == 0 {
		return nil, errors.New("gradescope: the seed must not be 0")
	}
	for _, f := range opt.Flags {
		if !flagRE.MatchString(f) {
			return nil, fmt.Errorf("gradescope: flag %q: want --name or --name=value", f)
		}
	}
	src, err := filepath.Abs(opt.Source)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(src, "go.mod")); err != nil {
		return nil, fmt.Errorf("gradescope: %s is not the root of the course's module: %w", opt.Source, err)
	}
	root, files, cleanup, err := release.Tracked(ctx, src, opt.Ref)
	if err != nil {
		return nil, fmt.Errorf("gradescope: %w", err)
	}
	defer cleanup()
	keep, dropped := Course(files, opt.Exercises, opt.Exclude)

	zw := zip.NewWriter(w)
	data := struct {
		GoVersion, GoSHA256, Seed string
		Flags                     []string
	}{opt.GoVersion, opt.GoSHA256, strconv.FormatUint(opt.Seed, 10), opt.Flags}
	for _, name := range []string{"setup.sh", "run_autograder"} {
		var b bytes.Buffer
		if err := scripts.ExecuteTemplate(&b, name, data); err != nil {
			return nil, fmt.Errorf("gradescope: %s: %w", name, err)
		}
		if err := addFile(zw, name, 0o755, b.Bytes()); err != nil {
			return nil, err
		}
	}
	for _, f := range keep {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p := filepath.Join(root, filepath.FromSlash(f))
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("gradescope: %w", err)
		}
		mode := fs.FileMode(0o644)
		if fi, err := os.Stat(p); err == nil && fi.Mode()&0o111 != 0 {
			mode = 0o755
		}
		if err := addFile(zw, CourseDir+"/"+f, mode, b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("gradescope: %w", err)
	}
	return &GradescopeResult{Course: keep, Dropped: dropped}, nil
}

func addFile(zw *zip.Writer, name string, mode fs.FileMode, data []byte) error {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime}
	h.SetMode(mode)
	f, err := zw.CreateHeader(h)
	if err != nil {
		return fmt.Errorf("gradescope: %s: %w", name, err)
	}
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("gradescope: %s: %w", name, err)
	}
	return nil
}

// GoSHA256 looks up the SHA-256 of the linux-amd64 tarball of Go release version ("go1.26.0")
// in the list of Go's downloads at url (GoDownloads, in the format of
// https://go.dev/dl/?mode=json&include=all), with client (nil means a client with a one-minute
// timeout).
func GoSHA256(ctx context.Context, client *http.Client, url, version string) (string, error) {
	if client == nil {
		client = &http.Client{Timeout: time.Minute}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("checksum of %s: %w", version, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("checksum of %s: %s: %s", version, url, resp.Status)
	}
	var releases []struct {
		Version string `json:"version"`
		Files   []struct {
			Filename string `json:"filename"`
			OS       string `json:"os"`
			Arch     string `json:"arch"`
			Kind     string `json:"kind"`
			SHA256   string `json:"sha256"`
		} `json:"files"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&releases); err != nil {
		return "", fmt.Errorf("checksum of %s: %s: %w", version, url, err)
	}
	want := version + ".linux-amd64.tar.gz"
	for _, r := range releases {
		if r.Version != version {
			continue
		}
		for _, f := range r.Files {
			if f.Filename == want && f.Kind == "archive" && sha256RE.MatchString(f.SHA256) {
				return f.SHA256, nil
			}
		}
	}
	return "", fmt.Errorf("checksum of %s: %s lists no %s", version, url, want)
}
