import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { markAllRead, markRead, notifyKeys, type NotificationView } from './api';
import { inAppLink } from './labels';

/**
 * Opening a notification marks it read (the answer is the unread count left) and follows its in-app link;
 * 全部标为已读 likewise. Both shells use it, each with its own way to show an error.
 */
export function useInboxActions(onError: (text: string) => void) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const settled = async (r: { count: number }) => {
    queryClient.setQueryData(notifyKeys.unread, r);
    await queryClient.invalidateQueries({ queryKey: notifyKeys.lists });
  };
  const read = useMutation({ mutationFn: markRead, onSuccess: settled, onError: (err) => onError(errorMessage(err)) });
  const readAll = useMutation({ mutationFn: markAllRead, onSuccess: settled, onError: (err) => onError(errorMessage(err)) });

  const open = (n: NotificationView) => {
    if (!n.readAt) read.mutate(n.id);
    const link = inAppLink(n);
    if (link) void navigate(link);
  };
  return { open, readAll, reading: read.isPending ? read.variables : null };
}
