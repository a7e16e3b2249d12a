import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getUnreadCount, notifyKeys } from './api';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** While the socket is down the badge still moves, just slower. */
const POLL_MS = 60_000;

interface SocketMessage {
  type: 'hello' | 'notification.created' | 'notification.read' | string;
  unread: number;
}

function parse(data: unknown): SocketMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const m = JSON.parse(data) as Partial<SocketMessage> | null;
    return m && typeof m.type === 'string' && typeof m.unread === 'number' ? (m as SocketMessage) : null;
  } catch {
    return null;
  }
}

/** Same origin as the page; the session cookie authenticates the socket. */
export function notifySocketUrl(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/notifications/ws`;
}

/**
 * Realtime unread count: one WebSocket per open shell once logged in. Every message carries the unread
 * count (written into the `['notifications','unread']` cache) and means the inbox may have changed (its
 * lists are refetched). Reconnects with exponential backoff (1 s … 30 s, jittered); while it is down the
 * count is polled every 60 s.
 */
export function useNotifySocket(enabled: boolean): { connected: boolean } {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!enabled || typeof WebSocket === 'undefined') return;
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;

    const schedule = () => {
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
      attempt += 1;
      retry = setTimeout(connect, delay / 2 + Math.random() * (delay / 2));
    };

    function connect() {
      retry = undefined;
      const ws = new WebSocket(notifySocketUrl());
      socket = ws;
      ws.onopen = () => {
        attempt = 0;
        setConnected(true);
      };
      ws.onmessage = (e: MessageEvent) => {
        const msg = parse(e.data);
        if (!msg) return;
        queryClient.setQueryData(notifyKeys.unread, { count: msg.unread });
        // Also on 'hello': after a reconnect, whatever arrived meanwhile is in the lists.
        void queryClient.invalidateQueries({ queryKey: notifyKeys.lists });
      };
      ws.onclose = () => {
        if (socket !== ws) return;
        socket = null;
        setConnected(false);
        if (!stopped) schedule();
      };
    }

    // Back online or back in front: do not wait out the backoff.
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
  }, [enabled, queryClient]);

  // Fallback: poll while the socket is closed.
  useQuery({ queryKey: notifyKeys.unread, queryFn: getUnreadCount, enabled: enabled && !connected, refetchInterval: POLL_MS });

  return { connected };
}
