#!/usr/bin/env bash
# Regenerates ndarray-cuda's kernels.fatbin: KernelSource writes the CUDA C of every built-in kernel
# from the op definitions, nvcc compiles it for each GPU generation we support plus PTX for newer
# ones, and the source's hash goes to kernels.sha256, which KernelFatbinTest checks against the
# table on every build (so CI, without nvcc, fails when the committed fatbin is stale).
# Needs nvcc (CUDA 12.8 or newer for sm_100/sm_120) and a built ndarray-api. Takes a few minutes.
#   ND_CUDA_ARCHS="90" scripts/build_cuda_kernels.sh    # one architecture, for a quick local try
set -euo pipefail
cd "$(dirname "$0")/.."
archs=${ND_CUDA_ARCHS:-"80 90 100 120"}
java25=""
for jdk in /usr/lib/jvm/*25*; do
  if [ -x "$jdk/bin/java" ]; then java25="$jdk/bin/java"; break; fi
done
[ -n "$java25" ] || java25=java
./mvnw -q -B ${MVN_OFFLINE:+-o} -pl ndarray-cuda -am compile
cp="ndarray-api/target/classes:broadcasting/target/classes:ndarray-cuda/target/classes"
res=ndarray-cuda/src/main/resources/io/github/ndarray/cuda
mkdir -p target
"$java25" -cp "$cp" io.github.ndarray.cuda.KernelSource target/kernels.cu
gencode=()
for a in $archs; do gencode+=(-gencode "arch=compute_$a,code=sm_$a"); done
# PTX of the oldest generation: the driver compiles it for GPUs newer than every cubin above.
gencode+=(-gencode "arch=compute_80,code=compute_80")
# shellcheck disable=SC2046
nvcc -fatbin $("$java25" -cp "$cp" io.github.ndarray.cuda.KernelSource --flags) "${gencode[@]}" \
  --threads 0 -Xfatbin -compress-all -o "$res/kernels.fatbin" target/kernels.cu
"$java25" -cp "$cp" io.github.ndarray.cuda.KernelSource --hash > "$res/kernels.sha256"
ls -l "$res/kernels.fatbin"
