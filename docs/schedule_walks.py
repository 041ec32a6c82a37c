#!/usr/bin/env python3
"""Per-GPU activation counts of the DualPipe, DualPipeV and ZB-V pipeline schedules (docs/model.md, section 6).

Each walk replays a schedule's order of chunks on every GPU and tracks, per model chunk the GPU holds, how many
micro-batches' activations are held: a forward chunk adds one, a backward chunk frees it, or, where the schedule defers
the weight gradient (zero-bubble steps), the weight chunk frees it. It prints, per GPU, the peak total and how the peak
divides over the GPU's two chunks.

  python3 docs/schedule_walks.py dualpipe 16 120     # deepseek-ai/DualPipe dualpipe.py step() at commit 3da1bbe
  python3 docs/schedule_walks.py dualpipev 8 64      # deepseek-ai/DualPipe dualpipev.py step()
  python3 docs/schedule_walks.py zbv 8 32 PATH       # PATH: sail-sg/zero-bubble-pipeline-parallelism (39f2c186)
                                                     # megatron/core/pipeline_parallel/zerobubble/scheduler/zbv.py

The DualPipe walks restate the step counts of the two step() functions (eight steps: forwards of the first chunk, then
forward pairs, zero-bubble backward-weight-forward triples, overlapped forward-backward pairs, ...). The ZB-V walk runs
the scheduler in the file given (its PipelineGraph.try_v_schedule, best of its four fill options) with equal F, B and W
costs and the memory figures its runtime.py passes (F 34h, W -32h, B the rest), and replays the order it returns.
"""
import sys
from collections import deque


class Gpu:
    """Held activations per chunk, in micro-batches, and the peak of their sum."""

    def __init__(self):
        self.held = [0.0, 0.0]
        self.deferred = deque()
        self.peak = (0.0, 0.0, 0.0)

    def forward(self, chunk):
        self.held[chunk] += 1
        total = self.held[0] + self.held[1]
        if total > self.peak[0]:
            self.peak = (total, self.held[0], self.held[1])

    def backward(self, chunk, defer_weight=False):
        if defer_weight:
            self.deferred.append(chunk)
        else:
            self.held[chunk] -= 1

    def weight(self):
        self.held[self.deferred.popleft()] -= 1

    def overlapped(self, forward_chunk, backward_chunk):
        # A forward and a backward chunk of two micro-batches run together: the forward's activations exist before the
        # backward frees its own.
        self.forward(forward_chunk)
        self.backward(backward_chunk)


def dual_pipe(p, chunks, v_shape):
    """DualPipe (v_shape False: GPU r holds stage r and p-1-r) or DualPipeV (True: chunk r and 2p-1-r) on p GPUs."""
    rows = []
    for rank in range(p):
        g = Gpu()
        if v_shape:
            ranks, r, half_chunks = p, rank, chunks
        else:
            ranks, r, half_chunks = p // 2, min(rank, p - 1 - rank), chunks // 2
        for _ in range((ranks - r - 1) * 2):
            g.forward(0)
        for _ in range(r + 1):
            g.forward(0)
            g.forward(1)
        for _ in range(ranks - r - 1):
            g.backward(1, defer_weight=True)
            g.weight()
            g.forward(1)
        main = half_chunks - (2 * ranks if v_shape else p) + r + 1
        for _ in range(main):
            g.overlapped(0, 1)
            g.overlapped(1, 0)
        for _ in range(ranks - r - 1):
            g.backward(1)
            g.overlapped(1, 0)
        defer = False
        last = r + 1
        for i in range(last):
            if i == last // 2 and r % 2 == 1:
                defer = True
            g.backward(1, defer_weight=defer)
            if i == last // 2 and r % 2 == 0:
                defer = True
            g.backward(0, defer_weight=defer)
        for _ in range(ranks - r - 1):
            g.weight()
            g.backward(0, defer_weight=True)
        for _ in range(r + 1):
            g.weight()
        assert g.held == [0, 0] and not g.deferred, (rank, g.held)
        rows.append((rank,) + g.peak)
    return rows


def zero_bubble_v(p, chunks, path):
    """Sail-sg's ZB-V scheduler, run from its own file, and the order it returns replayed in its memory units."""
    scope = {"deque": deque}
    source = open(path, encoding="utf-8").read()
    start = source.index("class PipelineGraph")
    end = source.index("    def print_details")
    exec(source[start:end], scope)
    f_mem, w_mem = 34, -32
    b_mem = -f_mem - w_mem
    graph = scope["PipelineGraph"](p, chunks, 1, 1, 1, 0, f_mem, b_mem, w_mem)
    best = None
    for fill_b in (True, False):
        for fill_f in (True, False):
            tried = graph.try_v_schedule(fill_f=fill_f, fill_b=fill_b)
            if best is None or tried[2] < best[2]:
                best = tried
    rows = []
    for rank, order in enumerate(best[0]):
        held, peak = [0.0, 0.0], (0.0, 0.0, 0.0)
        for kind, chunk, _ in order:
            # zbv.py numbers a backward or weight chunk from the V's turn: its chunk 0 is the model chunk of forward chunk 1
            # (create_schedule maps chunk = max_chunks - 1 - chunk for B and W).
            model_chunk = chunk if kind == 0 else 1 - chunk
            held[model_chunk] += (f_mem, b_mem, w_mem)[kind] / f_mem
            if held[0] + held[1] > peak[0]:
                peak = (held[0] + held[1], held[0], held[1])
        rows.append((rank,) + peak)
    return rows


def main(argv):
    schedule, p, chunks = argv[1], int(argv[2]), int(argv[3])
    if schedule == "dualpipe":
        rows = dual_pipe(p, chunks, v_shape=False)
    elif schedule == "dualpipev":
        rows = dual_pipe(p, chunks, v_shape=True)
    else:
        rows = zero_bubble_v(p, chunks, argv[4])
    print("gpu  peak  first-chunk  second-chunk")
    for rank, total, first, second in rows:
        print(f"{rank:3d}  {total:5.2f}  {first:11.2f}  {second:12.2f}")


if __name__ == "__main__":
    main(sys.argv)
