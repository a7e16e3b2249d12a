import type { Ctx } from '../../platform/context.ts';
import { readToken, signToken } from '../../platform/crypto/signed-token.ts';

/** The 报到证's QR: registration id and certificate number, signed by the platform's key (`platform/crypto/signed-token.ts`). */

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
  const token = await signToken(ctx, { v: 1, r: reportInId, n: certificateNo });
  if (cache.size > 50_000) cache.clear();
  cache.set(key, token);
  return token;
}

/** The signed payload, or null when forged or malformed. */
export async function readCertificateToken(ctx: Ctx, token: string | undefined): Promise<{ reportInId: string; certificateNo: string } | null> {
  const p = await readToken(ctx, token);
  return p && typeof p.r === 'string' && typeof p.n === 'string' ? { reportInId: p.r, certificateNo: p.n } : null;
}
