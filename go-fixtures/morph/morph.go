// Command morph is the GoJack fixture for swapping the type word of
// interface values: package variables of interface type (Store, any, error)
// and concrete types with the same size and layout, a different size, or the
// same size but a different pointer layout.
//
// Built with -buildmode=c-shared; README.md documents every entry point and
// the exact names of the types, itabs and variables.
package main

import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"example.com/gojack/fixtures/internal/cbuf"
)

func main() {}

// Store is implemented by four concrete pointer types.
type Store interface {
	Get(key string) string
	Name() string
}

// diskStore and memStore have the same layout (a string, then an int: 24
// bytes, one pointer word at offset 0), so the data word of a Store holding
// a *diskStore can be reinterpreted as a *memStore.
type diskStore struct {
	root string
	hits int
}

type memStore struct {
	prefix string
	n      int
}

// bigStore is 48 bytes: swapping a *diskStore's type word for it must be
// refused because the sizes differ.
type bigStore struct{ a, b, c string }

// intStore is 24 bytes like diskStore but holds no pointers: swapping must be
// refused because the pointer layouts differ.
type intStore struct{ a, b, c int }

//go:noinline
func (s *diskStore) Get(key string) string {
	s.hits++
	return "disk:" + s.root + "/" + key
}

//go:noinline
func (s *diskStore) Name() string { return "disk" }

//go:noinline
func (s *memStore) Get(key string) string {
	s.n++
	return "mem:" + s.prefix + ":" + key
}

//go:noinline
func (s *memStore) Name() string { return "mem" }

//go:noinline
func (s *bigStore) Get(key string) string { return "big:" + s.a + s.b + s.c + ":" + key }

//go:noinline
func (s *bigStore) Name() string { return "big" }

//go:noinline
func (s *intStore) Get(key string) string { return fmt.Sprintf("int:%d:%s", s.a+s.b+s.c, key) }

//go:noinline
func (s *intStore) Name() string { return "int" }

// Package variables of interface type. fallbackStore exists so a test can
// copy its type word (the *memStore itab) into store.
var (
	store         Store = &diskStore{root: "/var/data"}
	fallbackStore Store = &memStore{prefix: "cache"}
)

// allStores materialises an itab for every (concrete type, Store) pair and
// keeps all four types reachable; StoreNames reads it.
var allStores = []Store{
	&diskStore{root: "/srv"},
	&memStore{prefix: "m"},
	&bigStore{a: "x", b: "y", c: "z"},
	&intStore{a: 1, b: 2, c: 3},
}

// pointA and pointB are both two ints (16 bytes, no pointers) with different
// methods, in the spirit of reinterpreting one same-size struct as another.
type pointA struct{ X, Y int }

type pointB struct{ A, B int }

//go:noinline
func (p pointA) String() string { return fmt.Sprintf("A(%d,%d)", p.X, p.Y) }

//go:noinline
func (p pointA) Sum() int { return p.X + p.Y }

//go:noinline
func (p pointB) String() string { return fmt.Sprintf("B[%d %d]", p.A, p.B) }

//go:noinline
func (p pointB) Product() int { return p.A * p.B }

var (
	anyValue any = pointA{X: 1, Y: 2}
	anyOther any = pointB{A: 3, B: 4}
)

// notFoundError and timeoutError have the same layout (one string).
type notFoundError struct{ key string }

type timeoutError struct{ op string }

//go:noinline
func (e *notFoundError) Error() string { return "not found: " + e.key }

//go:noinline
func (e *timeoutError) Error() string { return "timeout: " + e.op }

var (
	currentErr  error = &notFoundError{key: "alpha"}
	fallbackErr error = &timeoutError{op: "beta"}
	plainErr          = errors.New("plain error")
)

// ---------------------------------------------------------------------------
// Reading the variables through noinline functions, so every read loads the
// variable afresh.
// ---------------------------------------------------------------------------

//go:noinline
func currentStore() Store { return store }

//go:noinline
func currentAny() any { return anyValue }

//go:noinline
func describe(v any) string {
	var kind string
	switch x := v.(type) {
	case pointA:
		kind = fmt.Sprintf("pointA X=%d Y=%d sum=%d", x.X, x.Y, x.Sum())
	case pointB:
		kind = fmt.Sprintf("pointB A=%d B=%d product=%d", x.A, x.B, x.Product())
	default:
		kind = "other"
	}
	return fmt.Sprintf("%T|%v|%s", v, v, kind)
}

//export StoreGet
func StoreGet(key *C.char, buf *C.char, n C.int) C.int {
	return put(buf, n, currentStore().Get(C.GoString(key)))
}

//export StoreName
func StoreName(buf *C.char, n C.int) C.int {
	return put(buf, n, currentStore().Name())
}

//export StoreTypeName
func StoreTypeName(buf *C.char, n C.int) C.int {
	return put(buf, n, fmt.Sprintf("%T", currentStore()))
}

//export FallbackStoreName
func FallbackStoreName(buf *C.char, n C.int) C.int {
	return put(buf, n, fallbackStore.Name())
}

//export StoreNames
func StoreNames(buf *C.char, n C.int) C.int {
	names := make([]string, len(allStores))
	for i, s := range allStores {
		names[i] = s.Name()
	}
	return put(buf, n, strings.Join(names, ","))
}

//export AnyDescribe
func AnyDescribe(buf *C.char, n C.int) C.int {
	return put(buf, n, describe(currentAny()))
}

//export AnyOtherDescribe
func AnyOtherDescribe(buf *C.char, n C.int) C.int {
	return put(buf, n, describe(anyOther))
}

//export ErrorMessage
func ErrorMessage(buf *C.char, n C.int) C.int {
	return put(buf, n, currentError().Error())
}

//export FallbackErrorMessage
func FallbackErrorMessage(buf *C.char, n C.int) C.int {
	return put(buf, n, fallbackErr.Error())
}

//export ErrorIsNotFound
func ErrorIsNotFound() C.int {
	var nf *notFoundError
	if errors.As(currentError(), &nf) {
		return 1
	}
	return 0
}

//export PlainErrorMessage
func PlainErrorMessage(buf *C.char, n C.int) C.int {
	return put(buf, n, plainErr.Error())
}

//go:noinline
func currentError() error { return currentErr }

// GCStress runs rounds rounds of: allocate some garbage, runtime.GC(), call
// store.Get("k"). It returns the total length of the strings Get returned
// (the checksum), so a corrupted store crashes or changes the sum.
//
//export GCStress
func GCStress(rounds C.int) C.longlong {
	var total int64
	var garbage [][]byte
	for i := 0; i < int(rounds); i++ {
		garbage = append(garbage, make([]byte, 1024))
		if len(garbage) > 64 {
			garbage = garbage[:0]
		}
		runtime.GC()
		total += int64(len(currentStore().Get("k")))
	}
	runtime.KeepAlive(garbage)
	return C.longlong(total)
}

// DispatchLoop calls store.Name() n times and returns how many of those calls
// returned "mem" (0 while store holds a *diskStore, n once it is a
// *memStore).
//
//export DispatchLoop
func DispatchLoop(n C.longlong) C.longlong {
	var mem int64
	for i := int64(0); i < int64(n); i++ {
		if currentStore().Name() == "mem" {
			mem++
		}
	}
	return C.longlong(mem)
}

// ResetStore puts a fresh *diskStore{root: "/var/data"} back into store.
//
//export ResetStore
func ResetStore() { store = &diskStore{root: "/var/data"} }

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

func put(buf *C.char, n C.int, s string) C.int {
	return C.int(cbuf.Write(unsafe.Pointer(buf), int(n), s))
}

// GoJackKeepAlive is exported by every fixture and returns the number of
// functions it keeps alive. Everything here is reached through allStores or
// the package variables, so there is nothing to keep alive.
//
//export GoJackKeepAlive
func GoJackKeepAlive() C.int { return 0 }

// ---------------------------------------------------------------------------
// Concurrent dispatch, for morphing while goroutines call through store.
// ---------------------------------------------------------------------------

const (
	dispatchDisk  = 0
	dispatchMem   = 1
	dispatchOther = 2
)

var dispatchStress struct {
	mu     sync.Mutex // serialises start and stop
	stop   atomic.Bool
	wg     sync.WaitGroup
	counts [3]atomic.Int64
}

func stopDispatchStress() {
	dispatchStress.stop.Store(true)
	dispatchStress.wg.Wait()
}

// classify says whether a Name or Get result came from a diskStore method, a
// memStore method, or neither (a corrupted dispatch).
func classify(name, got string) int {
	switch {
	case name == "disk" && strings.HasPrefix(got, "disk:") && strings.HasSuffix(got, "/k"):
		return dispatchDisk
	case name == "mem" && strings.HasPrefix(got, "mem:") && strings.HasSuffix(got, ":k"):
		return dispatchMem
	case name == "disk" && strings.HasPrefix(got, "mem:"), name == "mem" && strings.HasPrefix(got, "disk:"):
		// the type word changed between the two calls: each result is still a valid one
		if strings.HasPrefix(got, "mem:") {
			return dispatchMem
		}
		return dispatchDisk
	}
	return dispatchOther
}

// DispatchStressStart starts goroutines that call store.Name() and
// store.Get("k") in a loop and classify each pair; goroutine 0 also runs
// runtime.GC() every 256 iterations, so the collector scans the store's object
// while its interface's type word changes.
//
//export DispatchStressStart
func DispatchStressStart(goroutines C.int) {
	dispatchStress.mu.Lock()
	defer dispatchStress.mu.Unlock()
	stopDispatchStress()
	for i := range dispatchStress.counts {
		dispatchStress.counts[i].Store(0)
	}
	dispatchStress.stop.Store(false)
	for g := 0; g < int(goroutines); g++ {
		dispatchStress.wg.Add(1)
		go func(g int) {
			defer dispatchStress.wg.Done()
			for i := 0; !dispatchStress.stop.Load(); i++ {
				s := currentStore()
				dispatchStress.counts[classify(s.Name(), s.Get("k"))].Add(1)
				if g == 0 && i%256 == 0 {
					runtime.GC()
				}
			}
		}(g)
	}
}

// DispatchStressStop stops the goroutines started by DispatchStressStart.
//
//export DispatchStressStop
func DispatchStressStop() {
	dispatchStress.mu.Lock()
	defer dispatchStress.mu.Unlock()
	stopDispatchStress()
}

// DispatchStressCount returns how many calls were classified as kind
// (0 disk, 1 mem, 2 neither).
//
//export DispatchStressCount
func DispatchStressCount(kind C.int) C.longlong {
	if kind < 0 || int(kind) >= len(dispatchStress.counts) {
		return -1
	}
	return C.longlong(dispatchStress.counts[kind].Load())
}
