/** One occurrence of a pattern in a text: UTF-16 offsets, `end` exclusive. */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
}

/**
 * An Aho-Corasick automaton over UTF-16 code units: every occurrence of every pattern in one pass over the text,
 * whatever the number of patterns, and without word boundaries (a name inside CJK text is found). Nodes live in
 * typed arrays and edges in one open-addressing table, so that 100,000 people's names fit in tens of megabytes.
 *
 * @example new Automaton(["he", "she"]).occurrences("ushe") → [{ start: 1, end: 4 }, { start: 2, end: 4 }]
 */
export class Automaton {
  /** Edge table: parent node, code unit and child per slot; child 0 marks an empty slot (the root is no child). */
  private parents = new Int32Array(1024);
  private codes = new Uint16Array(1024);
  private targets = new Int32Array(1024);
  private edges = 0;
  /** Per node: length of the pattern ending here (0: none), fail link, nearest pattern end on the fail chain. */
  private length = new Int32Array(1024);
  private fail = new Int32Array(0);
  private output = new Int32Array(0);
  private nodes = 1;

  constructor(patterns: Iterable<string>) {
    let firstChild = new Int32Array(1024).fill(-1);
    let nextSibling = new Int32Array(1024).fill(-1);
    let codeOf = new Uint16Array(1024);
    for (const pattern of patterns) {
      let node = 0;
      for (let i = 0; i < pattern.length; i++) {
        const code = pattern.charCodeAt(i);
        if (2 * (this.edges + 1) > this.targets.length) this.rehash();
        const slot = this.slot(node, code);
        let child = this.targets[slot] ?? 0;
        if (child === 0) {
          child = this.nodes++;
          if (child >= this.length.length) {
            this.length = grow(this.length, 0);
            firstChild = grow(firstChild, -1);
            nextSibling = grow(nextSibling, -1);
            codeOf = grow(codeOf, 0);
          }
          this.parents[slot] = node;
          this.codes[slot] = code;
          this.targets[slot] = child;
          this.edges++;
          codeOf[child] = code;
          nextSibling[child] = firstChild[node] ?? -1;
          firstChild[node] = child;
        }
        node = child;
      }
      if (pattern.length > 0) this.length[node] = pattern.length;
    }
    this.fail = new Int32Array(this.nodes);
    this.output = new Int32Array(this.nodes);
    this.link(firstChild, nextSibling, codeOf);
  }

  /** Number of trie nodes (for the bench). */
  get size(): number {
    return this.nodes;
  }

  /** Every occurrence of every pattern in `text`, in order of their end, the longest first at each end. */
  occurrences(text: string): Occurrence[] {
    const found: Occurrence[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      node = this.step(node, text.charCodeAt(i));
      let hit = (this.length[node] ?? 0) > 0 ? node : (this.output[node] ?? 0);
      while (hit !== 0) {
        found.push({ start: i + 1 - (this.length[hit] ?? 0), end: i + 1 });
        hit = this.output[hit] ?? 0;
      }
    }
    return found;
  }

  private step(from: number, code: number): number {
    let node = from;
    for (;;) {
      const child = this.child(node, code);
      if (child !== 0) return child;
      if (node === 0) return 0;
      node = this.fail[node] ?? 0;
    }
  }

  /** Breadth first, so that a node's fail link is known before its children's. */
  private link(firstChild: Int32Array, nextSibling: Int32Array, codeOf: Uint16Array): void {
    const queue = new Int32Array(this.nodes);
    let tail = 0;
    for (let child = firstChild[0] ?? -1; child !== -1; child = nextSibling[child] ?? -1)
      queue[tail++] = child;
    for (let head = 0; head < tail; head++) {
      const node = queue[head] ?? 0;
      for (let child = firstChild[node] ?? -1; child !== -1; child = nextSibling[child] ?? -1) {
        queue[tail++] = child;
        const target = this.step(this.fail[node] ?? 0, codeOf[child] ?? 0);
        this.fail[child] = target;
        this.output[child] = (this.length[target] ?? 0) > 0 ? target : (this.output[target] ?? 0);
      }
    }
  }

  private slot(node: number, code: number): number {
    const mask = this.targets.length - 1;
    let slot = (Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b)) & mask;
    while (this.targets[slot] !== 0 && (this.parents[slot] !== node || this.codes[slot] !== code))
      slot = (slot + 1) & mask;
    return slot;
  }

  private child(node: number, code: number): number {
    return this.targets[this.slot(node, code)] ?? 0;
  }

  private rehash(): void {
    const { parents, codes, targets } = this;
    this.parents = new Int32Array(targets.length * 2);
    this.codes = new Uint16Array(targets.length * 2);
    this.targets = new Int32Array(targets.length * 2);
    for (let i = 0; i < targets.length; i++) {
      const child = targets[i] ?? 0;
      if (child === 0) continue;
      const slot = this.slot(parents[i] ?? 0, codes[i] ?? 0);
      this.parents[slot] = parents[i] ?? 0;
      this.codes[slot] = codes[i] ?? 0;
      this.targets[slot] = child;
    }
  }
}

function grow<T extends Int32Array | Uint16Array>(array: T, fill: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  bigger.fill(fill, array.length);
  return bigger;
}
