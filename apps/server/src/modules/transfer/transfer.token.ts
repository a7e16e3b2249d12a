import type { Ctx } from '../../platform/context.ts';
import { readToken, signToken } from '../../platform/crypto/signed-token.ts';

/** The 介绍信's QR: the transfer and letter number, signed by the platform's key (`platform/crypto/signed-token.ts`). */

export const letterVerifyPath = (token: string) => `/verify/transfer-letter/${token}`;

export const letterToken = (ctx: Ctx, transferId: string, letterNo: string): Promise<string> => signToken(ctx, { v: 1, t: transferId, n: letterNo });

/** The signed facts, or null when forged or malformed. */
export async function readLetterToken(ctx: Ctx, token: string | undefined): Promise<{ transferId: string; letterNo: string } | null> {
  const p = await readToken(ctx, token);
  return p && p.v === 1 && typeof p.t === 'string' && typeof p.n === 'string' ? { transferId: p.t, letterNo: p.n } : null;
}
