import { useState } from 'react';
import { errorMessage, ApiError } from '@/lib/http';
import { logService, type ReportInMineView, type ReportInView } from '../../api';
import { m } from './styles';

type Mine = ReportInMineView['items'][number];
const MINUTES = [30, 60, 90, 120, 180, 240];
const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/**
 * 登记服务: when, how long, what was done, for which claimed item. No photos and no location: the community, which
 * saw the work, approves it; until then it shows as 待审核.
 */
export function ServiceForm({ r, onSaved }: { r: Mine; onSaved: (v: ReportInView) => void }) {
  const claims = r.claims.filter((c) => !c.releasedAt);
  const [servedOn, setServedOn] = useState(today());
  const [minutes, setMinutes] = useState(60);
  const [content, setContent] = useState('');
  const [postId, setPostId] = useState<string | null>(claims[0]?.postId ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async () => {
    if (content.trim().length < 4) return setError('请写清做了什么（至少 4 个字）');
    setBusy(true);
    setError(null);
    try {
      onSaved(await logService(r.id, { servedOn, minutes, content: content.trim(), ...(postId ? { postId } : {}) }));
      setContent('');
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError && err.details[0] ? err.details[0].message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const chip = (on: boolean) => ({ ...m.chip, ...(on ? m.chipOn : {}) });
  return (
    <>
      <h2 style={m.section}>登记服务</h2>
      <div style={{ ...m.card, padding: 16 }} data-testid="report-in-service-form">
        <label style={m.line} htmlFor="served-on">
          服务日期
        </label>
        <input id="served-on" type="date" style={m.input} value={servedOn} max={today()} min={r.confirmedOn ?? undefined} onChange={(e) => (setServedOn(e.target.value), setDone(false))} />
        <div style={{ ...m.line, marginTop: 14 }}>服务时长</div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} role="group" aria-label="服务时长">
          {MINUTES.map((n) => (
            <button key={n} type="button" aria-pressed={minutes === n} style={chip(minutes === n)} onClick={() => setMinutes(n)}>
              {n < 60 ? `${n} 分钟` : `${n / 60} 小时`}
            </button>
          ))}
        </div>
        {claims.length > 0 && (
          <>
            <div style={{ ...m.line, marginTop: 14 }}>服务项目</div>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} role="group" aria-label="服务项目">
              {claims.map((c) => (
                <button key={c.id} type="button" aria-pressed={postId === c.postId} style={chip(postId === c.postId)} onClick={() => setPostId(c.postId)}>
                  {c.postTitle}
                </button>
              ))}
              <button type="button" aria-pressed={postId === null} style={chip(postId === null)} onClick={() => setPostId(null)}>
                其他
              </button>
            </div>
          </>
        )}
        <label style={{ ...m.line, display: 'block', marginTop: 14 }} htmlFor="service-content">
          做了什么
        </label>
        <textarea id="service-content" rows={3} maxLength={500} style={{ ...m.input, minHeight: 96 }} placeholder="如：上门看望结对老人，帮助代购药品" value={content} onChange={(e) => (setContent(e.target.value), setDone(false))} />
        {error && (
          <div style={m.error} role="alert">
            {error}
          </div>
        )}
        {done && <div style={m.ok}>已提交，社区审核后计入服务时长。</div>}
        <button type="button" style={{ ...m.button, width: '100%', marginTop: 14, minHeight: 60, fontSize: 21 }} disabled={busy} onClick={() => void submit()} data-testid="report-in-service-submit">
          {busy ? '正在提交…' : '提交服务记录'}
        </button>
      </div>
    </>
  );
}
