import type { Ctx } from '../../platform/context.ts';
import { getSm2Signer } from '../../platform/crypto/sm2.ts';

/**
 * The 活动证's QR: the registration and certificate number, SM2-signed by the platform's key (as the 电子活动证
 * and the 介绍信). base64url(payload) '.' base64url(DER signature).
 */

const B64URL = /^[A-Za-z0-9_-]+$/;
export const mobileVerifyPath = (token: string) => `/verify/mobile/${token}`;

export async function certificateToken(ctx: Ctx, outflowId: string, certificateNo: string): Promise<string> {
  const payload = Buffer.from(JSON.stringify({ v: 1, o: outflowId, n: certificateNo }), 'utf8').toString('base64url');
  const sig = Buffer.from((await getSm2Signer(ctx)).sign(payload), 'hex').toString('base64url');
  return `${payload}.${sig}`;
}

/** The signed facts, or null for anything forged, altered or malformed (never throws). */
export async function readCertificateToken(ctx: Ctx, token: string | undefined): Promise<{ outflowId: string; certificateNo: string } | null> {
  const parts = (token ?? '').split('.');
  if (parts.length !== 2 || (token ?? '').length > 1000) return null;
  const [payload, sigPart] = parts as [string, string];
  if (!B64URL.test(payload) || !B64URL.test(sigPart)) return null;
  const sig = Buffer.from(sigPart, 'base64url');
  // One spelling per signature: the re-encoding must match, and the DER length must be exact (the SM2
  // library tolerates trailing bytes).
  if (sig.toString('base64url') !== sigPart || sig[0] !== 0x30 || sig[1] === undefined || sig[1] >= 0x80 || sig[1] + 2 !== sig.length) return null;
  if (!(await getSm2Signer(ctx)).verify(payload, sig.toString('hex'))) return null;
  try {
    const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { v?: unknown; o?: unknown; n?: unknown };
    return p.v === 1 && typeof p.o === 'string' && typeof p.n === 'string' ? { outflowId: p.o, certificateNo: p.n } : null;
  } catch {
    return null;
  }
}
