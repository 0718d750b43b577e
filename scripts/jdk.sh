# Sourced by LVS-J's scripts and launchers: exports JAVA_HOME as a JDK 25 or newer.
# JAVA_HOME is kept when it already is one, else Temurin 25 at its Debian path is used.
# Reads the JDK's "release" file rather than starting a JVM: launchers must start fast.
lvsj_jdk_feature() { # sets lvsj_feature to the feature version of the JDK at $1 (25 for 25.0.3), or ""
  # bash builtins only: a fork costs ~100 ms in the kernel lab, and launchers run this every time
  lvsj_feature=
  [ -r "$1/release" ] && [ -x "$1/bin/java" ] || return 0
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    case $line in
      JAVA_VERSION=\"[0-9]*)
        line=${line#JAVA_VERSION=\"}
        lvsj_feature=${line%%[!0-9]*}
        return 0
        ;;
    esac
  done < "$1/release"
}

lvsj_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" "${LVSJ_JDK:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64; do
    [ -n "$candidate" ] || continue
    lvsj_jdk_feature "$candidate"
    if [ -n "$lvsj_feature" ] && [ "$lvsj_feature" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "LVS-J needs JDK 25 or newer: set JAVA_HOME to one, or install Temurin 25 (package temurin-25-jdk, /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
  return 1
}

lvsj_find_jdk || exit 1
# Maven itself then runs on JDK 25, whose sun.misc.Unsafe warnings about Maven's own
# Guava are noise to us.
case "${MAVEN_OPTS:-}" in
  *sun-misc-unsafe-memory-access*) ;;
  *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
esac
