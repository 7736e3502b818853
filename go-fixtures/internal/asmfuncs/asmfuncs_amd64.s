#include "textflag.h"

// func Add(a, b int64) int64
TEXT ·Add(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), BX
	ADDQ BX, AX
	MOVQ AX, ret+16(FP)
	RET

// func Sub(a, b int64) int64
TEXT ·Sub(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), AX
	MOVQ b+8(FP), BX
	SUBQ BX, AX
	MOVQ AX, ret+16(FP)
	RET

// func Answer() int64
TEXT ·Answer(SB), NOSPLIT, $0-8
	MOVQ $42, ret+0(FP)
	RET

// func Inc(a int64) int64: the same stack size (16 bytes) as the Go function main.goAdd's register spill area.
TEXT ·Inc(SB), NOSPLIT, $0-16
	MOVQ a+0(FP), AX
	INCQ AX
	MOVQ AX, ret+8(FP)
	RET
