import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { sm2 } from 'sm-crypto-v2';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { systemCtx } from '../context.ts';
import { one } from '../db/db.ts';
import { getSm2Signer, SM2_STATE_KEY, sm2SignerFromKeys, verifySm2 } from './sm2.ts';

void describe('SM2 signer (sm-crypto-v2, SM3 + default user id, DER)', () => {
  const pair = sm2.generateKeyPairHex();
  const signer = sm2SignerFromKeys(pair.publicKey, pair.privateKey);
  const msg = 'eyJ2IjoxfQ.党员电子活动证';

  void test('a signature verifies with sm-crypto-v2 directly, with the GB/T 35276 default user id', () => {
    const sig = signer.sign(msg);
    assert.match(sig, /^30[0-9a-f]+$/, 'DER SEQUENCE');
    assert.equal(sm2.doVerifySignature(msg, sig, pair.publicKey, { hash: true, der: true }), true);
    assert.equal(sm2.doVerifySignature(msg, sig, pair.publicKey, { hash: true, der: true, userId: '1234567812345678' }), true);
    assert.equal(sm2.doVerifySignature(msg, sig, pair.publicKey, { hash: true, der: true, userId: 'ALICE123@YAHOO.COM' }), false);
    assert.equal(signer.verify(msg, sig), true);
  });

  void test('sm-crypto-v2 signatures made independently verify here', () => {
    const sig = sm2.doSignature(msg, pair.privateKey, { hash: true, der: true });
    assert.equal(verifySm2(msg, sig, pair.publicKey), true);
  });

  void test('another key, an altered message or a malformed signature are rejected', () => {
    const other = sm2.generateKeyPairHex();
    assert.equal(signer.verify(msg, sm2.doSignature(msg, other.privateKey, { hash: true, der: true })), false);
    const sig = signer.sign(msg);
    assert.equal(signer.verify(`${msg}x`, sig), false);
    const flipped = sig.slice(0, 20) + (sig[20] === 'a' ? 'b' : 'a') + sig.slice(21);
    assert.equal(signer.verify(msg, flipped), false);
    for (const junk of ['', 'zz', '00', '30', 'x'.repeat(5000), sig.slice(0, -2)]) assert.equal(signer.verify(msg, junk), false, junk.slice(0, 20));
  });

  void test("Node's crypto.sign('sm3') on an SM2-curve key (ECDSA, no Z) is rejected", () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const pub = spki.subarray(spki.length - 65).toString('hex');
    const sig = crypto.sign('sm3', Buffer.from(msg, 'utf8'), privateKey).toString('hex');
    assert.equal(verifySm2(msg, sig, pub), false);
  });
});

for (const engine of engines) {
  void describe(`SM2 platform key (${engine})`, () => {
    let s: TestServer;
    before(async () => {
      s = await openTestServer(engine);
    });
    after(() => s.stop());

    void test('generated once, stored with the private key encrypted, the same for every caller', async () => {
      const ctx = systemCtx(s.platform);
      const [a, b] = await Promise.all([getSm2Signer(ctx), getSm2Signer(ctx)]);
      assert.equal(a.publicKeyHex, b.publicKeyHex);
      const row = await one<{ value: { alg: string; publicKey: string; privateKeyEnc: string } }>(s.platform.database.db, sql`SELECT value FROM system_state WHERE key = ${SM2_STATE_KEY}`);
      assert.ok(row);
      assert.equal(row.value.publicKey, a.publicKeyHex);
      assert.match(row.value.privateKeyEnc, /^v1\./);
      const priv = s.platform.crypto.decryptField(row.value.privateKeyEnc, `system_state|${SM2_STATE_KEY}`);
      assert.equal(sm2.getPublicKeyFromPrivateKey(priv), a.publicKeyHex);
      const all = await one<{ t: string }>(s.platform.database.db, sql`SELECT string_agg(value::text, ' ') AS t FROM system_state`);
      assert.ok(!all!.t.toLowerCase().includes(priv.toLowerCase()), 'private key in plaintext');
      assert.ok(sm2.doVerifySignature('x', a.sign('x'), row.value.publicKey, { hash: true, der: true }));
    });
  });
}
