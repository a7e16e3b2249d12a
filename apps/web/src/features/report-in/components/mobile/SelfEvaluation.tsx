import { useState } from 'react';
import { gradeLabels, grades, raterLabels, raters, type Grade } from '@xianfeng/contracts/report-in/report-in.enums';
import { errorMessage } from '@/lib/http';
import { recordEvaluation, type ReportInMineView, type ReportInView } from '../../api';
import { m } from './styles';

type Mine = ReportInMineView['items'][number];

/** 五评议 as the member sees it: this year's self-evaluation to give (once), and the grades others gave. */
export function SelfEvaluation({ r, onSaved }: { r: Mine; onSaved: (v: ReportInView) => void }) {
  const year = new Date().getFullYear();
  const [grade, setGrade] = useState<Grade | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const due = r.raters.includes('self') && !r.evaluations.some((e) => e.year === year && e.rater === 'self');
  const years = [...new Set(r.evaluations.map((e) => e.year))].sort((a, b) => b - a);
  if (!due && years.length === 0) return null;
  const save = async () => {
    if (!grade) return setError('请选择一个等次');
    setBusy(true);
    setError(null);
    try {
      onSaved(await recordEvaluation(r.id, { year, rater: 'self', grade }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h2 style={m.section}>评议</h2>
      <div style={m.card}>
        {due && (
          <div style={{ padding: 16 }}>
            <div style={m.line}>{year} 年本人自评：</div>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, margin: '8px 0' }} role="group" aria-label="自评等次">
              {grades.map((g) => (
                <button key={g} type="button" aria-pressed={grade === g} style={{ ...m.chip, ...(grade === g ? m.chipOn : {}) }} onClick={() => setGrade(g)}>
                  {gradeLabels[g]}
                </button>
              ))}
            </div>
            {error && <div style={m.error}>{error}</div>}
            <button type="button" style={{ ...m.button, marginTop: 8 }} disabled={busy} onClick={() => void save()}>
              提交自评
            </button>
          </div>
        )}
        {years.map((y) => (
          <div key={y} style={{ ...m.item, ...(due ? {} : { borderTop: 'none' }) }}>
            <div style={m.title}>{y} 年</div>
            {raters.map((rater) => {
              const e = r.evaluations.find((x) => x.year === y && x.rater === rater);
              return e ? (
                <div key={rater} style={{ ...m.row, minHeight: 44, padding: '4px 0', borderTop: 'none' }}>
                  <span>{raterLabels[rater]}</span>
                  <strong>{gradeLabels[e.grade]}</strong>
                </div>
              ) : null;
            })}
          </div>
        ))}
      </div>
    </>
  );
}
