// Package peers holds the Go side of GoJack's peer benchmarks: the same patch (apply + restore of one
// function) done by gomonkey, and the bare floor of it, measured by "go test -bench" with -gcflags=all=-l.
package peers

// add is the patch target, as main.add in the libcalls fixture: two ints in, one out.
//
//go:noinline
func add(a, b int) int {
	return a + b
}

// addReplacement is what calls of add run while patched.
//
//go:noinline
func addReplacement(a, b int) int {
	return a*100 + b
}
