import { z } from 'zod';
import { memberStates, memberStatuses } from '../member/member.enums.ts';

/** The longest token the verify endpoint looks at (a genuine one is about 200 characters). */
export const CERTIFICATE_TOKEN_MAX = 1000;

/** GET /api/members/:id/certificate: the signed token, the public verify path and the PDF path. */
export const certificateView = z.object({
  token: z.string(),
  verifyUrl: z.string(),
  pdfUrl: z.string(),
  /** The QR code of verifyUrl as a data:image/png URL, for the H5 card. */
  qrDataUrl: z.string(),
  name: z.string(),
  orgName: z.string(),
  status: z.enum(memberStatuses),
  joinedOn: z.string(),
  idNumber: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
});
export type CertificateView = z.infer<typeof certificateView>;

/** Junk never fails validation: an over-long, repeated or missing token reads as undefined, i.e. not valid. */
export const certificateVerifyQuery = z.object({ token: z.string().max(CERTIFICATE_TOKEN_MAX).optional().catch(undefined) });

/** GET /api/certificates/verify: whether a token is genuine and current; nulls when it is not genuine. */
export const certificateVerifyView = z.object({
  valid: z.boolean(),
  state: z.enum([...memberStates, 'expired', 'invalid']),
  name: z.string().nullable(),
  org: z.string().nullable(),
  status: z.enum(memberStatuses).nullable(),
  issuedAt: z.string().nullable(),
});
export type CertificateVerifyView = z.infer<typeof certificateVerifyView>;
