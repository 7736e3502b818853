// Command answers is the GoJack fixture for Go calling Java (issue 19): internal
// functions the tests answer from Java (GoLibrary.replace), and exports that call
// them from the export's goroutine, from many goroutines, through interfaces and
// callbacks, under GC pressure, and exports a Java body calls back (reentry).
// Built with -gcflags=all=-l so that the internal functions stay calls.
package main

import "C"

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {}

// ---- the functions Java answers

//go:noinline
func price(qty int) int { return qty * 10 }

// priceAlt is a Go-written replacement of price, for the benchmark's redirect baseline.
//
//go:noinline
func priceAlt(qty int) int { return qty*3 + 1 }

//go:noinline
func greet(name string) string { return "hello " + name }

// ErrDeclined is the sentinel charge returns for odd amounts.
var ErrDeclined = errors.New("declined")

//go:noinline
func charge(amount int) error {
	if amount%2 == 1 {
		return ErrDeclined
	}
	return nil
}

//go:noinline
func checksum(data []byte) uint32 {
	var s uint32
	for _, b := range data {
		s = s*31 + uint32(b)
	}
	return s
}

//go:noinline
func scale(x float64, f float32) float64 { return x * float64(f) }

//go:noinline
func allowed(user string, admin bool) bool { return admin }

type Item struct{ Key int }

//go:noinline
func lookup(p *Item) *Item { return p }

//go:noinline
func encode(s string) []byte { return []byte(s) }

//go:noinline
func quote(sym string, qty int32) (float64, int64, error) { return 1.5, int64(qty), nil }

//go:noinline
func slow(x int) int { return x }

// Store is called through an interface, so the method's caller cannot see its body.
type Store interface{ Get(key string) int }

type memStore struct{ base int }

//go:noinline
func (m *memStore) Get(key string) int { return m.base + len(key) }

var store Store = &memStore{base: 100}

// sum10's tenth integer argument does not fit the nine integer registers: it is passed on the stack.
//
//go:noinline
func sum10(a, b, c, d, e, f, g, h, i, j int) int { return a + b + c + d + e + f + g + h + i + j }

//go:noinline
func narrow(a int8, b uint8, c int16, d uint16, e int32, f uint32) int16 { return c }

// ---- functions Java answers cannot carry yet (refused)

type Pt struct{ X, Y int }

//go:noinline
func norm(p Pt) int { return p.X + p.Y }

//go:noinline
func ten() (a, b, c, d, e, f, g, h, i, j int) { return 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }

// ---- exports the tests call

//export CallSum10
func CallSum10() C.long { return C.long(sum10(1, 2, 3, 4, 5, 6, 7, 8, 9, 1000)) }

//export CallNarrow
func CallNarrow() C.long { return C.long(narrow(-8, 200, -16000, 60000, -2000000000, 4000000000)) }

//export CallRefused
func CallRefused() C.long {
	a, _, _, _, _, _, _, _, _, j := ten()
	return C.long(norm(Pt{1, 2}) + a + j)
}


//export CallPrice
func CallPrice(qty C.long) C.long { return C.long(price(int(qty))) }

// CallPriceRecovering calls price under a recover: a panic raised inside a
// Java answer's call back into the library would be recovered here, above the
// answer, over the body's abandoned JVM frames (GoJack stops the process first).
//
//export CallPriceRecovering
func CallPriceRecovering(qty C.long) (r C.long) {
	defer func() {
		if e := recover(); e != nil {
			println("RECOVERED ABOVE:", fmt.Sprint(e))
			r = -1
		}
	}()
	return C.long(price(int(qty)))
}

// LoopPrice calls price(i) for i < n from this goroutine; returns the sum (the benchmark's loop).
//
// PriceAlt keeps priceAlt in the library (the linker drops unreferenced functions).
//
//export PriceAlt
func PriceAlt(x C.long) C.long { return C.long(priceAlt(int(x))) }

//export LoopPrice
func LoopPrice(n C.long) C.long {
	s := 0
	for i := 0; i < int(n); i++ {
		s += price(i)
	}
	return C.long(s)
}

//export CheckGreet
func CheckGreet(k C.long) C.long {
	name := fmt.Sprintf("name-%d", int(k))
	if greet(name) == "Hello, "+name+"!" {
		return 1
	}
	return 0
}


//export ChargeMessage
func ChargeMessage(amount C.long) *C.char {
	err := charge(int(amount))
	switch {
	case err == nil:
		return C.CString("nil")
	case err == ErrDeclined:
		return C.CString("sentinel " + err.Error())
	default:
		return C.CString("error " + err.Error())
	}
}

//export CallChecksum
func CallChecksum(n C.long) C.long {
	data := make([]byte, int(n))
	for i := range data {
		data[i] = byte(i)
	}
	return C.long(checksum(data))
}

//export CallChecksumNil
func CallChecksumNil() C.long { return C.long(checksum(nil)) }

//export CallScale
func CallScale(x C.double) C.double { return C.double(scale(float64(x), 0.5)) }

//export CallAllowed
func CallAllowed(admin C.int) C.int {
	if allowed("root", admin != 0) {
		return 1
	}
	return 0
}

//export CallLookup
func CallLookup(k C.long) C.long {
	p := &Item{Key: int(k)}
	q := lookup(p)
	switch {
	case q == nil:
		return -1
	case q == p:
		return C.long(q.Key)
	default:
		return C.long(1000000 + q.Key)
	}
}

//export CallEncode
func CallEncode(k C.long) *C.char {
	b := encode(fmt.Sprint(int(k)))
	if b == nil {
		return C.CString("<nil>")
	}
	return C.CString(string(b))
}

//export CallQuote
func CallQuote(qty C.int) *C.char {
	p, n, err := quote("GO", int32(qty))
	return C.CString(fmt.Sprintf("%g %d %v", p, n, err))
}

//export CallStore
func CallStore(key *C.char) C.long { return C.long(store.Get(C.GoString(key))) }

//go:noinline
func priceDeep(n int) int {
	if n == 0 {
		return 0
	}
	return priceDeep(n-1) + price(n)
}

// PriceDeep sums price(i) for i in 1..n from a recursion n deep in a new
// goroutine (small frames, starting from a small stack): the answer stub's own
// stack check is what finds the stack full, each time it grows.
//
//export PriceDeep
func PriceDeep(n C.long) C.long {
	r := make(chan int)
	go func() { r <- priceDeep(int(n)) }()
	return C.long(<-r)
}

// CallPriceParallel calls price(i) from `goroutines` goroutines, `per` calls each,
// and returns how many results were not i*3+1 (what the Java answer computes).
//
//export CallPriceParallel
func CallPriceParallel(goroutines, per C.long) C.long {
	var wrong atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < int(goroutines); g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < int(per); i++ {
				x := g*1000000 + i
				if price(x) != x*3+1 {
					wrong.Add(1)
				}
			}
		}(g)
	}
	wg.Wait()
	return C.long(wrong.Load())
}

// CallGreetUnderGC calls greet from `goroutines` goroutines while others allocate
// and runtime.GC runs; returns how many answers were wrong.
//
//export CallGreetUnderGC
func CallGreetUnderGC(goroutines, per C.long) C.long {
	var wrong atomic.Int64
	var stop atomic.Bool
	var wg, churn sync.WaitGroup
	for a := 0; a < 2; a++ {
		churn.Add(1)
		go func() {
			defer churn.Done()
			var keep [][]byte
			for !stop.Load() {
				keep = append(keep, make([]byte, 1024))
				if len(keep) > 1000 {
					keep = nil
					runtime.GC()
				}
			}
		}()
	}
	for g := 0; g < int(goroutines); g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < int(per); i++ {
				name := strings.Repeat("x", i%7) + fmt.Sprint(g, "-", i)
				if greet(name) != "Hello, "+name+"!" {
					wrong.Add(1)
				}
			}
		}(g)
	}
	wg.Wait()
	stop.Store(true)
	churn.Wait()
	return C.long(wrong.Load())
}

// SlowWhileAllocating calls slow (which Java makes block) while 2 goroutines
// allocate and call runtime.GC; returns the longest gap (µs) between two of their
// allocation rounds, or -1 if slow's result was wrong, or -2 if no GC completed.
//
//export SlowWhileAllocating
func SlowWhileAllocating() C.long {
	var stop atomic.Bool
	var maxGap atomic.Int64
	var gcs atomic.Int64
	var wg sync.WaitGroup
	for a := 0; a < 2; a++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := time.Now()
			for !stop.Load() {
				_ = make([]byte, 4096)
				if now := time.Now(); now.Sub(last).Microseconds() > maxGap.Load() {
					maxGap.Store(now.Sub(last).Microseconds())
				}
				runtime.GC()
				gcs.Add(1)
				last = time.Now()
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	before := gcs.Load()
	ok := slow(7) == 8
	during := gcs.Load() - before
	stop.Store(true)
	wg.Wait()
	if !ok {
		return -1
	}
	if during < 3 {
		return -2
	}
	return C.long(maxGap.Load())
}

type bigItem struct {
	Key int
	Pad [7]int
}

// sink makes hold's argument escape, so that it lives in the heap.
var sink *bigItem

//go:noinline
func hold(p *bigItem) *bigItem { return p }

// CallHoldUnderGC passes hold a fresh object that only the call's argument keeps
// alive, from `goroutines` goroutines while others allocate and collect, and
// returns how many objects came back changed (freed and reused under the body).
//
//export CallHoldUnderGC
func CallHoldUnderGC(goroutines, per C.long) C.long {
	var wrong atomic.Int64
	var stop atomic.Bool
	var wg, churn sync.WaitGroup
	for a := 0; a < 2; a++ {
		churn.Add(1)
		go func() {
			defer churn.Done()
			var keep []*bigItem
			for i := 0; !stop.Load(); i++ {
				keep = append(keep, &bigItem{Key: -i, Pad: [7]int{-1, -1, -1, -1, -1, -1, -1}})
				if len(keep) > 2000 {
					keep = nil
					runtime.GC()
				}
			}
		}()
	}
	for g := 0; g < int(goroutines); g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < int(per); i++ {
				key := g*1000000 + i
				q := hold(&bigItem{Key: key, Pad: [7]int{key, key, key, key, key, key, key}})
				if q == nil || q.Key != key || q.Pad[6] != key {
					wrong.Add(1)
				}
				if key < 0 {
					sink = q
				}
			}
		}(g)
	}
	wg.Wait()
	stop.Store(true)
	churn.Wait()
	return C.long(wrong.Load())
}

// StartProfile starts a CPU profile at rateHz into io.Discard (SIGPROF tracebacks
// then walk through the answer stub's frame); 1 if it started.
//
//export StartProfile
func StartProfile(rateHz C.int) C.int {
	runtime.SetCPUProfileRate(int(rateHz))
	if pprof.StartCPUProfile(io.Discard) != nil {
		return 0
	}
	return 1
}

//export StopProfile
func StopProfile() { pprof.StopCPUProfile() }

// ---- exports a Java body calls back (reentry)

//export Twice
func Twice(x C.long) C.long { return 2 * x }

//go:noinline
func deep(n int) int {
	var pad [64]int
	pad[n%64] = n
	if n == 0 {
		return pad[0]
	}
	return deep(n-1) + pad[n%64] - n + 1
}

// Grow recurses n levels with 512-byte frames (growing, so moving, the calling
// goroutine's stack) and then runs runtime.GC(); returns n.
//
//export Grow
func Grow(n C.long) C.long {
	r := deep(int(n))
	runtime.GC()
	return C.long(r)
}

// Panic panics, unrecovered: from inside a Java answer's body it ends the process
// (a panic that unwinds past the answer would abandon the JVM's frames).
//
//export Panic
func Panic() { panic("boom from Go") }

// PanicRecoveredInside panics and recovers in the same export, with an
// open-coded defer: ordinary Go that a Java body may call (GoJack's guard in the
// answer's frame must not fire).
//
//export PanicRecoveredInside
func PanicRecoveredInside() (r C.long) {
	defer func() {
		if recover() != nil {
			r = 7
		}
	}()
	panic("caught inside")
}

// PanicRecoveredInsideLoopDefer is PanicRecoveredInside with a defer in a loop,
// which the compiler never open-codes: Go 1.21's panic scan then looks past the
// export for frames with open-coded defers, GoJack's answer frame among them.
//
//export PanicRecoveredInsideLoopDefer
func PanicRecoveredInsideLoopDefer() (r C.long) {
	for i := 0; i < 1; i++ {
		defer func() {
			if recover() != nil {
				r = 8
			}
		}()
	}
	panic("caught inside, heap defer")
}

// Where returns the function names runtime.Callers sees from here, joined by " < ".
//
//export Where
func Where() *C.char {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(1, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	var names []string
	for {
		f, more := frames.Next()
		names = append(names, f.Function)
		if !more {
			break
		}
	}
	return C.CString(strings.Join(names, " < "))
}

// ---- callOriginal: functions whose original body a Java answer runs

// describe returns a string made fresh on the heap, or an error made fresh.
//
//go:noinline
func describe(n int) (string, error) {
	if n < 0 {
		return "", fmt.Errorf("negative %d", n)
	}
	return fmt.Sprintf("item-%d", n), nil
}

//export CallDescribe
func CallDescribe(n C.long) *C.char {
	s, err := describe(int(n))
	return C.CString(fmt.Sprintf("%s|%v", s, err))
}

// CheckDescribeUnderGC calls describe from `goroutines` goroutines, `per` calls
// each, while others allocate and collect; returns how many results were wrong.
//
//export CheckDescribeUnderGC
func CheckDescribeUnderGC(goroutines, per C.long) C.long {
	var wrong atomic.Int64
	var stop atomic.Bool
	var wg, churn sync.WaitGroup
	for a := 0; a < 2; a++ {
		churn.Add(1)
		go func() {
			defer churn.Done()
			var keep [][]byte
			for !stop.Load() {
				keep = append(keep, make([]byte, 64))
				if len(keep) > 5000 {
					keep = nil
					runtime.GC()
				}
			}
		}()
	}
	for g := 0; g < int(goroutines); g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < int(per); i++ {
				n := g*1000000 + i
				s, err := describe(n)
				runtime.Gosched()
				if err != nil || s != fmt.Sprintf("item-%d", n) {
					wrong.Add(1)
				}
			}
		}(g)
	}
	wg.Wait()
	stop.Store(true)
	churn.Wait()
	return C.long(wrong.Load())
}

//go:noinline
func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

// climb recurses n deep inside its own body: the original grows the stack.
//
//go:noinline
func climb(n int) int { return depth(n) }

// CallClimb runs climb(n) in a new goroutine (a small stack to start from).
//
//export CallClimb
func CallClimb(n C.long) C.long {
	r := make(chan int)
	go func() { r <- climb(int(n)) }()
	return C.long(<-r)
}

// collect runs runtime.GC() inside its body, then returns x plus the length of
// a string it allocates.
//
//go:noinline
func collect(x int) int {
	runtime.GC()
	return x + len(fmt.Sprint(x))
}

//export CallCollect
func CallCollect(x C.long) C.long { return C.long(collect(int(x))) }

// big has a frame over 4 KiB: the huge-frame stack check.
//
//go:noinline
func big(n int) int {
	var pad [1024]int
	for i := range pad {
		pad[i] = i + n
	}
	return pad[n%1024] + pad[1023]
}

// CallBig runs big(n+g) in 64 new goroutines at once, whose small first stacks
// cannot hold big's frame (the stacks must grow before big runs: a frame written
// below a stack's end lands on a neighbour's); returns how many went wrong.
//
//export CallBig
func CallBig(n C.long) C.long {
	const goroutines = 64
	r := make(chan int, goroutines)
	var start sync.WaitGroup
	start.Add(1)
	for g := 0; g < goroutines; g++ {
		go func(g int) {
			want := int(n) + g
			start.Wait()
			got := big(want)
			if want != int(n)+g || got != 2*want+want%1024+1023 {
				r <- -1
				return
			}
			r <- 0
		}(g)
	}
	start.Done()
	wrong := 0
	for g := 0; g < goroutines; g++ {
		if <-r != 0 {
			wrong++
		}
	}
	return C.long(wrong)
}

// trace returns the function names runtime.Callers sees from inside it, joined
// by " < ", and panics for a negative n (unrecovered: it ends the process).
//
//go:noinline
func trace(n int) string {
	if n < 0 {
		panic("boom in the original")
	}
	pcs := make([]uintptr, 64)
	k := runtime.Callers(1, pcs)
	frames := runtime.CallersFrames(pcs[:k])
	var names []string
	for {
		f, more := frames.Next()
		names = append(names, f.Function)
		if !more {
			break
		}
	}
	return strings.Join(names, " < ")
}

//export CallTrace
func CallTrace(n C.long) *C.char { return C.CString(trace(int(n))) }

// CallTraceRecovering calls trace under a recover (see CallPriceRecovering).
//
//export CallTraceRecovering
func CallTraceRecovering(n C.long) (r *C.char) {
	defer func() {
		if e := recover(); e != nil {
			println("RECOVERED ABOVE:", fmt.Sprint(e))
			r = C.CString("recovered")
		}
	}()
	return C.CString(trace(int(n)))
}
