import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { statsSocketMessage } from '@xianfeng/contracts/stats/stats.schemas';
import { statsKeys } from './api';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
const MIN_REFETCH_MS = 1_000;
const BUSY_RECHECK_MS = 250;

export function statsSocketUrl(orgId: string, loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/stats/ws?orgId=${encodeURIComponent(orgId)}`;
}

/**
 * Live figures: one WebSocket on the org shown (GET /api/stats/ws?orgId=, session cookie). Every
 * `stats.changed` — and `hello` after a reconnect, since changes may have been missed — refetches the
 * statistics queries on screen, so a committed change shows without a reload. Reconnects with a jittered
 * backoff (1 s … 30 s); `connected` lets the page poll while it is down.
 */
export function useStatsSocket(orgId: string | null): { connected: boolean; lastChange: string | null } {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  const [lastChange, setLastChange] = useState<string | null>(null);

  useEffect(() => {
    if (!orgId || typeof WebSocket === 'undefined') return;
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let opened = false;
    let stopped = false;

    // At most one refetch a second, and never over one still running (it would be cancelled and restarted
    // forever: a province root changes many times a second, and its overview takes longer than a row's read);
    // a change during a refetch is followed by one more once it is done.
    let lastRefetch = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const fire = () => {
      if (queryClient.isFetching({ queryKey: statsKeys.all }) > 0) {
        pending = setTimeout(fire, BUSY_RECHECK_MS);
        return;
      }
      pending = undefined;
      lastRefetch = Date.now();
      void queryClient.invalidateQueries({ queryKey: statsKeys.all });
    };
    const refetch = () => {
      if (!pending) pending = setTimeout(fire, Math.max(0, lastRefetch + MIN_REFETCH_MS - Date.now()));
    };

    function connect() {
      retry = undefined;
      const ws = new WebSocket(statsSocketUrl(orgId!));
      socket = ws;
      ws.onopen = () => {
        attempt = 0;
        setConnected(true);
      };
      ws.onmessage = (e: MessageEvent) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(String(e.data));
        } catch {
          return;
        }
        const msg = statsSocketMessage.safeParse(parsed);
        if (!msg.success) return;
        if (msg.data.type === 'stats.changed') {
          setLastChange(msg.data.at);
          refetch();
        } else if (opened) {
          refetch();
        }
        opened = true;
      };
      ws.onclose = (e: CloseEvent) => {
        if (socket !== ws) return;
        socket = null;
        setConnected(false);
        // 4401 / 4403 / 4404 (not logged in, no stats.read, org out of scope): retrying will not help; the
        // page's own request shows why (or sends to the login page). Polling takes over meanwhile.
        if (stopped || (e.code >= 4400 && e.code < 4500)) return;
        const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
        attempt += 1;
        retry = setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
      };
    }

    const wake = () => {
      if (stopped || socket || document.visibilityState === 'hidden') return;
      clearTimeout(retry);
      attempt = 0;
      connect();
    };
    window.addEventListener('online', wake);
    document.addEventListener('visibilitychange', wake);
    connect();

    return () => {
      stopped = true;
      clearTimeout(retry);
      clearTimeout(pending);
      window.removeEventListener('online', wake);
      document.removeEventListener('visibilitychange', wake);
      const ws = socket;
      socket = null;
      setConnected(false);
      if (!ws) return;
      // Closing a socket that is still connecting makes the browser log an error; close it once open.
      if (ws.readyState === WebSocket.CONNECTING) ws.onopen = () => ws.close();
      else ws.close();
    };
  }, [orgId, queryClient]);

  return { connected, lastChange };
}
