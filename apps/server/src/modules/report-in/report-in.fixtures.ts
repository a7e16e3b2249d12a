import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import QRCode from 'qrcode';
import { sql } from 'drizzle-orm';
import { one } from '../../platform/db/db.ts';
import type { TestServer } from '../../test-support/harness.ts';
import { assertSafe } from '../../test-support/assertions.ts';
import { freshIdNumber } from '../../test-support/members.ts';

/** Test helpers for the report-in tests: calls with demo or fresh logins, fresh units, fresh registrations. */

export const COMMUNITIES = {
  chunhui: '中共明德区东城街道春晖社区委员会',
  heping: '中共明德区西城街道和平社区委员会',
  chaoyang: '中共明德区东城街道朝阳社区委员会',
  chunhui1: '春晖社区第一网格党支部',
  heping1: '和平社区第一网格党支部',
} as const;

let n = 0;

export function fixtures(s: () => TestServer) {
  const cookies = new Map<string, string>();
  const passwords = new Map<string, string>();
  const cookie = async (user: string) => cookies.get(user) ?? s().login(user, passwords.get(user));
  async function call(user: string | null, method: string, url: string, body?: unknown) {
    const res = await s().request({ method, url, ...(user ? { cookie: await cookie(user) } : {}), ...(body !== undefined ? { body } : {}) });
    assertSafe(res);
    return res;
  }
  const ok = async (user: string, method: string, url: string, body?: unknown) => {
    const res = await call(user, method, url, body);
    assert.ok(res.statusCode === 200 || res.statusCode === 201, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const orgId = async (name: string) => (await one<{ id: string }>(s().platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;

  /** A unit created by the district with a fresh admin account, logged in with its one-time password. */
  async function newUnit(name: string): Promise<{ unitId: string; admin: string }> {
    const admin = `ri_unit_${++n}_${Math.floor(Math.random() * 1e6)}`;
    const created = await ok('district', 'POST', '/api/report-in/units', { name: `${name}${n}`, admin: { username: admin, displayName: `${name}管理员` } });
    passwords.set(admin, created.admin.temporaryPassword as string);
    cookies.set(admin, await s().login(admin, created.admin.temporaryPassword as string));
    return { unitId: created.unit.id as string, admin };
  }

  /** A registration of a fresh (off-platform) person by a unit. */
  async function register(unit: { unitId: string; admin: string }, communityOrgId: string, over: Record<string, unknown> = {}) {
    const id = freshIdNumber();
    const body = { unitId: unit.unitId, name: `报到党员${String.fromCharCode(0x4e00 + (++n % 500))}`, idNumber: id.idNumber, phone: '13912345678', communityOrgId, ...over };
    const res = await call(unit.admin, 'POST', '/api/report-in', body);
    assert.equal(res.statusCode, 201, res.body);
    return { ...res.json(), plainIdNumber: body.idNumber as string };
  }

  return { call, ok, orgId, newUnit, register };
}

/** The dark pixels of the QR the documents draw for `text` (the qrcode package's layout: margin 1, width 300). */
function qrPixels(text: string) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const width = 300;
  const scale = width / (modules.size + 2);
  const dark = (x: number, y: number) => {
    const inside = x >= scale && y >= scale && x < width - scale && y < width - scale;
    return inside && modules.data[Math.floor((y - scale) / scale) * modules.size + Math.floor((x - scale) / scale)] === 1;
  };
  return { width, dark };
}

/** A binary PPM (P6) or PGM (P5) as pdfimages writes it: size and the darkness of a pixel. */
function readNetpbm(buf: Buffer) {
  const m = /^(P[56])\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 40).toString('latin1'));
  if (!m) return null;
  const channels = m[1] === 'P6' ? 3 : 1;
  const [w, h, start] = [Number(m[2]), Number(m[3]), m[0].length];
  return { w, h, dark: (x: number, y: number) => buf[start + (y * w + x) * channels]! < 128 };
}

/**
 * Whether the PDF carries the QR image of `url`, pixel for pixel as poppler's pdfimages extracts it (null when
 * pdfimages is not installed). No QR decoder is needed: the same text gives the same modules.
 */
export function qrEncodes(pdf: Buffer, url: string): boolean | null {
  if (spawnSync('pdfimages', ['-v']).error) return null;
  const want = qrPixels(url);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-ri-'));
  try {
    fs.writeFileSync(path.join(dir, 'doc.pdf'), pdf);
    spawnSync('pdfimages', [path.join(dir, 'doc.pdf'), path.join(dir, 'img')]);
    return fs.readdirSync(dir).some((f) => {
      const got = f.startsWith('img') ? readNetpbm(fs.readFileSync(path.join(dir, f))) : null;
      if (!got || got.w !== want.width || got.h !== want.width) return false;
      for (let y = 0; y < got.h; y++) for (let x = 0; x < got.w; x++) if (got.dark(x, y) !== want.dark(x, y)) return false;
      return true;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
