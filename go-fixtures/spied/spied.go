// Command spied is the GoJack fixture for spies (issue 20): functions with
// arguments of many types, called from Go code paths the tests do not
// control (goroutines, callbacks of the standard library, methods called
// through interfaces), a recursive function that grows its goroutine's stack,
// a tight-loop leaf for ring-buffer wrap under 8 goroutines, and a ~100 ns
// function for the spy benchmark. Built with -gcflags=all=-l, with both Go
// versions.
package main

import "C"

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

func main() {}

type item struct {
	id   int64
	name string
}

var kept *item

// describe takes one argument of each kind a spy decodes.
//
//go:noinline
func describe(name string, count int, ratio float64, payload []byte, ok bool, small int32, tiny int8,
	f32 float32, u uint32, p *item) int {
	n := len(name) + count + len(payload) + int(small) + int(tiny) + int(u)
	if ok {
		n++
	}
	if p != nil {
		n += int(p.id)
	}
	return n + int(ratio) + int(f32)
}

// Describe calls describe with values derived from n: name "call-<n>",
// count n, ratio n/2, payload n bytes 'a'+i%26, ok n odd, small -n, tiny
// int8(n), f32 n/4, u 3n, p a *item{id: n} (nil when n is 0).
//
//export Describe
func Describe(n C.longlong) C.longlong {
	var p *item
	if n != 0 {
		p = &item{id: int64(n), name: "x"}
		kept = p
	}
	payload := make([]byte, int(n))
	for i := range payload {
		payload[i] = byte('a' + i%26)
	}
	return C.longlong(describe("call-"+itoa(int(n)), int(n), float64(n)/2, payload, n%2 == 1, int32(-n),
		int8(n), float32(n)/4, uint32(3*n), p))
}

// DescribeLong calls describe with a name of n 'z' bytes (string capture caps).
//
//export DescribeLong
func DescribeLong(n C.longlong) C.longlong {
	return C.longlong(describe(strings.Repeat("z", int(n)), 0, 0, nil, false, 0, 0, 0, 0, nil))
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

// tick is a frameless leaf (no stack check): the tight-loop target.
//
//go:noinline
func tick(worker, seq int) int { return worker*1000003 + seq }

// Hammer runs goroutines goroutines, each calling tick(worker, seq) for seq
// 0..each-1, and waits for them; returns the sum of the results.
//
//export Hammer
func Hammer(goroutines, each C.int) C.longlong {
	var wg sync.WaitGroup
	var sum atomic.Int64
	for w := 0; w < int(goroutines); w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			s := 0
			for i := 0; i < int(each); i++ {
				s += tick(w, i)
			}
			sum.Add(int64(s))
		}(w)
	}
	wg.Wait()
	return C.longlong(sum.Load())
}

// compareWords is the less function sort.Slice calls back through a closure.
//
//go:noinline
func compareWords(a, b string) bool { return a < b }

// compareWordsReversed is what the tests redirect compareWords to.
//
//go:noinline
func compareWordsReversed(a, b string) bool { return a > b }

// Reversed returns compareWordsReversed("a", "b") (0), keeping it linked.
//
//export Reversed
func Reversed() C.int {
	if compareWordsReversed("a", "b") {
		return 1
	}
	return 0
}

// SortWords sorts "pear fig apple kiwi" with sort.Slice, compareWords being
// called back from inside package sort; returns 1 if the result is in
// ascending order, 2 if descending, -1 otherwise.
//
//export SortWords
func SortWords() C.int {
	words := strings.Fields("pear fig apple kiwi")
	sort.Slice(words, func(i, j int) bool { return compareWords(words[i], words[j]) })
	switch strings.Join(words, " ") {
	case "apple fig kiwi pear":
		return 1
	case "pear kiwi fig apple":
		return 2
	}
	return -1
}

var peeked int64 = 42

// peek has no stack check and starts with a RIP-relative load: a spy
// refuses it.
//
//go:noinline
func peek() int64 { return peeked }

// Peek returns peek().
//
//export Peek
func Peek() C.longlong { return C.longlong(peek()) }

// store is called through an interface, from a goroutine.
type store interface {
	Put(key string, value []byte) int
}

type memStore struct {
	mu    sync.Mutex
	total int
}

//go:noinline
func (m *memStore) Put(key string, value []byte) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.total += len(key) + len(value)
	return m.total
}

var theStore store = &memStore{}

// StoreInGoroutine puts ("key-<i>", i bytes of 'v') for i in 0..n-1 from a
// new goroutine, through the store interface; returns the store's total.
//
//export StoreInGoroutine
func StoreInGoroutine(n C.int) C.longlong {
	done := make(chan int)
	go func() {
		t := 0
		for i := 0; i < int(n); i++ {
			t = theStore.Put("key-"+itoa(i), []byte(strings.Repeat("v", i)))
		}
		done <- t
	}()
	return C.longlong(<-done)
}

// descend recurses depth times with a 1 KiB frame, growing the goroutine's
// stack several times; it returns depth plus the label's length.
//
//go:noinline
func descend(depth int, label string) int {
	var buf [1024]byte
	buf[depth%1024] = byte(depth)
	if depth == 0 {
		return len(label)
	}
	return descend(depth-1, label) + 1 + int(buf[(depth+1)%1024])
}

// Descend calls descend(depth, "deep") in a fresh goroutine (small stack).
//
//export Descend
func Descend(depth C.int) C.longlong {
	done := make(chan int)
	go func() { done <- descend(int(depth), "deep") }()
	return C.longlong(<-done)
}

// plunge recurses depth times with an 8 KiB frame: its prologue is the
// huge-frame stack check (MOVQ SP, R12; SUBQ; JCS; CMPQ; JLS).
//
//go:noinline
func plunge(depth int) int {
	var buf [8192]byte
	buf[depth%8192] = byte(depth)
	if depth == 0 {
		return int(buf[0])
	}
	return plunge(depth-1) + 1 + int(buf[(depth+1)%8192])
}

// Plunge calls plunge(depth) in a fresh goroutine.
//
//export Plunge
func Plunge(depth C.int) C.longlong {
	done := make(chan int)
	go func() { done <- plunge(int(depth)) }()
	return C.longlong(<-done)
}

// work takes about 100 ns: the benchmark's target.
//
//go:noinline
func work(x int) int {
	h := uint64(x) | 1
	for i := 0; i < 40; i++ {
		h ^= h << 13
		h ^= h >> 7
		h ^= h << 17
	}
	return int(h & 0xffff)
}

// WorkLoop calls work n times in a Go loop and returns the sum.
//
//export WorkLoop
func WorkLoop(n C.longlong) C.longlong {
	s := 0
	for i := 0; i < int(n); i++ {
		s += work(i)
	}
	return C.longlong(s)
}

var running atomic.Bool
var loops atomic.Int64
var loopWg sync.WaitGroup

// StartLoops starts n goroutines calling tick and describe-free warm in a
// tight loop until StopLoops; every call is counted.
//
//export StartLoops
func StartLoops(n C.int) {
	running.Store(true)
	for w := 0; w < int(n); w++ {
		loopWg.Add(1)
		go func(w int) {
			defer loopWg.Done()
			for i := 0; running.Load(); i++ {
				if tick(w, i) != w*1000003+i || compareWords("a", "b") != true {
					panic("spied: wrong result while patched")
				}
				loops.Add(1)
			}
		}(w)
	}
}

// StopLoops stops the loops, waits for them and returns the number of
// iterations they made.
//
//export StopLoops
func StopLoops() C.longlong {
	running.Store(false)
	loopWg.Wait()
	return C.longlong(loops.Swap(0))
}
