import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback fake of the SMS / WeChat provider gateway (protocol in notify.channels.ts): POST JSON
 * `{outId, channel, to, template, title, body}` with `Authorization: Bearer <token>`, answered `{messageId}`.
 * Like a real gateway must, it treats a repeated outId as the same message (one message, same messageId).
 * It can be told to fail the next N requests (before or after accepting the message) and signs delivery
 * receipts the way the protocol says — computed here independently of the server's code.
 */

export type GatewayChannel = 'sms' | 'wechat';

export interface GatewayMessage {
  outId: string;
  channel: GatewayChannel;
  to: string;
  template: string;
  title: string;
  body: string;
  messageId: string;
}

export interface ReceiptRequest {
  url: string;
  body: { deliveryId: string; status: 'delivered' | 'failed'; providerMessageId?: string; error?: string };
  headers: Record<string, string>;
}

export interface FakeGateway {
  /** For `createChannelRegistry(gateway.config)`. */
  config: Record<GatewayChannel, { url: string; token: string }>;
  /** Accepted messages, one per outId, in arrival order. */
  messages: GatewayMessage[];
  /** Every POST that reached the gateway (retries included), with the answer it got. */
  requests: { channel: GatewayChannel; outId: string | null; status: number }[];
  /** Messages of one channel. */
  received: (channel: GatewayChannel) => GatewayMessage[];
  /** How many requests carried this outId. */
  attemptsFor: (outId: string) => number;
  /**
   * The next `n` requests fail with `status`. With `afterAccept`, the message is accepted (recorded, deduped)
   * before the error answer — a provider that sent it but whose answer never arrived.
   */
  failNext: (n: number, opts?: { status?: number; afterAccept?: boolean }) => void;
  /** A receipt for an accepted message, signed with the channel's token (or `signWith`). */
  receipt: (outId: string, opts?: { status?: 'delivered' | 'failed'; signWith?: string; channel?: GatewayChannel; error?: string }) => ReceiptRequest;
  /** Posts a receipt through `post` (the test app's inject, or a real HTTP client). */
  postReceipt: <R>(outId: string, post: (r: ReceiptRequest) => Promise<R>, opts?: Parameters<FakeGateway['receipt']>[1]) => Promise<R>;
  reset: () => void;
  close: () => Promise<void>;
}

/**
 * HMAC-SM3(token, "deliveryId|status|providerMessageId|error") in hex, absent parts empty: the receipt
 * signature of the protocol (docs/ARCHITECTURE.md §9 "Receipts").
 */
export function signReceipt(token: string, r: { deliveryId: string; status: string; providerMessageId?: string; error?: string }): string {
  return crypto.createHmac('sm3', token).update(`${r.deliveryId}|${r.status}|${r.providerMessageId ?? ''}|${r.error ?? ''}`).digest('hex');
}

export async function startFakeGateway(opts: { tokens?: Partial<Record<GatewayChannel, string>> } = {}): Promise<FakeGateway> {
  const tokens: Record<GatewayChannel, string> = {
    sms: opts.tokens?.sms ?? `sms-token-${crypto.randomBytes(8).toString('hex')}`,
    wechat: opts.tokens?.wechat ?? `wechat-token-${crypto.randomBytes(8).toString('hex')}`,
  };
  const messages: GatewayMessage[] = [];
  const byOutId = new Map<string, GatewayMessage>();
  const requests: FakeGateway['requests'] = [];
  let failures: { status: number; afterAccept: boolean }[] = [];

  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const channel = req.url?.replace(/^\//, '') as GatewayChannel;
      if (req.method !== 'POST' || (channel !== 'sms' && channel !== 'wechat')) return answer(res, 404, { error: 'no such endpoint' });
      let body: Partial<GatewayMessage>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<GatewayMessage>;
      } catch {
        requests.push({ channel, outId: null, status: 400 });
        return answer(res, 400, { error: 'bad json' });
      }
      const outId = typeof body.outId === 'string' ? body.outId : null;
      const record = (status: number) => requests.push({ channel, outId, status });
      if (req.headers.authorization !== `Bearer ${tokens[channel]}`) {
        record(401);
        return answer(res, 401, { error: 'bad token' });
      }
      if (!outId || typeof body.to !== 'string' || !body.to) {
        record(400);
        return answer(res, 400, { error: 'outId and to are required' });
      }
      const failure = failures.shift();
      if (failure && !failure.afterAccept) {
        record(failure.status);
        return answer(res, failure.status, { error: 'injected failure' });
      }
      let m = byOutId.get(outId);
      if (!m) {
        m = {
          outId,
          channel,
          to: body.to,
          template: String(body.template ?? ''),
          title: String(body.title ?? ''),
          body: String(body.body ?? ''),
          messageId: `${channel}-msg-${messages.length + 1}-${crypto.randomBytes(4).toString('hex')}`,
        };
        byOutId.set(outId, m);
        messages.push(m);
      }
      if (failure) {
        record(failure.status);
        return answer(res, failure.status, { error: 'injected failure after accepting' });
      }
      record(200);
      return answer(res, 200, { messageId: m.messageId });
    });
  });
  // PGlite runs on the event loop: a long query (an hourly scan, a busy machine) can hold both keep-alive timers past
  // their time, and the server may then close a socket the client reuses at once ("fetch failed"). Keep idle sockets
  // open far longer than any pause in a test.
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const receipt: FakeGateway['receipt'] = (outId, o = {}) => {
    const m = byOutId.get(outId);
    const channel = o.channel ?? m?.channel ?? 'sms';
    const body: ReceiptRequest['body'] = {
      deliveryId: outId,
      status: o.status ?? 'delivered',
      ...(m ? { providerMessageId: m.messageId } : {}),
      ...(o.error ? { error: o.error } : {}),
    };
    return {
      url: `/api/notify/receipts/${channel}`,
      body,
      headers: { 'content-type': 'application/json', 'x-xianfeng-signature': signReceipt(o.signWith ?? tokens[channel], body) },
    };
  };

  return {
    config: { sms: { url: `${base}/sms`, token: tokens.sms }, wechat: { url: `${base}/wechat`, token: tokens.wechat } },
    messages,
    requests,
    received: (channel) => messages.filter((m) => m.channel === channel),
    attemptsFor: (outId) => requests.filter((r) => r.outId === outId).length,
    failNext: (n, o = {}) => {
      for (let i = 0; i < n; i++) failures.push({ status: o.status ?? 503, afterAccept: o.afterAccept ?? false });
    },
    receipt,
    postReceipt: (outId, post, o) => post(receipt(outId, o)),
    reset: () => {
      messages.length = 0;
      requests.length = 0;
      byOutId.clear();
      failures = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
