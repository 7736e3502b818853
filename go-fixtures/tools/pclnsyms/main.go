// Command pclnsyms prints the names of the Go functions recorded in the
// pclntab of an ELF file, one per line (the .gopclntab section with Go 1.26;
// inside .data.rel.ro in Go 1.21 c-shared libraries).
//
// `go tool nm` needs the ELF symbol table, which the `stripped` fixture
// variants (-ldflags="-s -w") do not have; the pclntab survives stripping
// because the Go runtime needs it, so check-symbols.sh uses this tool there.
//
// It reads Go 1.20+ pclntabs of little-endian 64-bit ELF files only, which
// covers every fixture. Usage: pclnsyms [-addr] file.so
package main

import (
	"bytes"
	"debug/elf"
	"debug/gosym"
	"flag"
	"fmt"
	"os"
)

func main() {
	addr := flag.Bool("addr", false, "prefix each name with its entry address and size (the size includes alignment padding)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: pclnsyms [-addr] file.so")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *addr); err != nil {
		fmt.Fprintln(os.Stderr, "pclnsyms:", err)
		os.Exit(1)
	}
}

func run(path string, showAddr bool) error {
	f, err := elf.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()

	data, addr, err := findPclntab(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	table, err := gosym.NewTable(nil, gosym.NewLineTable(data, textStart(f, addr)))
	if err != nil {
		return fmt.Errorf("%s: decoding pclntab: %w", path, err)
	}
	for _, fn := range table.Funcs {
		if showAddr {
			fmt.Printf("%x %d %s\n", fn.Entry, fn.End-fn.Entry, fn.Name)
		} else {
			fmt.Println(fn.Name)
		}
	}
	return nil
}

// pclntabMagic starts the pclntab header of Go 1.20 and later on a
// little-endian 64-bit target: magic 0xfffffff1, two zero pad bytes, minimum
// instruction size 1, pointer size 8.
var pclntabMagic = []byte{0xf1, 0xff, 0xff, 0xff, 0x00, 0x00, 0x01, 0x08}

// findPclntab returns the pclntab bytes (from its header to the end of the
// section holding it) and the header's virtual address. Go 1.26 puts the
// table in its own .gopclntab section; Go 1.21 c-shared libraries have it
// merged into .data.rel.ro, so there the header is found by its magic.
func findPclntab(f *elf.File) ([]byte, uint64, error) {
	if s := f.Section(".gopclntab"); s != nil {
		data, err := s.Data()
		if err != nil {
			return nil, 0, fmt.Errorf("reading .gopclntab: %w", err)
		}
		return data, s.Addr, nil
	}
	for _, s := range f.Sections {
		if s.Type != elf.SHT_PROGBITS || s.Flags&elf.SHF_ALLOC == 0 {
			continue
		}
		data, err := s.Data()
		if err != nil {
			continue
		}
		if i := bytes.Index(data, pclntabMagic); i >= 0 {
			return data[i:], s.Addr + uint64(i), nil
		}
	}
	return nil, 0, fmt.Errorf("no Go 1.20+ pclntab found")
}

// textStart returns runtime.text, the base that pclntab entry offsets are
// relative to.
//
// Go 1.21 stores it in the pclntab header (offset 24), and in a shared
// library that field is filled in by an R_X86_64_RELATIVE relocation whose
// addend is the link-time address. Go 1.26 keeps the pclntab read-only, so
// the header field is 0; there the address is taken from
// runtime.firstmoduledata, found as the word relocated to point at the
// pclntab header (moduledata.pcHeader), whose text field is 176 bytes
// further on (after pcHeader, six slices, findfunctab, minpc and maxpc).
func textStart(f *elf.File, pclnAddr uint64) uint64 {
	relocs := relativeRelocs(f)
	if v, ok := relocs[pclnAddr+24]; ok && v != 0 {
		return v
	}
	if v := readWord(f, pclnAddr+24); v != 0 {
		return v
	}
	for off, addend := range relocs {
		if addend == pclnAddr {
			if v, ok := relocs[off+176]; ok {
				return v
			}
		}
	}
	fmt.Fprintln(os.Stderr, "pclnsyms: warning: runtime.text not found, using the .text section address")
	if text := f.Section(".text"); text != nil {
		return text.Addr
	}
	return 0
}

// relativeRelocs maps the address of every R_X86_64_RELATIVE relocation in
// .rela.dyn to its addend.
func relativeRelocs(f *elf.File) map[uint64]uint64 {
	m := map[uint64]uint64{}
	rela := f.Section(".rela.dyn")
	if rela == nil {
		return m
	}
	data, err := rela.Data()
	if err != nil {
		return m
	}
	for i := 0; i+24 <= len(data); i += 24 {
		info := f.ByteOrder.Uint64(data[i+8:])
		if elf.R_X86_64(info&0xffffffff) == elf.R_X86_64_RELATIVE {
			m[f.ByteOrder.Uint64(data[i:])] = f.ByteOrder.Uint64(data[i+16:])
		}
	}
	return m
}

// readWord reads the 8-byte word stored in the file at virtual address addr.
func readWord(f *elf.File, addr uint64) uint64 {
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && addr >= p.Vaddr && addr+8 <= p.Vaddr+p.Filesz {
			var b [8]byte
			if _, err := p.ReadAt(b[:], int64(addr-p.Vaddr)); err == nil {
				return f.ByteOrder.Uint64(b[:])
			}
		}
	}
	return 0
}
