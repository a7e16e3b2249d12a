import { sql } from 'drizzle-orm';
import { sm2 } from 'sm-crypto-v2';
import type { Ctx } from '../context.ts';
import type { CryptoProvider } from './sm.ts';
import { one } from '../db/db.ts';

/**
 * SM2 digital signatures (GB/T 32918.2) behind a small interface so a certified 密码机 can replace it.
 * Signatures are SM3 with Z computed over the GB/T 35276 default user id 1234567812345678, DER-encoded.
 * Node's `crypto.sign('sm3', …)` on an SM2-curve key is plain ECDSA and is NOT used (security-requirements §3.2).
 */
export interface Sm2Signer {
  readonly publicKeyHex: string;
  /** Hex DER signature of the UTF-8 data. */
  sign(data: string): string;
  /** False for any bad, foreign or malformed signature; never throws. */
  verify(data: string, sigHex: string): boolean;
}

export const SM2_STATE_KEY = 'crypto.sm2';
const AAD = `system_state|${SM2_STATE_KEY}`;
const OPTS = { hash: true, der: true } as const;

interface StoredKey {
  alg: 'SM2';
  publicKey: string;
  /** The private key, encrypted with the field key (CryptoProvider.encryptField, AAD system_state|crypto.sm2). */
  privateKeyEnc: string;
}

export function sm2SignerFromKeys(publicKeyHex: string, privateKeyHex: string): Sm2Signer {
  return {
    publicKeyHex,
    sign: (data) => sm2.doSignature(data, privateKeyHex, OPTS),
    verify: (data, sigHex) => verifySm2(data, sigHex, publicKeyHex),
  };
}

/** Verifies with the public key alone (no private key needed); false on any malformed input. */
export function verifySm2(data: string, sigHex: string, publicKeyHex: string): boolean {
  if (!/^[0-9a-f]{16,300}$/i.test(sigHex) || sigHex.length % 2 !== 0) return false;
  try {
    return sm2.doVerifySignature(data, sigHex.toLowerCase(), publicKeyHex, OPTS);
  } catch {
    return false;
  }
}

// One signer per platform (its CryptoProvider), so several test servers in one process keep their own keys.
const cache = new WeakMap<CryptoProvider, Promise<Sm2Signer>>();

/**
 * The platform's signing key: generated once, stored in system_state with the private key encrypted, then
 * cached in memory. INSERT … ON CONFLICT DO NOTHING and a re-read make concurrent first starts agree on one key.
 */
export function getSm2Signer(ctx: Pick<Ctx, 'db' | 'crypto'>): Promise<Sm2Signer> {
  let p = cache.get(ctx.crypto);
  if (!p) {
    p = loadOrCreate(ctx);
    cache.set(ctx.crypto, p);
    p.catch(() => cache.delete(ctx.crypto));
  }
  return p;
}

async function loadOrCreate(ctx: Pick<Ctx, 'db' | 'crypto'>): Promise<Sm2Signer> {
  const read = () => one<{ value: StoredKey }>(ctx.db, sql`SELECT value FROM system_state WHERE key = ${SM2_STATE_KEY}`);
  let row = await read();
  if (!row) {
    const pair = sm2.generateKeyPairHex();
    const stored: StoredKey = { alg: 'SM2', publicKey: pair.publicKey, privateKeyEnc: ctx.crypto.encryptField(pair.privateKey, AAD) };
    await ctx.db.execute(sql`INSERT INTO system_state (key, value) VALUES (${SM2_STATE_KEY}, ${JSON.stringify(stored)}::jsonb) ON CONFLICT (key) DO NOTHING`);
    row = await read();
    if (!row) throw new Error('SM2 key pair could not be stored');
  }
  const value = typeof row.value === 'string' ? (JSON.parse(row.value) as StoredKey) : row.value;
  const priv = ctx.crypto.decryptField(value.privateKeyEnc, AAD);
  const signer = sm2SignerFromKeys(value.publicKey, priv);
  // A stored pair that does not match would sign certificates nobody can verify: refuse it.
  if (!signer.verify('xianfeng:sm2:selftest', signer.sign('xianfeng:sm2:selftest'))) throw new Error('stored SM2 key pair is inconsistent');
  return signer;
}
