import { z } from 'zod';
import { CERTIFICATE_TOKEN_MAX } from '@xianfeng/contracts/certificate/certificate.schemas';

/**
 * 党员电子活动证 token: base64url(JSON payload) + '.' + base64url(SM2 signature over the first part).
 * Compact enough for a QR code (about 250 characters).
 */
export const certificatePayload = z.object({
  v: z.literal(1),
  m: z.uuid(),
  iat: z.iso.datetime(),
  exp: z.iso.datetime(),
});
export type CertificatePayload = z.infer<typeof certificatePayload>;

const B64URL = /^[A-Za-z0-9_-]+$/;

/** A certificate is valid for one year from issue. */
export function certificateExpiry(issuedAt: Date): Date {
  const exp = new Date(issuedAt);
  exp.setUTCFullYear(exp.getUTCFullYear() + 1);
  return exp;
}

export function encodeCertificatePayload(p: CertificatePayload): string {
  return Buffer.from(JSON.stringify(p), 'utf8').toString('base64url');
}

export function joinToken(payloadPart: string, signatureHex: string): string {
  return `${payloadPart}.${Buffer.from(signatureHex, 'hex').toString('base64url')}`;
}

/** Splits a token into its signed part and hex signature; undefined for anything malformed. */
export function splitToken(token: string): { payloadPart: string; signatureHex: string } | undefined {
  if (token.length === 0 || token.length > CERTIFICATE_TOKEN_MAX) return undefined;
  const parts = token.split('.');
  if (parts.length !== 2) return undefined;
  const [payloadPart, sigPart] = parts as [string, string];
  if (!B64URL.test(payloadPart) || !B64URL.test(sigPart) || sigPart.length > 200) return undefined;
  const sig = Buffer.from(sigPart, 'base64url');
  // Re-encoding must give the same text, so no two spellings of one signature exist.
  if (sig.length === 0 || sig.toString('base64url') !== sigPart) return undefined;
  // A DER SEQUENCE whose declared length is exactly what follows (SM2 signatures are < 128 bytes, short form):
  // the SM2 library tolerates trailing bytes, so without this one signature would have many spellings.
  if (sig[0] !== 0x30 || sig[1] === undefined || sig[1] >= 0x80 || sig[1] + 2 !== sig.length) return undefined;
  return { payloadPart, signatureHex: sig.toString('hex') };
}

/** Parses the signed part, after the signature has been checked; undefined when it is not a v1 payload. */
export function parseCertificatePayload(payloadPart: string): CertificatePayload | undefined {
  try {
    const r = certificatePayload.safeParse(JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The name as the public verify page shows it: the first and last character kept, the middle hidden
 * (张*明, 欧阳**华); a two-character name keeps the first (王*).
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('') || '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
