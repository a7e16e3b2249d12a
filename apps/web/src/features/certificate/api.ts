import type { CertificateVerifyView, CertificateView } from '@xianfeng/contracts/certificate/certificate.schemas';
import { http } from '@/lib/http';

export type { CertificateVerifyView, CertificateView };

export const getCertificate = (memberId: string) => http.get<CertificateView>(`/api/members/${memberId}/certificate`);

export const certificateKeys = {
  mine: (memberId: string) => ['certificate', memberId] as const,
};
