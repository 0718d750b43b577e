# Sourced by LVS-J's scripts: sets JAVA_HOME to a JDK 25 or newer and exports it.
# JAVA_HOME is kept when it already is one; otherwise Temurin 25 at its Debian path is used,
# installed from Adoptium's Debian repository if it is missing and we may install.
lvsj_java_version() { # prints the feature version of the java at $1, or nothing
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

lvsj_find_jdk() {
  local candidate v
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    v=$(lvsj_java_version "$candidate")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "LVS-J needs JDK 25 or newer: set JAVA_HOME to one, or install Temurin 25 (package temurin-25-jdk, /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
  return 1
}

lvsj_find_jdk || exit 1
