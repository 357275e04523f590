#!/usr/bin/env python3
"""Writes a deterministic `git fast-import` stream (stdout) for the history benchmark.

Commit 0 imports every regular file of SRC (a linux-source tree) up to 1 MiB. Each later commit
edits a few files (lines swapped, inserted, deleted), and now and then renames or deletes one; a
few commits plant fake Twilio credentials. Same arguments, same stream, byte for byte.

    gen_history.py SRC COMMITS [EDITS_PER_COMMIT]
    gen_history.py --flat FILES     # FILES small files in one commit (the staged benchmark)
"""
import os
import random
import sys

out = sys.stdout.buffer
rng = random.Random(20261125)
T0 = 1700000000
SECRETS = [
    b'TWILIO_ACCOUNT_SID = "ACeee65f53e9421ce50211670eae679f02"\nTWILIO_AUTH_TOKEN = "e8d28a79023c39c200661fccd268a29a"\n',
    b'api_key = "SK0123456789abcdef0123456789abcdef"\napi_secret = "q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6"\n',
]


def data(b):
    out.write(b"data %d\n" % len(b))
    out.write(b)


def commit(n, message, ops):
    out.write(b"commit refs/heads/main\n")
    stamp = T0 + n * 600
    out.write(b"author Bench <bench@example.com> %d +0000\ncommitter Bench <bench@example.com> %d +0000\n" % (stamp, stamp))
    data(message.encode())
    if n == 0:
        out.write(b"deleteall\n")
    for op in ops:
        out.write(op)
    out.write(b"\n")


def modify(path, content):
    return b"M 100644 inline " + path.encode() + b"\n" + b"data %d\n" % len(content) + content + b"\n"


def flat(count):
    ops = []
    for i in range(count):
        path = "pkg%02d/mod%03d/file%05d.py" % (i % 50, (i // 50) % 1000, i)
        ops.append(modify(path, ("# file %d\n" % i + "value_%d = %d\n" % (i, rng.randrange(10**9)) * 20).encode()))
    commit(0, "flat tree\n", ops)


def history(src, commits, edits):
    files = {}
    for root, dirs, names in os.walk(src):
        dirs.sort()
        for name in sorted(names):
            full = os.path.join(root, name)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            if os.path.getsize(full) > 1 << 20:
                continue
            files[os.path.relpath(full, src)] = None
    paths = sorted(files)
    commit(0, "import\n", [modify(p, open(os.path.join(src, p), "rb").read()) for p in paths])
    content = {}

    def lines(p):
        if p not in content:
            content[p] = open(os.path.join(src, files[p] or p), "rb").read().split(b"\n")
        return content[p]

    live = list(paths)
    planted = 0
    for n in range(1, commits):
        ops = []
        for p in rng.sample(live, edits):
            ls = lines(p)
            donor = lines(rng.choice(live))
            for _ in range(rng.randint(1, 4)):
                i = rng.randrange(len(ls) + 1)
                action = rng.random()
                if action < 0.5 and donor:
                    ls.insert(i, donor[rng.randrange(len(donor))])
                elif action < 0.8 and i < len(ls):
                    ls[i] = donor[rng.randrange(len(donor))] if donor else b""
                elif i < len(ls):
                    del ls[i]
            ops.append(modify(p, b"\n".join(ls)))
        if n % 50 == 0:  # a rename (same content, new path)
            old = rng.choice(live)
            new = os.path.join(os.path.dirname(old), "renamed_%d_%s" % (n, os.path.basename(old)))
            ops.append(b"R " + old.encode() + b" " + new.encode() + b"\n")
            files[new] = files.get(old) or old
            if old in content:
                content[new] = content.pop(old)
            live[live.index(old)] = new
        if n % 70 == 0:  # a deletion
            gone = rng.choice(live)
            ops.append(b"D " + gone.encode() + b"\n")
            live.remove(gone)
        if n % (commits // 6 or 1) == 3 and planted < 5:  # a planted (fake) credential
            ops.append(modify("config/leak%d.env" % n, SECRETS[planted % len(SECRETS)]))
            planted += 1
        commit(n, "change %d\n" % n, ops)


if __name__ == "__main__":
    if sys.argv[1] == "--flat":
        flat(int(sys.argv[2]))
    else:
        history(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 10)
