import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sm3 as jsSm3, sm4 as jsSm4 } from 'sm-crypto-v2';
import { createSmCrypto, loadMasterKey, parseMasterKey } from './sm.ts';

const MASTER_HEX = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
const master = Buffer.from(MASTER_HEX, 'hex');
const sm = createSmCrypto(master);

describe('known-answer tests (security-requirements §3.2, §3.3)', () => {
  test('SM3("abc") — GB/T 32905 example 1', () => {
    const want = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    assert.equal(sm.sm3('abc'), want);
    assert.equal(sm.sm3(Buffer.from('abc')), want);
    assert.equal(crypto.createHash('sm3').update('abc').digest('hex'), want);
    assert.equal(jsSm3('abc'), want);
  });

  test('SM3("abcd" × 16) — GB/T 32905 example 2', () => {
    const want = 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732';
    assert.equal(sm.sm3('abcd'.repeat(16)), want);
    assert.equal(jsSm3('abcd'.repeat(16)), want);
  });

  test('SM4 single block — GB/T 32907 example (sm4-ecb, no padding, node:crypto)', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const enc = crypto.createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const ct = Buffer.concat([enc.update(key), enc.final()]);
    assert.equal(ct.toString('hex'), '681edf34d206965e86b3e94f536e4246');
    const dec = crypto.createDecipheriv('sm4-ecb', key, null).setAutoPadding(false);
    assert.equal(Buffer.concat([dec.update(ct), dec.final()]).toString('hex'), '0123456789abcdeffedcba9876543210');
    // The independent JS implementation agrees.
    assert.equal(jsSm4.encrypt(new Uint8Array(key), '0123456789abcdeffedcba9876543210', { padding: 'none' }), '681edf34d206965e86b3e94f536e4246');
  });

  test('HMAC-SM3 (node:crypto) matches sm-crypto-v2 sm3(msg, { key })', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 100 }), fc.string({ maxLength: 200 }), (key, msg) => {
        const keyHex = Buffer.from(key).toString('hex');
        assert.equal(crypto.createHmac('sm3', Buffer.from(key)).update(msg, 'utf8').digest('hex'), jsSm3(msg, { key: keyHex }));
      }),
      { numRuns: 200 },
    );
    assert.equal(crypto.createHmac('sm3', master).update('abc').digest('hex'), jsSm3('abc', { key: MASTER_HEX }));
  });
});

describe('createSmCrypto — field encryption (SM4-CTR + HMAC-SM3, AAD-bound)', () => {
  const aad = (id: string) => `member|idNumber|${id}`;
  const rowA = '0b3c1f7e-5a8c-4b8e-9f21-3d1e2a4b5c6d';
  const rowB = '7d2e9a10-1c4f-4e3b-8a55-6b7c8d9e0f12';

  test('round trip, including Chinese text and the empty string', () => {
    for (const p of ['110101195001010017', '13812345678', '明德区东城街道春晖社区 3 号楼 2 单元', '']) {
      assert.equal(sm.decryptField(sm.encryptField(p, aad(rowA)), aad(rowA)), p);
    }
  });

  test('property: round trip for any text and AAD', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 80 }), (p, a) => assert.equal(sm.decryptField(sm.encryptField(p, a), a), p)));
  });

  test('token shape: v1.base64(iv 16 ‖ ciphertext ‖ tag 32), ciphertext as long as the plaintext', () => {
    const p = '110101195001010017';
    const t = sm.encryptField(p, aad(rowA));
    assert.match(t, /^v1\.[A-Za-z0-9+/]+=*$/);
    assert.equal(Buffer.from(t.slice(3), 'base64').length, 16 + Buffer.byteLength(p) + 32);
    assert.ok(!t.includes(p) && !t.includes('1101011950'));
  });

  test('random IV: the same plaintext encrypts differently every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => sm.encryptField('110101195001010017', aad(rowA))));
    assert.equal(tokens.size, 50);
    const ivs = new Set([...tokens].map((t) => Buffer.from(t.slice(3), 'base64').subarray(0, 16).toString('hex')));
    assert.equal(ivs.size, 50);
  });

  test('the construction is SM4-CTR under the derived key, MACed with HMAC-SM3 (checked with an independent SM4/SM3)', () => {
    const p = '11010119631231002X 13812345678';
    const t = sm.encryptField(p, aad(rowA));
    const raw = Buffer.from(t.slice(3), 'base64');
    const iv = raw.subarray(0, 16);
    const ct = raw.subarray(16, raw.length - 32);
    const tag = raw.subarray(raw.length - 32);
    const encKey = crypto.createHmac('sm3', master).update('xianfeng:pii-enc:v1').digest().subarray(0, 16);
    const macKey = crypto.createHmac('sm3', master).update('xianfeng:pii-mac:v1').digest();
    // CTR keystream from sm-crypto-v2's SM4-ECB: E(K, iv + i), 128-bit big-endian counter.
    const counter = BigInt(`0x${iv.toString('hex')}`);
    const out = Buffer.alloc(ct.length);
    for (let i = 0; i * 16 < ct.length; i++) {
      const block = Buffer.from(((counter + BigInt(i)) % (1n << 128n)).toString(16).padStart(32, '0'), 'hex');
      const ks = Buffer.from(jsSm4.encrypt(new Uint8Array(block), encKey.toString('hex'), { padding: 'none' }) as string, 'hex');
      for (let j = 0; j < 16 && i * 16 + j < ct.length; j++) out[i * 16 + j] = ct[i * 16 + j]! ^ ks[j]!;
    }
    assert.equal(out.toString('utf8'), p);
    const macInput = Buffer.concat([Buffer.from('v1'), iv, ct, Buffer.from(aad(rowA), 'utf8')]);
    assert.equal(tag.toString('hex'), jsSm3(new Uint8Array(macInput), { key: macKey.toString('hex') }));
  });

  test('a tampered token is refused: any flipped bit in IV, ciphertext or tag, truncation, version', () => {
    const t = sm.encryptField('110101195001010017', aad(rowA));
    const raw = Buffer.from(t.slice(3), 'base64');
    for (let i = 0; i < raw.length; i++) {
      const bad = Buffer.from(raw);
      bad[i] = bad[i]! ^ 0x01;
      assert.throws(() => sm.decryptField(`v1.${bad.toString('base64')}`, aad(rowA)), /failed authentication/, `byte ${i}`);
    }
    assert.throws(() => sm.decryptField(`v1.${raw.subarray(0, raw.length - 1).toString('base64')}`, aad(rowA)));
    assert.throws(() => sm.decryptField(`v1.${raw.subarray(0, 20).toString('base64')}`, aad(rowA)));
    assert.throws(() => sm.decryptField(`v2.${raw.toString('base64')}`, aad(rowA)), /version/);
    assert.throws(() => sm.decryptField('v1.', aad(rowA)));
    assert.throws(() => sm.decryptField('garbage', aad(rowA)));
  });

  test('wrong AAD is refused: the ciphertext of one row cannot be moved to another row or column', () => {
    const t = sm.encryptField('110101195001010017', aad(rowA));
    assert.throws(() => sm.decryptField(t, aad(rowB)), /failed authentication/);
    assert.throws(() => sm.decryptField(t, `member|phone|${rowA}`), /failed authentication/);
    assert.throws(() => sm.decryptField(t, ''), /failed authentication/);
  });

  test('another master key cannot decrypt', () => {
    const other = createSmCrypto(crypto.randomBytes(32));
    assert.throws(() => other.decryptField(sm.encryptField('13812345678', aad(rowA)), aad(rowA)), /failed authentication/);
  });
});

describe('createSmCrypto — blind index and key derivation', () => {
  test('deterministic for the same key, purpose and value', () => {
    assert.equal(sm.blindIndex('idNumber', '110101195001010017'), createSmCrypto(Buffer.from(MASTER_HEX, 'hex')).blindIndex('idNumber', '110101195001010017'));
    assert.match(sm.blindIndex('phone', '13812345678'), /^[0-9a-f]{64}$/);
  });

  test('key-dependent, purpose-separated, value-sensitive, and not a plain hash', () => {
    const v = '110101195001010017';
    const other = createSmCrypto(crypto.randomBytes(32));
    assert.notEqual(other.blindIndex('idNumber', v), sm.blindIndex('idNumber', v));
    assert.notEqual(sm.blindIndex('phone', v), sm.blindIndex('idNumber', v));
    assert.notEqual(sm.blindIndex('idNumber', '110101195001010025'), sm.blindIndex('idNumber', v));
    assert.notEqual(sm.blindIndex('idNumber', v), sm.sm3(v));
    assert.notEqual(sm.blindIndex('idNumber', v), sm.sm3(`idNumber:${v}`));
  });

  test('property: no collisions among many distinct values', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^1[3-9]\d{9}$/), { minLength: 2, maxLength: 200 }), (phones) => {
        assert.equal(new Set(phones.map((p) => sm.blindIndex('phone', p))).size, phones.length);
      }),
      { numRuns: 20 },
    );
  });

  test('deriveKey = HMAC-SM3(master, "xianfeng:<purpose>:v1"), checked with the independent SM3', () => {
    assert.equal(sm.deriveKey('audit-chain').toString('hex'), jsSm3('xianfeng:audit-chain:v1', { key: MASTER_HEX }));
    assert.equal(sm.deriveKey('pii-idx').toString('hex'), jsSm3('xianfeng:pii-idx:v1', { key: MASTER_HEX }));
  });

  test('mac(purpose, data) = HMAC-SM3 under the purpose key: keyed, purpose-separated', () => {
    const data = '0'.repeat(64) + '|[1,"2026-11-22T02:00:00.000Z"]';
    assert.equal(sm.mac('audit-chain', data), jsSm3(data, { key: sm.deriveKey('audit-chain').toString('hex') }));
    assert.notEqual(sm.mac('audit-chain', data), sm.sm3(data));
    assert.notEqual(sm.mac('audit-chain', data), sm.mac('row-mac', data));
    assert.notEqual(sm.mac('audit-chain', data), createSmCrypto(crypto.randomBytes(32)).mac('audit-chain', data));
    assert.equal(sm.mac('audit-chain', data), createSmCrypto(Buffer.from(MASTER_HEX, 'hex')).mac('audit-chain', data));
  });

  test('deriveKey: 32 bytes, one key per purpose, from the master key', () => {
    const a = sm.deriveKey('audit-chain');
    assert.equal(a.length, 32);
    assert.ok(a.equals(sm.deriveKey('audit-chain')));
    assert.ok(!a.equals(sm.deriveKey('pii-enc')));
    assert.ok(!a.equals(createSmCrypto(crypto.randomBytes(32)).deriveKey('audit-chain')));
    assert.ok(!a.subarray(0, 32).equals(master));
  });
});

describe('master key handling (ARCHITECTURE §7)', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-key-'));
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test('parseMasterKey accepts 64 hex characters and 44 base64 characters (32 bytes)', () => {
    assert.ok(parseMasterKey(MASTER_HEX).equals(master));
    assert.ok(parseMasterKey(MASTER_HEX.toUpperCase()).equals(master));
    assert.ok(parseMasterKey(`  ${MASTER_HEX}\n`).equals(master));
    const b64 = master.toString('base64');
    assert.equal(b64.length, 44);
    assert.ok(parseMasterKey(b64).equals(master));
    const long = crypto.randomBytes(64);
    assert.ok(parseMasterKey(long.toString('hex')).equals(long));
  });

  test('parseMasterKey refuses keys shorter than 32 bytes', () => {
    for (const k of [MASTER_HEX.slice(0, 62), crypto.randomBytes(31).toString('base64'), crypto.randomBytes(16).toString('hex'), '', 'secret', 'correct horse battery staple']) {
      assert.throws(() => parseMasterKey(k), /at least 32 bytes/, JSON.stringify(k));
    }
  });

  test('loadMasterKey: the environment key wins and no file is written', () => {
    const dir = tmp();
    assert.ok(loadMasterKey({ masterKey: MASTER_HEX, dataDir: dir }).equals(master));
    assert.deepEqual(fs.readdirSync(dir), []);
    assert.throws(() => loadMasterKey({ masterKey: 'short', dataDir: dir }), /at least 32 bytes/);
  });

  test('loadMasterKey: without an environment key it creates a 0600 key file once and reuses it', () => {
    const dir = path.join(tmp(), 'data', 'nested');
    const k1 = loadMasterKey({ masterKey: null, dataDir: dir });
    assert.equal(k1.length, 32);
    const file = path.join(dir, 'master.key');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(file, 'utf8'), `${k1.toString('hex')}\n`);
    const k2 = loadMasterKey({ masterKey: null, dataDir: dir });
    assert.ok(k2.equals(k1));
    // Another data folder gets another key.
    assert.ok(!loadMasterKey({ masterKey: null, dataDir: tmp() }).equals(k1));
  });

  test('loadMasterKey: a damaged key file is an error, never silently replaced', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'master.key'), 'abcd\n', { mode: 0o600 });
    assert.throws(() => loadMasterKey({ masterKey: null, dataDir: dir }), /at least 32 bytes/);
    assert.equal(fs.readFileSync(path.join(dir, 'master.key'), 'utf8'), 'abcd\n');
  });
});
