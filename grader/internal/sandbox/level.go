package sandbox

import (
	"fmt"
	"strings"
)

// Protection is a set of protections a sandbox can apply, as bit flags.
type Protection uint

// The protections, from the weakest to the strongest. Rlimits (with a process group of its
// own, a scrubbed environment and a scratch folder) are always applied.
const (
	Rlimits  Protection = 1 << iota // resource limits (setrlimit)
	PIDNS                           // a new PID namespace whose init is the driver
	NetNS                           // a new network namespace: no network at all
	UserNS                          // a new user namespace: capabilities only inside it
	Landlock                        // Landlock file-system, TCP and scope rules
)

// protectionNames lists the protections in the order Level.String names them.
var protectionNames = []struct {
	p    Protection
	name string
}{
	{Landlock, "landlock"},
	{UserNS, "userns"},
	{NetNS, "netns"},
	{PIDNS, "pidns"},
	{Rlimits, "rlimits"},
}

// String names the protections in p joined by "+", strongest first, or "none".
func (p Protection) String() string {
	var names []string
	for _, n := range protectionNames {
		if p&n.p != 0 {
			names = append(names, n.name)
		}
	}
	if rest := p &^ (Rlimits | PIDNS | NetNS | UserNS | Landlock); rest != 0 {
		names = append(names, fmt.Sprintf("Protection(%#x)", uint(rest)))
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, "+")
}

// Level says which protections a sandbox applies (or, from Probe, can apply).
type Level struct {
	// Protections is the set of protections on.
	Protections Protection
	// LandlockABI is the Landlock ABI version in use, or 0 when Landlock is off. Version 4
	// adds the TCP rules and version 6 the signal and abstract-socket scoping.
	LandlockABI int
	// Unprivileged is true when the grader runs as root and the driver runs as an
	// unprivileged user (uid and gid 65534) instead.
	Unprivileged bool
}

// Has reports whether every protection in p is on.
func (l Level) Has(p Protection) bool { return l.Protections&p == p }

// String names the protections, strongest first, as in
// "landlock+userns+netns+pidns+rlimits" on a recent Linux or "rlimits" on macOS.
func (l Level) String() string { return l.Protections.String() }

func levelOf(sp spec) Level {
	l := Level{Protections: sp.Apply | Rlimits, Unprivileged: sp.UID > 0}
	if l.Has(Landlock) {
		l.LandlockABI = sp.LandlockABI
	}
	return l
}
