package main

// Targets for GoJack's stubs of results of every shape (issue 18 item 5): results in registers, in the caller's
// result slots on the stack (arrays of length > 1, structs that do not fit the registers), and mixes of both.
// Each See* export calls its target the way Go code would and returns, as text, what Go saw: the tests compare
// that text, so a result placed in the wrong register or slot shows up as a wrong field.

/*
#include <stdint.h>
*/
import "C"

import (
	"errors"
	"fmt"
	"io"
)

// Twenty floats: more than the fifteen float registers, so the struct goes on the stack.
type Floaty struct {
	A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T float64
}

// uuid.NewRandom's shape: an array (stack) and an error (registers).
//
//go:noinline
func NewRandom() ([16]byte, error) { return [16]byte{0xde, 0xad}, errors.New("not stubbed") }

//go:noinline
func MakeBig() Big { return Big{A: 1} }

//go:noinline
func Arrays() ([0]int, [1]float64, [3]int32, [2]string) {
	return [0]int{}, [1]float64{1}, [3]int32{1, 2, 3}, [2]string{"a", "b"}
}

//go:noinline
func MakeMixed() (Mixed, Point, float32, string) { return Mixed{A: 1}, Point{}, 1, "m" }

//go:noinline
func MakeNested() (Nested, WithZero, error) { return Nested{}, WithZero{}, nil }

//go:noinline
func MakeFloaty() (int, Floaty, bool) { return 1, Floaty{}, true }

// A stack parameter before the results moves their slots.
//
//go:noinline
func Shifted(a [2]int, b int) ([2]int, int8) { return a, int8(b) }

//go:noinline
func Payload(n int) ([]byte, error) { return make([]byte, n), nil }

//go:noinline
func Failure() error { return nil }

//go:noinline
func AnyValue() any { return nil }

func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%q", err.Error())
}

func result(format string, args ...any) *C.char { return C.CString(fmt.Sprintf(format, args...)) }

//export SeeNewRandom
func SeeNewRandom() *C.char {
	id, err := NewRandom()
	id2, err2 := NewRandom()
	return result("%x %s is=%v eof=%v same=%v", id, errText(err), errors.Is(err, err2), errors.Is(err, io.EOF),
		id == id2)
}

//export SeeBig
func SeeBig() *C.char {
	b := MakeBig()
	return result("%v", b)
}

//export SeeArrays
func SeeArrays() *C.char {
	z, one, three, two := Arrays()
	return result("%d %v %v %q", len(z), one, three, two)
}

//export SeeMixed
func SeeMixed() *C.char {
	m, p, f, s := MakeMixed()
	return result("%+v %+v %v %q", m, p, f, s)
}

//export SeeNested
func SeeNested() *C.char {
	n, w, err := MakeNested()
	return result("%+v %+v %s", n, w, errText(err))
}

//export SeeFloaty
func SeeFloaty() *C.char {
	n, f, ok := MakeFloaty()
	return result("%d %v %v", n, f, ok)
}

//export SeeShifted
func SeeShifted(b C.int) *C.char {
	a, n := Shifted([2]int{1, 2}, int(b))
	return result("%v %d", a, n)
}

// What Go sees of the []byte: its contents, len and cap, and that it can write to it and append to it.
//
//export SeePayload
func SeePayload() *C.char {
	b, err := Payload(3)
	before := fmt.Sprintf("%x len=%d cap=%d %s", b, len(b), cap(b), errText(err))
	if len(b) > 0 {
		b[0] ^= 0xff
	}
	grown := append(b, 0x42)
	return result("%s written=%x appended=%x", before, b, grown)
}

//export SeeFailure
func SeeFailure() *C.char {
	err := Failure()
	var target *fs
	return result("%s is=%v eof=%v again=%v wrapped=%v as=%v", errText(err), errors.Is(err, err),
		errors.Is(err, io.EOF), errors.Is(Failure(), err), errors.Is(fmt.Errorf("w: %w", err), err),
		errors.As(err, &target))
}

type fs struct{}

func (*fs) Error() string { return "fs" }

//export SeeAny
func SeeAny() *C.char {
	v := AnyValue()
	err, ok := v.(error)
	if !ok {
		return result("%T", v)
	}
	return result("%T %s", v, errText(err))
}

//go:noinline
func MakeShape() Shape { return nil }

//export SeeShape
func SeeShape() C.int {
	if MakeShape() == nil {
		return 0
	}
	return 1
}

// A generic function whose shapes place the same result differently: for [3]int the parameter p goes on the
// stack first, so the [2]int result's slot moves.
//
//go:noinline
func Window[T any](p T, n int) [2]int { return [2]int{n, n} }

//export SeeWindow
func SeeWindow() *C.char { return result("%v %v", Window(7, 1), Window([3]int{1, 2, 3}, 2)) }
