/**
 * Autograd-like graphs for the layout benchmark, in creation order (every edge points from an
 * earlier node to a later one, as a trace would introduce them). Each family is an endless
 * generator cut at the requested size, so a prefix is what a trace shows part-way through.
 */

export type BenchNodeKind = 'leaf' | 'op';

export interface BenchNode {
  readonly id: string;
  readonly kind: BenchNodeKind;
  readonly width: number;
  readonly height: number;
}

export interface BenchGraph {
  readonly family: string;
  readonly nodes: readonly BenchNode[];
  /** [source, target] in data-flow direction. */
  readonly edges: readonly (readonly [string, string])[];
}

/** Typical label sizes from app/core/graph/node-size.ts: a leaf box and an op pill. */
const LEAF_SIZE = { width: 150, height: 57 };
const OP_SIZE = { width: 130, height: 26 };

class GraphBuilder {
  readonly nodes: BenchNode[] = [];
  readonly edges: [string, string][] = [];
  constructor(private readonly limit: number) {}

  get isFull(): boolean {
    return this.nodes.length >= this.limit;
  }

  leaf(): string {
    return this.add('leaf', []);
  }

  op(...inputs: (string | undefined)[]): string {
    return this.add('op', inputs);
  }

  private add(kind: BenchNodeKind, inputs: (string | undefined)[]): string {
    const id = `${kind === 'leaf' ? 't' : 'n'}${this.nodes.length}`;
    if (this.isFull) return id; // past the cut: nothing more is recorded
    this.nodes.push({ id, kind, ...(kind === 'leaf' ? LEAF_SIZE : OP_SIZE) });
    for (const input of inputs) if (input !== undefined && this.has(input)) this.edges.push([input, id]);
    return id;
  }

  private has(id: string): boolean {
    return Number(id.slice(1)) < this.nodes.length;
  }
}

/** Deterministic PRNG (mulberry32), so every run measures the same graphs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A tensor MLP training step: per layer W, b, mm, add, relu; then an MSE loss. Deeper as n grows. */
function mlp(n: number): BenchGraph {
  const g = new GraphBuilder(n);
  let h: string | undefined;
  for (let layer = 0; layer < Math.ceil((n - 3) / 5); layer++) {
    const W = g.leaf();
    const b = g.leaf();
    h = g.op(g.op(h, W), b); // mm, add
    h = g.op(h); // relu
  }
  g.op(g.op(g.op(h))); // (out - y) ** 2 then mean; cut off when n is reached
  return { family: 'mlp', nodes: g.nodes, edges: g.edges };
}

/** micrograd's scalar MLP (3 → 4 → 4 → 1, tanh) over a growing batch with a squared-error loss. */
function micrograd(n: number): BenchGraph {
  const g = new GraphBuilder(n);
  const sizes = [3, 4, 4, 1];
  // Parameters are created when first used, as a trace first sees a leaf when an op reads it.
  const params = new Map<string, string>();
  const param = (key: string): string => {
    let id = params.get(key);
    if (id === undefined) params.set(key, (id = g.leaf()));
    return id;
  };
  let total: string | undefined;
  while (!g.isFull) {
    let xs = Array.from({ length: sizes[0]! }, () => g.leaf());
    for (let layer = 1; layer < sizes.length; layer++) {
      xs = Array.from({ length: sizes[layer]! }, (_, j) => {
        let act = param(`b${layer}.${j}`);
        xs.forEach((x, i) => (act = g.op(act, g.op(param(`w${layer}.${j}.${i}`), x))));
        return g.op(act); // tanh
      });
    }
    const err = g.op(g.op(xs[0], g.leaf())); // (ypred - ygt) ** 2
    total = total === undefined ? err : g.op(total, err);
  }
  return { family: 'micrograd', nodes: g.nodes, edges: g.edges };
}

/** A residual stack: h = h + W2 @ relu(W1 @ norm(h)). */
function residual(n: number): BenchGraph {
  const g = new GraphBuilder(n);
  let h = g.leaf();
  while (!g.isFull) {
    const normed = g.op(h);
    const inner = g.op(g.op(normed, g.leaf()));
    h = g.op(h, g.op(inner, g.leaf()));
  }
  return { family: 'residual', nodes: g.nodes, edges: g.edges };
}

/** Random DAG: ~30 % leaves; each op reads two distinct earlier nodes chosen uniformly. */
function randomFanIn2(n: number): BenchGraph {
  const g = new GraphBuilder(n);
  const random = seededRandom(n);
  const ids: string[] = [];
  while (!g.isFull) {
    if (ids.length < 2 || random() < 0.3) {
      ids.push(g.leaf());
      continue;
    }
    const a = Math.floor(random() * ids.length);
    let b = Math.floor(random() * (ids.length - 1));
    if (b >= a) b++;
    ids.push(g.op(ids[a], ids[b]));
  }
  return { family: 'random', nodes: g.nodes, edges: g.edges };
}

export const FAMILIES = {
  mlp,
  micrograd,
  residual,
  random: randomFanIn2,
} as const satisfies Record<string, (n: number) => BenchGraph>;

export type FamilyName = keyof typeof FAMILIES;

/** The graph plus one more op reading its last node, as a new line `out = last.sum()` would add. */
export function appendOneOp(graph: BenchGraph): BenchGraph {
  const id = `n${graph.nodes.length}`;
  const last = graph.nodes.at(-1)!.id;
  return {
    family: graph.family,
    nodes: [...graph.nodes, { id, kind: 'op', ...OP_SIZE }],
    edges: [...graph.edges, [last, id]],
  };
}
