#!/usr/bin/env bash
# Packs what bench/device/run.sh needs into .devbundle/ (about 40 MB), for a machine that has a GPU and its
# OpenCL driver but no JDK, no Maven and no network: a jlinked JRE (xz), the compiled classes and tests of
# core, envs, agents, gpu-kernels and bench, their jars (DJL and libtorch left out: too large to carry),
# JUnit's console launcher and the OpenCL ICD loader. Needs JAVA_HOME at a JDK >= 21 with jlink, Maven, apt-get.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${JAVA_HOME:?set JAVA_HOME to a JDK >= 21}"
export PATH="$JAVA_HOME/bin:$PATH"
B=.devbundle
rm -rf "$B" && mkdir -p "$B/lib" "$B/classes" "$B/ocl"

MODULES=core,envs,agents,gpu-kernels,bench
mvn -B -q -pl gpu-kernels,agents,bench -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/device-cp.txt -Dmdep.includeScope=test
for f in */target/device-cp.txt; do cat "$f"; echo; done | tr ':' '\n' | grep '\.jar$' \
    | grep -v -E 'djl|pytorch|junit|opentest4j|apiguardian|gson|jna|error_prone' | sort -u \
    | while read -r jar; do cp "$jar" "$B/lib/"; done
mvn -B -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.1 \
    -DoutputDirectory="$B/lib"
for m in ${MODULES//,/ }; do
  mkdir -p "$B/classes/$m"
  cp -r "$m/target/classes" "$B/classes/$m/main"
  [[ -d "$m/target/test-classes" ]] && cp -r "$m/target/test-classes" "$B/classes/$m/test"
done

# The JRE: only the modules the tests and JMH use, without debug symbols; xz takes it from ~50 MB to ~25.
jlink --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.incubator.vector,java.xml,java.naming,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --compress=zip-9 \
    --strip-native-debug-symbols=objcopy=/usr/bin/objcopy --output /tmp/jdive-device-jre
tar -C /tmp -cJf "$B/jre.tar.xz" --transform 's|^jdive-device-jre|jre|' jdive-device-jre
rm -rf /tmp/jdive-device-jre

# The ICD loader, for a machine whose driver brings its ICD but no libOpenCL.so.1.
tmp=$(mktemp -d)
(cd "$tmp" && apt-get download ocl-icd-libopencl1 >/dev/null 2>&1 && dpkg -x ./*.deb x)
cp -L "$tmp"/x/usr/lib/x86_64-linux-gnu/libOpenCL.so.1 "$B/ocl/"
rm -rf "$tmp"
cp bench/device/run.sh "$B/"
du -sh "$B"
