;; FFmpeg's unsharp=5:5:amount on a luma plane, eight pixels at a time with WebAssembly SIMD
;; (the View panel's Sharpen while playing: 1080p in a few milliseconds instead of fifteen).
;; The same integers as unsharp5 in unsharp.ts, hence as libavfilter/vf_unsharp.c:
;;   sum  = the 5x5 binomial sum (weights 1 4 6 4 1 down, then across; edges repeated)
;;   blur = (sum + 128) >> 8
;;   out  = clip(p + (((p - blur) * fixed) >> 16), 0, 255)      fixed = (int)(amount * 65536)
;; then, with flip = 255, 255 - out (the view's invert, FFmpeg's negate, in the same pass).
;; Down the columns a sum is at most 16 * 255 = 4080 and across at most 65280: both fit the
;; 16-bit lanes (read unsigned); (p - blur) * fixed is taken in 32 bits, as in C.
;;
;; Built by scripts/build-wasm.mjs into src/vision/generated/unsharp5-wasm.ts (committed; a
;; test fails if the two differ). Memory is laid out by the caller (unsharp5-simd.ts):
;;   in    the plane, width * height bytes, then at least 16 bytes of slack
;;   out   as large; the last vector of each row runs past the row's end: the next row
;;         overwrites it, the last one's goes into the slack
;;   tmp   one row of column sums, 16-bit: 2 elements before the row (the left edge
;;         repeated), width + 16 after it
(module
  (memory (export "memory") 1)
  (func (export "unsharp5")
    (param $w i32) (param $h i32) (param $fixed i32)
    (param $in i32) (param $out i32) (param $tmp i32) (param $flip i32)
    (local $y i32) (local $x i32) (local $last i32) (local $row i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $r4 i32)
    (local $at i32) (local $zero i32)
    (local $f v128) (local $d v128) (local $p v128)
    (local.set $f (i32x4.splat (local.get $fixed)))
    (local.set $last (i32.sub (local.get $h) (i32.const 1)))
    ;; element 0 of the row of sums (two elements of left edge before it)
    (local.set $zero (i32.add (local.get $tmp) (i32.const 4)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $y) (local.get $h)))
        (local.set $row (i32.mul (local.get $y) (local.get $w)))
        ;; the rows two above to two below, the top and bottom rows repeated past the edges
        (local.set $r0 (i32.add (local.get $in) (i32.mul (local.get $w)
          (select (i32.sub (local.get $y) (i32.const 2)) (i32.const 0)
            (i32.gt_s (i32.sub (local.get $y) (i32.const 2)) (i32.const 0))))))
        (local.set $r1 (i32.add (local.get $in) (i32.mul (local.get $w)
          (select (i32.sub (local.get $y) (i32.const 1)) (i32.const 0)
            (i32.gt_s (i32.sub (local.get $y) (i32.const 1)) (i32.const 0))))))
        (local.set $r2 (i32.add (local.get $in) (local.get $row)))
        (local.set $r3 (i32.add (local.get $in) (i32.mul (local.get $w)
          (select (i32.add (local.get $y) (i32.const 1)) (local.get $last)
            (i32.lt_s (i32.add (local.get $y) (i32.const 1)) (local.get $last))))))
        (local.set $r4 (i32.add (local.get $in) (i32.mul (local.get $w)
          (select (i32.add (local.get $y) (i32.const 2)) (local.get $last)
            (i32.lt_s (i32.add (local.get $y) (i32.const 2)) (local.get $last))))))
        ;; down: r0 + r4 + 4 (r1 + r3) + 6 r2, eight columns at a time
        (local.set $x (i32.const 0))
        (block $down_done
          (loop $down
            (br_if $down_done (i32.ge_s (local.get $x) (local.get $w)))
            (v128.store
              (i32.add (local.get $zero) (i32.shl (local.get $x) (i32.const 1)))
              (i16x8.add
                (i16x8.add
                  (v128.load8x8_u (i32.add (local.get $r0) (local.get $x)))
                  (v128.load8x8_u (i32.add (local.get $r4) (local.get $x))))
                (i16x8.add
                  (i16x8.shl
                    (i16x8.add
                      (v128.load8x8_u (i32.add (local.get $r1) (local.get $x)))
                      (v128.load8x8_u (i32.add (local.get $r3) (local.get $x))))
                    (i32.const 2))
                  (i16x8.mul
                    (v128.load8x8_u (i32.add (local.get $r2) (local.get $x)))
                    (i16x8.splat (i32.const 6))))))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))
            (br $down)))
        ;; the first and last columns repeated past the edges
        (i32.store16 (local.get $tmp) (i32.load16_u (local.get $zero)))
        (i32.store16 offset=2 (local.get $tmp) (i32.load16_u (local.get $zero)))
        (local.set $at (i32.add (local.get $zero) (i32.shl (local.get $w) (i32.const 1))))
        (i32.store16 (local.get $at) (i32.load16_u offset=0 (i32.sub (local.get $at) (i32.const 2))))
        (i32.store16 offset=2 (local.get $at)
          (i32.load16_u (i32.sub (local.get $at) (i32.const 2))))
        ;; across, then the sharpened pixel, eight at a time
        (local.set $x (i32.const 0))
        (block $across_done
          (loop $across
            (br_if $across_done (i32.ge_s (local.get $x) (local.get $w)))
            (local.set $at (i32.add (local.get $tmp) (i32.shl (local.get $x) (i32.const 1))))
            ;; blur = (s0 + s4 + 4 (s1 + s3) + 6 s2 + 128) >> 8, in unsigned 16-bit lanes
            (local.set $d
              (i16x8.shr_u
                (i16x8.add
                  (i16x8.add
                    (i16x8.add (v128.load (local.get $at)) (v128.load offset=8 (local.get $at)))
                    (i16x8.shl
                      (i16x8.add (v128.load offset=2 (local.get $at))
                        (v128.load offset=6 (local.get $at)))
                      (i32.const 2)))
                  (i16x8.add
                    (i16x8.mul (v128.load offset=4 (local.get $at)) (i16x8.splat (i32.const 6)))
                    (i16x8.splat (i32.const 128))))
                (i32.const 8)))
            (local.set $p (v128.load8x8_u (i32.add (local.get $r2) (local.get $x))))
            ;; p - blur, times fixed in 32 bits, >> 16 (arithmetic), back to 16 bits
            (local.set $d (i16x8.sub (local.get $p) (local.get $d)))
            (local.set $d
              (i16x8.narrow_i32x4_s
                (i32x4.shr_s
                  (i32x4.mul (i32x4.extend_low_i16x8_s (local.get $d)) (local.get $f))
                  (i32.const 16))
                (i32x4.shr_s
                  (i32x4.mul (i32x4.extend_high_i16x8_s (local.get $d)) (local.get $f))
                  (i32.const 16))))
            ;; p + that, clipped to 0…255 by the unsigned saturating narrowing; 255 - v
            ;; being v's bits flipped, xor with flip inverts it (or, with 0, leaves it)
            (v128.store64_lane 0
              (i32.add (i32.add (local.get $out) (local.get $row)) (local.get $x))
              (v128.xor
                (i8x16.narrow_i16x8_u
                  (i16x8.add (local.get $p) (local.get $d))
                  (i16x8.add (local.get $p) (local.get $d)))
                (i8x16.splat (local.get $flip))))
            (local.set $x (i32.add (local.get $x) (i32.const 8)))
            (br $across)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows)))))
