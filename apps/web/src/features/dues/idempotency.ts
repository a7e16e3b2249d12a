import { useRef } from 'react';
import { ApiError } from '@/lib/http';

/** A random UUID; crypto.randomUUID exists only in secure contexts, so plain-HTTP intranet installs fall back. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A failure after which the server may or may not have recorded the write: the connection dropped (0),
 * the first attempt is still running (409), or the server failed (5xx). Retrying the same submission must
 * then send the same key, so the money is recorded once.
 */
const uncertain = (err: unknown) => err instanceof ApiError && (err.status === 0 || err.status === 409 || err.status >= 500);

/**
 * Idempotency-Key per form submission (money writes, ARCHITECTURE §8): a new key for each new submission;
 * the same key when the identical body is sent again after an uncertain failure. After a definite refusal
 * (4xx) the next attempt gets a new key: the server replays a key's stored answer, and the user may have
 * fixed the cause meanwhile (e.g. a reason registered for an old month).
 */
export function useIdempotencyKey() {
  const last = useRef<{ body: string; key: string; reuse: boolean } | null>(null);
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      const cur = last.current;
      if (cur && cur.reuse && cur.body === text) return cur.key;
      const key = newIdempotencyKey();
      last.current = { body: text, key, reuse: false };
      return key;
    },
    /** After a failed attempt: keep the key for an identical retry only when the outcome is unknown. */
    failed(err: unknown): void {
      if (last.current) last.current.reuse = uncertain(err);
    },
    /** After success (or when the form is opened afresh): the next submission is a new one. */
    reset(): void {
      last.current = null;
    },
  };
}

/** The message for a failed money write: after an uncertain failure, tell the user that retrying is safe. */
export function paymentErrorText(err: unknown, fallback: string): string {
  if (err instanceof ApiError && err.status === 0) return '网络连接中断，无法确认是否已记录。请检查网络后再点一次提交：系统会识别为同一笔，不会重复记账。';
  if (err instanceof ApiError && err.status === 409) return `${err.message}。稍后再点一次提交即可看到结果，不会重复记账。`;
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : fallback;
}
