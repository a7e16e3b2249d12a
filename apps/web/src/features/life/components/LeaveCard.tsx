import { useState } from 'react';
import { Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { formatInstant } from '@/lib/dates';
import { decideLeave, type LeaveRequest, type MeetingView } from '../api';
import { useMeetingAction } from './use-meeting-action';

const statusTag = { pending: <Tag color="orange">待批准</Tag>, approved: <Tag color="green">已批准</Tag>, refused: <Tag color="red">未批准</Tag> } as const;

/** 请假: members ask from their phones; the organiser approves (on leave, not absent) or refuses with a reason. */
export function LeaveCard({ meeting, canWrite }: { meeting: MeetingView; canWrite: boolean }) {
  const { busy, run } = useMeetingAction(meeting.id);
  const [deciding, setDeciding] = useState<{ request: LeaveRequest; decision: 'approve' | 'refuse' } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const pending = meeting.leaveRequests.filter((l) => l.status === 'pending').length;

  const submit = async () => {
    if (!deciding) return;
    const r = reason.trim();
    if (deciding.decision === 'refuse' && !r) {
      setReasonError(true);
      return;
    }
    const ok = await run(
      'decide',
      () => decideLeave(meeting.id, deciding.request.id, { decision: deciding.decision, reason: r || undefined }),
      deciding.decision === 'approve' ? '已批准请假' : '已不批准请假',
    );
    if (ok) setDeciding(null);
  };

  return (
    <Card title={pending ? `请假（${pending} 条待批准）` : '请假'} id="leave">
      <Table<LeaveRequest>
        data-testid="leave-requests"
        rowKey="id"
        size="small"
        dataSource={meeting.leaveRequests}
        pagination={false}
        locale={{ emptyText: '没有请假申请。党员可在手机端“我的会议”中请假。' }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          {
            title: '请假原因',
            render: (_, l) => (
              <>
                <div>{l.reason}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatInstant(l.createdAt)}提交{l.decidedReason ? ` · 批复：${l.decidedReason}` : ''}
                </Typography.Text>
              </>
            ),
          },
          { title: '状态', width: 90, render: (_, l) => statusTag[l.status] },
          ...(canWrite
            ? [
                {
                  title: '操作',
                  width: 150,
                  render: (_: unknown, l: LeaveRequest) =>
                    l.status === 'pending' && (
                      <Space>
                        <Button size="small" type="primary" onClick={() => (setReason(''), setReasonError(false), setDeciding({ request: l, decision: 'approve' }))}>
                          批准
                        </Button>
                        <Button size="small" danger onClick={() => (setReason(''), setReasonError(false), setDeciding({ request: l, decision: 'refuse' }))}>
                          不批准
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!deciding}
        title={deciding ? `${deciding.decision === 'approve' ? '批准' : '不批准'} ${deciding.request.name} 的请假` : ''}
        okText="确定"
        cancelText="返回"
        confirmLoading={busy === 'decide'}
        onOk={() => void submit()}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>请假原因：{deciding?.request.reason}</Typography.Paragraph>
        <Typography.Text>{deciding?.decision === 'refuse' ? '不批准的理由（必填）' : '说明（可不填）'}</Typography.Text>
        <Input.TextArea
          aria-label="批复说明"
          rows={3}
          maxLength={200}
          status={reasonError ? 'error' : undefined}
          value={reason}
          onChange={(e) => (setReason(e.target.value), setReasonError(false))}
          style={{ marginTop: 6 }}
        />
        {reasonError && <Typography.Text type="danger">不批准请假须说明理由</Typography.Text>}
      </Modal>
    </Card>
  );
}
