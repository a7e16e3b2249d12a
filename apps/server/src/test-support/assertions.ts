import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';

/** Every answer: never a 5xx, a stack frame or SQL text (ARCHITECTURE §8). */
export function assertSafe(res: LightMyRequestResponse) {
  assert.ok(res.statusCode < 500, `${res.statusCode} ${res.body}`);
  assert.doesNotMatch(res.body, /\n\s+at |\bat [\w.<>]+ \(.*:\d+:\d+\)/, 'stack trace in body');
  assert.doesNotMatch(res.body, /\b(select|insert|update|delete)\b[^"]*\b(from|into|set|where)\b/i, 'SQL text in body');
}

/** The error body of ARCHITECTURE §8 with this status and code, naming `path` in its details when given. */
export function assertError(res: LightMyRequestResponse, status: number, code: string, path?: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.equal(res.json().error.code, code, res.body);
  if (path !== undefined) assert.ok(res.json().error.details?.some((d: { path: string }) => d.path === path), `details should name ${path}: ${res.body}`);
}

export interface TreeNode {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  depth: number;
  children: TreeNode[];
  hasChildren?: boolean;
}

/** An org of a `GET /api/orgs/tree` answer, by name (fails the test when absent). */
export function findInTree<T extends { name: string; children: T[] }>(nodes: T[], name: string): T {
  const stack = [...nodes];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.name === name) return n;
    stack.push(...n.children);
  }
  assert.fail(`org ${name} not in tree`);
}
