import type { AuditEventView } from '@xianfeng/contracts/audit/audit.schemas';
import { http, type Page } from '@/lib/http';

export type AuditEvent = AuditEventView;

export interface AuditFilters {
  actor?: string;
  action?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

export interface ChainReport {
  ok: boolean;
  sealed: number;
  unsealed: number;
  firstBroken: { sealNo: number; seq: number; reason: string } | null;
}

export const listAuditEvents = (f: AuditFilters, page: number, pageSize: number) => http.get<Page<AuditEvent>>('/api/audit/events', { ...f, page, pageSize });
export const verifyAuditChain = () => http.get<ChainReport>('/api/audit/verify');

export const auditKeys = {
  events: (f: AuditFilters, page: number, pageSize: number) => ['audit', 'events', f, page, pageSize] as const,
  verify: ['audit', 'verify'] as const,
};
