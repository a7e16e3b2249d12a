import { useState } from 'react';
import { Button, TextArea } from 'antd-mobile';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { myLifeKeys, requestLeave, type LeaveRequest, type MeetingDetail } from '../../mobile-api';
import { canAskLeave, shortInstant } from './meeting-format';

const leaveWords: Record<LeaveRequest['status'], { text: string; tone: string; next: string }> = {
  pending: { text: '已请假，等待支部批准', tone: 'wait', next: '批准后会发消息告诉您。' },
  approved: { text: '请假已批准', tone: 'leave', next: '本次会议您不用参加。' },
  refused: { text: '请假没有批准', tone: 'bad', next: '请按时参加会议。有困难请联系支部书记。' },
};

interface Props {
  meeting: MeetingDetail;
  mine: MeetingDetail['attendees'][number] | undefined;
  leave: LeaveRequest | undefined;
  now: Date;
}

/**
 * 我要请假: one button, then a reason box and 提交. Once asked, the request's state in words (and the
 * branch's reply, if any). Only while the meeting is still open and before it ends — the server's rule.
 */
export function LeaveRequestBox({ meeting, mine, leave, now }: Props) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ask = useMutation({
    mutationFn: () => requestLeave(meeting.id, reason.trim()),
    onSuccess: () => {
      // The box turns into the request's state right away (role=status announces it); no toast over it.
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: myLifeKeys.all });
    },
    onError: (err) => setError(errorMessage(err)),
  });

  if (leave) {
    const w = leaveWords[leave.status];
    return (
      <div className="xfm-leave" role="status" data-testid="my-leave" data-leave-status={leave.status}>
        <div className={`xfm-status big ${w.tone}`}>{w.text}</div>
        <p className="xfm-leave-line">
          <span className="xfm-label">请假原因：</span>
          {leave.reason}
        </p>
        {leave.decidedReason && (
          <p className="xfm-leave-line">
            <span className="xfm-label">支部答复：</span>
            {leave.decidedReason}
          </p>
        )}
        <p className="xfm-leave-line muted">
          {shortInstant(leave.createdAt, now)} 提交。{w.next}
        </p>
      </div>
    );
  }

  const can = canAskLeave({ status: meeting.status, endsAt: meeting.endsAt, myAttendance: mine?.attendance ?? null, myLeaveStatus: null }, now);
  if (!can || !mine) return null;
  if (!open)
    return (
      <Button block size="large" color="primary" className="xfm-big-button" onClick={() => setOpen(true)} data-testid="ask-leave">
        我要请假
      </Button>
    );
  const submit = () => {
    setError(null);
    if (!reason.trim()) {
      setError('请写一下请假原因');
      return;
    }
    ask.mutate();
  };
  return (
    <div className="xfm-leave-form">
      <label htmlFor="xfm-leave-reason" className="xfm-leave-label">
        请假原因
      </label>
      <TextArea
        id="xfm-leave-reason"
        className="xfm-textarea"
        placeholder="例如：生病住院、外出探亲"
        value={reason}
        onChange={(v) => {
          setReason(v);
          setError(null);
        }}
        rows={3}
        maxLength={200}
        showCount
        autoSize={{ minRows: 3, maxRows: 6 }}
      />
      {error && (
        <div className="xfm-error" role="alert" style={{ marginTop: 10 }}>
          {error}
        </div>
      )}
      <div className="xfm-leave-actions">
        <Button size="large" onClick={() => setOpen(false)} disabled={ask.isPending}>
          不请假了
        </Button>
        <Button size="large" color="primary" onClick={submit} loading={ask.isPending} data-testid="submit-leave">
          提交请假
        </Button>
      </div>
    </div>
  );
}
