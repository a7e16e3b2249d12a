import type { Ctx } from '../../platform/context.ts';
import { getSm2Signer } from '../../platform/crypto/sm2.ts';

/** The 介绍信's QR: the transfer and letter number, SM2-signed by the platform's key (as the 电子活动证's). */

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
export const letterVerifyPath = (token: string) => `/verify/transfer-letter/${token}`;

export async function letterToken(ctx: Ctx, transferId: string, letterNo: string): Promise<string> {
  const payload = b64(JSON.stringify({ v: 1, t: transferId, n: letterNo }));
  return `${payload}.${(await getSm2Signer(ctx)).sign(payload)}`;
}

/** The signed payload, or null when forged or malformed. */
export async function readLetterToken(ctx: Ctx, token: string | undefined): Promise<{ transferId: string; letterNo: string } | null> {
  const [payload, sig] = (token ?? '').split('.');
  if (!payload || !sig || !(await getSm2Signer(ctx)).verify(payload, sig)) return null;
  try {
    const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t?: unknown; n?: unknown };
    return typeof p.t === 'string' && typeof p.n === 'string' ? { transferId: p.t, letterNo: p.n } : null;
  } catch {
    return null;
  }
}
