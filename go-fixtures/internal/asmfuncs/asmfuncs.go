// Package asmfuncs holds Go assembly (ABI0) functions for the refusals fixture (a cgo package cannot have
// assembly files). ABI0 takes arguments and returns results on the stack.
package asmfuncs

// Add returns a + b.
func Add(a, b int64) int64

// Sub returns a - b.
func Sub(a, b int64) int64

// Answer returns 42.
func Answer() int64

// Inc returns a + 1.
func Inc(a int64) int64
