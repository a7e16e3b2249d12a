import type { ApplicantCaseView } from './api';
import { stageNames, zhDate } from './format';

const ordinal = ['', '一', '二', '三', '四', '五'];

const dot = { done: '#389e0d', current: '#b71c1c', todo: '#bfbfbf' } as const;

/** The five stages one under another: done ones ticked with their steps, the current one highlighted. */
export function StageTimeline({ c }: { c: ApplicantCaseView }) {
  return (
    <ol style={{ listStyle: 'none', margin: 12, padding: 0, background: '#fff', borderRadius: 12, overflow: 'hidden' }} data-testid="stage-timeline">
      {c.stages.map((s, i) => {
        const steps = c.steps.filter((x) => x.stage === s.stage);
        return (
          <li
            key={s.stage}
            data-state={s.state}
            style={{ display: 'flex', gap: 12, padding: '14px 16px', borderTop: i === 0 ? 'none' : '1px solid #eee', background: s.state === 'current' ? '#fff1f0' : '#fff' }}
          >
            <span
              aria-hidden
              style={{ flex: '0 0 36px', height: 36, borderRadius: 18, background: dot[s.state], color: '#fff', fontSize: 19, fontWeight: 700, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
            >
              {s.state === 'done' ? '✓' : s.stage}
            </span>
            <div style={{ flex: 1, minWidth: 0 }}>
              <div style={{ fontSize: 20, fontWeight: 700, lineHeight: 1.4, color: s.state === 'todo' ? '#555' : '#111' }}>
                第{ordinal[s.stage]}阶段 · {stageNames[s.stage]}
                {s.state === 'current' && <span style={{ marginLeft: 8, fontSize: 17, color: '#b71c1c' }}>（当前）</span>}
              </div>
              {steps.map((x) => (
                <div key={`${x.key}-${x.date}`} style={{ fontSize: 18, lineHeight: 1.6, color: '#333' }}>
                  ✓ {x.zh}
                  <span style={{ color: '#555', marginLeft: 8, whiteSpace: 'nowrap' }}>{zhDate(x.date)}</span>
                </div>
              ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
