#!/usr/bin/env python3
"""git-big-blob.py OBJECTS_DIR [SIZE] — write a loose blob of SIZE zero
bytes (default 1 GiB + 1, one byte over ptrlint's limit) into a git
objects directory and print its id, in about a second and a few MB of
memory: the 1 MiB runs of zeros are deflated once and the compressed run
repeated (a full flush between runs makes them independent), and zlib's
Adler-32 of zeros is computed, not summed. Only the SHA-1 reads every
byte. `head -c 1100M /dev/zero | git hash-object -w --stdin` makes the
same kind of object but takes half a minute and 1.1 GB of memory."""
import hashlib
import os
import sys
import zlib

RUN = 1 << 20
MOD = 65521


def main():
    objects = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else (1 << 30) + 1
    header = b"blob %d\0" % size
    raw = zlib.compressobj(1, zlib.DEFLATED, -15)
    parts = [raw.compress(header), raw.flush(zlib.Z_FULL_FLUSH)]
    zeros = bytes(RUN)
    run = raw.compress(zeros) + raw.flush(zlib.Z_FULL_FLUSH)
    runs, rest = divmod(size, RUN)
    if runs:
        parts.append(run * runs)
    parts.append(raw.compress(bytes(rest)))
    parts.append(raw.flush())
    # Adler-32 over the header, then over zeros: a stays, b grows by a each byte
    adler = zlib.adler32(header)
    a, b = adler & 0xFFFF, adler >> 16
    b = (b + size % MOD * a) % MOD
    digest = hashlib.sha1(header)
    for _ in range(runs):
        digest.update(zeros)
    digest.update(bytes(rest))
    oid = digest.hexdigest()
    data = b"\x78\x01" + b"".join(parts) + ((b << 16) | a).to_bytes(4, "big")
    directory = os.path.join(objects, oid[:2])
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, oid[2:]), "wb") as out:
        out.write(data)
    print(oid)


main()
