// Package main is the sigs fixture: functions of many signature shapes, for
// GoJack's DWARF signature reader and its register-ABI computation.
//
// The Probe* exports prove the register assignment by calling: each calls a
// Go function value whose static type is the signature under test but whose
// code is dump, a function that takes every integer and floating-point
// argument register plus the first stack words as its own parameters, and
// returns a known tag in every result register. What dump receives is what
// Go's compiler put where for the signature under test; what the caller reads
// back is where the compiler expects each result.
package main

/*
#include <stdint.h>
*/
import "C"

import (
	"errors"
	"math"
	"unsafe"
)

func main() {}

// ---- types ----

type Money int64

type Order struct {
	ID    int
	Qty   int32
	Price float64
	Tags  []string
}

type Point struct{ X, Y float64 }

type Mixed struct {
	A int8
	F float32
	B int64
}

type Nested struct {
	P Point
	M Mixed
	Z struct{}
}

type Big struct{ A, B, C, D, E, F, G, H, I, J int }

type WithZero struct {
	A int32
	Z [0]int64
	B int32
}

type One struct{ V [1]float64 }

type Empty struct{}

type Store struct{ items map[string]int }

type Shape interface{ Area() float64 }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

// ---- functions whose DWARF signatures the tests read ----

var sinkWord uintptr

//go:noinline
func sink(v uintptr) { sinkWord += v }

//go:noinline
func PlaceOrder(qty int, name string) (int, error) {
	if qty < 0 {
		return 0, errors.New("negative " + name)
	}
	return qty * 2, nil
}

//go:noinline
func NewID() ([16]uint8, error) { return [16]uint8{1}, nil }

//go:noinline
func Find(o *Order, data []byte, index map[string]int) (Money, bool) {
	return Money(len(data) + len(index) + o.ID), true
}

//go:noinline
func Anonymous(s struct {
	A int
	B string
}) struct{ C float64 } {
	return struct{ C float64 }{float64(s.A)}
}

//go:noinline
func Misc(c chan int, f func(int) string, a any, sh Shape, u unsafe.Pointer, p uintptr, z complex128) rune {
	return 'x'
}

//go:noinline
func (s *Store) Get(key string) (int, bool) {
	v, ok := s.items[key]
	return v, ok
}

//go:noinline
func (m Money) Add(o Money) Money { return m + o }

//go:noinline
func Named(qty int, name string) (total int, err error) { return qty, nil }

//go:noinline
func Unnamed(int, string) {}

//go:noinline
func Swap[T any](a, b T) (T, T) { return b, a }

//go:noinline
func MakePair[K comparable, V any](k K, v V) Pair[K, V] { return Pair[K, V]{k, v} }

// Every function above is kept by a caller the linker cannot drop.
//
//export SigsKeepAlive
func SigsKeepAlive() C.int {
	var s Store
	s.items = map[string]int{"a": 1}
	n, _ := PlaceOrder(1, "x")
	_, _ = NewID()
	m, _ := Find(&Order{}, nil, nil)
	_ = Anonymous(struct {
		A int
		B string
	}{1, "b"})
	_ = Misc(nil, nil, nil, nil, nil, 0, 0)
	v, _ := s.Get("a")
	_ = m.Add(1)
	_, _ = Named(1, "n")
	Unnamed(1, "u")
	a, _ := Swap(1, 2)
	x, _ := Swap("a", "b")
	_ = MakePair("k", 1.5)
	_ = MakePair(1, "v")
	return C.int(n + v + a + len(x))
}

// ---- the ABI probe ----

// record is what dump saw: the argument registers and the caller's outgoing stack words.
var record struct {
	ints   [9]uintptr
	floats [15]uint64
	stack  [stackWords]uintptr
}

const stackWords = 32

// stackWrites are (offset, size, value) triples dump stores into the caller's
// outgoing area before it returns: the stack-assigned results of the signature
// under test, at the offsets the test computed.
var stackWrites []uint64

var never bool

// dump takes RAX..R11 and X0..X14 and the first stack words as its own
// parameters. It must not spill its register parameters (their spill slots
// lie beyond the frame a probe's caller reserved for the signature under
// test), so it is nosplit and stores each parameter once; every probe also
// contains a never-taken direct call of dump, which makes its outgoing area
// as large as dump's own frame.
//
//go:nosplit
//go:noinline
func dump(ax, bx, cx, di, si, r8, r9, r10, r11 uintptr,
	x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14 float64,
	s [stackWords]uintptr) (r0, r1, r2, r3, r4, r5, r6, r7, r8r uintptr,
	f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14 float64) {
	record.ints = [9]uintptr{ax, bx, cx, di, si, r8, r9, r10, r11}
	record.floats = [15]uint64{math.Float64bits(x0), math.Float64bits(x1), math.Float64bits(x2),
		math.Float64bits(x3), math.Float64bits(x4), math.Float64bits(x5), math.Float64bits(x6),
		math.Float64bits(x7), math.Float64bits(x8), math.Float64bits(x9), math.Float64bits(x10),
		math.Float64bits(x11), math.Float64bits(x12), math.Float64bits(x13), math.Float64bits(x14)}
	record.stack = s
	base := unsafe.Pointer(&s)
	for i := 0; i+2 < len(stackWrites); i += 3 {
		at := unsafe.Add(base, stackWrites[i])
		switch stackWrites[i+1] {
		case 1:
			*(*uint8)(at) = uint8(stackWrites[i+2])
		case 2:
			*(*uint16)(at) = uint16(stackWrites[i+2])
		case 4:
			*(*uint32)(at) = uint32(stackWrites[i+2])
		default:
			*(*uint64)(at) = stackWrites[i+2]
		}
	}
	return 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8,
		ft(0), ft(1), ft(2), ft(3), ft(4), ft(5), ft(6), ft(7), ft(8), ft(9), ft(10), ft(11), ft(12), ft(13), ft(14)
}

// ft is the tag dump returns in float register j: low 32 bits 0xf0+j, so a float32 read of it is told apart too.
//
//go:nosplit
func ft(j uint64) float64 { return math.Float64frombits(0x4059000000000000 | (0xf0 + j)) }

var dumpValue = dump

// as reinterprets dump as a function of type T (a func type).
func as[T any]() T { return *(*T)(unsafe.Pointer(&dumpValue)) }

// reserve is the never-taken direct call of dump that sizes a probe's outgoing area.
func reserve() bool { return never }

//go:noinline
func callDumpDirectly() {
	dump(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [stackWords]uintptr{})
}

// probe runs call with the stack writes the test asked for, then copies what
// dump recorded and the results call flattened into out:
// 9 integer registers, 15 float registers, stackWords stack words, results.
func probe(out *C.uint64_t, writes *C.uint64_t, nwrites C.int, call func() []uint64) C.int {
	stackWrites = append(stackWrites[:0], unsafe.Slice((*uint64)(unsafe.Pointer(writes)), int(nwrites))...)
	record = struct {
		ints   [9]uintptr
		floats [15]uint64
		stack  [stackWords]uintptr
	}{}
	results := call()
	o := unsafe.Slice((*uint64)(unsafe.Pointer(out)), 9+15+stackWords+len(results))
	n := 0
	for _, v := range record.ints {
		o[n] = uint64(v)
		n++
	}
	for _, v := range record.floats {
		o[n] = v
		n++
	}
	for _, v := range record.stack {
		o[n] = uint64(v)
		n++
	}
	for _, v := range results {
		o[n] = v
		n++
	}
	return C.int(len(results))
}

func f64(v float64) uint64 { return math.Float64bits(v) }
func f32(v float32) uint64 { return uint64(math.Float32bits(v)) }
func b2u(v bool) uint64 {
	if v {
		return 1
	}
	return 0
}
func ptr(p unsafe.Pointer) uint64 { return uint64(uintptr(p)) }
func sptr(s string) uint64       { return uint64(uintptr(unsafe.Pointer(unsafe.StringData(s)))) }
func mk(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }
func str(p, n uintptr) string     { return unsafe.String((*byte)(mk(p)), int(n)) }

// ---- ABI cases: each a real function (its DWARF signature is what the test
// computes the assignment from) and a probe that calls dump as that type ----

type D = [stackWords]uintptr

// like gives dump the static type of fn.
func like[T any](_ T) T { return as[T]() }

// The abi-internal.md example.
//
//go:noinline
func ABIExample(a1 uint8, a2 [2]uintptr, a3 uint8) (r1 struct {
	x uintptr
	y [2]uintptr
}, r2 string) {
	sink(uintptr(a1) + a2[0] + uintptr(a3))
	return
}

//export ProbeABIExample
func ProbeABIExample(out, w *C.uint64_t, n C.int) C.int {
	return probe(out, w, n, func() []uint64 {
		if never {
			dump(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D{})
		}
		r1, r2 := like(ABIExample)(1, [2]uintptr{2, 3}, 4)
		return []uint64{uint64(r1.x), uint64(r1.y[0]), uint64(r1.y[1]), sptr(r2), uint64(len(r2))}
	})
}

// Nine integers fill RAX..R11; the tenth goes to the stack; so does the tenth result.
//
//go:noinline
func Exhaust(a, b, c, d, e, f, g, h, i int, j int16) (r0, r1, r2, r3, r4, r5, r6, r7, r8 int, r9 int8) {
	sink(uintptr(a + b + c + d + e + f + g + h + i + int(j)))
	return
}

//export ProbeExhaust
func ProbeExhaust(out, w *C.uint64_t, n C.int) C.int {
	return probe(out, w, n, func() []uint64 {
		if never {
			dump(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D{})
		}
		r0, r1, r2, r3, r4, r5, r6, r7, r8, r9 := like(Exhaust)(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
		return []uint64{uint64(r0), uint64(r1), uint64(r2), uint64(r3), uint64(r4), uint64(r5), uint64(r6),
			uint64(r7), uint64(r8), uint64(uint8(r9))}
	})
}

// A string needs two registers; with one left it goes to the stack, and the
// int after it still takes the last register.
//
//go:noinline
func Backfill(a, b, c, d, e, f, g, h int, s string, k int) (string, int) {
	sink(uintptr(a + b + c + d + e + f + g + h + len(s) + k))
	return "", 0
}

//export ProbeBackfill
func ProbeBackfill(out, w *C.uint64_t, n C.int) C.int {
	return probe(out, w, n, func() []uint64 {
		if never {
			dump(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D{})
		}
		s, k := like(Backfill)(1, 2, 3, 4, 5, 6, 7, 8, str(9, 10), 11)
		return []uint64{sptr(s), uint64(len(s)), uint64(k)}
	})
}

// Fifteen floats fill X0..X14; the sixteenth goes to the stack.
//
//go:noinline
func Floats(a, b, c, d, e, f, g, h, i, j, k, l, m float64, n float32, o, p float64, q int) (float32, float64, int) {
	sink(uintptr(a + b + c + d + e + f + g + h + i + j + k + l + m + float64(n) + o + p + float64(q)))
	return 0, 0, 0
}

//export ProbeFloats
func ProbeFloats(out, w *C.uint64_t, n C.int) C.int {
	return probe(out, w, n, func() []uint64 {
		if never {
			dump(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D{})
		}
		x, y, z := like(Floats)(1.25, 2.25, 3.25, 4.25, 5.25, 6.25, 7.25, 8.25, 9.25, 10.25, 11.25, 12.25,
			13.25, 14.25, 15.25, 16.25, 17)
		return []uint64{f32(x), f64(y), uint64(z)}
	})
}

// Structs are decomposed field by field, integers and floats each taking their own sequence.
//
//go:noinline
func Structs(m Mixed, p Point, x float32, b bool, i int16) (Mixed, Point) {
	sink(uintptr(m.A) + uintptr(p.X) + uintptr(x) + uintptr(i))
	if b {
		sink(1)
	}
	return Mixed{}, Point{}
}

//export ProbeStructs
func ProbeStructs(out, w *C.uint64_t, n C.int) C.int {
	return probe(out, w, n, func() []uint64 {
		if never {
			dump(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D{})
		}
		m, p := like(Structs)(Mixed{1, 2.25, 3}, Point{4.25, 5.25}, 6.25, true, 8)
		return []uint64{uint64(uint8(m.A)), f32(m.F), uint64(m.B), f64(p.X), f64(p.Y)}
	})
}

// Nested structs, zero-sized fields and values, arrays of length 0 and 1.
//
//go:noinline
func Nesting(n Nested, wz WithZero, e Empty, o One, a0 [0]int, a1 [1]string) (One, [1]int, Empty, int8) {
	sink(uintptr(n.M.B) + uintptr(wz.A) + uintptr(o.V[0]) + uintptr(len(a1[0])))
	return One{}, [1]int{}, Empty{}, 0
}

//export ProbeNesting
func ProbeNesting(out, w *C.uint64_t, n C.int) C.int {
	return probe(out, w, n, func() []uint64 {
		if never {
			dump(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D{})
		}
		o, a, _, i := like(Nesting)(Nested{Point{1.25, 2.25}, Mixed{3, 4.25, 5}, struct{}{}},
			WithZero{6, [0]int64{}, 7}, Empty{}, One{[1]float64{8.25}}, [0]int{}, [1]string{str(9, 10)})
		return []uint64{f64(o.V[0]), uint64(a[0]), uint64(uint8(i))}
	})
}

// Arrays of length > 1 and structs that do not fit go to the stack, and
// zero-sized values there still align what follows.
//
//go:noinline
func Stacked(a [2]int8, z [0]int64, b [2]int8, big Big, x int, c [3]float32) (Big, [2]uint16, float64) {
	sink(uintptr(a[0]) + uintptr(b[1]) + uintptr(big.J) + uintptr(x) + uintptr(c[2]))
	return Big{}, [2]uint16{}, 0
}

//export ProbeStacked
func ProbeStacked(out, w *C.uint64_t, n C.int) C.int {
	return probe(out, w, n, func() []uint64 {
		if never {
			dump(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D{})
		}
		big, u, f := like(Stacked)([2]int8{1, 2}, [0]int64{}, [2]int8{3, 4},
			Big{5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, 15, [3]float32{16.25, 17.25, 18.25})
		return []uint64{uint64(big.A), uint64(big.B), uint64(big.C), uint64(big.D), uint64(big.E), uint64(big.F),
			uint64(big.G), uint64(big.H), uint64(big.I), uint64(big.J), uint64(u[0]), uint64(u[1]), f64(f)}
	})
}

// Complex numbers take two float registers; slices three, interfaces two
// integer registers; maps, channels, pointers and funcs one.
//
//go:noinline
func Words(c complex128, c64 complex64, s []int, e any, sh Shape, m map[string]int, p *int, ch chan int,
	f func()) (complex64, []byte, error) {
	sink(uintptr(real(c)) + uintptr(imag(c64)) + uintptr(len(s)) + uintptr(len(m)))
	return 0, nil, nil
}

//export ProbeWords
func ProbeWords(out, w *C.uint64_t, n C.int) C.int {
	return probe(out, w, n, func() []uint64 {
		if never {
			dump(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D{})
		}
		var sl []int
		*(*[3]uintptr)(unsafe.Pointer(&sl)) = [3]uintptr{5, 6, 7}
		var e any
		*(*[2]uintptr)(unsafe.Pointer(&e)) = [2]uintptr{8, 9}
		var sh Shape
		*(*[2]uintptr)(unsafe.Pointer(&sh)) = [2]uintptr{10, 11}
		var m map[string]int
		*(*uintptr)(unsafe.Pointer(&m)) = 12
		var ch chan int
		*(*uintptr)(unsafe.Pointer(&ch)) = 14
		var fn func()
		*(*uintptr)(unsafe.Pointer(&fn)) = 15
		c, b, err := like(Words)(complex(1.25, 2.25), complex(3.25, 4.25), sl, e, sh, m, (*int)(mk(13)), ch, fn)
		bw := *(*[3]uintptr)(unsafe.Pointer(&b))
		ew := *(*[2]uintptr)(unsafe.Pointer(&err))
		return []uint64{f32(real(c)), f32(imag(c)), uint64(bw[0]), uint64(bw[1]), uint64(bw[2]),
			uint64(ew[0]), uint64(ew[1])}
	})
}

// A struct of sixteen floats does not fit X0..X14; the int after it still gets RAX.
//
//go:noinline
func FloatStruct(v struct{ A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P float32 }, k int) int {
	sink(uintptr(v.A) + uintptr(k))
	return 0
}

//export ProbeFloatStruct
func ProbeFloatStruct(out, w *C.uint64_t, n C.int) C.int {
	return probe(out, w, n, func() []uint64 {
		if never {
			dump(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D{})
		}
		r := like(FloatStruct)(struct{ A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P float32 }{
			1.25, 2.25, 3.25, 4.25, 5.25, 6.25, 7.25, 8.25, 9.25, 10.25, 11.25, 12.25, 13.25, 14.25, 15.25, 16.25}, 17)
		return []uint64{uint64(r)}
	})
}

// A method: the receiver is assigned first.
//
//go:noinline
func (o Order) Total(discount float64, extra int16) (float64, bool) {
	sink(uintptr(o.Qty) + uintptr(discount) + uintptr(extra))
	return 0, false
}

//export ProbeTotal
func ProbeTotal(out, w *C.uint64_t, n C.int) C.int {
	return probe(out, w, n, func() []uint64 {
		if never {
			dump(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D{})
		}
		var tags []string
		*(*[3]uintptr)(unsafe.Pointer(&tags)) = [3]uintptr{4, 5, 6}
		f, b := like(Order.Total)(Order{1, 2, 3.25, tags}, 7.25, 8)
		return []uint64{f64(f), uint64(*(*uint8)(unsafe.Pointer(&b)))}
	})
}
