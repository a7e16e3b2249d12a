import crypto from 'node:crypto';
import type { z } from 'zod';
import type { receiptBody } from '@xianfeng/contracts/notify/notify.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { JobRow } from '../../platform/jobs/jobs.ts';
import * as repo from './notify.repository.ts';
import { channelRegistry, type ExternalChannel } from './notify.channels.ts';
import { sendNotification, type SendInput } from './notify.service.ts';

const FINAL = new Set(['sent', 'logged', 'delivered', 'failed']);

/**
 * Job `notify.deliver`: one external delivery. The row is marked `sending` (committed) before the provider
 * call; a retry after a crash resends with the same out-id, which the gateway treats as the same message —
 * so a (notification, channel) pair reaches the provider as one message however often the job runs.
 */
export async function deliverNotification(ctx: Ctx, job: JobRow): Promise<void> {
  const deliveryId = String(job.payload.deliveryId);
  const d = await inTransaction(ctx, async (tx) => {
    const row = await repo.findDeliveryForUpdate(tx.db, deliveryId);
    if (!row || FINAL.has(row.status)) return null;
    await repo.setDeliveryStatus(tx.db, row.id, { status: 'sending', bumpAttempts: true });
    return row;
  });
  if (!d) return;
  const adapter = channelRegistry().adapterFor(d.channel as ExternalChannel);
  try {
    const to = ctx.crypto.decryptField(d.targetEnc ?? '', `delivery|${d.notificationId}|${d.channel}`);
    const r = await adapter.send({ deliveryId: d.id, to, template: d.template, title: d.title, body: d.body });
    await repo.setDeliveryStatus(ctx.db, d.id, { status: r.status, providerMessageId: r.providerMessageId, sentAt: ctx.clock.now() });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const last = job.attempts >= job.maxAttempts;
    await repo.setDeliveryStatus(ctx.db, d.id, { status: last ? 'failed' : 'retry', lastError: message });
    throw err;
  }
}

/** Job `notify.send`: a send scheduled with `notBefore`, run at its time. */
export async function runScheduledSend(ctx: Ctx, job: JobRow): Promise<void> {
  await sendNotification(ctx, job.payload as unknown as SendInput);
}

/** The signature a gateway puts on a receipt: HMAC-SM3(channel token, "deliveryId|status|providerMessageId|error"). */
export function receiptSignature(token: string, r: { deliveryId: string; status: string; providerMessageId?: string | undefined; error?: string | undefined }): string {
  return crypto.createHmac('sm3', token).update(`${r.deliveryId}|${r.status}|${r.providerMessageId ?? ''}|${r.error ?? ''}`).digest('hex');
}

/** Delivery receipts from a provider gateway (public endpoint, authenticated by the signature). */
export async function recordReceipt(ctx: Ctx, input: { channel: ExternalChannel; signature: string | undefined; receipt: z.infer<typeof receiptBody> }) {
  const token = channelRegistry().tokenFor(input.channel);
  const expected = token ? receiptSignature(token, input.receipt) : null;
  if (!expected || !input.signature || Buffer.byteLength(input.signature) !== Buffer.byteLength(expected) || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(input.signature))) {
    throw new AppError('NOTIFY_RECEIPT_UNAUTHENTICATED');
  }
  await inTransaction(ctx, async (tx) => {
    const row = await repo.findDeliveryForUpdate(tx.db, input.receipt.deliveryId);
    if (!row || row.channel !== input.channel) throw notFound();
    await repo.setDeliveryStatus(tx.db, row.id, {
      status: input.receipt.status,
      providerMessageId: input.receipt.providerMessageId ?? null,
      lastError: input.receipt.error ?? null,
      receiptAt: tx.clock.now(),
    });
  });
  return { ok: true as const };
}

