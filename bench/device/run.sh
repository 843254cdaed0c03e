#!/usr/bin/env bash
# The device check: jdive's OpenCL backend on a GPU machine, from the folder bench/device/bundle.sh packs.
# Runs the OpenCL tests (each kernel against the CPU backend, a CNN's and a DQN's training against the CPU
# backend's), then JMH: DQN training, value-iteration sweeps, elementwise ops and OpenCL launch overhead.
# Writes the results to $OUT (JUnit XML, JMH JSON); prints everything. About 4 minutes on one H200.
set -u
B=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/jdive-device-out}; mkdir -p "$OUT"
tar xJf "$B/jre.tar.xz" -C /tmp && J=/tmp/jre/bin/java

echo "== machine"; nvidia-smi -L 2>&1; nproc
# NVIDIA's driver may be mounted without its ICD file; the ICD loader finds the driver only through one.
LIB=$(ldconfig -p | awk '/libnvidia-opencl\.so\.1 /{print $NF; exit}')
if [[ -n "$LIB" ]] && ! grep -qs nvidia /etc/OpenCL/vendors/*.icd; then
  mkdir -p /etc/OpenCL/vendors && echo "$LIB" > /etc/OpenCL/vendors/nvidia.icd
fi
ldconfig -p | grep -q 'libOpenCL\.so\.1' || export LD_LIBRARY_PATH=$B/ocl${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
CP=$(ls -d "$B"/classes/*/main "$B"/classes/*/test | tr '\n' ':')$(ls "$B"/lib/*.jar | grep -v console | tr '\n' ':')
export LD_PRELOAD=/tmp/jre/lib/libjsig.so  # PoCL's LLVM installs signal handlers (see README, Benchmarks)
JV="--add-modules jdk.incubator.vector -Xss4m"

echo "== devices"; timeout 60 $J $JV -cp "$CP" org.jdive.opencl.OpenClDoctor 2>&1 | grep -v WARNING
echo "== tests (DqnBackendsTest's djl case is skipped: DJL is not carried)"
timeout 200 $J $JV -jar "$B"/lib/junit-platform-console-standalone-*.jar execute -cp "$CP" \
  --select-package org.jdive.opencl --select-class org.jdive.agents.dqn.DqnBackendsTest \
  --details=summary --details-theme=ascii --disable-banner --reports-dir="$OUT/junit" 2>&1 | grep -v "^WARNING" | tail -40
echo "== jmh"
JMH="timeout 150 $J $JV -cp $CP org.openjdk.jmh.Main -f 1 -jvmArgsAppend --add-modules=jdk.incubator.vector"
$JMH DqnTrainingBenchmark -wi 2 -i 3 -p backend=opencl,cpu -rf json -rff "$OUT/dqn.json" 2>&1 | grep -E "^Dqn|Exception"
$JMH ValueIterationBenchmark -wi 2 -i 3 -p backend=opencl,cpu -rf json -rff "$OUT/vi.json" 2>&1 | grep -E "^Value|Exception"
$JMH ElementwiseBenchmark.add -wi 1 -i 2 -rf json -rff "$OUT/elementwise.json" 2>&1 | grep -E "^Elementwise|Exception"
$JMH LaunchOverheadBenchmark -wi 2 -i 3 -rf json -rff "$OUT/launch.json" 2>&1 | grep -E "^Launch|Exception"
echo "== done"
