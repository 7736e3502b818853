// Command arm64exe is a small pure-Go program that GoJack's tests build for
// linux/arm64 as a position-independent executable, so that GoBinary's
// reading of an aarch64 file (pc quantum 4, R_AARCH64_RELATIVE relocations) is
// checked on an x86-64 host without a cross C compiler. c-shared needs cgo and
// so a cross gcc; a PIE has the same pclntab, buildinfo and relocation shape.
package main

import (
	"fmt"
	"os"
	"strconv"
)

//go:noinline
func add(a, b int) int { return a + b }

type Counter struct{ base int }

//go:noinline
func (c Counter) Value(x int) int { return c.base + x }

//go:noinline
func (c *Counter) Scaled(x int) int { return c.base * x }

//go:noinline
func pick[T any](a, b T, first bool) T {
	if first {
		return a
	}
	return b
}

func makeScaler(f int) func(int) int { return func(x int) int { return x * f } }

func main() {
	c := &Counter{base: len(os.Args)}
	s := makeScaler(3)
	fmt.Println(add(1, 2), c.Value(3), c.Scaled(4), s(5), pick("a", "b", true), pick(1, 2, false),
		strconv.Itoa(pick(3, 4, true)))
}
