import { z } from 'zod';
import type { JobHandler } from '../../platform/jobs/jobs.ts';
import { applyMeetingPoints } from './points.service.ts';

const meetingConfirmedPayload = z.object({ meetingId: z.uuid() });

/**
 * `points.meeting_confirmed` {meetingId}, enqueued by the life module in the transaction that completes a
 * confirmation (the outbox). Idempotent: it replaces the meeting's events, so a retry or a re-confirmation
 * gives the same rows. A malformed payload can never succeed: it fails the job with a clear error.
 */
export const onMeetingConfirmed: JobHandler = async (ctx, job) => {
  const payload = meetingConfirmedPayload.safeParse(job.payload);
  if (!payload.success) throw new Error(`points.meeting_confirmed: bad payload ${JSON.stringify(job.payload)}`);
  await applyMeetingPoints(ctx, { meetingId: payload.data.meetingId });
};
