import { useState } from 'react';
import { App, Button, Input, Radio, Space, Typography } from 'antd';
import { gradeLabels, grades, raterLabels, type Grade, type Rater } from '@xianfeng/contracts/report-in/report-in.enums';
import { errorMessage } from '@/lib/http';
import { recordEvaluation, type ReportInView } from '../api';

/**
 * 五评议 entry for the grades the caller records (the server says which: `raters`), for one year. A grade already
 * given that year is shown, not editable (one per rater and year).
 */
export function EvaluationForm({ r, year, onSaved }: { r: ReportInView; year: number; onSaved: (v: ReportInView) => void }) {
  const { message } = App.useApp();
  const [grade, setGrade] = useState<Partial<Record<Rater, Grade>>>({});
  const [comment, setComment] = useState<Partial<Record<Rater, string>>>({});
  const [busy, setBusy] = useState<Rater | null>(null);
  const open = r.raters.filter((rater) => !r.evaluations.some((e) => e.year === year && e.rater === rater));
  if (r.raters.length === 0) return <Typography.Text type="secondary">本项评议不由您填写，或社区尚未确认报到。</Typography.Text>;
  if (open.length === 0) return <Typography.Text type="secondary">{year} 年由您填写的评议已全部完成。</Typography.Text>;
  const save = async (rater: Rater) => {
    const g = grade[rater];
    if (!g) return void message.warning('请选择等次');
    setBusy(rater);
    try {
      onSaved(await recordEvaluation(r.id, { year, rater, grade: g, comment: comment[rater]?.trim() || undefined }));
      void message.success(`已记录${raterLabels[rater]}`);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      {open.map((rater) => (
        <div key={rater} data-testid={`evaluate-${rater}`}>
          <Typography.Text strong>{raterLabels[rater]}</Typography.Text>
          <div style={{ margin: '6px 0' }}>
            <Radio.Group optionType="button" buttonStyle="solid" value={grade[rater]} onChange={(e) => setGrade((s) => ({ ...s, [rater]: e.target.value as Grade }))} options={grades.map((g) => ({ value: g, label: gradeLabels[g] }))} />
          </div>
          <Space.Compact style={{ width: '100%' }}>
            <Input placeholder="评语（可不填）" maxLength={300} value={comment[rater] ?? ''} onChange={(e) => setComment((s) => ({ ...s, [rater]: e.target.value }))} />
            <Button type="primary" loading={busy === rater} onClick={() => void save(rater)}>
              提交
            </Button>
          </Space.Compact>
        </div>
      ))}
    </Space>
  );
}
