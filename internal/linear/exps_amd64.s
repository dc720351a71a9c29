//go:build !purego

#include "textflag.h"

// func expsAVX(scores []float32, out []float64, top float64, k *expConstants) float64
//
// Four scores at a time, each operation the one FastExp does in the same
// order (no fused multiply-add), so that out[i] is bit for bit
// FastExp(float64(scores[i]) - top); the sum adds them one by one in
// index order, as a plain loop does. len(scores) is a multiple of 4.
TEXT ·expsAVX(SB), NOSPLIT, $0-72
	MOVQ scores_base+0(FP), SI
	MOVQ scores_len+8(FP), CX
	MOVQ out_base+24(FP), DI
	VBROADCASTSD top+48(FP), Y15
	MOVQ k+56(FP), DX
	VXORPD X14, X14, X14 // the sum
	VXORPD X13, X13, X13 // zeros
	VMOVDQU 352(DX), X12 // 1023 in each int32
	SHRQ $2, CX
	JEQ done

loop:
	VCVTPS2PD (SI), Y0          // x = float64(score)
	VSUBPD Y15, Y0, Y0          // x -= top
	VCMPPD $5, 0(DX), Y0, Y1    // keep = !(x < -700)
	VMULPD 32(DX), Y0, Y2       // t = x·log2(e)
	VADDPD 64(DX), Y2, Y3
	VROUNDPD $1, Y3, Y3         // n = floor(t + 1/2)
	VSUBPD Y3, Y2, Y2
	VMULPD 96(DX), Y2, Y2       // y = (t − n)·ln 2
	VMULPD 128(DX), Y2, Y4      // y/5040
	VADDPD 160(DX), Y4, Y4      // 1/720 + …
	VMULPD Y2, Y4, Y4
	VADDPD 192(DX), Y4, Y4      // 1/120 + …
	VMULPD Y2, Y4, Y4
	VADDPD 224(DX), Y4, Y4      // 1/24 + …
	VMULPD Y2, Y4, Y4
	VADDPD 256(DX), Y4, Y4      // 1/6 + …
	VMULPD Y2, Y4, Y4
	VADDPD 288(DX), Y4, Y4      // 1/2 + …
	VMULPD Y2, Y4, Y4
	VADDPD 320(DX), Y4, Y4      // 1 + …
	VMULPD Y2, Y4, Y4
	VADDPD 320(DX), Y4, Y4      // p = 1 + …
	VCVTTPD2DQY Y3, X5          // int32(n)
	VPADDD X12, X5, X5
	VPSLLD $20, X5, X5          // high words of 2^n: (n + 1023) << 20
	VPUNPCKLDQ X5, X13, X6
	VPUNPCKHDQ X5, X13, X7
	VINSERTF128 $1, X7, Y6, Y6  // 2^n
	VMULPD Y6, Y4, Y4           // p·2^n
	VANDPD Y1, Y4, Y4           // 0 below −700
	VMOVUPD Y4, (DI)
	VADDSD X4, X14, X14
	VPERMILPD $1, X4, X5
	VADDSD X5, X14, X14
	VEXTRACTF128 $1, Y4, X4
	VADDSD X4, X14, X14
	VPERMILPD $1, X4, X5
	VADDSD X5, X14, X14
	ADDQ $16, SI
	ADDQ $32, DI
	DECQ CX
	JNE loop

done:
	VZEROUPPER
	MOVSD X14, ret+64(FP)
	RET

// func maxAVX(x []float32) float32
//
// The largest of x, eight lanes at a time; len(x) is a positive multiple
// of 8 and x holds no NaN.
TEXT ·maxAVX(SB), NOSPLIT, $0-28
	MOVQ x_base+0(FP), SI
	MOVQ x_len+8(FP), CX
	VMOVUPS (SI), Y0
	ADDQ $32, SI
	SHRQ $3, CX
	DECQ CX
	JEQ reduce

maxloop:
	VMAXPS (SI), Y0, Y0
	ADDQ $32, SI
	DECQ CX
	JNE maxloop

reduce:
	VEXTRACTF128 $1, Y0, X1
	VMAXPS X1, X0, X0
	VPERMILPS $0x4e, X0, X1
	VMAXPS X1, X0, X0
	VPERMILPS $0xb1, X0, X1
	VMAXPS X1, X0, X0
	VZEROUPPER
	MOVSS X0, ret+24(FP)
	RET
