import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { formatInstant } from '@/lib/dates';
import { reviewMinutes, type MeetingView, type MinutesView } from '../api';
import { useMeetingAction } from './use-meeting-action';

/**
 * 审核 by the upper level: approve (the record is locked under a hash chained to the branch's previous
 * approved record) or return with a comment. The result and the hash are shown to everyone.
 */
export function ReviewCard({ meeting, minutes, canReview }: { meeting: MeetingView; minutes: MinutesView | null | undefined; canReview: boolean }) {
  const { busy, run } = useMeetingAction(meeting.id);
  const [comment, setComment] = useState('');
  const [needComment, setNeedComment] = useState(false);
  const review = minutes?.review;
  const pending = meeting.status === 'confirmed';
  const decide = async (decision: 'approve' | 'return') => {
    const c = comment.trim();
    if (decision === 'return' && !c) {
      setNeedComment(true);
      return;
    }
    const ok = await run(decision, () => reviewMinutes(meeting.id, { decision, comment: c || undefined }), decision === 'approve' ? '已审核通过，记录已锁定' : '已退回支部修改');
    if (ok) setComment('');
  };
  return (
    <Card title="审核" id="review">
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        {review && (
          <Alert
            type={review.decision === 'approve' ? 'success' : 'error'}
            showIcon
            data-testid="review-result"
            title={`${review.decision === 'approve' ? '审核通过' : '退回修改'}（${review.by}，${formatInstant(review.at)}）`}
            description={review.comment ? `审核意见：${review.comment}` : undefined}
          />
        )}
        {meeting.status === 'approved' && minutes?.hash && (
          <Typography.Paragraph style={{ margin: 0 }} data-testid="minutes-hash">
            记录校验码（SM3）：<Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{minutes.hash}</Typography.Text>
          </Typography.Paragraph>
        )}
        {pending && canReview && (
          <>
            <Typography.Text>审核意见（退回时必填）</Typography.Text>
            <Input.TextArea
              aria-label="审核意见"
              rows={3}
              maxLength={1000}
              value={comment}
              status={needComment ? 'error' : undefined}
              onChange={(e) => (setComment(e.target.value), setNeedComment(false))}
            />
            {needComment && <Typography.Text type="danger">退回须填写审核意见</Typography.Text>}
            <Space wrap>
              <Button type="primary" size="large" loading={busy === 'approve'} onClick={() => void decide('approve')}>
                审核通过
              </Button>
              <Button danger size="large" loading={busy === 'return'} onClick={() => void decide('return')}>
                退回
              </Button>
            </Space>
          </>
        )}
        {pending && !canReview && <Typography.Text type="secondary">等待上级党组织审核。</Typography.Text>}
        {!pending && !review && <Typography.Text type="secondary">记录人和主持人都确认后，由上级党组织审核。</Typography.Text>}
      </Space>
    </Card>
  );
}
