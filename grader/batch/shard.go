package batch

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard selects a deterministic slice of the submissions, so that N independent machines (a
// CI matrix, a Kubernetes Indexed Job) grade a batch together, each with its own I.
//
// A submission belongs to shard I of N when FNV-1a-64(name) mod N = I, name being the
// submission's folder name. The choice depends on the name alone, not on which other
// submissions a machine sees, so shards cover every submission exactly once even when their
// copies of the directory differ; the price is that shard sizes are only about equal (for 200
// submissions on 4 shards, typically 50 ± 7). The zero Shard (N = 0) and N = 1 select
// everything.
type Shard struct {
	I, N int // 0 ≤ I < N; shard indexes start at 0, like JOB_COMPLETION_INDEX
}

// ParseShard parses "I/N", for example "0/4" or "$JOB_COMPLETION_INDEX/4" once expanded. It
// returns an error for anything else, and when I is not in [0, N).
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("shard %q: want I/N, e.g. 0/4", s)
	}
	i, err := strconv.Atoi(strings.TrimSpace(a))
	if err != nil {
		return Shard{}, fmt.Errorf("shard %q: index: %w", s, err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(b))
	if err != nil {
		return Shard{}, fmt.Errorf("shard %q: count: %w", s, err)
	}
	sh := Shard{I: i, N: n}
	return sh, sh.validate()
}

func (s Shard) validate() error {
	if s.N < 0 || (s.N > 0 && (s.I < 0 || s.I >= s.N)) || (s.N == 0 && s.I != 0) {
		return fmt.Errorf("shard %d/%d: the index must be at least 0 and less than the count", s.I, s.N)
	}
	return nil
}

// String returns "I/N", or "all" for the zero Shard.
func (s Shard) String() string {
	if s.N == 0 {
		return "all"
	}
	return fmt.Sprintf("%d/%d", s.I, s.N)
}

// Contains reports whether the submission named name belongs to the shard.
func (s Shard) Contains(name string) bool {
	if s.N <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()%uint64(s.N) == uint64(s.I)
}
