/**
 * The keyspace as a tree of path segments (`registry/`, `pods/`, `default/`, `web-1`), each branch with the number
 * of keys below it and the bytes their values take. Keys are added one at a time in any order; only branches
 * down to the requested depth are kept, so memory follows the size of the tree shown, not of the keyspace.
 */
import type { JsonObject } from '../codec/value.js';
import { AlignedTable } from './table.js';

export interface TreeNode {
  readonly label: string;
  keys: number;
  bytes: number;
  readonly children: Map<string, TreeNode>;
}

function node(label: string): TreeNode {
  return { label, keys: 0, bytes: 0, children: new Map() };
}

/** `/registry/pods/a` -> `['/', 'registry/', 'pods/', 'a']`: each segment keeps the slash that ends it. */
export function pathSegments(path: string): string[] {
  return path.match(/[^/]*\/|[^/]+$/g) ?? [];
}

export class KeyTree {
  readonly root: TreeNode;

  /** `depth` levels below the root are kept; deeper keys count towards their branch at that depth. */
  constructor(rootLabel: string, private readonly depth: number) {
    this.root = node(rootLabel);
  }

  /** Counts one key whose path below the root is `relativePath`. */
  add(relativePath: string, bytes: number): void {
    let at = this.root;
    at.keys++;
    at.bytes += bytes;
    const segments = pathSegments(relativePath);
    for (let level = 0; level < this.depth && level < segments.length; level++) {
      const label = segments[level] as string;
      let child = at.children.get(label);
      if (child === undefined) {
        child = node(label);
        at.children.set(label, child);
      }
      child.keys++;
      child.bytes += bytes;
      at = child;
    }
  }
}

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'];

/** `512 B`, `1.5 KiB`, `12.0 MiB`. */
export function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}

function byLabel(children: Map<string, TreeNode>): TreeNode[] {
  return [...children.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** The tree as a table: KEYS, SIZE, and the branch drawn with box characters. */
export function renderTree(root: TreeNode): string {
  const table = new AlignedTable(['KEYS', 'SIZE', 'PATH']);
  const visit = (at: TreeNode, lead: string, branch: string) => {
    table.add([String(at.keys), humanBytes(at.bytes), `${lead}${branch}${at.label}`]);
    const children = byLabel(at.children);
    const childLead = lead + (branch === '' ? '' : branch === '└── ' ? '    ' : '│   ');
    children.forEach((child, i) => visit(child, childLead, i === children.length - 1 ? '└── ' : '├── '));
  };
  visit(root, '', '');
  return table.take();
}

/** The tree as JSON: exact counts and byte totals, children in key order. */
export function treeObject(at: TreeNode): JsonObject {
  return { path: at.label, keys: at.keys, bytes: at.bytes, children: byLabel(at.children).map(treeObject) };
}
