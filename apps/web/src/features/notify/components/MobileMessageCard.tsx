import { formatInstant } from '@/lib/dates';
import type { NotificationView } from '../api';
import { categoryText, inAppLink, onBehalfText, shownTitle } from '../labels';

interface Props {
  n: NotificationView;
  onOpen: (n: NotificationView) => void;
}

/** One message on the H5: a big card, the whole card is the button; unread ones are red-edged and bold. */
export function MobileMessageCard({ n, onOpen }: Props) {
  const unread = !n.readAt;
  const behalf = onBehalfText(n);
  return (
    <button type="button" className={unread ? 'xfm-msg unread' : 'xfm-msg'} onClick={() => onOpen(n)} data-testid="message" data-unread={unread}>
      <span className="xfm-msg-head">
        {unread && <span className="xfm-chip unread">未读</span>}
        <span className="xfm-msg-title">{shownTitle(n)}</span>
      </span>
      <span className="xfm-msg-head" style={{ marginTop: 6 }}>
        <span className="xfm-chip kind">{categoryText(n.category)}</span>
        {behalf && <span className="xfm-chip behalf">{behalf}</span>}
      </span>
      <p className="xfm-msg-body">{n.body}</p>
      <span className="xfm-msg-foot">
        <span>{formatInstant(n.createdAt)}</span>
        {inAppLink(n) && <span className="xfm-msg-go">查看 ›</span>}
      </span>
    </button>
  );
}
