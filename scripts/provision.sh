#!/usr/bin/env bash
# Sourced by ./kexec-lab and ./run-tests: makes sure what kexec-lab needs is on this machine.
# Needs: a JDK 17+ and Maven (not installed here: say so), and Unicorn 2 (libunicorn.so.2):
# installed from Debian's libunicorn2 package when missing and we are root; otherwise one
# sentence saying what to install. KEXECLAB_UNICORN_LIBRARY=/path/libunicorn.so.2 points at
# another build and skips the package check.
# ./run-tests alone also calls kexeclab_provision_browser: headless Chromium and its WebDriver
# for the trace viewer's browser tests (Debian's chromium and chromium-driver), installed when
# missing and we are root; without them those tests are skipped, nothing else needs a browser.

kexeclab_die() { echo "kexec-lab: $*" >&2; exit 1; }

kexeclab_provision() {
  command -v java >/dev/null 2>&1 || kexeclab_die "no java on PATH: install a JDK 17 or newer (Debian: apt-get install default-jdk-headless)."
  command -v mvn >/dev/null 2>&1 || kexeclab_die "no mvn on PATH: install Apache Maven (Debian: apt-get install maven)."
  local jv
  jv=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  case "$jv" in 1.*|9|1[0-6]) kexeclab_die "java $jv is too old: kexec-lab needs Java 17 or newer.";; esac

  if [ -n "${KEXECLAB_UNICORN_LIBRARY:-}" ]; then
    [ -r "$KEXECLAB_UNICORN_LIBRARY" ] || kexeclab_die "KEXECLAB_UNICORN_LIBRARY=$KEXECLAB_UNICORN_LIBRARY is not a readable file."
    return 0
  fi
  if kexeclab_have_unicorn; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "kexec-lab: installing Debian's libunicorn2 (the Unicorn 2 CPU emulator) ..." >&2
    if ! { apt-get install -y -q libunicorn2 >/dev/null 2>&1 \
           || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q libunicorn2 >/dev/null 2>&1; }; }; then
      kexeclab_die "could not install libunicorn2 with apt-get; install it by hand (apt-get install libunicorn2)."
    fi
    kexeclab_have_unicorn || kexeclab_die "libunicorn2 was installed but libunicorn.so.2 is still not found."
    return 0
  fi
  kexeclab_die "Unicorn 2 is missing: install Debian's libunicorn2 package (sudo apt-get install libunicorn2), or set KEXECLAB_UNICORN_LIBRARY to your libunicorn.so.2."
}

kexeclab_have_unicorn() {
  if command -v ldconfig >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q 'libunicorn\.so\.2'; then
    return 0
  fi
  local d
  for d in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib /usr/local/lib; do
    [ -e "$d/libunicorn.so.2" ] && return 0
  done
  return 1
}

# For ./run-tests only (kexec-lab itself never needs it): Debian's gdb-multiarch, the real client
# the gdbserver tests drive. Installed when missing and we are root; otherwise those tests skip.
kexeclab_provision_gdb() {
  command -v gdb-multiarch >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "kexec-lab: installing Debian's gdb-multiarch (the gdbserver tests drive it) ..." >&2
    { apt-get install -y -q gdb-multiarch >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q gdb-multiarch >/dev/null 2>&1; }; } \
      || echo "kexec-lab: could not install gdb-multiarch; the tests that drive it will be skipped." >&2
  else
    echo "kexec-lab: gdb-multiarch not installed, so the tests that drive gdbserver will skip (apt-get install gdb-multiarch)." >&2
  fi
  return 0
}

# The QEMU system emulators boot-check hands the relocated machine to (run by ./run-tests, not by
# ./kexec-lab: the demo does not need them), and the SBI firmware riscv64's virt machine starts:
# OpenSBI, which Debian 12's qemu-system-data ships and later releases may take from the opensbi
# package, so it is installed when qemu-system-riscv64 cannot load it. Installed from Debian when
# missing and we are root; otherwise, or when apt-get fails, one sentence: the boot-check tests
# then skip themselves.
kexeclab_provision_qemu() {
  local missing=() pkg bin
  for pkg in qemu-system-arm:qemu-system-aarch64 qemu-system-ppc:qemu-system-ppc64 qemu-system-x86:qemu-system-x86_64 \
             qemu-system-misc:qemu-system-riscv64; do
    bin=${pkg#*:}
    command -v "$bin" >/dev/null 2>&1 || missing+=("${pkg%%:*}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    kexeclab_apt_install "${missing[@]}" \
      || echo "kexec-lab: ${missing[*]} not installed, so the boot-check tests will skip (apt-get install ${missing[*]})." >&2
  fi
  if command -v qemu-system-riscv64 >/dev/null 2>&1 && ! kexeclab_have_riscv_firmware; then
    kexeclab_apt_install opensbi && kexeclab_have_riscv_firmware \
      || echo "kexec-lab: qemu-system-riscv64 cannot load its OpenSBI firmware, so the riscv64 boot check will skip (apt-get install opensbi)." >&2
  fi
  return 0
}

# Installs Debian packages without their recommendations when root with apt-get (updating the
# package lists once if the first try fails); false otherwise.
kexeclab_apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  echo "kexec-lab: installing Debian's $* for the boot checks ..." >&2
  apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends "$@" >/dev/null 2>&1; }
}

# True if qemu-system-riscv64's virt machine finds its default firmware (OpenSBI): it dumps its
# device tree only after loading it.
kexeclab_have_riscv_firmware() {
  local dir ok=1
  dir=$(mktemp -d)
  (cd "$dir" && qemu-system-riscv64 -M virt,dumpdtb=virt.dtb -nodefaults -display none >/dev/null 2>&1) \
    && [ -s "$dir/virt.dtb" ] && ok=0
  rm -rf "$dir"
  return $ok
}

# Headless Chromium and chromedriver for the trace viewer's browser tests (./run-tests only).
# Missing and root with apt-get: install Debian's chromium and chromium-driver. Otherwise, or if
# the install fails, say in one sentence that the browser tests will be skipped; never fatal.
kexeclab_provision_browser() {
  if kexeclab_have_browser; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "kexec-lab: installing Debian's chromium and chromium-driver (headless browser for the trace viewer's tests) ..." >&2
    if { apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 \
         || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium chromium-driver >/dev/null 2>&1; }; } \
       && kexeclab_have_browser; then
      return 0
    fi
    echo "kexec-lab: could not install chromium and chromium-driver with apt-get; the trace viewer's browser tests will be skipped." >&2
    return 0
  fi
  echo "kexec-lab: no headless Chromium (apt-get install chromium chromium-driver as root), so the trace viewer's browser tests will be skipped." >&2
}

kexeclab_have_browser() {
  if [ -n "${KEXECLAB_CHROMIUM:-}" ] && [ -n "${KEXECLAB_CHROMEDRIVER:-}" ]; then return 0; fi
  { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
      || command -v google-chrome >/dev/null 2>&1; } && command -v chromedriver >/dev/null 2>&1
}
