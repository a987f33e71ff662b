# Sourced by bin/shale and .ci/run: find_java prints the home of a JDK >= $SHALE_REQUIRED_JAVA
# (default 25), looking at $JAVA_HOME, then /usr/lib/jvm/*, then java on the PATH.
SHALE_REQUIRED_JAVA="${SHALE_REQUIRED_JAVA:-25}"

java_major() { # the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

find_java() {
  local candidates=() d v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for d in /usr/lib/jvm/*; do [ -d "$d" ] && candidates+=("$d"); done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for d in "${candidates[@]}"; do
    if [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ]; then
      v="$(java_major "$d/bin/java")"
      if [ -n "$v" ] && [ "$v" -ge "$SHALE_REQUIRED_JAVA" ]; then echo "$d"; return 0; fi
    fi
  done
  return 1
}

no_java_message() {
  cat >&2 <<MSG
ShaleDB needs a Java Development Kit, version $SHALE_REQUIRED_JAVA or newer, and none was found
(looked at \$JAVA_HOME, /usr/lib/jvm/*, and java on the PATH).
Install one, for example Eclipse Temurin $SHALE_REQUIRED_JAVA:
    apt-get install temurin-$SHALE_REQUIRED_JAVA-jdk    (after adding the Adoptium apt repository)
or download it from https://adoptium.net, unpack it, and set JAVA_HOME to that directory.
MSG
}
