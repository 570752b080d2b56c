#!/usr/bin/env python3
"""C2's code for a kernel's innermost FMA loop: its instructions, FMAs and vector spills, per compiled method.

Without an hsdis library, -XX:+PrintAssembly prints each compiled method as hex ([MachCode]); this turns that into
objdump's Intel syntax (binutils, no JDK plug-in needed) and finds the smallest loop holding at least --min-fma
FMAs: the register tile's k loop. A vector spill is a ymm/zmm load or store on the stack inside that loop.

  java --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions \\
       -XX:CompileCommand=print,io.mlp4j.kernel.VectorGemm::tile6 … > c2.log
  tools/c2_loop.py c2.log            # one line per C2 compile of the method
  tools/c2_loop.py c2.log --show     # and the last compile's loop, instruction by instruction
"""
import argparse
import re
import subprocess
import sys
import tempfile

HEX_LINE = re.compile(r"\s*(0x[0-9a-f]+): ((?:[0-9a-f]{2,8}\s*\|?\s*)+)$")
OBJDUMP_LINE = re.compile(r"\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*\t(.*)")
JUMP = re.compile(r"j\w+\s+0x([0-9a-f]+)")


def compiles(log):
    """(header, code start, code bytes) for each C2 compile in the log."""
    starts = [m.start() for m in re.finditer(r"Compiled method \(c2\)", log)] + [len(log)]
    for a, b in zip(starts, starts[1:]):
        block = log[a:b]
        if "[MachCode]" not in block:
            continue
        data, base = bytearray(), None
        for line in block[block.index("[MachCode]"):].splitlines():
            m = HEX_LINE.match(line)
            if not m:
                continue
            addr, hexes = int(m.group(1), 16), re.sub(r"[\s|]", "", m.group(2))
            if base is None:
                base = addr
            if addr < base + len(data):
                continue
            data += b"\x90" * (addr - base - len(data)) + bytes.fromhex(hexes)
        yield block.splitlines()[0].strip(), base, bytes(data)


def disassemble(base, code):
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(code)
        f.flush()
        try:
            out = subprocess.run(["objdump", "-D", "-b", "binary", "-mi386:x86-64", "-Mintel",
                                  "--adjust-vma=%#x" % base, f.name], capture_output=True, text=True, check=True).stdout
        except FileNotFoundError:
            sys.exit("c2_loop.py: objdump not found (Debian: apt-get install binutils)")
    return [(int(m.group(1), 16), m.group(2)) for m in map(OBJDUMP_LINE.match, out.splitlines()) if m]


def innermost_fma_loop(instructions, min_fma):
    """The shortest span from a backward jump's target to the jump that holds at least min_fma FMAs."""
    best = None
    for address, text in instructions:
        m = JUMP.match(text)
        if not m or int(m.group(1), 16) >= address:
            continue
        body = [i for i in instructions if int(m.group(1), 16) <= i[0] <= address]
        if sum("vfmadd" in t for _, t in body) >= min_fma and (best is None or len(body) < len(best)):
            best = body
    return best


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("log")
    p.add_argument("--min-fma", type=int, default=8)
    p.add_argument("--show", action="store_true")
    args = p.parse_args()
    try:
        log = open(args.log, errors="replace").read()
    except OSError as e:
        sys.exit(f"c2_loop.py: cannot read {args.log}: {e.strerror}")
    found = False
    for header, base, code in compiles(log):
        loop = innermost_fma_loop(disassemble(base, code), args.min_fma)
        if loop is None:
            continue
        found = True
        fmas = sum("vfmadd" in t for _, t in loop)
        spills = sum("PTR [rsp" in t and ("YMM" in t or "ZMM" in t) for _, t in loop)
        print(f"{header}\n    loop: {len(loop)} instructions, {fmas} FMAs, {spills} vector spills or reloads")
        last = loop
    if not found:
        sys.exit("no C2-compiled loop with enough FMAs in " + args.log)
    if args.show:
        for address, text in last:
            print(f"    {address:x}  {text}")


if __name__ == "__main__":
    main()
