package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/mlkata/mlkata/grader/report"
)

// buildEvent is one line of `go build -json` output (cmd/go's BuildEvent, Go ≥ 1.24).
type buildEvent struct {
	ImportPath string
	Action     string // "build-output" or "build-fail"
	Output     string
}

// parseBuildOutput reads the output of `go build -json` and returns, for every package that
// failed to build, its messages: one per compiler error, with the tab-indented continuation
// lines that follow it ("\thave (int)\n\twant (string)") joined to it. The "# importpath"
// headers and the compiler's "too many errors" line are dropped. Lines that are not JSON
// (the go command's own messages) are ignored.
func parseBuildOutput(out []byte) (map[string][]string, error) {
	text := make(map[string]*strings.Builder)
	failed := make(map[string]bool)
	var order []string
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var e buildEvent
		err := dec.Decode(&e)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var syn *json.SyntaxError
			if !errors.As(err, &syn) {
				return nil, err
			}
			// Skip a non-JSON line and carry on after it.
			rest := out[dec.InputOffset():]
			nl := bytes.IndexByte(rest, '\n')
			if nl < 0 {
				break
			}
			out = rest[nl+1:]
			dec = json.NewDecoder(bytes.NewReader(out))
			continue
		}
		switch e.Action {
		case "build-output":
			sb, ok := text[e.ImportPath]
			if !ok {
				sb = new(strings.Builder)
				text[e.ImportPath] = sb
				order = append(order, e.ImportPath)
			}
			sb.WriteString(e.Output)
		case "build-fail":
			failed[e.ImportPath] = true
		}
	}
	res := make(map[string][]string)
	for _, p := range order {
		if failed[p] {
			res[p] = splitMessages(text[p].String())
		}
	}
	for p := range failed {
		if _, ok := res[p]; !ok {
			res[p] = nil
		}
	}
	return res, nil
}

// splitMessages splits one package's compiler output into messages.
func splitMessages(s string) []string {
	var msgs []string
	for line := range strings.Lines(s) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case line == "" || strings.HasPrefix(line, "# "):
		case strings.HasPrefix(line, "\t") && len(msgs) > 0:
			msgs[len(msgs)-1] += "\n" + line
		case strings.HasSuffix(line, ": too many errors") || line == "too many errors":
		default:
			msgs = append(msgs, line)
		}
	}
	return msgs
}

// positionRE matches a message that starts with a Go file position: "file.go:12:5: text" or
// "file.go:12: text".
var positionRE = regexp.MustCompile(`^(.+?\.go):(\d+)(?::(\d+))?: ?(?s:(.*))$`)

// parsePosition splits a compiler message into a Diagnostic with the file as printed; a
// message without a position keeps it all in Message.
func parsePosition(msg string) report.Diagnostic {
	m := positionRE.FindStringSubmatch(msg)
	if m == nil {
		return report.Diagnostic{Message: msg}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return report.Diagnostic{File: m[1], Line: line, Column: col, Message: m[4]}
}

// buildText returns the human-readable text of `go build -json` output, for error messages.
func buildText(out []byte) string {
	var sb strings.Builder
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var e buildEvent
		if err := dec.Decode(&e); err != nil {
			break
		}
		sb.WriteString(e.Output)
	}
	return sb.String()
}
