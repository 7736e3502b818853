package peers

import (
	"reflect"
	"syscall"
	"testing"
	"unsafe"

	"github.com/agiledragon/gomonkey/v2"
)

// BenchmarkGomonkeyApplyFuncReset is one gomonkey patch applied and restored: what GoJack's
// RedirectBenchmark.redirectApplyRestore does from Java.
func BenchmarkGomonkeyApplyFuncReset(b *testing.B) {
	if add(3, 4) != 7 {
		b.Fatal("add is not add")
	}
	for i := 0; i < b.N; i++ {
		patches := gomonkey.ApplyFunc(add, addReplacement)
		patches.Reset()
	}
	b.StopTimer()
	patches := gomonkey.ApplyFunc(add, addReplacement)
	patched := add(3, 4)
	patches.Reset()
	if patched != 304 || add(3, 4) != 7 {
		b.Fatalf("gomonkey did not patch: %d, %d", patched, add(3, 4))
	}
}

// BenchmarkBareMprotectStore is the floor of the same operation with raw system calls: twice (make the page
// writable, store 8 bytes, make it read+execute again). It stores back the bytes already there.
func BenchmarkBareMprotectStore(b *testing.B) {
	pageSize := uintptr(syscall.Getpagesize())
	fn := add
	entry := **(**unsafe.Pointer)(unsafe.Pointer(&fn)) // a func value points to its code pointer
	if uintptr(entry) != reflect.ValueOf(add).Pointer() {
		b.Fatal("could not find the code of add")
	}
	page := unsafe.Slice((*byte)(unsafe.Add(entry, -int(uintptr(entry)&(pageSize-1)))), pageSize)
	word := (*uint64)(entry)
	for i := 0; i < b.N; i++ {
		for k := 0; k < 2; k++ {
			if err := syscall.Mprotect(page, syscall.PROT_READ|syscall.PROT_WRITE|syscall.PROT_EXEC); err != nil {
				b.Fatal(err)
			}
			original := *word
			*word = original
			if err := syscall.Mprotect(page, syscall.PROT_READ|syscall.PROT_EXEC); err != nil {
				b.Fatal(err)
			}
		}
	}
}
