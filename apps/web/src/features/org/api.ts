import type { z } from 'zod';
import type {
  createOrgBody,
  directoryEntry,
  OrgTreeNode,
  OrgView,
  OrgWarning,
  updateOrgBody,
} from '@xianfeng/contracts/org/org.schemas';
import { http, type Page } from '@/lib/http';

export type DirectoryEntry = z.infer<typeof directoryEntry>;
export type CreateOrgInput = z.input<typeof createOrgBody>;
export type UpdateOrgInput = z.input<typeof updateOrgBody>;

/** The caller's covered roots, or one node (rootId) with `depth` levels of children. */
export const getOrgTree = (q: { rootId?: string; depth?: number } = {}) => http.get<OrgTreeNode[]>('/api/orgs/tree', q);
export const searchOrgDirectory = (q: string, page = 1, pageSize = 20) => http.get<Page<DirectoryEntry>>('/api/orgs/directory', { q, page, pageSize });
export const getOrg = (id: string) => http.get<OrgView>(`/api/orgs/${id}`);
export const listSubtreeWarnings = (id: string, page: number, pageSize: number) => http.get<Page<OrgWarning>>(`/api/orgs/${id}/warnings`, { page, pageSize });
export const createOrg = (input: CreateOrgInput) => http.post<OrgView>('/api/orgs', input);
export const updateOrg = (id: string, patch: UpdateOrgInput) => http.patch<OrgView>(`/api/orgs/${id}`, patch);

export const orgKeys = {
  all: ['org'] as const,
  tree: (rootId: string | null) => ['org', 'tree', rootId] as const,
  view: (id: string) => ['org', 'view', id] as const,
  warnings: (id: string, page: number, pageSize: number) => ['org', 'warnings', id, page, pageSize] as const,
  directory: (q: string) => ['org', 'directory', q] as const,
};

const treeEvents = new EventTarget();

/** Tell the org tree that the children of `parentId` changed (create, rename). */
export function notifyOrgTreeChanged(parentId: string | null): void {
  treeEvents.dispatchEvent(new CustomEvent('changed', { detail: parentId }));
}

/** Subscribe to tree changes; returns the unsubscribe function. */
export function onOrgTreeChanged(listener: (parentId: string | null) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<string | null>).detail);
  treeEvents.addEventListener('changed', handler);
  return () => treeEvents.removeEventListener('changed', handler);
}
