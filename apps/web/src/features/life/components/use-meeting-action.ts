import { useState } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { lifeKeys } from '../api';

/**
 * Runs one action on a meeting: shows the server's message on failure, a short confirmation on success,
 * and reloads the meeting, its minutes and the calendar. Returns whether it succeeded.
 */
export function useMeetingAction(meetingId: string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, action: () => Promise<unknown>, done: string): Promise<boolean> => {
    setBusy(key);
    try {
      await action();
      void message.success(done);
      return true;
    } catch (err) {
      void message.error(errorMessage(err));
      return false;
    } finally {
      setBusy(null);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: lifeKeys.meeting(meetingId) }),
        queryClient.invalidateQueries({ queryKey: lifeKeys.minutes(meetingId) }),
        queryClient.invalidateQueries({ queryKey: ['life', 'meetings'] }),
      ]);
    }
  };
  return { busy, run };
}

export const attendanceLabels = {
  present: { text: '到会', color: 'green' },
  online: { text: '线上参加', color: 'cyan' },
  leave: { text: '请假', color: 'orange' },
  absent: { text: '缺席', color: 'red' },
} as const;
