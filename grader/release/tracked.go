package release

import (
	"context"
	"os"
)

// Tracked lists the files of the repository at src the way Write chooses its candidates: the
// files git tracks, read from the work tree, when src is a git work tree, else every file
// below src; with ref set, the files of that git revision instead, extracted to a temporary
// folder. It returns the folder to read the files from (src, or the snapshot), the files
// relative to it (slash-separated, sorted), and a function that removes the snapshot, which
// the caller must call.
func Tracked(ctx context.Context, src, ref string) (root string, files []string, cleanup func(), err error) {
	root, cleanup = src, func() {}
	if ref != "" {
		snap, err := snapshot(ctx, src, ref)
		if err != nil {
			return "", nil, nil, err
		}
		root, cleanup = snap, func() { os.RemoveAll(snap) }
	}
	files, _, err = candidates(ctx, root)
	if err != nil {
		cleanup()
		return "", nil, nil, err
	}
	return root, files, cleanup, nil
}
