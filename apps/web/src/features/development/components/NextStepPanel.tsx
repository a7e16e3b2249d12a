import { useState } from 'react';
import { Alert, Card, Descriptions, Empty, Space, Tabs, Tag, Typography } from 'antd';
import { CheckCircleOutlined, StopOutlined } from '@ant-design/icons';
import type { StepDef } from '@xianfeng/contracts/development/development.steps';
import { hasPermission, useMe } from '../../auth/api';
import type { CaseView, NextStep } from '../api';
import { actorLabels, dueState, stageShort, stepDef, todayInBeijing } from '../format';
import { StepForm } from './StepForm';
import { periodText } from './StepDatePicker';
import { DueText } from './tags';

/** Steps the higher committee or its organisation department takes (备案、同意、预审、审批): development.approve. */
const upperActors: readonly StepDef['actor'][] = ['committee', 'org_department'];

/** What the rules require of this step, before anything is typed: who, by when, and what still stands in the way. */
function RulesPanel({ next, def }: { next: NextStep; def: StepDef }) {
  return (
    <div style={{ display: 'grid', gap: 8, marginBottom: 16 }} data-testid="step-rules">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'actor', label: '办理主体', children: actorLabels[def.actor] },
          { key: 'period', label: '规定办理期间', children: <span data-testid="rule-period">{periodText(next.earliest, next.dueBy)}</span> },
          { key: 'due', label: '时限', children: <DueText dueBy={next.dueBy} overdue={next.overdue} /> },
          { key: 'article', label: '依据', children: `《中国共产党发展党员工作细则》${def.article}` },
        ]}
      />
      {next.blockedBy.length === 0 && next.overdue ? (
        <Alert
          type="warning"
          showIcon
          title={`已超过规定时限（${next.dueBy} 前，依据：${def.article}）`}
          description="请尽快办理。按实际日期记录时，超过时限的日期会被拒绝；确有特殊情况的，由有权限的上级党组织说明理由后越过规定办理。"
          data-testid="rules-overdue"
        />
      ) : next.blockedBy.length === 0 ? (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} title="前置条件已满足，可以办理" data-testid="rules-ok" />
      ) : (
        <Alert
          type="error"
          showIcon
          icon={<StopOutlined />}
          title="暂不能办理："
          data-testid="rules-blocked"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {next.blockedBy.map((b) => (
                <li key={b.code + b.message}>
                  {b.message}
                  <Typography.Text type="secondary">（依据：{b.article}）</Typography.Text>
                </li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}

/**
 * 下一步: the step(s) the case may take now (from the server's `next`), each with what the rules require shown
 * above its form. Steps of the higher committee show their rules to the branch, and their form only to those
 * who may take them.
 */
export function NextStepPanel({ kase }: { kase: CaseView }) {
  const me = useMe().data;
  const [active, setActive] = useState<string | null>(null);
  if (kase.status !== 'open') return null;
  const items = kase.next.map((n) => ({ n, def: stepDef(n.key) })).filter((x): x is { n: NextStep; def: StepDef } => !!x.def);
  const canWrite = hasPermission(me, 'development.write');
  const canApprove = hasPermission(me, 'development.approve');
  const canOverride = hasPermission(me, 'development.override');
  const chosen = items.find((x) => x.n.key === active) ?? items[0];
  const today = todayInBeijing();

  const body = (n: NextStep, def: StepDef) => (
    <div data-testid={`next-${n.key}`}>
      <RulesPanel next={n} def={def} />
      {!canWrite ? (
        <Alert type="info" showIcon title="您可以查看本环节的要求，办理须由本支部或上级党组织的经办人进行。" />
      ) : upperActors.includes(def.actor) && !canApprove ? (
        <Alert type="info" showIcon title="本环节由有审批预备党员权限的上级党委办理" description="请报上级党委；上级党委办理后，这里会显示办理记录并进入下一环节。" data-testid="upper-step" />
      ) : (
        <StepForm key={`${kase.id}-${n.key}-${kase.version}`} kase={kase} next={n} def={def} canOverride={canOverride} defaultResponsible={me?.displayName ?? null} />
      )}
    </div>
  );

  return (
    <Card size="small" title={<span>下一步办理 <Typography.Text type="secondary">（{stageShort[kase.stage]}阶段）</Typography.Text></span>} data-testid="next-steps">
      {!chosen ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="当前没有可以办理的环节" />
      ) : items.length === 1 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            第 {chosen.def.number} 环节：{chosen.def.zh}
          </Typography.Title>
          {body(chosen.n, chosen.def)}
        </>
      ) : (
        <Tabs
          activeKey={chosen.n.key}
          onChange={setActive}
          items={items.map(({ n, def }) => ({
            key: n.key,
            label: (
              <Space size={4} data-testid={`next-tab-${n.key}`}>
                {def.number}. {def.zh}
                {n.overdue && <Tag color="red">已超期</Tag>}
                {dueState(n.dueBy, n.overdue, today) === 'soon' && <Tag color="orange">{n.dueBy} 前</Tag>}
                {n.blockedBy.length > 0 && <Tag>未满足条件</Tag>}
              </Space>
            ),
            children: body(n, def),
          }))}
        />
      )}
    </Card>
  );
}
