/**
 * External channels behind one interface. SMS and WeChat template messages are HTTP adapters to a
 * provider gateway configured by environment (secrets never live in the database); the log channel
 * records what would be sent and never claims delivery. The in-app inbox is not a channel adapter: every
 * notification is an inbox entry.
 */
export interface OutboundMessage {
  /** Our delivery id, sent as the provider's out-id: the provider dedupes on it, so a retry never sends twice. */
  deliveryId: string;
  to: string;
  template: string;
  title: string;
  body: string;
}

export type ExternalChannel = 'sms' | 'wechat';

export interface ChannelAdapter {
  channel: ExternalChannel | 'log';
  send(m: OutboundMessage): Promise<{ providerMessageId: string; status: 'sent' | 'logged' }>;
}

export interface ProviderConfig {
  url: string;
  token: string;
}

/** Provider gateways from the environment: XIANFENG_SMS_URL / _TOKEN, XIANFENG_WECHAT_URL / _TOKEN. */
export function providerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Record<ExternalChannel, ProviderConfig>> {
  const out: Partial<Record<ExternalChannel, ProviderConfig>> = {};
  if (env.XIANFENG_SMS_URL && env.XIANFENG_SMS_TOKEN) out.sms = { url: env.XIANFENG_SMS_URL, token: env.XIANFENG_SMS_TOKEN };
  if (env.XIANFENG_WECHAT_URL && env.XIANFENG_WECHAT_TOKEN) out.wechat = { url: env.XIANFENG_WECHAT_URL, token: env.XIANFENG_WECHAT_TOKEN };
  return out;
}

/**
 * Gateway protocol: POST JSON `{outId, channel, to, template, title, body}` with `Authorization: Bearer`;
 * 2xx with `{messageId}`. The gateway must treat a repeated outId as the same message (idempotent).
 * Delivery receipts come back to POST /api/notify/receipts/:channel.
 */
export function httpProviderAdapter(channel: ExternalChannel, cfg: ProviderConfig, timeoutMs = 10_000): ChannelAdapter {
  return {
    channel,
    async send(m) {
      const res = await fetch(cfg.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cfg.token}` },
        body: JSON.stringify({ outId: m.deliveryId, channel, to: m.to, template: m.template, title: m.title, body: m.body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`${channel} gateway answered ${res.status}`);
      const body = (await res.json().catch(() => ({}))) as { messageId?: unknown };
      if (typeof body.messageId !== 'string') throw new Error(`${channel} gateway gave no messageId`);
      return { providerMessageId: body.messageId, status: 'sent' };
    },
  };
}

/** Development: writes what would be sent (destination masked) and reports `logged`, never `sent`. */
export function logAdapter(write: (line: string) => void = (l) => console.info(l)): ChannelAdapter {
  return {
    channel: 'log',
    async send(m) {
      const masked = m.to.length >= 7 ? `${m.to.slice(0, 3)}****${m.to.slice(-4)}` : '****';
      write(`[notify:log] would send ${m.template} to ${masked}: ${m.title} — ${m.body}`);
      return { providerMessageId: `log:${m.deliveryId}`, status: 'logged' };
    },
  };
}

export interface ChannelRegistry {
  adapterFor(channel: ExternalChannel): ChannelAdapter;
  tokenFor(channel: ExternalChannel): string | null;
}

/** Configured providers; unconfigured channels fall back to the log channel (nothing claims delivery). */
export function createChannelRegistry(cfg = providerConfigFromEnv(), log: ChannelAdapter = logAdapter()): ChannelRegistry {
  const adapters = new Map<ExternalChannel, ChannelAdapter>();
  for (const ch of ['sms', 'wechat'] as const) {
    const c = cfg[ch];
    if (c) adapters.set(ch, httpProviderAdapter(ch, c));
  }
  return {
    adapterFor: (ch) => adapters.get(ch) ?? log,
    tokenFor: (ch) => cfg[ch]?.token ?? null,
  };
}

let registry: ChannelRegistry = createChannelRegistry();

/** The process's channels (tests install a registry pointing at a loopback fake gateway). */
export function channelRegistry(): ChannelRegistry {
  return registry;
}

export function installChannelRegistry(r: ChannelRegistry): void {
  registry = r;
}
