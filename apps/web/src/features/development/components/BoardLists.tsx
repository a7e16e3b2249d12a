import { Card, Empty, List, Space, Table, Tag, Typography } from 'antd';
import type { BoardView, DeadlineItem, OverrideItem } from '../api';
import { overriddenText, stageShort } from '../format';
import { CaseLink } from './tags';

function DeadlineLine({ d }: { d: DeadlineItem }) {
  const late = d.kind === 'overdue';
  return (
    <List.Item
      extra={
        <span style={{ color: late ? '#cf1322' : '#d46b08', fontWeight: 600, whiteSpace: 'nowrap' }}>
          <Tag color={late ? 'red' : 'orange'}>{late ? '已超期' : '即将到期'}</Tag>
          {late ? `超 ${-d.days} 天` : d.days === 0 ? '今天到期' : `剩 ${d.days} 天`}
        </span>
      }
      data-testid={`deadline-${d.kind}`}
    >
      <div style={{ display: 'grid', gap: 2 }}>
        <Space size={6} wrap>
          <CaseLink id={d.caseId} name={d.name} />
          <Typography.Text type="secondary">{d.orgName}</Typography.Text>
        </Space>
        <span>
          第 {d.stepNumber} 环节 {d.stepName}：{d.rule}，{d.dueBy} 前
          <Typography.Text type="secondary">（依据：{d.article}）</Typography.Text>
        </span>
      </div>
    </List.Item>
  );
}

/** Time limits late or due soon, the longest overdue first (the server's order); each opens its case. */
export function DueList({ board }: { board: BoardView }) {
  const { items, truncated, dueSoonDays } = board.deadlines;
  return (
    <Card size="small" title="到期提醒" data-testid="board-due" extra={truncated ? <Typography.Text type="secondary">仅列前 {items.length} 条</Typography.Text> : null}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`没有已超期或 ${dueSoonDays} 天内到期的时限`} />
      ) : (
        <List size="small" dataSource={items} rowKey={(d) => `${d.caseId}-${d.stepKey}-${d.dueBy}`} renderItem={(d) => <DeadlineLine d={d} />} />
      )}
    </Card>
  );
}

/**
 * Steps recorded against a refused time limit or precondition (越过规定办理), with who did it and why: upper
 * levels see every one in their subtree (一步一审).
 */
export function OverridesCard({ overrides }: { overrides: BoardView['overrides'] }) {
  return (
    <Card size="small" title={<Space>越过规定办理的记录<Tag color={overrides.count ? 'volcano' : 'default'}>{overrides.count}</Tag></Space>} data-testid="board-overrides">
      {overrides.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有越过规定办理的环节" />
      ) : (
        <List
          size="small"
          dataSource={overrides.items}
          rowKey={(o: OverrideItem) => o.stepId}
          renderItem={(o: OverrideItem) => (
            <List.Item>
              <div style={{ display: 'grid', gap: 2 }}>
                <Space size={6} wrap>
                  <CaseLink id={o.caseId} name={o.name} />
                  <Typography.Text type="secondary">{o.orgName}</Typography.Text>
                  <span>
                    第 {o.stepNumber} 环节 {o.stepName} · {o.date}
                  </span>
                  {o.actor && <Typography.Text type="secondary">经办：{o.actor}</Typography.Text>}
                </Space>
                <div>理由：{o.reason}</div>
                {o.overridden.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    越过的规定：{o.overridden.map(overriddenText).join('；')}
                  </Typography.Text>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** For an upper level: each direct child's open cases by stage, overdue limits, plan and actual. */
export function ChildrenTable({ board, onPick }: { board: BoardView; onPick: (orgId: string) => void }) {
  // 党小组 handle no cases of their own: a branch's board lists no children.
  const children = board.children.filter((c) => c.kind !== 'group');
  if (children.length === 0) return null;
  return (
    <Card size="small" title="下级党组织" data-testid="board-children">
      <Table
        size="small"
        rowKey="orgId"
        pagination={children.length > 20 ? { pageSize: 20 } : false}
        dataSource={children}
        onRow={(r) => ({ onClick: () => onPick(r.orgId), style: { cursor: 'pointer' } })}
        columns={[
          { title: '党组织', dataIndex: 'name', render: (n: string) => <Typography.Link>{n}</Typography.Link> },
          { title: '在办', dataIndex: 'open', width: 70, align: 'right' },
          ...[0, 1, 2, 3, 4].map((i) => ({ title: stageShort[i + 1], key: `s${i}`, width: 96, align: 'right' as const, render: (_: unknown, r: BoardView['children'][number]) => r.byStage[i] })),
          { title: '超期', dataIndex: 'overdue', width: 70, align: 'right', render: (n: number) => (n ? <span style={{ color: '#cf1322', fontWeight: 600 }}>{n}</span> : 0) },
          { title: '已批准 / 计划', key: 'plan', width: 120, align: 'right', render: (_: unknown, r) => `${r.actual} / ${r.planned ?? '—'}` },
        ]}
      />
    </Card>
  );
}
