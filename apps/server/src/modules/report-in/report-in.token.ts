import type { Ctx } from '../../platform/context.ts';
import { getSm2Signer } from '../../platform/crypto/sm2.ts';

/** The 报到证's QR: registration id and certificate number, SM2-signed by the platform's key (as the 介绍信's). */

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
/** The public H5 page the QR opens; it asks GET /api/report-in/certificates/verify. */
export const certificateVerifyPath = (token: string) => `/m/report-in/verify/${token}`;

// Every view of a registration shows its QR link: one signature per registration and process is enough (a token
// never expires; the registration's state is checked when it is read).
const issued = new WeakMap<Ctx['crypto'], Map<string, string>>();

export async function certificateToken(ctx: Ctx, reportInId: string, certificateNo: string): Promise<string> {
  const cache = issued.get(ctx.crypto) ?? new Map<string, string>();
  issued.set(ctx.crypto, cache);
  const key = `${reportInId}|${certificateNo}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const payload = b64(JSON.stringify({ v: 1, r: reportInId, n: certificateNo }));
  const token = `${payload}.${(await getSm2Signer(ctx)).sign(payload)}`;
  if (cache.size > 50_000) cache.clear();
  cache.set(key, token);
  return token;
}

/** The signed payload, or null when forged or malformed. */
export async function readCertificateToken(ctx: Ctx, token: string | undefined): Promise<{ reportInId: string; certificateNo: string } | null> {
  const [payload, sig, extra] = (token ?? '').split('.');
  if (!payload || !sig || extra !== undefined || !(await getSm2Signer(ctx)).verify(payload, sig)) return null;
  try {
    const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { r?: unknown; n?: unknown };
    return typeof p.r === 'string' && typeof p.n === 'string' ? { reportInId: p.r, certificateNo: p.n } : null;
  } catch {
    return null;
  }
}
