import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { LetterCheck } from '../api';

const verdict: Record<LetterCheck['state'], { word: string; colour: string; note: string }> = {
  valid: { word: '有效', colour: '#1a7f37', note: '本介绍信由本平台开具，在有效期内，尚未使用。' },
  expired: { word: '已过期', colour: '#c8161d', note: '本介绍信已过有效期，请党员联系原党组织重新开具。' },
  used: { word: '已使用', colour: '#8c5a00', note: '本介绍信已登记回执，组织关系转接已办结，不能再次使用。' },
  void: { word: '已作废', colour: '#c8161d', note: '该转接已撤销或未获同意，本介绍信作废。' },
  invalid: { word: '无效', colour: '#c8161d', note: '无法核验：介绍信不是本平台开具，或二维码已被改动。' },
};

const cnDate = (day: string | null) => (day ? `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日` : '');

type Load = { kind: 'loading' } | { kind: 'done'; v: LetterCheck } | { kind: 'error' };

/**
 * The public check of a 组织关系介绍信 (/verify/transfer-letter/:token), opened from the letter's QR code by
 * the receiving organisation. No login, no UI library (a small chunk, like the 活动证 check); the name is masked.
 */
export default function LetterVerifyPage() {
  const { token = '' } = useParams();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    const ctl = new AbortController();
    fetch(`/api/transfers/letters/verify?token=${encodeURIComponent(token)}`, { signal: ctl.signal, credentials: 'omit' })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        setLoad({ kind: 'done', v: (await res.json()) as LetterCheck });
      })
      .catch((err: unknown) => {
        if (!(err instanceof DOMException && err.name === 'AbortError')) setLoad({ kind: 'error' });
      });
    return () => ctl.abort();
  }, [token]);

  const v = load.kind === 'done' ? load.v : null;
  const say = v ? verdict[v.state] : null;
  const rows: [string, string | null][] = v && v.state !== 'invalid'
    ? [
        ['介绍信编号', v.letterNo],
        ['党员姓名', v.memberName],
        ['转出党组织', v.fromOrgName],
        ['转入党组织', v.toOrgName],
        ['开具日期', cnDate(v.issuedOn)],
        ['有效期至', cnDate(v.validUntil)],
      ]
    : [];
  return (
    <main style={{ maxWidth: 520, margin: '0 auto', padding: 16, fontFamily: 'system-ui, "PingFang SC", "Noto Sans SC", sans-serif', color: '#222' }}>
      <header style={{ background: '#c8161d', color: '#fff', borderBottom: '3px solid #f5d36b', borderRadius: '12px 12px 0 0', padding: '16px 8px', textAlign: 'center' }}>
        <h1 style={{ margin: 0, fontSize: 21, letterSpacing: 1 }}>组织关系介绍信核验</h1>
      </header>
      <section style={{ background: '#fff', borderRadius: '0 0 12px 12px', boxShadow: '0 2px 10px rgba(0,0,0,.08)', padding: 20, textAlign: 'center' }} aria-live="polite">
        {load.kind === 'loading' && <p style={{ fontSize: 20 }}>正在核验…</p>}
        {load.kind === 'error' && <p style={{ fontSize: 20 }}>网络连接失败，请稍后重试</p>}
        {v && say && (
          <>
            <div data-testid="letter-verdict" data-state={v.state} style={{ fontSize: 60, fontWeight: 800, color: say.colour, lineHeight: 1.2, margin: '8px 0' }}>
              {say.word}
            </div>
            <p style={{ fontSize: 18, color: '#444', margin: '8px 0 0' }}>{say.note}</p>
            {rows.length > 0 && (
              <dl style={{ textAlign: 'left', fontSize: 18, margin: '20px 0 0', display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '10px 16px' }}>
                {rows.map(([k, val]) => (
                  <div key={k} style={{ display: 'contents' }}>
                    <dt style={{ color: '#666' }}>{k}</dt>
                    <dd style={{ margin: 0, wordBreak: 'break-all', fontFamily: k === '介绍信编号' ? 'monospace' : undefined }}>{val ?? ''}</dd>
                  </div>
                ))}
              </dl>
            )}
          </>
        )}
      </section>
      <p style={{ color: '#888', fontSize: 14, textAlign: 'center', marginTop: 16 }}>本页由先锋智慧党建平台提供，凭 SM2 数字签名核验真伪；姓名已部分隐去。请以介绍信原件和接收党组织的核对为准。</p>
    </main>
  );
}
