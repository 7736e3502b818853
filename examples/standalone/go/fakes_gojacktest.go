//go:build gojacktest

// Test-only fakes: compiled only into the test variant of the library
// (go build -tags gojacktest ...), never into the shipped one.
package main

import "C"

// fakeDeclineDownstream declines every charge: tests redirect
// main.chargeDownstream to it.
func fakeDeclineDownstream(cents int64) error { return errDeclined }

// The linker drops every function nothing references. An exported function is
// always kept, and it references this array, which references the fakes.
var gojackFakes = [...]any{fakeDeclineDownstream}

// GoJackKeepAlive keeps the fakes in the library; it returns how many. It must
// read the array's elements: len of an array is a constant, and the compiler
// would drop the array (and the linker the fakes) if only len were asked for.
//
//export GoJackKeepAlive
func GoJackKeepAlive() C.int {
	n := 0
	for _, f := range gojackFakes {
		if f != nil {
			n++
		}
	}
	return C.int(n)
}
