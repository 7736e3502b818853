package main

// Targets and callers for GoJack's signature checks (issue 18 item 4): stubs whose values must match the
// results' types, and redirects whose two sides must lay out the same under Go's register ABI.

/*
#include <stdint.h>
*/
import "C"

import (
	"time"
	"unsafe"
)

//go:noinline
func Text() string { return "text" }

//go:noinline
func Other() string { return "other" }

//go:noinline
func TwoWords() (uintptr, int) { return 1, 2 }

//go:noinline
func Add(a, b int) int { return a + b }

//go:noinline
func Sub(a, b int) int { return a - b }

//go:noinline
func AddUnsigned(a, b uint64) uint64 { return a + b }

//go:noinline
func AddNarrow(a, b int32) int32 { return a + b }

//go:noinline
func Half(f float64) float64 { return f / 2 }

//go:noinline
func HalfSingle(f float32) float32 { return f / 2 }

// SumArray and SumPair take 16 argument bytes each (the pclntab cannot tell them apart), but SumArray's live on
// the stack and SumPair's in RAX and RBX.
//
//go:noinline
func SumArray(a [2]int) int { return a[0] + a[1] }

//go:noinline
func SumPair(a, b int) int { return a + b }

// SumPointers lays out like SumArray, but its stack words hold pointers.
//
//go:noinline
func SumPointers(a [2]*int) int { return *a[0] + *a[1] }

//go:noinline
func Lookup(key string) *Order { return &Order{ID: len(key)} }

//go:noinline
func Flag(n int) bool { return n > 0 }

//go:noinline
func Ratio(n int) float32 { return float32(n) / 3 }

//go:noinline
func Fail(n int) error { return nil }

//go:noinline
func Table(n int) map[string]int { return map[string]int{"n": n} }

//go:noinline
func Bytes(n int) []byte { return make([]byte, n) }

//export SigsPlaceOrder
func SigsPlaceOrder(qty C.int) C.longlong {
	n, err := PlaceOrder(int(qty), "x")
	if err != nil {
		return C.longlong(-1000 - len(err.Error()))
	}
	return C.longlong(n)
}

//export SigsSwapInts
func SigsSwapInts(a, b C.int) C.longlong {
	x, y := Swap(int(a), int(b))
	return C.longlong(x*100 + y)
}

//export SigsSwapStrings
func SigsSwapStrings() C.longlong {
	x, y := Swap("ab", "cde")
	return C.longlong(len(x)*10 + len(y))
}

//export SigsStoreGet
func SigsStoreGet() C.longlong {
	s := &Store{items: map[string]int{"a": 1}}
	v, ok := s.Get("a")
	if !ok {
		return -1
	}
	return C.longlong(v)
}

//export SigsTextLen
func SigsTextLen() C.longlong { return C.longlong(len(Text())) }

//export SigsAdd
func SigsAdd(a, b C.longlong) C.longlong { return C.longlong(Add(int(a), int(b))) }

//export SigsSumArray
func SigsSumArray(a, b C.longlong) C.longlong { return C.longlong(SumArray([2]int{int(a), int(b)})) }

//export SigsFlagRatio
func SigsFlagRatio(n C.int) C.double {
	if !Flag(int(n)) {
		return -1
	}
	return C.double(Ratio(int(n)))
}

//export SigsLookupIsNil
func SigsLookupIsNil() C.int {
	if Lookup("k") == nil {
		return 1
	}
	return 0
}

//export SigsNowUnix
func SigsNowUnix() C.longlong { return C.longlong(time.Now().Unix()) }

// Every function above is kept by a caller the linker cannot drop.
//
//export SigsChecksKeepAlive
func SigsChecksKeepAlive() C.int {
	_, w := TwoWords()
	x, y := 1, 2
	n := len(Other()) + w + Sub(1, 2) + int(AddUnsigned(1, 2)) + int(AddNarrow(1, 2)) + int(Half(2)) +
		int(HalfSingle(2)) + SumPair(1, 2) + SumPointers([2]*int{&x, &y}) + len(Table(1)) + len(Bytes(1))
	if Fail(1) != nil {
		n++
	}
	_ = unsafe.Sizeof(n)
	return C.int(n)
}
