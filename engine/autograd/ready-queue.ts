import type { GradNode } from './node.ts';

/** Max-heap by sequence number: the most recently created node runs first, AccumulateGrad before all. */
export class ReadyQueue {
  private readonly heap: GradNode[] = [];

  get size(): number {
    return this.heap.length;
  }

  has(node: GradNode): boolean {
    return this.heap.includes(node);
  }

  push(node: GradNode): void {
    const h = this.heap;
    h.push(node);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent].sequenceNr >= h[i].sequenceNr) break;
      [h[parent], h[i]] = [h[i], h[parent]];
      i = parent;
    }
  }

  pop(): GradNode {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < h.length && h[l].sequenceNr > h[m].sequenceNr) m = l;
        if (r < h.length && h[r].sequenceNr > h[m].sequenceNr) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}
