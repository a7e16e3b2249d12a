/** /admin/stats/:orgId, keeping the chosen date when moving between organisations. */
export function statsPath(orgId: string, asOf: string | null): string {
  return `/admin/stats/${orgId}${asOf ? `?asOf=${asOf}` : ''}`;
}

/** The big screen of an org (a page of its own, outside the admin console). */
export function screenPath(orgId: string | null): string {
  return orgId ? `/screen?orgId=${orgId}` : '/screen';
}
