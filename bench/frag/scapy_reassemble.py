"""Reassemble the IP fragments of a capture with scapy, for bench/frag.sh.

Streams the capture with scapy's PcapReader (nothing is loaded whole),
groups fragments by (version, src, dst, protocol/next header, id), and
delivers a datagram as soon as its bytes from 0 to the last fragment's end
have all arrived, keeping the first-arrived bytes where fragments overlap
(the "first" policy). Prints counts as JSON.
"""

import json
import sys

from scapy.all import IP, IPv6, IPv6ExtHdrFragment, PcapReader


def fragment_of(packet):
    """(key, offset, more, payload) for a fragment, None for anything else."""
    if IP in packet:
        ip = packet[IP]
        more = bool(ip.flags.MF)
        if not more and ip.frag == 0:
            return None
        return (4, ip.src, ip.dst, ip.proto, ip.id), ip.frag * 8, more, bytes(ip.payload)
    if IPv6ExtHdrFragment in packet:
        header = packet[IPv6ExtHdrFragment]
        ip = packet[IPv6]
        return (6, ip.src, ip.dst, header.nh, header.id), header.offset * 8, bool(header.m), bytes(header.payload)
    return None


def covered(fragments, end):
    reached = 0
    for offset, payload in sorted(fragments, key=lambda f: f[0]):
        if offset > reached:
            return False
        reached = max(reached, offset + len(payload))
    return reached >= end


def assemble_first(fragments, end):
    buffer = bytearray(end)
    for offset, payload in reversed(fragments):
        buffer[offset:offset + len(payload)] = payload
    return bytes(buffer[:end])


def main(path):
    pending = {}
    counts = {"frames": 0, "fragments": 0, "complete": 0, "bytes": 0}
    for packet in PcapReader(path):
        counts["frames"] += 1
        found = fragment_of(packet)
        if found is None:
            continue
        key, offset, more, payload = found
        counts["fragments"] += 1
        state = pending.setdefault(key, {"fragments": [], "end": None})
        state["fragments"].append((offset, payload))
        if not more:
            state["end"] = offset + len(payload)
        if state["end"] is not None and covered(state["fragments"], state["end"]):
            datagram = assemble_first(state["fragments"], state["end"])
            counts["complete"] += 1
            counts["bytes"] += len(datagram)
            del pending[key]
    counts["incomplete"] = len(pending)
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1])
