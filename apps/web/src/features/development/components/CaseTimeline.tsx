import { useState } from 'react';
import { Collapse, Steps, Tag, Typography } from 'antd';
import { developmentStages, developmentSteps } from '@xianfeng/contracts/development/development.steps';
import type { CaseView } from '../api';
import { stageShort } from '../format';
import { useCaseNames } from '../use-names';
import { StepRecord } from './StepRecord';
import { DueText, OverrideTag } from './tags';

type State = 'finish' | 'process' | 'wait' | 'error';

function stageState(kase: CaseView, stage: number): State {
  if (kase.status === 'archived') return 'finish';
  if (stage < kase.stage) return 'finish';
  if (stage > kase.stage) return 'wait';
  return kase.status === 'stopped' ? 'error' : 'process';
}

/** The 25 steps of one stage: done ones with their record, the next ones marked with their deadline. */
function StageSteps({ kase, stage, names }: { kase: CaseView; stage: number; names: Map<string, string> }) {
  const steps = developmentSteps.filter((s) => s.stage === stage);
  return (
    <Steps
      orientation="vertical"
      size="small"
      // Icons count on from the chart's numbers (12, 13, … in stage 4), not from 1 in each stage.
      initial={(steps[0]?.number ?? 1) - 1}
      data-testid={`stage-steps-${stage}`}
      items={steps.map((def) => {
        const records = kase.steps.filter((s) => s.key === def.key).sort((a, b) => a.seq - b.seq);
        const next = kase.next.find((n) => n.key === def.key);
        const status: State = records.length ? 'finish' : next ? (next.overdue ? 'error' : 'process') : 'wait';
        return {
          key: def.key,
          status,
          title: (
            <span data-testid={`timeline-step-${def.number}`}>
              {/* A done or late step's icon is a tick or a cross, so its number goes in the title. */}
              {status === 'finish' || status === 'error' ? `${def.number}. ` : ''}
              {def.zh}
              {records.length > 1 && <Tag style={{ marginInlineStart: 8 }}>{records.length} 次</Tag>}
              {records.some((r) => r.overrideReason) && <span style={{ marginInlineStart: 8 }}><OverrideTag /></span>}
              {next && (
                <Tag color="processing" style={{ marginInlineStart: 8 }}>
                  下一步
                </Tag>
              )}
            </span>
          ),
          content: (
            <div>
              {records.map((r) => (
                <StepRecord key={r.id} s={r} names={names} caseId={kase.id} />
              ))}
              {next && (
                <Typography.Text type="secondary">
                  {next.dueBy ? <DueText dueBy={next.dueBy} overdue={next.overdue} /> : next.earliest ? `${next.earliest} 起可以办理` : '可以办理'}
                </Typography.Text>
              )}
              {!records.length && !next && <Typography.Text type="secondary">{def.repeatable ? '可多次办理' : '未办理'}</Typography.Text>}
            </div>
          ),
        };
      })}
    />
  );
}

/**
 * 全程纪实: the five stages across the top, then every stage's steps. The current stage (and any stage with
 * a step due) is open; the others fold away.
 */
export function CaseTimeline({ kase }: { kase: CaseView }) {
  const nextStages = kase.next.map((n) => developmentSteps.find((s) => s.key === n.key)?.stage).filter((s): s is NonNullable<typeof s> => s !== undefined);
  const names = useCaseNames(kase);
  const [open, setOpen] = useState<string[]>([...new Set([kase.stage, ...nextStages])].map(String));
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Steps
        size="small"
        data-testid="stage-timeline"
        current={kase.stage - 1}
        items={developmentStages.map((s) => ({ key: s.stage, status: stageState(kase, s.stage), title: stageShort[s.stage], content: <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.zh}</Typography.Text> }))}
      />
      <Collapse
        activeKey={open}
        onChange={(k) => setOpen(Array.isArray(k) ? k : [k])}
        items={developmentStages.map((s) => {
          const done = new Set(kase.steps.filter((r) => r.stage === s.stage).map((r) => r.key)).size;
          const total = developmentSteps.filter((d) => d.stage === s.stage).length;
          return {
            key: String(s.stage),
            label: (
              <span data-testid={`stage-panel-${s.stage}`}>
                第{'一二三四五'[s.stage - 1]}阶段 {s.zh}
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  已办 {done} / {total}
                </Typography.Text>
              </span>
            ),
            children: <StageSteps kase={kase} stage={s.stage} names={names} />,
          };
        })}
      />
    </div>
  );
}
