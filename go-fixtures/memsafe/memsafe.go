// Command memsafe is the GoJack fixture for memory safety: stub results far
// larger than one chunk of GoJack's stub memory (a multi-MiB string, a
// sequence of hundreds of thousands of rows), read back and hashed by Go, and
// package variables whose words look like pointers but lead nowhere, for the
// Java side's readers (interface values, strings) to refuse.
//
// Built with -buildmode=c-shared; README.md documents every entry point and
// the exact names of the variables and functions.
package main

import "C"

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

func main() {}

// ---------------------------------------------------------------------------
// Targets for big stub results. Go reads every byte / every row back and
// folds it into an FNV-1a hash, so Java can check the exact contents.
// ---------------------------------------------------------------------------

//go:noinline
func bigText() string { return "small" }

//go:noinline
func nextRow() (int64, int64) { return 0, -1 }

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// TextLen returns len(bigText()).
//
//export TextLen
func TextLen() C.longlong { return C.longlong(len(bigText())) }

// TextHash returns the FNV-1a 64-bit hash of the bytes of bigText().
//
//export TextHash
func TextHash() C.ulonglong {
	h := uint64(fnvOffset)
	s := bigText()
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return C.ulonglong(h)
}

// RowsHash calls nextRow() n times and returns the FNV-1a 64-bit hash of the
// 16 little-endian bytes of each (a, b) pair, in call order.
//
//export RowsHash
func RowsHash(n C.longlong) C.ulonglong {
	h := uint64(fnvOffset)
	for i := int64(0); i < int64(n); i++ {
		a, b := nextRow()
		for _, w := range [2]uint64{uint64(a), uint64(b)} {
			for k := 0; k < 8; k++ {
				h ^= (w >> (8 * k)) & 0xff
				h *= fnvPrime
			}
		}
	}
	return C.ulonglong(h)
}

// ---------------------------------------------------------------------------
// A checker for stubs replaced while goroutines call them: every row GoJack's
// tests install has b == ^a, as has the original (0, -1), so a violation
// means a goroutine read a row that no stub ever held (memory reused while it
// was still inside a stub).
// ---------------------------------------------------------------------------

var (
	checkerStop       atomic.Bool
	checkerCalls      atomic.Int64
	checkerViolations atomic.Int64
	checkerDone       sync.WaitGroup
)

// StartRowChecker starts n goroutines that call nextRow() in a tight loop
// and count the calls and the rows with b != ^a, until StopRowChecker.
//
//export StartRowChecker
func StartRowChecker(n C.int) {
	checkerStop.Store(false)
	checkerCalls.Store(0)
	checkerViolations.Store(0)
	for i := 0; i < int(n); i++ {
		checkerDone.Add(1)
		go func() {
			defer checkerDone.Done()
			for !checkerStop.Load() {
				a, b := nextRow()
				if b != ^a {
					checkerViolations.Add(1)
				}
				checkerCalls.Add(1)
			}
		}()
	}
}

// StopRowChecker stops the checker goroutines, waits for them and returns
// the number of rows that broke b == ^a.
//
//export StopRowChecker
func StopRowChecker() C.longlong {
	checkerStop.Store(true)
	checkerDone.Wait()
	return C.longlong(checkerViolations.Load())
}

// RowCheckerCalls returns how often the checker goroutines called nextRow().
//
//export RowCheckerCalls
func RowCheckerCalls() C.longlong { return C.longlong(checkerCalls.Load()) }

// ---------------------------------------------------------------------------
// Variables with wild words. Statically initialised; read (as numbers, never
// dereferenced) by WildWords so the linker keeps them.
// ---------------------------------------------------------------------------

// twoWords is 16 bytes like an interface value, but its first word points at
// no mapping of a normal process.
var twoWords = struct{ a, b uintptr }{0x7f0000000000, 0x7f0000001000}

// wildString is 16 bytes like a string header: data pointer to nowhere, 4 KiB.
var wildString = struct{ p, n uintptr }{0x7f0000000000, 4096}

// counterWord is an ordinary 8-byte variable, pointed at by longString.
var counterWord int64 = 7

// longString's data pointer is valid (&counterWord) but its length (1 GiB)
// runs far past the end of the library's data.
var longString = struct {
	p unsafe.Pointer
	n uintptr
}{unsafe.Pointer(&counterWord), 1 << 30}

// WildWords returns the sum of the words of the variables above (as
// integers; nothing is dereferenced).
//
//export WildWords
func WildWords() C.ulonglong {
	return C.ulonglong(uint64(twoWords.a) + uint64(twoWords.b) + uint64(wildString.p) + uint64(wildString.n) +
		uint64(uintptr(longString.p)) + uint64(longString.n) + uint64(counterWord))
}

// GoJackKeepAlive is exported by every fixture and returns the number of
// functions it keeps alive. Everything here is reached from an export, so
// there is nothing to keep alive.
//
//export GoJackKeepAlive
func GoJackKeepAlive() C.int { return 0 }
