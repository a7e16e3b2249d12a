import { Alert, Empty, Spin, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { memberFieldLabels } from '@xianfeng/contracts/member/member.schemas';
import { errorMessage } from '@/lib/http';
import { formatInstant } from '@/lib/dates';
import { getMemberHistory, memberKeys, type MemberEvent } from '../api';
import { describeStanding, standingKindLabels } from '../standing-text';

const kindLabels: Record<string, string> = {
  created: '建立档案',
  updated: '修改档案',
  discipline: '纪律处分',
  transferred: '组织关系转接',
  ...standingKindLabels,
};

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '空' : typeof v === 'boolean' ? (v ? '是' : '否') : String(v));

function describe(e: MemberEvent): string[] {
  const standing = describeStanding(e);
  if (standing) return standing;
  const d = e.details;
  if (d.changes && typeof d.changes === 'object') {
    return Object.entries(d.changes as Record<string, { from?: unknown; to?: unknown } | null>).map(([f, c]) => {
      const label = memberFieldLabels[f] ?? f;
      if (!c || typeof c !== 'object' || !('from' in c || 'to' in c)) return `${label}：已修改`;
      // Sensitive fields are recorded without their values (the server writes a placeholder on both sides).
      if (c.from === c.to) return `${label}：已修改（敏感信息不记录内容）`;
      return `${label}：${shown(c.from)} → ${shown(c.to)}`;
    });
  }
  if (d.source === 'demo-seed') return ['演示数据初始化'];
  if (typeof d.reason === 'string') return [`原因：${d.reason}`];
  return [];
}

/** 档案变更记录 (GET /api/members/:id/history). */
export function MemberHistory({ memberId }: { memberId: string }) {
  const q = useQuery({ queryKey: memberKeys.history(memberId), queryFn: () => getMemberHistory(memberId) });
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon title="无法加载变更记录" description={errorMessage(q.error)} />;
  if (q.data.length === 0) return <Empty description="暂无变更记录" />;
  return (
    <Timeline
      items={q.data.map((e) => ({
        key: e.id,
        content: (
          <>
            <Typography.Text strong>{kindLabels[e.kind] ?? e.kind}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              {formatInstant(e.occurredAt)} · {e.actor ?? '系统'}
            </Typography.Text>
            {describe(e).map((line) => (
              <div key={line}>{line}</div>
            ))}
          </>
        ),
      }))}
    />
  );
}
