package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteJSON writes r to w as indented JSON followed by a newline. Fields appear in the order
// of the struct definitions, so the same report always gives the same bytes.
func WriteJSON(w io.Writer, r *Report) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("report: encode JSON: %w", err)
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// ReadJSON reads a report written by WriteJSON. It returns an error for malformed JSON, for
// unknown fields, and for a report of another Version.
func ReadJSON(rd io.Reader) (*Report, error) {
	dec := json.NewDecoder(rd)
	dec.DisallowUnknownFields()
	var r Report
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("report: decode JSON: %w", err)
	}
	if r.Version != Version {
		return nil, fmt.Errorf("report: version %d, this grader reads version %d", r.Version, Version)
	}
	return &r, nil
}
