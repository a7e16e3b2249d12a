import type { Ctx } from '../context.ts';
import { getSm2Signer } from './sm2.ts';

/**
 * Tokens for printed QR codes (介绍信, 流动党员活动证, 报到证): a small JSON payload SM2-signed by the platform's key,
 * `base64url(payload) '.' base64url(DER signature)`. Anyone can check one; nobody can make one without the key.
 */

const B64URL = /^[A-Za-z0-9_-]+$/;
const MAX_TOKEN = 1000;

export async function signToken(ctx: Pick<Ctx, 'db' | 'crypto'>, payload: Record<string, unknown>): Promise<string> {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const sig = Buffer.from((await getSm2Signer(ctx)).sign(body), 'hex').toString('base64url');
  return `${body}.${sig}`;
}

/** The signed payload, or null for anything forged, altered, oversized or malformed (never throws). */
export async function readToken(ctx: Pick<Ctx, 'db' | 'crypto'>, token: string | undefined): Promise<Record<string, unknown> | null> {
  const parts = (token ?? '').split('.');
  if (parts.length !== 2 || (token ?? '').length > MAX_TOKEN) return null;
  const [body, sigPart] = parts as [string, string];
  if (!B64URL.test(body) || !B64URL.test(sigPart)) return null;
  const sig = Buffer.from(sigPart, 'base64url');
  // One spelling per signature: the re-encoding must match and the DER length be exact (the SM2 library
  // tolerates trailing bytes).
  if (sig.toString('base64url') !== sigPart || sig[0] !== 0x30 || sig[1] === undefined || sig[1] >= 0x80 || sig[1] + 2 !== sig.length) return null;
  if (!(await getSm2Signer(ctx)).verify(body, sig.toString('hex'))) return null;
  try {
    const p: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
