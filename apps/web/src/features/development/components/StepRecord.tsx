import { Alert, Descriptions, Space, Typography } from 'antd';
import type { StepKey } from '@xianfeng/contracts/development/development.steps';
import { formatInstant } from '@/lib/dates';
import { attachmentUrl, type StepView } from '../api';
import { choiceLabel, labelOf, overriddenText } from '../format';
import { stepFormFields, type FieldSpec } from '../step-form-model';
import { tallyVote, type Tally } from '../vote';

function show(spec: FieldSpec | undefined, name: string, value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined || value === '') return '—';
  const kind = spec?.kind;
  if (kind === 'choice' && typeof value === 'string') return choiceLabel(name, value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (kind === 'members' && Array.isArray(value)) return value.map((id) => names.get(String(id)) ?? '（无权查看）').join('、');
  if (kind === 'org' && typeof value === 'string') return names.get(value) ?? '（无权查看）';
  if (kind === 'rows' && Array.isArray(value)) {
    if (value.length === 0) return '无';
    return value.map((r: Record<string, unknown>) => `${String(r.name ?? '')}（${choiceLabel('reason', String(r.reason ?? ''))}）`).join('、');
  }
  if (Array.isArray(value)) return value.map(String).join('、');
  return String(value);
}

/**
 * One step as recorded (一事一记): date, who was responsible, the decision, the step's own fields in the
 * contracts' words, and — flagged — the reason when it was recorded against a refused rule.
 */
export function StepRecord({ s, names, caseId }: { s: StepView; names: Map<string, string>; caseId: string }) {
  const specs = stepFormFields(s.key as StepKey);
  const items = specs
    .filter((f) => s.fields[f.name] !== undefined)
    .map((f) => ({ key: f.name, label: labelOf(s.key as StepKey, f.name), children: show(f, f.name, s.fields[f.name], names) }));
  const byId = new Map((s.attachmentFiles ?? []).map((f) => [f.id, f.fileName]));
  const vote = specs.some((f) => f.vote) ? tallyVote(s.fields as Tally) : null;
  return (
    <div style={{ display: 'grid', gap: 6, paddingBottom: 8 }} data-testid={`record-${s.key}-${s.seq}`}>
      <Space size={8} wrap>
        <Typography.Text strong data-testid="record-date">
          {s.date}
        </Typography.Text>
        {s.orgName && <Typography.Text type="secondary">{s.orgName}</Typography.Text>}
        {s.responsible.length > 0 && <span>责任人：{s.responsible.join('、')}</span>}
      </Space>
      {s.decision && <div>意见或决定：{s.decision}</div>}
      {items.length > 0 && <Descriptions size="small" column={{ xs: 1, md: 2 }} items={items} />}
      {s.attachments.length > 0 && (
        <Space size={8} wrap data-testid="record-attachments">
          附件：
          {s.attachments.map((id, i) => (
            <a key={id} href={attachmentUrl(caseId, id)} download={byId.get(id) ?? true}>
              {byId.get(id) ?? `附件 ${i + 1}`}
            </a>
          ))}
        </Space>
      )}
      {vote && (
        <Typography.Text type="secondary">
          表决：{vote.quorum ? '到会人数符合规定' : '到会人数不足'}，{vote.passed ? '通过' : '未通过'}（赞成含书面 {vote.yesTotal} 票，须至少 {vote.needed} 票）
        </Typography.Text>
      )}
      {s.overrideReason && (
        <Alert
          type="warning"
          showIcon
          title={`越过规定办理的理由：${s.overrideReason}`}
          description={s.overridden?.length ? `越过的规定：${s.overridden.map(overriddenText).join('；')}` : undefined}
          data-testid="record-override"
        />
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {s.actor ? `${s.actor} · ` : ''}
        {formatInstant(s.recordedAt)} 记录
      </Typography.Text>
    </div>
  );
}
