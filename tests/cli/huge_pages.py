#!/usr/bin/python3
"""orgflow restarts itself once with glibc.malloc.hugetlb=1 (docs/performance.md,
"Memory pages"): checked on the real executable, in the environment the kernel
shows for the running process (/proc/PID/environ).

    huge_pages.py ORGFLOW_EXE MODEL

Each run starts `orgflow validate -`, which waits for the model on standard
input; while it waits, its environment is read; then the model is sent and
the run must print what it prints without the restart. A run through the
dynamic loader must not restart. Exits 77 (skipped) where the restart does
not apply: not Linux, glibc before 2.35, transparent huge pages not in
"madvise" mode, or a sanitizer build (ORGFLOW_SANITIZE=ON in the
environment).
"""
import os
import platform
import subprocess
import sys
import time


def skip(why):
    print("skipped: " + why)
    sys.exit(77)


def tunables_of(pid):
    """GLIBC_TUNABLES in the environment of process pid (None: unset).

    glibc, reading the tunables at start-up, ends each one with a NUL where
    the ':' was, in the environment block itself: /proc shows
    "GLIBC_TUNABLES=a=1", "b=2" as two entries. The tunables are joined
    back (every tunable name starts with "glibc.")."""
    with open("/proc/%d/environ" % pid, "rb") as f:
        entries = f.read().split(b"\0")
    for i, entry in enumerate(entries):
        if entry.startswith(b"GLIBC_TUNABLES="):
            parts = [entry[len(b"GLIBC_TUNABLES="):]]
            for more in entries[i + 1:]:
                if not more.startswith(b"glibc."):
                    break
                parts.append(more)
            return b":".join(parts).decode()
    return None


def environment_while_waiting(exe, model_text, tunables, want):
    """Starts orgflow with `tunables`, waits (10 s at most) until its
    environment shows `want`, checks that it still does half a second later
    (no late restart), then lets the run finish. Returns what it saw last."""
    env = {k: v for k, v in os.environ.items() if k != "GLIBC_TUNABLES"}
    if tunables is not None:
        env["GLIBC_TUNABLES"] = tunables
    p = subprocess.Popen([exe, "validate", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=env)
    seen = "(not read)"
    deadline = time.time() + 10
    while time.time() < deadline:
        seen = tunables_of(p.pid)
        if seen == want:
            time.sleep(0.5)
            seen = tunables_of(p.pid)
            break
        time.sleep(0.01)
    try:
        out, err = p.communicate(model_text, timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        print("orgflow validate - did not finish in 60 s (restarting without end?)")
        sys.exit(1)
    if p.returncode != 0 or out != expected_output(exe, model_text):
        print("orgflow validate - failed (%d) or printed something else: %s %s"
              % (p.returncode, out.decode(errors="replace"), err.decode(errors="replace")))
        sys.exit(1)
    return seen


_expected = {}


def expected_output(exe, model_text):
    """What `orgflow validate -` prints without the restart."""
    if exe not in _expected:
        env = dict(os.environ, GLIBC_TUNABLES="glibc.malloc.hugetlb=0")
        _expected[exe] = subprocess.run([exe, "validate", "-"], input=model_text, capture_output=True, env=env,
                                        timeout=60, check=True).stdout
    return _expected[exe]


def main():
    exe, model = sys.argv[1], sys.argv[2]
    if platform.system() != "Linux":
        skip("not Linux")
    if os.environ.get("ORGFLOW_SANITIZE") == "ON":
        skip("sanitizer build: the restart is compiled out")
    libc, version = platform.libc_ver()
    if libc != "glibc" or tuple(int(x) for x in version.split(".")[:2]) < (2, 35):
        skip("glibc 2.35 or later is needed, this is %s %s" % (libc, version))
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
            mode = f.read()
    except OSError:
        skip("no transparent huge pages")
    if "[madvise]" not in mode:
        skip("transparent huge pages are '%s', not madvise" % mode.strip())
    with open(model, "rb") as f:
        model_text = f.read()

    failures = []

    def expect(tunables, want):
        got = environment_while_waiting(exe, model_text, tunables, want)
        status = "ok" if got == want else "FAILED"
        print("%s: GLIBC_TUNABLES %r -> %r (want %r)" % (status, tunables, got, want))
        if got != want:
            failures.append(tunables)

    expect(None, "glibc.malloc.hugetlb=1")                       # unset: added
    expect("", "glibc.malloc.hugetlb=1")                         # empty: added
    expect("glibc.malloc.arena_max=2", "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1")  # kept, added
    expect("glibc.malloc.hugetlb=0", "glibc.malloc.hugetlb=0")   # the user's choice: no restart

    # Started through the dynamic loader, /proc/self/exe is the loader: no
    # restart (it would run the loader with orgflow's arguments), the same
    # result as usual.
    loader = "/lib64/ld-linux-x86-64.so.2"
    if os.path.exists(loader):
        env = {k: v for k, v in os.environ.items() if k != "GLIBC_TUNABLES"}
        r = subprocess.run([loader, exe, "validate", "-"], input=model_text, capture_output=True, env=env, timeout=60)
        ok = r.returncode == 0 and r.stdout == expected_output(exe, model_text)
        print("%s: started through %s, exit %d" % ("ok" if ok else "FAILED", loader, r.returncode))
        if not ok:
            failures.append("loader")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
