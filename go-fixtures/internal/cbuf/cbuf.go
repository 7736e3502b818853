// Package cbuf holds the one helper every fixture uses to hand a Go string
// back to C: it fills a caller-owned buffer the way snprintf does.
package cbuf

import "unsafe"

// Write copies s into the C buffer buf of capacity n bytes, truncating it to
// n-1 bytes when needed, and always NUL-terminates the buffer when n > 0.
// It returns len(s), the length the string has in full (like snprintf), so
// a return value >= n means the text was truncated. A nil buf or n <= 0
// writes nothing.
func Write(buf unsafe.Pointer, n int, s string) int {
	if buf == nil || n <= 0 {
		return len(s)
	}
	dst := unsafe.Slice((*byte)(buf), n)
	k := copy(dst[:n-1], s)
	dst[k] = 0
	return len(s)
}
