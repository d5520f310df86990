#!/bin/bash
# Regenerates the per-type CPU loop templates from their 64-bit sources (EJML's way: edit the
# source, rerun, commit both):
#   LoopF32 from LoopF64; LoopI32, LoopI16, LoopI8 from LoopI64; LoopFoldI32/I16/I8 from LoopFoldI64;
#   AxisFoldI32/I16/I8 from AxisFoldI64; ArgFoldI32/I16/I8 from ArgFoldI64; ArgFoldF32 from ArgFoldF64;
#   blas/JavaSgemm from blas/JavaDgemm.
# Usage: scripts/gen_typed_loops.sh          rewrite the generated files in place
#        scripts/gen_typed_loops.sh --check  exit 1 if a generated file differs from its source
set -e
src="$(cd "$(dirname "$0")/../ndarray-cpu/src/main/java/io/github/ndarray/cpu" && pwd)"
if [ "$1" = "--check" ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  cp "$src"/Loop*.java "$src"/AxisFoldI*.java "$src"/ArgFold*.java "$tmp"/
  mkdir "$tmp/blas"; cp "$src"/blas/JavaDgemm.java "$tmp/blas/"
  GEN_DIR="$tmp" bash "$0"
  status=0
  for f in LoopF32 LoopI32 LoopI16 LoopI8 LoopFoldI32 LoopFoldI16 LoopFoldI8 AxisFoldI32 AxisFoldI16 AxisFoldI8 ArgFoldI32 ArgFoldI16 ArgFoldI8 ArgFoldF32 blas/JavaSgemm; do
    cmp -s "$src/$f.java" "$tmp/$f.java" || { echo "$f.java is out of date: run scripts/gen_typed_loops.sh"; status=1; }
  done
  exit $status
fi
cd "${GEN_DIR:-$src}"
sed -e 's/DoubleVector/FloatVector/g; s/VectorMask<Double>/VectorMask<Float>/g; s/VectorSpecies<Double>/VectorSpecies<Float>/g; s/Double\.BYTES/Float.BYTES/g; s/OfDouble/OfFloat/g; s/JAVA_DOUBLE_UNALIGNED/JAVA_FLOAT_UNALIGNED/g; s/Double\.isNaN/Float.isNaN/g; s/Double\.isInfinite/Float.isInfinite/g; s/Double\.isFinite/Float.isFinite/g; s/double /float /g; s/double x/float x/g; s/LoopF64/LoopF32/g; s/broadcast(S, 1\.0)/broadcast(S, 1.0f)/; s/1\.0 \/ x/1.0f \/ x/' LoopF64.java > LoopF32.java
python3 - <<'EOF'
import re
p='LoopF32.java'
s=open(p).read()
s=re.sub(r'-> (Math\.(sqrt|exp|expm1|log|log1p|log10|sin|cos|tan|asin|acos|atan|sinh|cosh|tanh|cbrt|floor|ceil|rint)\(x\));', r'-> (float) \1;', s)
s=re.sub(r'-> (ScalarMath\.\w+\([xy, ]+\));', r'-> (float) \1;', s)
s=re.sub(r'-> (Math\.atan2\(x, y\));', r'-> (float) \1;', s)
s=s.replace('ScalarMath.powByScalar(a.getAtIndex', '(float) ScalarMath.powByScalar(a.getAtIndex')
s=s.replace(' * float64 elementwise loops',' * float32 elementwise loops')
s=s.replace(''' * <p>{@link LoopF32} is this file with float for double; keep the two in step.
''',''' * <p>float32 arithmetic is done in float: for + - * / and sqrt that rounds exactly as computing
 * in double and rounding once (what the generic loops do), because double carries more than
 * 2 * 24 + 2 bits. Transcendental functions use the float SVML variants in the vector loop.
 *
 * <p>This file is {@link LoopF64} with float for double (a mechanical substitution); keep the
 * two in step.
''')
open(p,'w').write(s)
EOF
gen() {
sed -e "s/LongVector/$2/g; s/VectorMask<Long>/VectorMask<$3>/g; s/VectorSpecies<Long>/VectorSpecies<$3>/g; s/Long\.BYTES/$3.BYTES/g; s/ValueLayout.OfLong E = ValueLayout.JAVA_LONG_UNALIGNED/ValueLayout.$4/; s/(long) apply/($5) apply/g; s/return (long) r;/return ($5) r;/g; s/BITS = -1L/BITS = $6/; s/$8 implements/$1 implements/; s/    $8() {/    $1() {/; s/class $8 {/class $1 {/; s/private $8() {/private $1() {/; s/(long) r);/($5) r);/g" \
 -e "s/^ \* int64 \(elementwise loops\|reductions\)/ * $7 \1/; s/modulo 2^64/modulo 2^$9/" \
 -e "/^ \* <p>{@link \(Loop\|LoopFold\|AxisFold\|ArgFold\)I32}, {@link \(Loop\|LoopFold\|AxisFold\|ArgFold\)I16} and {@link \(Loop\|LoopFold\|AxisFold\|ArgFold\)I8} are this file/,/keep them in step\./c\\
 * <p>This file is {@link $8} with $5 for long (a mechanical substitution); keep the@@ * two in step." $8.java > $1.java; }
gen LoopI32 IntVector Integer "OfInt E = ValueLayout.JAVA_INT_UNALIGNED" int 0xFFFF_FFFFL int32 LoopI64 32
gen LoopI16 ShortVector Short "OfShort E = ValueLayout.JAVA_SHORT_UNALIGNED" short 0xFFFFL int16 LoopI64 16
gen LoopI8 ByteVector Byte "OfByte E = ValueLayout.JAVA_BYTE" byte 0xFFL "int8 and uint8" LoopI64 8
gen LoopFoldI32 IntVector Integer "OfInt E = ValueLayout.JAVA_INT_UNALIGNED" int 0xFFFF_FFFFL int32 LoopFoldI64 32
gen LoopFoldI16 ShortVector Short "OfShort E = ValueLayout.JAVA_SHORT_UNALIGNED" short 0xFFFFL int16 LoopFoldI64 16
gen LoopFoldI8 ByteVector Byte "OfByte E = ValueLayout.JAVA_BYTE" byte 0xFFL "int8 and uint8" LoopFoldI64 8
gen AxisFoldI32 IntVector Integer "OfInt E = ValueLayout.JAVA_INT_UNALIGNED" int 0xFFFF_FFFFL int32 AxisFoldI64 32
gen AxisFoldI16 ShortVector Short "OfShort E = ValueLayout.JAVA_SHORT_UNALIGNED" short 0xFFFFL int16 AxisFoldI64 16
gen AxisFoldI8 ByteVector Byte "OfByte E = ValueLayout.JAVA_BYTE" byte 0xFFL "int8, uint8 and bool" AxisFoldI64 8
gen ArgFoldI32 IntVector Integer "OfInt E = ValueLayout.JAVA_INT_UNALIGNED" int 0xFFFF_FFFFL int32 ArgFoldI64 32
gen ArgFoldI16 ShortVector Short "OfShort E = ValueLayout.JAVA_SHORT_UNALIGNED" short 0xFFFFL int16 ArgFoldI64 16
gen ArgFoldI8 ByteVector Byte "OfByte E = ValueLayout.JAVA_BYTE" byte 0xFFL "int8, uint8 and bool" ArgFoldI64 8
sed -e 's/DoubleVector/FloatVector/g; s/VectorSpecies<Double>/VectorSpecies<Float>/g; s/Double\.BYTES/Float.BYTES/g; s/OfDouble/OfFloat/g; s/JAVA_DOUBLE_UNALIGNED/JAVA_FLOAT_UNALIGNED/g; s/Double\.isNaN/Float.isNaN/g; s/double /float /g; s/ float64 / float32 /; s/ArgFoldF64/ArgFoldF32/g; s/{@link ArgFoldF32} is this file/This file is {@link ArgFoldF64}/; s/float for float/float for double/; s/with float for double (a mechanical substitution); keep the/with float for double (a mechanical substitution); keep the/' ArgFoldF64.java > ArgFoldF32.java
for f in LoopI32 LoopI16 LoopI8 LoopFoldI32 LoopFoldI16 LoopFoldI8 AxisFoldI32 AxisFoldI16 AxisFoldI8 ArgFoldI32 ArgFoldI16 ArgFoldI8; do sed -i 's/keep the@@ \* two in step\./keep the\n * two in step./' $f.java; done
for f in LoopI32 LoopI16 LoopI8 LoopFoldI32 LoopFoldI16 LoopFoldI8 AxisFoldI32 AxisFoldI16 AxisFoldI8 ArgFoldI32 ArgFoldI16 ArgFoldI8; do sed -i "/^@SuppressWarnings(\"cast\")/d" $f.java; done
sed -e 's/DoubleVector/FloatVector/g; s/VectorSpecies<Double>/VectorSpecies<Float>/g; s/Double\.BYTES/Float.BYTES/g; s/OfDouble/OfFloat/g; s/JAVA_DOUBLE_UNALIGNED/JAVA_FLOAT_UNALIGNED/g; s/double/float/g; s/float64/float32/g' \
  -e 's# \* <p>{@link JavaSgemm} is generated from this file by {@code scripts/gen_typed_loops.sh}.# * <p>Generated from {@link JavaDgemm} by {@code scripts/gen_typed_loops.sh} (float types, float\n * accumulation as in sgemm): edit that file and rerun the script.#' \
  -e 's/JavaDgemm/JavaSgemm/g; s/{@link JavaSgemm} by/{@link JavaDgemm} by/; s/@link JavaSgemm} by/@link JavaDgemm} by/' \
  blas/JavaDgemm.java > blas/JavaSgemm.java
