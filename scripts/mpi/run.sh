#!/usr/bin/env bash
# Runs an MPI sample (io.github.ndarray.samples.mpi.MpiBench) under a launcher, building the samples
# first (offline when the build has its dependencies, else online):
#   scripts/mpi/run.sh -n 4 helloworld
#   scripts/mpi/run.sh -n 3 ringtest -n 1024 -l 1000
#   scripts/mpi/run.sh -n 2 pingpong
#   MPI=mpich scripts/mpi/run.sh -n 2 pingpong        # MPICH's mpiexec instead of Open MPI's mpirun
#   scripts/mpi/run.sh -n 2 --main com.example.Main   # any main class on the samples' class path
# Open MPI as root needs OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM); on a laptop or a 2-core VM, more ranks
# than cores need oversubscription; Open MPI's core binding would give each JVM one core. This
# script sets those for Open MPI (docs/mpi.md). The job runs under `timeout` (MPI_TIMEOUT, 600 s).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ranks=2
if [ "${1:-}" = "-n" ]; then ranks="$2"; shift 2; fi
main=io.github.ndarray.samples.mpi.MpiBench
if [ "${1:-}" = "--main" ]; then main="$2"; shift 2; fi

java=""
for jdk in /usr/lib/jvm/*25*; do
  if [ -x "$jdk/bin/java" ]; then java="$jdk/bin/java"; break; fi
done
if [ -z "$java" ]; then java=java; fi

cp_file="$root/samples/target/mpi-classpath.txt"
if [ ! -s "$cp_file" ] || [ -n "$(find "$root" -path '*/src/main/*' -newer "$cp_file" -print -quit)" ]; then
  build=("$root/mvnw" -q -B -f "$root/pom.xml" -pl samples -am compile dependency:build-classpath
         -Dmdep.includeScope=runtime "-Dmdep.outputFile=$cp_file")
  "${build[@]}" -o >&2 2>/dev/null || "${build[@]}" >&2
fi
cp="$root/samples/target/classes:$(cat "$cp_file")"

case "${MPI:-openmpi}" in
  openmpi)
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 \
           OMPI_MCA_hwloc_base_binding_policy=none
    launcher=(mpirun.openmpi -n "$ranks") ;;
  mpich) launcher=(mpiexec.mpich -n "$ranks") ;;
  *) echo "MPI must be openmpi or mpich" >&2; exit 2 ;;
esac
exec timeout -k 5 "${MPI_TIMEOUT:-600}" "${launcher[@]}" "$java" --add-modules jdk.incubator.vector \
  --enable-native-access=ALL-UNNAMED -cp "$cp" "$main" "$@"
