import type { Ctx } from '../../platform/context.ts';
import { readToken, signToken } from '../../platform/crypto/signed-token.ts';

/** The 活动证's QR: the registration and certificate number, signed by the platform's key (`platform/crypto/signed-token.ts`). */

export const mobileVerifyPath = (token: string) => `/verify/mobile/${token}`;

export const certificateToken = (ctx: Ctx, outflowId: string, certificateNo: string): Promise<string> => signToken(ctx, { v: 1, o: outflowId, n: certificateNo });

/** The signed facts, or null for anything forged, altered or malformed (never throws). */
export async function readCertificateToken(ctx: Ctx, token: string | undefined): Promise<{ outflowId: string; certificateNo: string } | null> {
  const p = await readToken(ctx, token);
  return p && p.v === 1 && typeof p.o === 'string' && typeof p.n === 'string' ? { outflowId: p.o, certificateNo: p.n } : null;
}
