#!/usr/bin/env python3
"""The outside reference: OR-Tools' C++ min-cost flow on Placewise's network.

Usage: mincostflow.py DUMP_DIR [--scale N]

DUMP_DIR is written by `placewise-netdump CASE_DIR DUMP_DIR` (the candidate
pairs Placewise builds, as flat arrays). The network: each pupil supplies one
unit; a pupil's arc to a setting (or, where its need is capped there, to that
cap's node, which feeds the setting) costs the pair's journey minutes plus
preference penalty, scaled by N (default 1000) and rounded to an integer; a
setting's arc to the sink carries its free places, a cap's arc to its setting
the cap; a pupil's "unplaced" arc to the sink costs M * priority. M is one
more than the sum over pupils of their dearest scaled pair, more than any
difference in placement cost between two allocations, so one solve gives the
lexicographic optimum: least unmet priority, then least (scaled) cost.

Case format 2 adds a level between them, R (protected requests refused):
`pair_units.i32` marks the pairs that refuse the pupil's protected request,
`pupil_protected.i32` the pupils with one. A unit of R costs M (above any
difference in scaled cost), and a unit of priority costs M2 = M * (P + 1)
with P the protected pupils (above any difference in R), so the one solve
still gives the lexicographic optimum (U, R, C). Files of a version 1 dump
are read as all zeros.

Prints one JSON line: unmet (U), refused (R), cost (C: the real, unscaled cost of OR-Tools'
optimum), rounding_bound (how far C may lie above the real optimum because the
costs were rounded: pairs placed times 1/N), solve_seconds (the solve alone),
build_seconds, nodes, arcs, status.
"""

import json
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow


def load(folder, name, dtype):
    return np.fromfile(f"{folder}/{name}", dtype=dtype)


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    folder = args[0]
    scale = int(args[args.index("--scale") + 1]) if "--scale" in args else 1000
    t0 = time.perf_counter()
    priority = load(folder, "pupil_priority.i32", np.int32).astype(np.int64)
    free = load(folder, "setting_free.i32", np.int32).astype(np.int64)
    cap_setting = load(folder, "cap_setting.i32", np.int32).astype(np.int64)
    cap_places = load(folder, "cap_places.i32", np.int32).astype(np.int64)
    pair_pupil = load(folder, "pair_pupil.i32", np.int32).astype(np.int64)
    pair_setting = load(folder, "pair_setting.i32", np.int32).astype(np.int64)
    pair_cap = load(folder, "pair_cap.i32", np.int32).astype(np.int64)
    pair_cost = load(folder, "pair_cost.f64", np.float64)
    n, s, k, m = len(priority), len(free), len(cap_setting), len(pair_pupil)
    try:
        units = load(folder, "pair_units.i32", np.int32).astype(np.int64)
        protected = load(folder, "pupil_protected.i32", np.int32).astype(np.int64)
    except FileNotFoundError:
        units, protected = np.zeros(m, np.int64), np.zeros(n, np.int64)

    # The three levels must fit in 63 bits: the cost scale falls from N by
    # tens (the rounding bound grows) until they do; with none that fits,
    # C is left out and only (U, R) is checked.
    check_cost = True
    for scale in [scale, scale // 10, scale // 100, scale // 1000, 0]:
        if scale == 0:
            check_cost = False
            scale = 1
            scaled = np.zeros(m, dtype=np.int64)
        else:
            scaled = np.rint(pair_cost * scale).astype(np.int64)
        dearest = np.zeros(n, dtype=np.int64)
        np.maximum.at(dearest, pair_pupil, scaled)
        weight = int(dearest.sum()) + 1
        priority_weight = weight * (int(protected.sum()) + 1)
        # OR-Tools' cost scaling multiplies arc costs by the node count: the
        # largest arc cost times (nodes + 1) must fit too.
        largest = max(priority_weight * int(priority.max(initial=0)) + weight, weight + int(scaled.max(initial=0)))
        total = priority_weight * int(priority.sum()) + weight * int(protected.sum())
        if total < 2**62 and largest * (n + s + k + 2) < 2**62:
            break
    if scale < 1:
        scale = 1

    # Nodes: 0 sink, 1..n pupils, then settings, then caps.
    sink = 0
    pupil_node = 1 + np.arange(n, dtype=np.int64)
    setting_node = 1 + n + np.arange(s, dtype=np.int64)
    cap_node = 1 + n + s + np.arange(k, dtype=np.int64)
    pair_head = np.where(pair_cap >= 0, 1 + n + s + pair_cap, 1 + n + pair_setting)
    tails = np.concatenate([1 + pair_pupil, pupil_node, setting_node, cap_node])
    heads = np.concatenate([pair_head, np.full(n, sink), np.full(s, sink), 1 + n + cap_setting])
    capacities = np.concatenate([np.ones(m, np.int64), np.ones(n, np.int64), free, cap_places])
    costs = np.concatenate(
        [scaled + weight * units, priority_weight * priority + weight * protected, np.zeros(s + k, np.int64)])

    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    supplies = np.concatenate([[-n], np.ones(n, np.int64), np.zeros(s + k, np.int64)])
    flow.set_nodes_supplies(np.arange(1 + n + s + k, dtype=np.int64), supplies)
    t1 = time.perf_counter()
    status = flow.solve()
    t2 = time.perf_counter()
    if status != flow.OPTIMAL:
        print(json.dumps({"status": str(status), "solve_seconds": t2 - t1}))
        sys.exit(3)
    flows = flow.flows(arcs)
    pair_flow = flows[:m]
    unplaced_flow = flows[m:m + n]
    unmet = int((priority * unplaced_flow).sum())
    refused = int((units * pair_flow).sum() + (protected * unplaced_flow).sum())
    cost = float(pair_cost[pair_flow > 0].sum())
    placed = int(pair_flow.sum())
    print(json.dumps({
        "status": "optimal", "unmet": unmet, "refused": refused, "cost": cost if check_cost else None,
        "rounding_bound": placed / scale, "scale": scale,
        "solve_seconds": t2 - t1, "build_seconds": t1 - t0, "nodes": 1 + n + s + k, "arcs": len(tails),
        "pupils": n, "pairs": m,
    }))


if __name__ == "__main__":
    main()
