// Command generics is the GoJack fixture for generic code. The compiler
// emits one body per GC shape (go.shape.int, go.shape.string, ...; all
// pointer types share go.shape.*uint8) and passes a dictionary pointer as a
// hidden first argument, so a replacement must take that argument too.
//
// Built with -buildmode=c-shared; README.md documents every entry point and
// the exact shape-instantiated symbol names.
package main

import "C"

import (
	"unsafe"

	"example.com/gojack/fixtures/internal/cbuf"
)

func main() {}

// pick returns a when first is true, else b.
//
//go:noinline
func pick[T any](a, b T, first bool) T {
	if first {
		return a
	}
	return b
}

// pickAlt has pick's type parameters and shape; it always returns the other
// argument. Redirecting main.pick[go.shape.int] to main.pickAlt[go.shape.int]
// is a generic-to-generic redirect between bodies of the same shape.
//
//go:noinline
func pickAlt[T any](a, b T, first bool) T {
	if first {
		return b
	}
	return a
}

// Box holds one value.
type Box[T any] struct{ v T }

//go:noinline
func (b *Box[T]) Get() T { return b.v }

// Replacements written as ordinary functions: the shape body of a generic
// function takes the dictionary pointer first, then the ordinary arguments;
// a generic method takes the receiver first, then the dictionary.

// pickIntReplacement stands in for main.pick[go.shape.int]; it returns
// 1000*a + b whatever first is.
//
//go:noinline
func pickIntReplacement(dict unsafe.Pointer, a, b int, first bool) int { return 1000*a + b }

// pickStringReplacement stands in for main.pick[go.shape.string].
//
//go:noinline
func pickStringReplacement(dict unsafe.Pointer, a, b string, first bool) string {
	return "replaced:" + a + "+" + b
}

// boxIntGetReplacement stands in for main.(*Box[go.shape.int]).Get; it
// returns -v.
//
//go:noinline
func boxIntGetReplacement(b *Box[int], dict unsafe.Pointer) int { return -b.v }

//export PickInt
func PickInt(a, b C.longlong, first C.int) C.longlong {
	return C.longlong(pick(int(a), int(b), first != 0))
}

// PickString writes pick("alpha", "beta", first != 0).
//
//export PickString
func PickString(first C.int, buf *C.char, n C.int) C.int {
	return put(buf, n, pick("alpha", "beta", first != 0))
}

//export PickFloat
func PickFloat(a, b C.double, first C.int) C.double {
	return C.double(pick(float64(a), float64(b), first != 0))
}

var intA, intB = 11, 22

// PickIntPtr returns *pick(&intA, &intB, first != 0): 11 or 22.
//
//export PickIntPtr
func PickIntPtr(first C.int) C.longlong {
	return C.longlong(*pick(&intA, &intB, first != 0))
}

var strA, strB = "left", "right"

// PickStringPtr writes *pick(&strA, &strB, first != 0): "left" or "right".
// It shares the go.shape.*uint8 body with PickIntPtr.
//
//export PickStringPtr
func PickStringPtr(first C.int, buf *C.char, n C.int) C.int {
	return put(buf, n, *pick(&strA, &strB, first != 0))
}

//export PickAltInt
func PickAltInt(a, b C.longlong, first C.int) C.longlong {
	return C.longlong(pickAlt(int(a), int(b), first != 0))
}

// weight has one result type for every shape (len for strings, the value for
// ints, 1 otherwise), so one stub of its base name fits every instantiation.
//
//go:noinline
func weight[T any](a T) int {
	switch v := any(a).(type) {
	case int:
		return v
	case string:
		return len(v)
	}
	return 1
}

//export WeightInt
func WeightInt(v C.longlong) C.longlong { return C.longlong(weight(int(v))) }

//export WeightString
func WeightString() C.longlong { return C.longlong(weight("abcd")) }

//export WeightPtr
func WeightPtr() C.longlong { return C.longlong(weight(&intA)) }

//export BoxIntGet
func BoxIntGet(v C.longlong) C.longlong {
	b := &Box[int]{v: int(v)}
	return C.longlong(b.Get())
}

//export BoxStringGet
func BoxStringGet(s *C.char, buf *C.char, n C.int) C.int {
	b := &Box[string]{v: C.GoString(s)}
	return put(buf, n, b.Get())
}

func put(buf *C.char, n C.int, s string) C.int {
	return C.int(cbuf.Write(unsafe.Pointer(buf), int(n), s))
}

// keepAlive references the functions no Go code calls; GoJackKeepAlive is
// exported and reads it, so the linker keeps them in every variant.
var keepAlive = [...]any{
	pickIntReplacement,
	pickStringReplacement,
	boxIntGetReplacement,
}

// GoJackKeepAlive returns the number of functions kept alive.
//
//export GoJackKeepAlive
func GoJackKeepAlive() C.int {
	n := 0
	for _, f := range keepAlive {
		if f != nil {
			n++
		}
	}
	return C.int(n)
}
