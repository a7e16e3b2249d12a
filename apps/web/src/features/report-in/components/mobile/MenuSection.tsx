import { useState } from 'react';
import { postKindLabels } from '@xianfeng/contracts/report-in/report-in.enums';
import { errorMessage } from '@/lib/http';
import { claimPost, releaseClaim, type ReportInMineView, type ReportInView } from '../../api';
import { m } from './styles';

type Mine = ReportInMineView['items'][number];

/**
 * 我认领的 and 社区服务项目: the member chooses from the community's menu (what residents asked for) and may give a
 * post up again. Big buttons, one tap each; a full item says so instead of a button.
 */
export function MenuSection({ r, onChanged }: { r: Mine; onChanged: (v: ReportInView) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const active = r.claims.filter((c) => !c.releasedAt);
  const run = async (key: string, fn: () => Promise<ReportInView>) => {
    setBusy(key);
    setError(null);
    try {
      onChanged(await fn());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <h2 style={m.section}>我认领的</h2>
      <div style={m.card}>
        {active.length === 0 && <p style={{ ...m.line, padding: '14px 16px', margin: 0 }}>还没有认领。请在下面选择适合您的岗位、结对或服务队。</p>}
        {active.map((c, i) => (
          <div key={c.id} style={{ ...m.item, ...(i === 0 ? { borderTop: 'none' } : {}), display: 'flex', alignItems: 'center', gap: 12 }}>
            <div style={{ flex: 1 }}>
              <span style={m.tag}>{postKindLabels[c.postKind]}</span>
              <span style={m.title}>{c.postTitle}</span>
            </div>
            <button type="button" style={m.buttonQuiet} disabled={busy !== null} onClick={() => void run(c.id, () => releaseClaim(c.id))}>
              退出
            </button>
          </div>
        ))}
      </div>
      <h2 style={m.section}>社区服务项目</h2>
      <div style={m.card} data-testid="report-in-menu">
        {r.menu.length === 0 && <p style={{ ...m.line, padding: '14px 16px', margin: 0 }}>社区暂未发布服务项目。</p>}
        {r.menu.map((p, i) => {
          const mine = active.some((c) => c.postId === p.id);
          const full = p.capacity !== null && p.claimed >= p.capacity;
          return (
            <div key={p.id} style={{ ...m.item, ...(i === 0 ? { borderTop: 'none' } : {}) }}>
              <div>
                <span style={m.tag}>{postKindLabels[p.kind]}</span>
                <span style={m.title}>{p.title}</span>
              </div>
              {p.description && <p style={{ ...m.line, margin: '6px 0' }}>{p.description}</p>}
              <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
                <span style={m.small}>{p.capacity === null ? `已有 ${p.claimed} 人参加` : `名额 ${p.capacity} 人，还剩 ${Math.max(p.capacity - p.claimed, 0)} 人`}</span>
                {mine ? (
                  <span style={{ ...m.small, color: '#237804', fontWeight: 600 }}>已认领</span>
                ) : full ? (
                  <span style={m.small}>名额已满</span>
                ) : (
                  <button type="button" style={m.button} disabled={busy !== null} onClick={() => void run(p.id, () => claimPost(r.id, p.id))} data-testid="report-in-claim">
                    {busy === p.id ? '正在认领…' : '认领'}
                  </button>
                )}
              </div>
            </div>
          );
        })}
      </div>
      {error && (
        <div style={{ ...m.error, margin: '0 12px' }} role="alert">
          {error}
        </div>
      )}
    </>
  );
}
