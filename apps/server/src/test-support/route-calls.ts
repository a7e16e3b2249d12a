import assert from 'node:assert/strict';
import { assertSafe } from './assertions.ts';
import type { TestServer } from './harness.ts';

/**
 * Route-test calls as a demo account (`null`: no session). `call` asserts every answer is safe (no 5xx, stack or
 * SQL); `ok` also that it is 200 or 201, and returns its JSON. The server is read through `server()` because tests
 * open it in `before`.
 */
export function routeCalls(server: () => TestServer) {
  async function call(user: string | null, method: string, url: string, body?: unknown, headers?: Record<string, string>) {
    const s = server();
    const res = await s.request({ method, url, ...(user ? { cookie: await s.login(user) } : {}), ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });
    assertSafe(res);
    return res;
  }
  async function ok(user: string, method: string, url: string, body?: unknown, headers?: Record<string, string>) {
    const res = await call(user, method, url, body, headers);
    assert.ok(res.statusCode === 200 || res.statusCode === 201, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  }
  return { call, ok };
}
