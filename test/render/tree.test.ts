/** The key tree: counts and bytes per branch, depth-limited, drawn as a table, and exact in JSON. */
import { describe, expect, it } from 'vitest';
import { humanBytes, KeyTree, pathSegments, renderTree, treeObject } from '../../src/render/tree.js';

const KEYS: [string, number][] = [
  ['pods/default/web-1', 1000],
  ['pods/default/web-2', 1100],
  ['pods/kube-system/dns', 900],
  ['services/specs/default/kubernetes', 300],
  ['services/endpoints/default/kubernetes', 200],
  ['ranges/serviceips', 50],
];

function tree(depth: number): KeyTree {
  const built = new KeyTree('/registry/', depth);
  for (const [key, bytes] of KEYS) built.add(key, bytes);
  return built;
}

describe('key tree', () => {
  it('splits keys into segments that keep their slash', () => {
    expect(pathSegments('/registry/pods/a')).toEqual(['/', 'registry/', 'pods/', 'a']);
    expect(pathSegments('compact_rev_key')).toEqual(['compact_rev_key']);
    expect(pathSegments('a//b')).toEqual(['a/', '/', 'b']);
  });

  it('counts keys and bytes per branch down to the depth asked for, deeper keys into their branch', () => {
    expect(treeObject(tree(1).root)).toEqual({
      path: '/registry/', keys: 6, bytes: 3550, children: [
        { path: 'pods/', keys: 3, bytes: 3000, children: [] },
        { path: 'ranges/', keys: 1, bytes: 50, children: [] },
        { path: 'services/', keys: 2, bytes: 500, children: [] },
      ],
    });
    const deep = treeObject(tree(5).root);
    expect(deep.children).toHaveLength(3);
    expect(JSON.stringify(deep)).toContain('{"path":"web-2","keys":1,"bytes":1100,"children":[]}');
    expect(treeObject(tree(0).root)).toEqual({ path: '/registry/', keys: 6, bytes: 3550, children: [] });
  });

  it('draws the tree with its counts and sizes as a table', () => {
    expect(renderTree(tree(2).root)).toBe([
      'KEYS   SIZE      PATH',
      '6      3.5 KiB   /registry/',
      '3      2.9 KiB   ├── pods/',
      '2      2.1 KiB   │   ├── default/',
      '1      900 B     │   └── kube-system/',
      '1      50 B      ├── ranges/',
      '1      50 B      │   └── serviceips',
      '2      500 B     └── services/',
      '1      200 B         ├── endpoints/',
      '1      300 B         └── specs/',
      '',
    ].join('\n'));
  });

  it('prints sizes in binary units', () => {
    expect([0, 1023, 1024, 1536, 10 * 1024 * 1024, 3 * 1024 ** 3].map(humanBytes)).toEqual(['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '10.0 MiB', '3.0 GiB']);
  });
});
